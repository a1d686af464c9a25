"""What a resident reads, checked in the browser against the build's own needs.json:
every KPI target in the KPI table with its year and KPI, policies linking to their
measures and KPIs, visions listing their policies, gaps said in words."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .conftest import CONTENT_PAGES, ROOT

GAP = "未記載（出典に記載なし）"
#: The plan these checks are about; the site may carry other plans beside it.
PLAN = "PLAN_DX2025_LATE"
#: Child → parent links, read from the project's configuration rather than through dxplan.
PARENT_LINKS = tomllib.loads((ROOT / "ubproject.toml").read_text(encoding="utf-8"))["dxplan"]["hierarchy"]
POLICY_PAGES = [p for p in CONTENT_PAGES if re.fullmatch(r"policies/(policy|support)-\d+\.html", p)]
VISION_PAGES = [p for p in CONTENT_PAGES if re.fullmatch(r"vision-\d+\.html", p)]
SECTION_PAGES = [p for p in CONTENT_PAGES if p.startswith("sections/") and p != "sections/index.html"]

Need = dict[str, Any]


def wareki(fy: int) -> str:
    """令和 fiscal-year label, written out here rather than imported from dxplan."""
    n = fy - 2018
    assert n >= 1, fy
    return f"令和{'元' if n == 1 else n}年度"


@pytest.fixture(scope="module")
def needs(site: Path) -> dict[str, Need]:
    """The needs of the plan (板橋区DX推進計画2025 後期実施計画), and every section."""
    data = json.loads((site / "needs.json").read_text(encoding="utf-8"))
    version = data["versions"][data["current_version"]]
    found = version["needs"]
    assert found, "needs.json に need がありません"
    assert PLAN in found, f"needs.json に計画 {PLAN} がありません"
    return {i: n for i, n in found.items() if n["type"] == "section" or reaches_plan(found, n, PLAN)}


def reaches_plan(needs: dict[str, Need], need: Need, plan: str, seen: frozenset[str] = frozenset()) -> bool:
    if need["id"] == plan:
        return True
    parents = [p for link in PARENT_LINKS.get(need["type"], ()) for p in need.get(link) or []]
    return any(p in needs and p not in seen and reaches_plan(needs, needs[p], plan, seen | {need["id"]}) for p in parents)


def of_type(needs: dict[str, Need], kind: str) -> list[Need]:
    return sorted((n for n in needs.values() if n["type"] == kind), key=lambda n: n["id"])


def on_page(needs: dict[str, Need], kind: str, path: str) -> Need:
    docname = path.removesuffix(".html")
    found = [n for n in of_type(needs, kind) if n["docname"] == docname]
    assert len(found) == 1, f"{path}: {kind} の need が1つではありません: {[n['id'] for n in found]}"
    return found[0]


def links_to(page, need_id: str, scope: str = "article") -> list[str]:
    """Texts of the links in `scope` that point at a need's card."""
    return page.evaluate(
        """([scope, id]) => [...document.querySelectorAll(scope + " a[href]")]
              .filter(a => new URL(a.href).hash === "#" + id)
              .map(a => a.textContent.trim())""",
        [scope, need_id],
    )


# ------------------------------------------------------------------ needs.json


def test_needs_json_has_the_plans_kpis_each_target_with_its_kpi(needs):
    # How many: tests/test_plan_content.py checks them against the source (seed 002).
    assert of_type(needs, "kpi") and of_type(needs, "target")
    for target in of_type(needs, "target"):
        assert len(target["kpi"]) == 1 and target["kpi"][0] in needs, target["id"]


# ------------------------------------------------------------------ KPI table


def kpi_table_rows(page) -> list[dict[str, Any]]:
    """The KPI table as {header: {text, hashes}} per body row, plus whether it is visible."""
    return page.evaluate(
        """() => {
            const table = document.querySelector("article table.dxplan-kpi-table");
            if (!table) return [];
            const heads = [...table.tHead.rows[0].cells].map(c => c.textContent.trim());
            return [...table.tBodies[0].rows].map(row => {
                const out = {_visible: row.checkVisibility() && row.getBoundingClientRect().height > 0};
                [...row.cells].forEach((cell, i) => {
                    out[heads[i]] = {text: cell.textContent.trim().replace(/\\s+/g, " "),
                                     hashes: [...cell.querySelectorAll("a[href]")].map(a => new URL(a.href).hash.slice(1))};
                });
                return out;
            });
        }"""
    )


