"""Each coverage rule fires on a synthetic plan made to break it, and not on a complete one."""

from pathlib import Path

import pytest

from dxplan.core.rules import RULES, RULES_BY_ID, WARNING, AcceptedGap, coverage_report, load_baseline
from dxplan.core.errors import DataErrors, SourceLocation
from tests.plan_factory import small_plan


def fired(needs, rule_id):
    context = None
    if rule_id == "link-suspect":
        from dxplan.core.rules import RuleContext
        from dxplan.core.revisions import ReviewedLink, fingerprint

        # KPI_T → MEA_T was confirmed when the measure still had another title.
        context = RuleContext({("KPI_T", "measures", "MEA_T"): ReviewedLink(
            "KPI_T", "measures", "MEA_T", fingerprint(needs["KPI_T"], needs), "stale-fingerprint")})
    if rule_id == "target-change-has-reason":
        from dxplan.core.change_reasons import ChangeReasons
        from dxplan.core.rules import RuleContext

        # the plan as first published (revision v1), before TGT_T was raised
        context = RuleContext(change_reasons=ChangeReasons([["v1"]], {}, {"v1": small_plan()}, {"v1": "PLAN_T"}))
    return [(f.need["id"], f.detail) for f in coverage_report(needs, [], None, context).findings if f.rule.id == rule_id]


def test_complete_plan_has_no_findings():
    assert coverage_report(small_plan(), []).findings == []


CASES = {
    "vision-has-policy": ({"POL_T": {"id": "POL_T", "type": "policy", "plan": ["PLAN_T"], "category": "推進体制強化"}}, "VIS_T"),
    "policy-has-measure": ({"MEA_T": {"id": "MEA_T", "type": "measure", "policy": [], "owner": ["SEC_T"], "name": "x"},
                            "KPI_T": None, "TGT_T": None}, "POL_T"),
    "measure-has-owner": ({"MEA_T": {"id": "MEA_T", "type": "measure", "policy": ["POL_T"], "name": "試験施策"}}, "MEA_T"),
    "measure-has-kpi": ({"KPI_T": None, "TGT_T": None}, "MEA_T"),
    "kpi-has-target": ({"TGT_T": None}, "KPI_T"),
    "target-year-in-plan-period": ({"TGT_T": {"id": "TGT_T", "type": "target", "kpi": ["KPI_T"], "title": "拡大",
                                               "target_fy": 2030, "baseline_text": "x"}}, "TGT_T"),
    "target-wording-consistent": ({"TGT_T": {"id": "TGT_T", "type": "target", "kpi": ["KPI_T"], "title": "2,800時間削減",
                                              "target_value": 2600.0, "target_unit": "時間", "target_fy": 2025,
                                              "baseline_text": "x"}}, "TGT_T"),
    "no-orphan-needs": ({"KPI_X": {"id": "KPI_X", "type": "kpi"}, "TGT_X": {"id": "TGT_X", "type": "target", "kpi": ["KPI_X"],
                         "title": "1回", "target_value": 1.0, "target_unit": "回", "target_fy": 2025, "baseline_text": "x"}}, "KPI_X"),
    "measure-has-name": ({"MEA_T": {"id": "MEA_T", "type": "measure", "policy": ["POL_T"], "owner": ["SEC_T"]}}, "MEA_T"),
    "kpi-has-baseline": ({"TGT_T": {"id": "TGT_T", "type": "target", "kpi": ["KPI_T"], "title": "拡大", "target_fy": 2025}}, "TGT_T"),
    "link-suspect": ({}, "KPI_T"),  # fired with a stale review, in test_rule_fires
    "need-not-nested": ({"KPI_T": {"id": "KPI_T", "type": "kpi", "measures": ["MEA_T"], "parent_need": "MEA_T",
                                   "title": "試験KPI"}}, "KPI_T"),  # a closing ``` left out above it
    "no-raw-html-in-plan": ({"MEA_T": {"id": "MEA_T", "type": "measure", "policy": ["POL_T"], "owner": ["SEC_T"],
                                       "name": "試験施策", "content": "本文\n\n<script>alert(1)</script>\n",
                                       "lineno_content": 20}}, "MEA_T"),
    "target-change-has-reason": ({"TGT_T": {"id": "TGT_T", "type": "target", "kpi": ["KPI_T"], "title": "2,700回以上",
                                            "target_value": 2700.0, "target_unit": "回", "target_qualifier": "以上",
                                            "target_fy": 2025, "baseline_value": 2046.0, "baseline_fy": 2022,
                                            "baseline_text": "2,046回"}}, "TGT_T"),  # against revision v1, in fired()
}


def test_allowed_nesting_does_not_fire():
    from dxplan.core.rules import RuleContext

    needs = small_plan(KPI_T={"id": "KPI_T", "type": "kpi", "measures": ["MEA_T"], "parent_need": "MEA_T", "title": "x"})
    context = RuleContext(nesting_allowed=frozenset({("measure", "kpi")}))
    assert not [f for f in coverage_report(needs, [], None, context).findings if f.rule.id == "need-not-nested"]


def test_every_rule_has_a_firing_case():
    assert set(CASES) == {rule.id for rule in RULES}


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_fires(rule_id):
    overrides, need_id = CASES[rule_id]
    needs = small_plan(**overrides)
    hits = fired(needs, rule_id)
    assert need_id in [h[0] for h in hits], hits
    # The broken plan is broken only in this rule's way (plus what the break implies).
    assert all(h[1] for h in hits)


