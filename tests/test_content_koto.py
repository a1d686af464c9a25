"""Koto's 情報化推進プラン (seed 004) as a second plan: its needs exactly as 004 writes them,
its gaps visible, its coverage passing by configuration, and the two plans compared."""

import re

import pytest

from dxplan.core import model
from dxplan.core.labels import GAP_LABEL
from dxplan.core.comparison import compare_plans, comparison_rows
from dxplan.config import PlanSettings, ProjectConfig, load_project_config, project_data_model
from dxplan.core.rules import coverage_report, load_baseline
from tests.conftest import ROOT, build, copy_project
from tests.seeds import seeds_dir

pytestmark = pytest.mark.seed

KOTO = "PLAN_KOTO"
SEED = seeds_dir() / "004_6f20cb0dc966943c.txt"

# 004 8 施策と個別施策: measure number → name; action number → (name, measure number)
MEASURES_004 = {
    1: "ICTを活用し業務効率化、生産性を向上させる",
    4: "マイナンバー制度を推進する",
    7: "Wi-Fiサービスを提供する",
    10: "セキュリティを強固にする",
}
ACTIONS_004 = {
    1: ("ICTを活用した業務改善、業務の効率化及び生産性の向上", 1),
    3: ("AIを用いた業務の効率化", 2),
    8: ("ぴったりサービスの拡充", 4),
    11: ("これからの江東区公衆無線LANの展開", 7),
    13: ("マイナポータルへのアクセスサポート", 8),
    16: ("情報セキュリティの確保", 10),
}
PILLARS_004 = [
    "行政手続等のオンライン化原則",
    "オープンデータの促進、データの円滑な流通の促進",
    "マイナンバーカードの普及・活用",
    "情報格差の是正",
    "情報システム改革・業務の見直し",
]


@pytest.fixture(scope="module")
def all_needs(site):
    return model.load_needs_json(site / "needs.json")


@pytest.fixture(scope="module")
def koto(all_needs):
    return model.plan_subset(all_needs, KOTO)


def test_counts_per_type(koto):
    counts = {t: len(model.of_type(koto, t)) for t in
              ("plan", "vision", "policy", "measure", "action", "pillar", "kpi", "target")}
    assert counts == {"plan": 1, "vision": 1, "policy": 4, "measure": 10, "action": 16,
                      "pillar": 5, "kpi": 0, "target": 0}
    # Every Koto need carries _KOTO_ in its ID and nothing of Itabashi's plan is in the subset.
    assert all("KOTO" in n["id"] for n in koto.values() if n["type"] != model.SECTION)


def test_plan_period_and_target_state(koto):
    plan = koto[KOTO]
    assert (plan["title"], plan["period_start"], plan["period_end"]) == ("江東区情報化推進プラン", 2020, 2024)
    assert plan["period_label"] == "令和2年度から令和6年度までの5ヶ年"
    (vision,) = model.of_type(koto, model.VISION)
    assert vision["title"] == "区民にとって便利で質の高い行政サービスの提供と効率的な行政運営"
    assert vision["category"] == "目指す姿"


def test_guidelines_are_visible_gaps_not_invented(koto):
    policies = model.of_type(koto, model.POLICY)
    assert len(policies) == 4
    for policy in policies:
        assert policy["title"] == GAP_LABEL
        assert policy["category"] == "指針" and policy["vision"] == ["VIS_KOTO"]
        assert "指針の名称" in policy["gaps"] and "図「指針と施策」" in policy["gaps"]
        assert policy["policy_back"] == []  # which 施策 belongs to which 指針 is lost with the figure


def test_measures_and_actions_exactly_as_004(koto):
    measures = {int(m["number_label"].removeprefix("施策")): m for m in model.of_type(koto, model.MEASURE)}
    assert sorted(measures) == list(range(1, 11))
    for number, name in MEASURES_004.items():
        assert measures[number]["name"] == name
    for measure in measures.values():
        assert measure["plan"] == [KOTO] and not measure["policy"]
        assert not measure["owner"] and not measure["co_owner"] and not measure["measures_back"]
    actions = {int(a["number_label"].removeprefix("個別施策")): a for a in model.of_type(koto, model.ACTION)}
    assert sorted(actions) == list(range(1, 17))
    for number, (name, measure_number) in ACTIONS_004.items():
        assert actions[number]["title"] == name
        assert actions[number]["measure"] == [f"MEA_KOTO_{measure_number}"]
    # 取り組みの方向性 as written, the source's own wording kept (not "corrected").
    assert actions[13]["approach"].startswith("マイナポータル利用の専用パソコンを本庁舎各課の窓口")
    assert "デジタルデバイス（情報格差）の是正に取り組めます。" in actions[13]["approach"]
    assert actions[7]["approach"] == ("国は令和4年度中にほとんどの住民がマイナンバーカードを保有していることを想定しています。"
                                      "本区においても、カードの普及促進に取り組んでいきます。")


