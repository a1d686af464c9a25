"""Itabashi beyond the 後期実施計画 (seeds 000–003): the 基本計画 and 前期実施計画, the 推進体制,
the ICT計画2020 evaluation, the drafting schedule, 001's R3 initiatives and national items,
the public comments (002) and the council committee (003) — exactly as the sources write them,
with the sources' gaps visible and editorial links marked as such."""

import re

import pytest

from dxplan.core import model
from dxplan.config import load_grade_scales, load_project_config, project_data_model
from dxplan.core.rules import coverage_report, load_baseline
from dxplan.core.mermaid import org_chart, plan_family, plan_history, plan_periods
from dxplan.core.matrices import EDITORIAL_HEADER, committee_matrix, comments_matrix, national_matrix
from dxplan.core.records import channel_figures, evaluation_tables, persons_total
from tests.conftest import ROOT
from tests.seeds import cited, seeds_dir

pytestmark = pytest.mark.seed

SEEDS = seeds_dir()
BASIC, EARLY, LATE = "PLAN_DX2025_BASIC", "PLAN_DX2025_EARLY", "PLAN_DX2025_LATE"

# type → number of needs (000–003 records; 後期 content is tests/test_plan_content.py)
TYPE_COUNTS = {
    "org": 6,
    "history": 4,
    "evaluation": 12,  # 図15: 6 grades, 図16: 6 directions
    "milestone": 9,  # 000 概要 5: R2 7月 … R3 3月
    "initiative": 3,
    "national": 6,
    "consultation": 1,
    "pubcomment": 5,
    "committee": 1,
    "focus": 8,  # 3 items, 5 sub-items under item 2
    "recommendation": 33,
    "meeting": 11,
}

# 000 第3章 3 施策一覧: No → (施策名, sections in the 主管課 cell, the cell as written)
EARLY_MEASURES = {
    "01": ("テレワークの実現", {"SEC_KEIEI_KAIKAKU", "SEC_IT_SUISHIN", "SEC_JINJI"}, "経営改革推進課 IT推進課・人事課"),
    "02": ("テレビ会議システムの導入", {"SEC_IT_SUISHIN"}, None),
    "03": ("AI等破壊的技術の研究及び導入", {"SEC_IT_SUISHIN"}, "IT推進課 関係主管課"),
    "04": (None, set(), None),  # 施策名欄「調整中」, 主管課 blank
    "05": (None, set(), None),  # blank row
    "06": ("マイナンバーカードの普及促進", {"SEC_IT_SUISHIN", "SEC_KOSEKI_JUMIN"}, "IT推進課 戸籍住民課"),
}
EARLY_POLICIES = {
    "Ⅰ": ("業務の改善・効率化", ["01", "02", "03", "04", "05"]),
    "Ⅱ": ("マイナンバーカードの普及・活用", ["06"]),
    "Ⅲ": ("オンライン化の促進", []),
    "Ⅳ": ("データの利活用", []),
}

