"""The published needs are the 後期実施計画 exactly as seed 002 writes it (period from 000).

Seed fidelity: these tests read the needs that cite 002 (tests.seeds.cited), so a measure a
ward adds later, citing its own source, changes none of them."""

import json

import pytest

from dxplan.core import model
from dxplan.config import load_project_config
from dxplan.core.rules import coverage_report, load_baseline
from dxplan.core.matrices import policy_kpi_matrix, section_matrix, trace_matrix
from tests.conftest import ROOT
from tests.seeds import cited

pytestmark = pytest.mark.seed

# (KPI title, target wording, value, unit, qualifier, target FY, R4 actual as written)
TARGETS_002 = [
    ("RPA・AI拡大", "2,800時間削減", 2800, "時間", None, 2025, "1,115時間削減"),
    ("テレワーク実施", "2,600回以上", 2600, "回", "以上", 2025, "2,046回"),
    ("EBPM職員研修", "1回以上", 1, "回", "以上", 2025, "1回"),
    ("GPSツールによる人流データ分析", "5回以上", 5, "回", "以上", 2025, "1回(計画上の実績)"),
    ("オンライン申請数", "46,000件", 46000, "件", None, 2025, "38,931件"),
    ("キャッシュレス決済拡大", "対応窓口3か所拡大", 3, "か所", None, 2024, None),
    ("SNSによる情報発信(LINE)", "登録者数33,000人", 33000, "人", None, 2025, None),
    ("コンビニでの各種証明書発行(住民票・印鑑証明書・区税証明)", "40%", 40, "%", None, 2025, "31.8%"),
    ("マイナンバーカード利活用", "オンライン申請での利用拡大", None, None, None, 2025, None),
    ("スマホ相談会", "参加人数5,600人以上", 5600, "人", "以上", 2025, None),
    ("スマホ教室", "参加人数200人以上", 200, "人", "以上", 2025, None),
    ("よろず相談DX", "相談件数30件以上", 30, "件", "以上", 2025, None),
    ("よろず相談DX", "事業化10件以上", 10, "件", "以上", 2025, None),
    ("DX推進に向けた各種研修", "受講人数670名以上", 670, "名", "以上", 2025, None),
    ("デジタル人材の確保", "高度専門人材・IT知識を有した人材を確保", None, None, None, 2025, None),
    ("電子申請システム", "オンライン決済機能を追加・活用", None, None, None, 2024, None),
    ("新たな実証実験", "生成AIの実証実験", None, None, None, 2024, None),
]
POLICIES_002 = {
    ("基本方針", "Ⅰ"): ("業務の改善・効率化", "VIS_1", 2),
    ("基本方針", "Ⅱ"): ("マイナンバーカードの普及・活用", "VIS_2", 1),
    ("基本方針", "Ⅲ"): ("オンライン化に伴う利便性向上", "VIS_2", 5),
    ("基本方針", "Ⅳ"): ("データの利活用", "VIS_1", 2),
    ("基本方針", "Ⅴ"): ("デジタルデバイス対応", "VIS_2", 1),
    ("推進体制強化", "Ⅰ"): ("推進体制の構築", None, 2),
    ("推進体制強化", "Ⅱ"): ("デジタル人材育成・確保", None, 1),
    ("推進体制強化", "Ⅲ"): ("ツールの拡充", None, 3),
}


@pytest.fixture(scope="module")
def needs(site):
    """The 後期実施計画's needs as 002 writes them (the site also holds Koto's plan:
    tests/test_content_koto.py)."""
    return cited(model.plan_subset(model.load_needs_json(site / "needs.json"), "PLAN_DX2025_LATE"), "002")


def test_every_target_of_002_exactly(needs):
    targets = model.of_type(needs, model.TARGET)
    assert len(model.of_type(needs, model.KPI)) == 16
    assert len(targets) == 17
    found = []
    for t in targets:
        kpi = needs[t["kpi"][0]]
        found.append((kpi["title"], t["title"], t.get("target_value"), t.get("target_unit"),
                      t.get("target_qualifier"), t["target_fy"], t.get("baseline_text")))
    assert sorted(found, key=str) == sorted(TARGETS_002, key=str)
    with_baseline = [t for t in targets if t.get("baseline_text")]
    assert len(with_baseline) == 6 and all(t["baseline_fy"] == 2022 for t in with_baseline)
    gps = next(t for t in targets if t["id"] == "TGT_PEOPLE_FLOW")
    assert gps["baseline_note"] == "計画上の実績"