def test_every_approach_is_verbatim_in_the_seed(koto):
    rows = {}
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 5 and cells[2].isdigit():
            rows[int(cells[2])] = (cells[3], cells[4])
    assert len(rows) == 16
    for action in model.of_type(koto, model.ACTION):
        number = int(action["number_label"].removeprefix("個別施策"))
        assert (action["title"], action["approach"]) == rows[number]


def test_pillars_listed_not_mapped(koto):
    pillars = model.of_type(koto, model.PILLAR)
    assert [p["title"] for p in pillars] == PILLARS_004
    for pillar in pillars:
        assert pillar["basis"] == "官民データ活用推進基本法" and pillar["plan"] == [KOTO]
        linked = [k for k, v in pillar.items() if isinstance(v, list) and v and k not in ("plan", "sections")]
        assert linked == [], linked


def test_every_koto_need_cites_004(koto):
    for need in koto.values():
        if need["type"] != model.SECTION:
            assert need["source"].startswith("004"), need["id"]


def _report(needs, config=None):
    return coverage_report(needs, load_baseline(ROOT / "needs" / "accepted-gaps.toml"),
                           config or load_project_config(ROOT / "ubproject.toml"))


def test_koto_coverage_passes_by_configuration(all_needs):
    report = _report(all_needs)
    assert report.blocking == [] and report.stale == []
    koto = [f for f in report.findings if f.plan == KOTO]
    assert sorted((f.rule.id, f.need["id"]) for f in koto) == [
        ("policy-has-measure", f"POL_KOTO_{i}") for i in range(1, 5)]
    assert all(f.accepted_reason.startswith("004 7") for f in koto)
    assert set(report.not_applied[KOTO]) == {"measure-has-kpi", "measure-has-owner"}
    assert all(reason.startswith("004") for reason in report.not_applied[KOTO].values())


@pytest.mark.parametrize("rule", ["measure-has-kpi", "measure-has-owner"])
def test_removing_an_exemption_makes_the_rule_fire(all_needs, rule):
    config = load_project_config(ROOT / "ubproject.toml")
    exempt = dict(config.settings(KOTO).rules_not_applied)
    del exempt[rule]
    plans = {**config.plans, KOTO: PlanSettings(KOTO, exempt)}
    report = _report(all_needs, ProjectConfig(config.main_plan, plans))
    fired = sorted(f.need["id"] for f in report.blocking)
    assert fired == sorted(f"MEA_KOTO_{i}" for i in range(1, 11))
    assert all(f.rule.id == rule for f in report.blocking)


def test_removing_an_exemption_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    config = project / "ubproject.toml"
    text = config.read_text(encoding="utf-8")
    line = re.search(r'^"measure-has-kpi" = "004[^\n]*\n', text, re.M)
    assert line, "Koto's measure-has-kpi exemption not found"
    config.write_text(text.replace(line.group(0), ""), encoding="utf-8")
    result = build(project, "dummy")
    assert result.returncode != 0
    assert re.search(r"koto/measures\.md:\d+: WARNING: \[measure-has-kpi\] MEA_KOTO_1:", result.output), result.output
    assert "[measure-has-owner] MEA_KOTO" not in result.output


def test_structure_page_shows_actions_and_the_lost_guidelines(site):
    html = (site / "koto" / "index.html").read_text(encoding="utf-8")
    assert "個別施策16 情報セキュリティの確保" in html
    assert "【指針（仮）1】未記載（出典に記載なし）" in html
    assert "指針との対応: " in html
    assert "KPI 0件" not in html  # a plan without KPIs shows no KPI counts