# 003 7 提言: focus need → the 【titles】 under it, in source order
RECOMMENDATIONS = {
    "FOC_1": ["個人情報保護制度の官民一元化", "個人情報データの利活用", "個人情報保護条例等のあり方",
              "デジタルトランスフォーメーション戦略の推進"],
    "FOC_2_1": ["標準化・共通化の目的及び導入", "アプリケーションの選定基準", "推進・連携体制"],
    "FOC_2_2": ["行政手続きのデジタル化・オンライン化等の目的と進め方", "導入に向けた取組", "利用促進に向けた取組",
                "行政手続きのデジタル化・オンライン化後のあり方"],
    "FOC_2_3": ["データの公開方法", "データの質の向上", "有用なデータ公開の推進", "データの利活用促進",
                "各種広報ツール等の運用改善", "各種広報ツール等の周知・啓発"],
    "FOC_2_4": ["GIGAスクール構想と施策連携の在り方", "教職員の意識変革及びICT支援員の拡充",
                "一人一台パソコンの活用における課題及び留意点", "学校現場等におけるICT環境の充実化", "教育データの利活用"],
    "FOC_2_5": ["ICTを活用した業務改善の推進プロセス", "ツールの導入及び活用促進", "DX人材の育成及び専門職の確保",
                "削減時間の活用及び効果検証の実施", "テレワークのあり方", "テレワークの活用における留意点",
                "業務内容等の精査及び新規ツールの導入"],
    "FOC_3": ["DX推進体制等の強化", "DX人材の確保及び育成方針", "研修内容の拡充", "外部人材の積極的活用"],
}
FOCUS_ITEMS = {
    "FOC_1": "自治体DX推進に係る情報管理のあり方について",
    "FOC_2": "自治体DX推進におけるICT推進・活用について",
    "FOC_2_1": "情報システムの標準化・共通化の対応について",
    "FOC_2_2": "行政手続き等のデジタル化・オンライン化について",
    "FOC_2_3": "行政データの活用・情報発信について",
    "FOC_2_4": "GIGAスクール構想との施策連携の可能性について",
    "FOC_2_5": "区役所における業務改善・働き方改革について",
    "FOC_3": "自治体DX推進における人材育成等について",
}
MEETING_DATES = [
    "令和3年5月21日(金)", "令和3年6月11日(金)", "令和3年9月30日(木)", "令和3年10月29日(金)", "令和3年12月6日(月)",
    "令和4年2月22日(火)", "令和4年5月23日(月)", "令和4年6月15日(水)", "令和4年10月3日(月)", "令和4年12月8日(木)",
    "令和5年2月21日(火)",
]
COMMENT_TOPICS = [
    "基幹系業務システムにおける標準化・共通化", "コンサルタント支援", "区施設の建設及びデジタル技術の活用",
    "デジタルデバインド対策", "計画全般、AIの活用",
]
NATIONAL_ITEMS = [
    "自治体の情報システムの標準化・共通化", "マイナンバーカードの普及促進", "自治体の行政手続きのオンライン化",
    "自治体のAI・RPAの利用推進", "テレワークの推進", "セキュリティ対策の徹底",
]
ICT2020_GRADES = {"AA": 0, "A": 24, "B": 14, "C": 0, "その他": 0, "終了": 3}
ICT2020_DIRECTIONS = {"計画どおり推進": 36, "事業拡大": 0, "事業縮小": 0, "計画修正": 1, "中止(休止)": 0, "完了": 4}


@pytest.fixture(scope="module")
def needs(site):
    return model.load_needs_json(site / "needs.json")


def _titles(needs, need_type):
    return [n["title"] for n in model.of_type(needs, need_type)]


def _squash(text: str) -> str:
    """The seeds' PDF-conversion spaces removed, for comparing names with the sources."""
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- counts per type and per plan


def test_counts_per_type(needs):
    counts = {t: len(model.of_type(needs, t)) for t in TYPE_COUNTS}
    assert counts == TYPE_COUNTS
    plans = {p["id"] for p in model.of_type(needs, model.PLAN)}
    assert {BASIC, EARLY, LATE} <= plans


def test_counts_per_plan(needs):
    def count(plan_id, need_type, seed=None):
        subset = model.plan_subset(needs, plan_id)
        return len(model.of_type(cited(subset, seed) if seed else subset, need_type))

    # 前期: the two visions of the 基本計画, 4 policies, 6 measures, no KPIs; R3 initiatives; schedule
    assert [count(EARLY, t) for t in ("vision", "policy", "measure", "kpi", "target", "initiative", "milestone")] == \
        [2, 4, 6, 0, 0, 3, 9]
    # 後期 keeps its own content only (its visions also serve 前期) and has the public comments
    assert [count(LATE, t, "002") for t in ("vision", "policy", "measure", "kpi", "target", "pubcomment", "consultation")] == \
        [2, 8, 17, 16, 17, 5, 1]
    # 基本計画: the 推進体制 and the drafting schedule
    assert [count(BASIC, t) for t in ("org", "milestone", "policy", "measure")] == [6, 9, 0, 0]
    early_ids = set(model.plan_subset(needs, EARLY))
    late_ids = set(model.plan_subset(needs, LATE))
    assert early_ids & late_ids == {"VIS_1", "VIS_2"} | {s["id"] for s in model.of_type(needs, model.SECTION)}