def test_every_target_is_in_the_kpi_table_with_its_year_and_kpi(reader, needs):
    reader.visit("kpis.html")
    rows = kpi_table_rows(reader)
    targets = of_type(needs, "target")
    assert rows, "kpis.html に KPI の表がありません"
    assert len(rows) == len(targets), f"表の行数 {len(rows)}, 目標値 {len(targets)}"
    for target in targets:
        kpi = needs[target["kpi"][0]]
        matches = [r for r in rows if r["目標（出典の表記）"]["text"] == target["title"]]
        assert len(matches) == 1, f"目標「{target['title']}」({target['id']}) の行が {len(matches)} 行あります"
        row = matches[0]
        assert target["id"] in row["目標（出典の表記）"]["hashes"], (target["id"], row)
        assert row["目標年度"]["text"] == wareki(target["target_fy"]), (
            f"「{target['title']}」の目標年度: 表は {row['目標年度']['text']}、"
            f"needs.json は {target['target_fy']}（{wareki(target['target_fy'])}）"
        )
        assert row["KPI"]["text"] == kpi["title"] and kpi["id"] in row["KPI"]["hashes"], (
            f"「{target['title']}」の行の KPI: {row['KPI']}; 期待: {kpi['title']} ({kpi['id']})"
        )
    # The exact wordings the plan uses, as a reader would search for them.
    by_target = {r["目標（出典の表記）"]["text"]: r for r in rows}
    assert by_target["2,800時間削減"]["目標年度"]["text"] == "令和7年度"
    assert by_target["相談件数30件以上"]["目標年度"]["text"] == "令和7年度"
    assert by_target["相談件数30件以上"]["KPI"]["text"] == by_target["事業化10件以上"]["KPI"]["text"]
    assert by_target["対応窓口3か所拡大"]["目標年度"]["text"] == "令和6年度"


def test_kpi_table_controls_are_japanese_and_every_row_is_shown(reader, needs):
    reader.visit("kpis.html")
    controls = reader.locator("article .needstable-controls")
    assert controls.count() == 1 and controls.is_visible(), "表の操作部品がありません"
    assert reader.get_by_text("表内を検索", exact=True).first.is_visible()
    widget = reader.evaluate(
        """() => { const w = document.querySelector("article .needstable");
                   const attrs = [...w.querySelectorAll("[placeholder], [aria-label], [title]")]
                       .flatMap(e => ["placeholder", "aria-label", "title"].map(a => e.getAttribute(a)).filter(Boolean));
                   return {text: w.innerText, attrs: attrs.join("\\n"), page: document.body.innerText}; }"""
    )
    for english in ["Search", "Rows per page", "Columns", "Copy", "Showing", "Previous", "Next", ": sort"]:
        assert english not in widget["page"] and english not in widget["attrs"], f"英語の表示: {english!r}"
    rows = kpi_table_rows(reader)
    hidden = [r["目標（出典の表記）"]["text"] for r in rows if not r["_visible"]]
    targets = len(of_type(needs, "target"))
    assert len(rows) == targets and not hidden, f"表示されていない行: {hidden}"
    assert reader.locator("article .needstable button.needstable-page").count() == 0, "ページ送りで行が隠れています"

    # Typing in the search box narrows the rows, in Japanese.
    box = reader.locator("article .needstable input[type=search]")
    box.fill("相談")
    shown_rows = """[...document.querySelectorAll("article table.dxplan-kpi-table tbody tr")]
                        .filter(r => r.checkVisibility()).length"""
    reader.wait_for_function(f"() => {{ const n = {shown_rows}; return n > 0 && n < {targets}; }}")
    shown = [r for r in kpi_table_rows(reader) if r["_visible"]]
    assert all("相談" in " ".join(c["text"] for k, c in r.items() if k != "_visible") for r in shown), shown
    assert "相談件数30件以上" in [r["目標（出典の表記）"]["text"] for r in shown]
    box.fill("")
    reader.wait_for_function(f"() => {shown_rows} === {targets}")


# ------------------------------------------------------------------ policies, visions, top page


def kpis_of_policy(needs: dict[str, Need], policy: Need) -> list[Need]:
    measures = {m["id"] for m in of_type(needs, "measure") if policy["id"] in m["policy"]}
    return [k for k in of_type(needs, "kpi") if measures & set(k["measures"]) or policy["id"] in k["measures"]]


@pytest.mark.parametrize("path", POLICY_PAGES)
def test_policy_page_links_to_its_measures_and_kpis(reader, needs, path):
    policy = on_page(needs, "policy", path)
    reader.visit(path)
    measures = [m for m in of_type(needs, "measure") if policy["id"] in m["policy"]]
    kpis = kpis_of_policy(needs, policy)
    assert measures and kpis, f"{path}: {policy['id']} に施策か KPI がありません"
    missing = [m["id"] for m in measures if not links_to(reader, m["id"])]
    missing += [k["id"] for k in kpis if kpi_link_missing(reader, k)]
    assert not missing, f"{path}: リンクのない施策・KPI: {missing}"
    # Each measure's card is on this page with its name and owner, or says in words that the
    # source leaves them out.
    for measure in measures:
        assert measure["docname"] == policy["docname"], f"{measure['id']} が {path} にありません"
        card = reader.locator(f"article [id='{measure['id']}']")
        assert card.count() == 1, f"{path}: {measure['id']} の説明がありません"
        text = card.inner_text()
        owners = [needs[s]["title"] for s in measure.get("owner") or [] if s in needs]
        for field, values in (("施策名", [measure["name"]] if measure.get("name") else []), ("主管課", owners)):
            shown = "|".join(map(re.escape, values)) or re.escape(GAP)
            assert re.search(rf"{field}\s*[:：]\s*(?:{shown})", text), f"{path} {measure['id']} の{field}: {text!r}"