def test_target_year_outside_period_names_the_years():
    needs = small_plan(TGT_T={"id": "TGT_T", "type": "target", "kpi": ["KPI_T"], "title": "拡大",
                              "target_fy": 2030, "baseline_text": "x"})
    [(need_id, detail)] = fired(needs, "target-year-in-plan-period")
    assert "令和12年度" in detail and "令和6年度〜令和7年度" in detail


def test_accepted_gap_does_not_block_and_unused_entry_is_stale():
    needs = small_plan(MEA_T={"id": "MEA_T", "type": "measure", "policy": ["POL_T"], "name": "試験施策"})
    where = SourceLocation("needs/accepted-gaps.toml", 3)
    baseline = [AcceptedGap("measure-has-owner", "MEA_T", "source names no owner", where),
                AcceptedGap("measure-has-owner", "MEA_FIXED", "was missing", SourceLocation("needs/accepted-gaps.toml", 8))]
    report = coverage_report(needs, baseline)
    assert [f.need["id"] for f in report.findings] == ["MEA_T"]
    assert report.blocking == []
    assert [g.need for g in report.stale] == ["MEA_FIXED"]
    assert str(report.stale[0].location) == "needs/accepted-gaps.toml:8"  # the build's warning is located there
    assert "MEA_FIXED" in report.stale_message(report.stale[0])
    # Without the baseline the same gap blocks.
    assert [f.need["id"] for f in coverage_report(needs, []).blocking] == ["MEA_T"]


def test_warnings_never_block():
    needs = small_plan(TGT_T={"id": "TGT_T", "type": "target", "kpi": ["KPI_T"], "title": "拡大", "target_fy": 2025})
    report = coverage_report(needs, [])
    assert report.findings and report.blocking == []
    assert all(f.rule.severity == WARNING for f in report.findings)


def _baseline(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "accepted-gaps.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_baseline_names_file_line_and_need(tmp_path):
    path = _baseline(tmp_path, """# comment
[[gap]]
rule = "measure-has-owner"
need = "MEA_1"
reason = "002 names no owner"

[[gap]]
rule = "no-such-rule"
need = "MEA_2"
reason = "x"

[[gap]]
rule = "measure-has-owner"
need = "MEA_3"

[[gap]]
rule = "measure-has-owner"
need = "MEA_1"
reason = "again"

[[gap]]
rule = "kpi-has-baseline"
need = "TGT_1"
reason = "warnings need no entry"
""")
    with pytest.raises(DataErrors) as err:
        load_baseline(path)
    text = str(err.value)
    assert f"{path}:7: MEA_2: 未知の規則 ID です: no-such-rule" in text
    assert f"{path}:12: MEA_3: reason がありません" in text
    assert f"{path}:16: MEA_1: 重複しています" in text
    assert f"{path}:21: TGT_1: 規則 kpi-has-baseline は警告なので" in text


def test_unreadable_baseline_names_the_line(tmp_path):
    path = _baseline(tmp_path, '[[gap]]\nrule = "measure-has-owner\n')
    with pytest.raises(DataErrors) as err:
        load_baseline(path)
    assert f"{path}:2" in str(err.value)


def test_real_baseline_loads_and_cites_the_source():
    gaps = load_baseline(Path(__file__).parent.parent / "needs" / "accepted-gaps.toml")
    assert len([g for g in gaps if g.reason.startswith("002")]) == 17
    assert len([g for g in gaps if g.reason.startswith("004")]) == 4  # Koto's lost 指針 figure
    assert all(g.rule in RULES_BY_ID and g.reason[:3].isdigit() for g in gaps)  # cites a seed


def test_a_plan_can_exempt_a_rule_with_a_reason_and_rules_run_per_plan():
    from dxplan.config import PlanSettings, ProjectConfig
    from tests.plan_factory import make_needs

    needs = small_plan(MEA_T={"id": "MEA_T", "type": "measure", "policy": ["POL_T"], "name": "試験施策"})
    # A second, synthetic plan whose measure has no owner either.
    records = [dict(n) for n in needs.values()] + [
        {"id": "PLAN_K", "type": "plan", "period_start": 2020, "period_end": 2024},
        {"id": "VIS_K", "type": "vision", "plan": ["PLAN_K"]},
        {"id": "POL_K", "type": "policy", "vision": ["VIS_K"]},
        {"id": "MEA_K", "type": "measure", "policy": ["POL_K"], "name": "k"},
    ]
    needs = make_needs(*records)
    config = ProjectConfig("PLAN_T", {"PLAN_K": PlanSettings("PLAN_K", {"measure-has-owner": "synthetic: no owners",
                                                                      "measure-has-kpi": "synthetic: no KPIs"})})
    report = coverage_report(needs, [], config)
    owners = [(f.need["id"], f.plan) for f in report.findings if f.rule.id == "measure-has-owner"]
    assert owners == [("MEA_T", "PLAN_T")]
    assert report.not_applied["PLAN_K"]["measure-has-kpi"] == "synthetic: no KPIs"
    assert [f.need["id"] for f in coverage_report(needs, []).findings if f.rule.id == "measure-has-owner"] == ["MEA_T", "MEA_K"]