def test_every_new_need_records_its_source(needs):
    for need_type in TYPE_COUNTS:
        for need in model.of_type(needs, need_type):
            assert need.get("source"), need["id"]


# ---------------------------------------------------------------- 基本計画, 前期実施計画, 推進体制


def test_plan_periods_as_000_writes_them(needs):
    periods = {p["id"]: (p["period_start"], p["period_end"]) for p in model.of_type(needs, model.PLAN)}
    assert periods[BASIC] == (2021, 2025) and periods[EARLY] == (2021, 2023) and periods[LATE] == (2024, 2025)
    assert [p["id"] for p in plan_family(needs, needs[BASIC])] == [BASIC, EARLY, LATE]
    for vision_id in ("VIS_1", "VIS_2"):  # the 基本計画's visions serve both 実施計画
        assert sorted(needs[vision_id]["plan"]) == [EARLY, LATE]


def test_early_policies_and_measures_with_owners_exactly(needs):
    policies = {p["number_label"]: p for p in model.of_type(needs, model.POLICY) if p["id"].startswith("POL_EARLY_")}
    assert set(policies) == set(EARLY_POLICIES)
    for number, (title, measure_numbers) in EARLY_POLICIES.items():
        policy = policies[number]
        assert policy["title"] == title and policy["category"] == "基本方針"
        assert policy["plan"] == [EARLY] and not policy.get("vision")  # 000 does not map them to a vision
        assert "ビジョンとの対応" in policy["gaps"]
        assert [m["number_label"] for m in model.linked(needs, policy, "policy", back=True)] == measure_numbers
    measures = {m["number_label"]: m for m in model.of_type(needs, model.MEASURE) if m["id"].startswith("MEA_EARLY_")}
    assert set(measures) == set(EARLY_MEASURES)
    for number, (name, owners, as_written) in EARLY_MEASURES.items():
        measure = measures[number]
        assert measure.get("name") == name, number
        assert set(measure.get("owner") or []) == owners, number
        assert not measure.get("co_owner")  # 000's 主管課 column does not distinguish 主管 / 関係
        assert measure.get("owner_as_written") == as_written, number
    assert "調整中" in measures["04"]["gaps"] and "主管課" in measures["05"]["gaps"]
    assert "関係主管課" in measures["03"]["gaps"]


def test_policy_three_renamed_between_000_and_002(needs):
    assert needs["POL_EARLY_3"]["title"] == "オンライン化の促進"
    assert needs["POL_3"]["title"] == "オンライン化に伴う利便性向上"


def test_organisation_as_000_writes_it(needs):
    orgs = {o["id"]: o for o in model.of_type(needs, "org")}
    assert [o["title"] for o in model.of_type(needs, "org")] == [
        "ICT推進・活用本部", "情報統括責任者（CIO）", "最高情報セキュリティ責任者（CISO）",
        "CIO補佐官、CISO補佐官", "各種部会", "事務局（IT推進課）"]
    assert orgs["ORG_HQ"]["holder"] == "本部長は区長とします。"
    assert orgs["ORG_CIO"]["holder"] == "CIOは副区長とします。"
    assert orgs["ORG_CISO"]["holder"] == "CISOも副区長が兼務します。"
    assert orgs["ORG_CIO"]["role"] == "ICT推進・活用本部における所掌事務を統括し、本部長を補佐します。"
    assert not orgs["ORG_ADVISERS"].get("holder") and "補佐官に充てる職" in orgs["ORG_ADVISERS"]["gaps"]
    assert orgs["ORG_CIO"]["assists"] == ["ORG_HQ"]
    assert sorted(orgs["ORG_ADVISERS"]["assists"]) == ["ORG_CIO", "ORG_CISO"]
    assert not orgs["ORG_CISO"].get("assists")  # 000 states no relation of the CISO to the 本部
    assert sorted(orgs["ORG_SECRETARIAT"]["secretariat_of"]) == ["ORG_CIO", "ORG_CISO", "ORG_HQ"]
    assert orgs["ORG_SECRETARIAT"]["org_section"] == ["SEC_IT_SUISHIN"]
    seed = SEEDS / "000_5bdd3eb4f01ef6b2.txt"
    text = _squash(seed.read_text(encoding="utf-8"))
    for org in orgs.values():
        assert _squash(org["role"]) in text, org["id"]