def kpi_link_missing(page, kpi: Need) -> bool:
    return kpi["title"] not in links_to(page, kpi["id"])


@pytest.mark.parametrize("path", VISION_PAGES)
def test_vision_page_lists_its_policies(reader, needs, path):
    vision = on_page(needs, "vision", path)
    reader.visit(path)
    policies = [p for p in of_type(needs, "policy") if vision["id"] in p["vision"]]
    assert policies, f"{path}: {vision['id']} に基本方針がありません"
    text = reader.text()
    for policy in policies:
        assert policy["title"] in text, f"{path}: 基本方針「{policy['title']}」が載っていません"
        assert links_to(reader, policy["id"]), f"{path}: {policy['id']} へのリンクがありません"
    others = [p for p in of_type(needs, "policy") if vision["id"] not in p["vision"]]
    listed = [p["id"] for p in of_type(needs, "policy") if links_to(reader, p["id"], "article table")]
    assert sorted(listed) == sorted(p["id"] for p in policies), (listed, [p["id"] for p in others])


def test_top_page_lists_both_visions_and_all_eight_policies(reader, needs):
    visions, policies = of_type(needs, "vision"), of_type(needs, "policy")
    assert len(visions) == 2
    assert sorted(p["category"] for p in policies) == ["基本方針"] * 5 + ["推進体制強化"] * 3
    reader.visit("index.html")
    structure = "article ul.dxplan-structure"
    assert reader.locator(structure).count() == 1, "index.html に計画の体系の一覧がありません"
    for vision in visions:
        texts = links_to(reader, vision["id"], structure)
        assert any(vision["title"] in t for t in texts), f"ビジョン {vision['id']}: {texts}"
    for policy in policies:
        label = f"【{policy['category']}{policy['number_label']}】{policy['title']}"
        assert label in links_to(reader, policy["id"], structure), f"index.html に「{label}」がありません"


def test_every_measure_on_the_top_page_shows_its_name_or_says_the_source_gives_none(reader, needs):
    """A measure the source does not name is said to be unnamed, never given an invented name
    (the plan structure on the top page; each card, on its policy's page). Which measures the
    source names: tests/test_plan_content.py, against seed 002."""
    measures = of_type(needs, "measure")
    assert measures
    reader.visit("index.html")
    lines = reader.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("article ul.dxplan-structure li li li")]
              .map(li => [new URL(li.querySelector("a").href).hash.slice(1), li.textContent.trim()]))"""
    )
    for measure in measures:
        line = lines.get(measure["id"], "")
        expected = measure.get("name") or f"施策名: {GAP}"
        assert expected in line, f"index.html の {measure['id']}: {line!r}"
        # Its card is checked with its policy's page (test_policy_page_links_to_...).
        assert measure["docname"] + ".html" in POLICY_PAGES, f"{measure['id']} の説明のページ: {measure['docname']}"


# ------------------------------------------------------------------ sections


def test_every_section_need_has_its_page(site, needs):
    sections = of_type(needs, "section")
    assert sections, "主管課の need がありません"
    pages = sorted(n["docname"] + ".html" for n in sections)
    missing = [p for p in pages if not (site / p).is_file()]
    assert not missing, f"主管課のページがありません: {missing}"
    assert set(SECTION_PAGES) <= set(pages), f"主管課の need のない課のページ: {sorted(set(SECTION_PAGES) - set(pages))}"


@pytest.mark.parametrize("path", SECTION_PAGES)
def test_section_page_lists_its_measures_or_says_none_is_known(reader, needs, path):
    """A section's page links every measure of the plan it owns; where the source names none
    (002 names no owner), it says so in words and links none."""
    section = on_page(needs, "section", path)
    reader.visit(path)
    assert reader.locator("h1").first.inner_text().startswith(section["title"])
    owned = [m["id"] for m in of_type(needs, "measure") if section["id"] in (m.get("owner") or [])]
    tied = [m["id"] for m in of_type(needs, "measure") if links_to(reader, m["id"])]
    assert sorted(tied) == sorted(owned), f"{path}: 施策の結び付き {tied}、主管課の記載 {owned}"
    if not owned:
        note = reader.locator("article .dxplan-gap-note")
        assert note.count() == 1, f"{path}: 施策がないことの説明がありません"
        assert "施策" in note.inner_text() and "未記載" in note.inner_text(), note.inner_text()