def test_visions_and_policies_as_written(needs):
    visions = {v["id"]: v["title"] for v in model.of_type(needs, model.VISION)}
    assert visions == {"VIS_1": "ICT を活用した官民の連携強化や、業務の効率化をめざします",
                       "VIS_2": "ICT を活用し、更なる区民サービスの向上を図ります"}
    policies = {}
    for p in model.of_type(needs, model.POLICY):
        measures = model.linked(needs, p, "policy", back=True)
        policies[(p["category"], p["number_label"])] = (p["title"], (p.get("vision") or [None])[0], len(measures))
    assert policies == POLICIES_002


def test_measure_numbering_spaces_are_kept_apart(needs):
    labels = sorted((needs[m["policy"][0]]["category"], m["number_label"]) for m in model.of_type(needs, model.MEASURE))
    assert labels.count(("基本方針", "施策1")) == 1 and labels.count(("推進体制強化", "施策1")) == 1
    assert len(labels) == 17 == len(set(labels))


def test_every_need_records_its_source(needs):
    assert all(n.get("source") for n in needs.values())


def test_plan_period_from_000(needs):
    plan = needs["PLAN_DX2025_LATE"]
    assert (plan["period_start"], plan["period_end"]) == (2024, 2025)


def test_gaps_are_gaps_not_invented(needs):
    measures = model.of_type(needs, model.MEASURE)
    assert all(not m.get("name") and not m.get("owner") for m in measures)


def test_coverage_counts_are_the_sources_gaps(site):
    # The build's rules and accepted gaps over every plan of the site; this plan's counts over
    # what 002 writes.
    baseline = load_baseline(ROOT / "needs" / "accepted-gaps.toml")
    config = load_project_config(ROOT / "ubproject.toml")
    everything = model.load_needs_json(site / "needs.json")
    whole = coverage_report(everything, baseline, config)
    assert whole.blocking == [] and whole.stale == []
    seed_gaps = [g for g in baseline if g.reason.startswith("002")]
    report = coverage_report(cited(everything, "002"), seed_gaps, config)
    counts = {rule.id: (total, accepted) for rule, total, accepted in report.counts("PLAN_DX2025_LATE")}
    assert counts["measure-has-owner"] == (17, 17)
    assert counts["measure-has-name"] == (17, 0)
    assert counts["kpi-has-baseline"] == (11, 0)
    assert sum(total for total, _ in counts.values()) == 45


def test_matrices_over_the_real_plan(needs):
    trace = trace_matrix(needs)
    assert len(trace.rows) == 17
    assert trace.text_rows()[-1] == ["合計", "8方針", "17施策", "", "16 KPI", "37", "未記載 17施策"]
    sections = section_matrix(needs)
    assert sections.text_rows()[-1][-2] == "17"  # every measure in the 未記載 column
    coverage = policy_kpi_matrix(needs)
    assert coverage.text_rows()[-1] == ["KPI の数", "2", "2", "3", "2", "2", "1", "2", "2", ""]


def test_needs_json_is_published(site):
    data = json.loads((site / "needs.json").read_text(encoding="utf-8"))
    assert data["current_version"] in data["versions"]


@pytest.mark.parametrize("vision_id, page", [("VIS_1", "vision-1.html"), ("VIS_2", "vision-2.html")])
def test_vision_page_lists_exactly_its_policies_by_name(needs, site, vision_id, page):
    """The vision pages' policy tables are written by hand (names, no ID column): they must
    still list exactly the policies the data links to the vision, each linking to its card."""
    import re

    html = (site / page).read_text(encoding="utf-8")
    table = re.search(r"<h2[^>]*>このビジョンの基本方針.*?(<table.*?</table>)", html, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>", table, re.S)
    shown = {re.sub(r"<[^>]+>|\s", "", number): (re.sub(r"<[^>]+>", "", name).strip(), re.search(r'href="([^"]+)"', name))
             for number, name in rows}
    expected = {p["number_label"]: p for p in needs.values()
                if p["type"] == "policy" and vision_id in (p.get("vision") or [])}
    assert set(shown) == set(expected), (shown, expected)
    for number, policy in expected.items():
        name, link = shown[number]
        assert name == policy["title"] and link and link.group(1).endswith(f"#{policy['id']}"), (number, name)