# ---------------------------------------------------------------- ICT計画2020, schedule, 001


def test_ict2020_evaluation_on_the_old_scale(needs):
    ict2020 = needs["HIS_ICT2020"]
    assert ict2020["title"] == "板橋区ICT推進・活用計画2020" and ict2020["measure_count"] == 41
    tables = {t.kind: t for t in evaluation_tables(needs, ict2020)}
    grades = {r["grade"]: r["measure_count"] for r in tables["評価"].rows}
    directions = {r["title"]: r["measure_count"] for r in tables["方向性"].rows}
    assert grades == ICT2020_GRADES and directions == ICT2020_DIRECTIONS
    assert tables["評価"].adds_up and tables["方向性"].adds_up and tables["評価"].total == 41
    scale = next(s for s in load_grade_scales(ROOT / "ubproject.toml") if s.id == "ict2020")
    assert [r["grade"] for r in tables["評価"].rows] == scale.labels
    assert all(r["grade_scale"] == "ict2020" for r in tables["評価"].rows)
    assert "No. 35" in needs["EVAL_ICT2020_DIR_REVISE"]["content"]


def test_history_of_earlier_plans(needs):
    history = [(h["title"], h.get("period_start"), h.get("period_end")) for h in model.of_type(needs, "history")]
    assert history == [
        ("板橋区電子区役所推進計画", 2002, 2005),
        ("第2次板橋区電子区役所推進計画", 2006, 2010),
        ("第3次電子区役所推進計画", 2011, None),  # 000 gives no end year
        ("板橋区ICT推進・活用計画2020", 2016, 2020),
    ]
    assert "計画期間の終わり" in needs["HIS_E3"]["gaps"]


def test_drafting_schedule_and_001_records(needs):
    schedule = [(m["when_label"], m["title"]) for m in model.of_type(needs, "milestone")]
    assert schedule[0] == ("R2 7月", "情報化推進部会(骨子)")
    assert schedule[-1] == ("R3 3月", "策定")
    assert ("R2 11月", "議会報告(素案)【閉会中】 → 意見収集・素案の決定 → パブリックコメント") in schedule
    assert _titles(needs, "initiative") == ["テレワーク環境の整備", "行政手続きにおけるオンライン申請の拡大",
                                            "RPA や会議録作成支援システムの活用強化"]
    assert _titles(needs, "national") == NATIONAL_ITEMS


# ---------------------------------------------------------------- public comments (002)


def test_public_comments_with_the_sources_figures(needs):
    consultation = needs["PCR_DX2025_LATE"]
    assert consultation["comment_count"] == 5
    assert channel_figures(consultation) == [("持参", 0), ("郵送", 0), ("FAX", 0), ("メール", 1), ("Web提出", 3)]
    assert persons_total(consultation) == 4  # shown as the source gives it, next to the 5 comments
    comments = model.of_type(needs, "pubcomment")
    assert [c["topic"] for c in comments] == COMMENT_TOPICS
    assert [c["number_label"] for c in comments] == [f"No.{i}" for i in range(1, 6)]
    assert all(c["consultation"] == ["PCR_DX2025_LATE"] for c in comments)


def test_consultation_page_shows_the_mismatch(site):
    html = (site / "comments.html").read_text(encoding="utf-8")
    assert "提出方法別の人数の合計は4人、意見の件数は5件です" in html
    assert "ガバメントクラウドの提供に当たり、地方公共団体の保有する個人情報を取り扱わないこととしております。" in html


# ---------------------------------------------------------------- committee (003)