def test_comparison_is_computed_from_the_needs(all_needs, site):
    titles = {t["directive"]: t["title"] for t in project_data_model(ROOT / "ubproject.toml")["types"]}
    summaries = {s.plan["id"]: s for s in compare_plans(all_needs, _report(all_needs), titles)}
    koto = summaries[KOTO]
    assert koto.period == "令和2年度〜令和6年度（5年度分）"
    assert koto.structure == ["計画 → 目指す姿（1）", "計画 → 施策（10）", "計画 → 法令等が掲げる取組（5）",
                              "目指す姿 → 指針（4）", "施策 → 個別施策（16）"]
    assert koto.counts["基本方針"] == (4, "4（指針 4）") and koto.counts["個別施策"] == (16, "16")
    assert koto.counts["KPI"] == (0, "0") and koto.needs_with_gaps == 19
    itabashi = summaries["PLAN_DX2025_LATE"]
    kpis = len(model.of_type(model.plan_subset(all_needs, "PLAN_DX2025_LATE"), model.KPI))
    assert itabashi.counts["KPI"] == (kpis, str(kpis))
    rows = dict(comparison_rows([itabashi, koto]))
    assert list(rows)[:3] == ["計画期間", "計画期間（出典の表記）", "体系（上位 → 下位）"]
    assert rows["個別施策の数"] == [["0"], ["16"]] and rows["KPIの数"] == [[str(kpis)], ["0"]]
    assert all(any(c != ["0"] for c in cells) for label, cells in rows.items() if label.endswith("の数"))
    page = (site / "compare.html").read_text(encoding="utf-8")
    assert "目指す姿 → 指針（4）" in page and "令和2年度〜令和6年度（5年度分）" in page


def _action_table_rows(html: str) -> list[list[str]]:
    table = re.search(r'<table class="[^"]*dxplan-action-table.*?</table>', html, re.S)
    assert table, "個別施策の一覧の表がありません"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0).split("<tbody>")[1], re.S)
    return [[re.sub(r"<[^>]+>|\s+", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in rows]


def test_action_list_in_number_order_with_measure_names(site):
    """個別施策1, 2, … 16 (not 1, 10, 11, … 2); the 施策 column names the measure, never its ID."""
    html = (site / "koto" / "measures.html").read_text(encoding="utf-8")
    rows = _action_table_rows(html)
    assert [row[0] for row in rows] == [f"個別施策{i}" for i in range(1, 17)]
    for number, (name, measure_number) in ACTIONS_004.items():
        assert rows[number - 1][1] == name
        if measure_number in MEASURES_004:
            assert rows[number - 1][2] == f"施策{measure_number}{MEASURES_004[measure_number]}"
        else:
            assert rows[number - 1][2].startswith(f"施策{measure_number}")
    assert not re.search(r">\s*MEA_KOTO_\d+\s*<", html)
    # Column widths given: 取り組みの方向性 gets the widest column instead of being squeezed.
    assert re.search(r'dxplan-action-table.*?<col style="width: 10\.0%" />.*?<col style="width: 46\.0%" />', html, re.S)


def test_koto_cards_say_shishin_where_the_page_does(all_needs, site):
    from dxplan.core.cards import card_type_label

    policy = all_needs["POL_KOTO_1"]
    assert policy["type_name"] == "基本方針" and card_type_label(policy) == "指針"
    assert card_type_label(all_needs["VIS_KOTO"]) == "目指す姿"
    assert card_type_label(all_needs["MEA_KOTO_1"]) == "施策"
    html = (site / "koto" / "guidelines.html").read_text(encoding="utf-8")
    heads = re.findall(r'<span class="dxplan-card-type">([^<]*)</span>', html)
    assert heads == ["指針: "] * 4, heads


def test_action_cards_name_their_measure(all_needs, site):
    assert model.measure_label(all_needs["MEA_KOTO_4"]) == "施策4 マイナンバー制度を推進する"
    assert model.measure_label({"title": "施策", "number_label": "施策01"}) == "施策01"  # no name: no invented one
    html = (site / "koto" / "measures.html").read_text(encoding="utf-8")
    card = re.search(r'<div class="need dxplan-card[^"]*" id="ACT_KOTO_7">.*?</dl>', html, re.S)
    assert card and "施策4 マイナンバー制度を推進する</a>" in card.group(0)


@pytest.mark.parametrize("page", ["index", "guidelines", "measures", "pillars", "promotion", "sources"])
def test_koto_pages_use_plain_words(site, page):
    """No カバレッジ, 受容(リスト) or tool words on a resident's page of the Koto plan."""
    html = (site / "koto" / f"{page}.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    text = re.sub(r"<[^>]+>", " ", re.sub(r'title="[^"]*"', "", article))
    assert not re.findall(r"カバレッジ|受容|トレーサビリティ|needs\.json|_KOTO_", text)


def test_coverage_speaks_of_koto_guidelines_as_shishin(all_needs):
    from dxplan.core.rules import in_own_words

    koto = [f for f in _report(all_needs).findings if f.plan == KOTO]
    assert koto and all(f.detail == "この指針の下に施策がありません" for f in koto), [f.detail for f in koto]
    itabashi_policy = {"type": "policy", "category": "基本方針"}
    assert in_own_words("この基本方針の下に施策がありません", itabashi_policy) == "この基本方針の下に施策がありません"
    assert in_own_words("この基本方針の下に施策がありません", {"type": "policy"}) == "この基本方針の下に施策がありません"