def test_committee_focus_items_and_every_recommendation(needs):
    committee = needs["COM_DX"]
    assert committee["title"] == "自治体DX調査特別委員会" and committee["kengi_date"] == "令和3年5月21日"
    assert committee["referred_matter"] == "自治体DXに関する調査"
    assert {f["id"]: f["title"] for f in model.of_type(needs, "focus")} == FOCUS_ITEMS
    found = {}
    for rec in model.of_type(needs, "recommendation"):
        found.setdefault(rec["focus"][0], []).append(rec["title"])
    assert found == RECOMMENDATIONS
    assert sum(len(v) for v in found.values()) == 33
    seed = SEEDS / "003_544786c353bc1912.txt"
    text = _squash(seed.read_text(encoding="utf-8"))
    for titles in RECOMMENDATIONS.values():
        for title in titles:
            assert f"【{_squash(title)}】" in text, title


def test_meetings_as_003_lists_them(needs):
    meetings = model.of_type(needs, "meeting")
    assert [m["meeting_date"] for m in meetings] == MEETING_DATES
    lecture = needs["MTG_2021_10_29"]
    assert lecture["meeting_kind"] == "委員協議会 (講演会)"
    assert lecture["agenda"] == "個人情報保護法令和3年改正法と自治体の対応について"


def test_committee_matrix_marks_editorial_links_and_unanswered_recommendations(needs):
    matrix = committee_matrix(needs)
    assert EDITORIAL_HEADER in matrix.headers and "事務局による対応付け" in EDITORIAL_HEADER
    rows = matrix.text_rows()
    assert len(matrix.rows) == 33
    assert rows[-1] == ["合計", "33件の提言", "対応付けあり 21件", "KPI 12件", "対応付けなし 12件", "区の対応: 未記載 33件"]
    unanswered = [r[1] for r in rows[:-1] if r[4] == "対応付けなし（対応する施策を出典も事務局も示していない）"]
    assert unanswered == RECOMMENDATIONS["FOC_1"] + RECOMMENDATIONS["FOC_2_1"] + RECOMMENDATIONS["FOC_2_4"]
    assert all(row[2][0].is_gap for row in matrix.rows if row[4][0].text.startswith("対応付けなし"))
    tools = next(r for r in rows if r[1] == "ツールの導入及び活用促進")
    assert "前期実施計画 施策03 AI等破壊的技術の研究及び導入" in tools[2]
    assert "RPA・AI拡大（令和7年度 2,800時間削減）" in tools[3]
    # the link the sources do not state is only ever an editorial one
    for need_type in ("recommendation", "pubcomment", "national", "initiative"):
        for need in model.of_type(needs, need_type):
            assert not need.get("measures") and not need.get("policy")


def test_national_and_comment_matrices(needs):
    national = national_matrix(needs).text_rows()
    assert [r[0] for r in national[:-1]] == NATIONAL_ITEMS
    assert national[-1][-1] == "対応付けなし 2件"
    comments = comments_matrix(needs).text_rows()
    assert [r[1] for r in comments[:-1]] == COMMENT_TOPICS
    assert comments[-1][2:] == ["対応付けあり 1件", "KPI 2件", "対応付けなし 4件"]


def test_editorial_link_says_so():
    links = project_data_model(ROOT / "ubproject.toml")["links"]
    assert "事務局による対応付け" in links["editorial_measures"]["outgoing"]
    assert "事務局による対応付け" in links["editorial_measures"]["incoming"]


def test_committee_review_page_has_downloads(site):
    assert (site / "downloads" / "committee-recommendations.csv").exists()
    assert (site / "downloads" / "committee-recommendations.xlsx").exists()
    html = (site / "committee" / "review.html").read_text(encoding="utf-8")
    assert "対応付けなし 12件" in html and "対応する施策（事務局による対応付け）" in html


# ---------------------------------------------------------------- coverage of the 前期実施計画


def test_early_plan_coverage_is_the_sources_gaps(needs):
    report = coverage_report(needs, load_baseline(ROOT / "needs" / "accepted-gaps.toml"),
                             load_project_config(ROOT / "ubproject.toml"))
    counts = {rule.id: (total, accepted) for rule, total, accepted in report.counts(EARLY) if total}
    assert counts == {
        "vision-has-policy": (2, 2),
        "policy-has-measure": (2, 2),
        "measure-has-owner": (2, 2),
        "measure-has-name": (2, 0),
    }
    assert "measure-has-kpi" in report.not_applied[EARLY]
    assert not [f for f in report.findings if f.plan == BASIC]
    assert report.blocking == [] and report.stale == []


# ---------------------------------------------------------------- diagrams (lost figures rebuilt)


def test_diagrams_are_generated_with_accessible_text(needs):
    chart = org_chart(needs)
    assert chart.startswith("flowchart BT")
    assert "accTitle: 推進体制の組織図" in chart and "accDescr: 推進体制の組織・役職6件" in chart
    assert "ORG_CIO -->|補佐| ORG_HQ" in chart and "ORG_SECRETARIAT -..->|庶務| ORG_CISO" in chart
    assert "ORG_CISO -->" not in chart
    periods = plan_periods(needs, needs[BASIC])
    assert periods.startswith("gantt") and "accTitle: 計画期間" in periods and "accDescr: " in periods
    assert ":PLAN_DX2025_BASIC, 2021-04-01, 2026-03-31" in periods
    assert ":PLAN_DX2025_EARLY, 2021-04-01, 2024-03-31" in periods
    assert ":PLAN_DX2025_LATE, 2024-04-01, 2026-03-31" in periods
    assert "令和3年度〜令和5年度（3か年）" in periods
    history = plan_history(needs, needs[BASIC])
    assert "accTitle: 区におけるこれまでの情報化計画" in history and "accDescr: 古い順に" in history
    assert history.startswith("flowchart TB")  # a column of plans, readable on a phone
    assert "HIS_E3 --> HIS_ICT2020" in history and "終わりの年度は出典に記載なし" in history


def test_changing_a_need_changes_the_org_chart(needs):
    changed = {k: dict(v) for k, v in needs.items()}
    changed["ORG_CIO"]["holder"] = "（試験）"
    assert "（試験）" in org_chart(changed) and org_chart(changed) != org_chart(needs)


@pytest.mark.parametrize(("page", "title", "caption"), [
    ("plan/organisation.html", "accTitle: 推進体制の組織図", "推進体制（組織図と同じ内容）"),
    ("plan/index.html", "accTitle: 計画期間", "計画期間（図と同じ内容）"),
    ("plan/overview.html", "accTitle: 区におけるこれまでの情報化計画", "これまでの情報化計画（年表と同じ内容）"),
])
def test_diagram_pages_have_the_diagram_and_its_text_equivalent(site, page, title, caption):
    html = (site / page).read_text(encoding="utf-8")
    assert title in html and "accDescr: " in html and caption in html


def test_schedule_months_and_compared_years_read_as_reiwa(site):
    """「R2 7月」 on the schedule reads 令和2年7月 (no IDs); the period tables put 西暦 beside 令和."""
    html = (site / "plan" / "schedule.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="[^"]*dxplan-milestone-table.*?</table>', html, re.S)
    assert table, "策定スケジュールの表がありません"
    cells = [re.sub(r"<[^>]+>|\s+", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", table.group(0), re.S)]
    assert cells[:2] == ["令和2年7月", "情報化推進部会(骨子)"] and cells[-2:] == ["令和3年3月", "策定"], cells
    assert not re.search(r">\s*(R\d+ \d+月|SCH_R\d)", table.group(0))
    periods = (site / "plan" / "index.html").read_text(encoding="utf-8")
    assert "令和3（2021）年度" in periods and "令和7（2025）年度" in periods


def test_schedule_cards_read_the_month_in_words(needs):
    from dxplan.core.cards import card_lines
    from dxplan.config import CardConfig

    config = CardConfig([("when_label", "時期"), ("title", "内容")])
    (line, *_) = card_lines(needs["SCH_R2_07"], needs, config, {})
    assert (line.label, line.value) == ("時期", "令和2年7月（出典の表記: R2 7月）")
