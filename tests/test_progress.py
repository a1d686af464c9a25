"""Progress %, grades (boundaries, 以上, decreasing, qualitative) and roll-ups. Synthetic data."""

import re
from pathlib import Path

import pytest

from dxplan.core.labels import BASELINE_YEAR, NOT_REPORTED
from dxplan.core.progress import (grade_of, items_under, progress_for_year, progress_percent, report_year, rollup,
                                  scale_for_plan)
from dxplan.config import load_grade_scales
from dxplan.core.store import Actual
from tests.conftest import ROOT
from tests.plan_factory import make_needs, small_plan

SCALES = load_grade_scales(ROOT / "ubproject.toml")
KOUKI = scale_for_plan(SCALES, "PLAN_DX2025_LATE")


def target(**fields):
    base = {"id": "TGT_T", "type": "target", "title": "synthetic", "target_value": 2600.0,
            "target_unit": "回", "target_fy": 2025}
    return {**base, **fields}


def actual(value=None, status=None, fy=2025):
    return Actual("TGT_T", fy, value=value, status=status)


def test_scales_come_from_configuration():
    assert KOUKI.labels == ["達成+", "達成", "未達成"]
    old = next(s for s in SCALES if s.id == "ict2020")
    assert old.labels == ["AA", "A", "B", "C", "その他", "終了"] and not old.computed
    assert "上回る" in KOUKI.grades[0].definition


@pytest.mark.parametrize("value,expected", [
    (2601, "達成+"),   # beyond the target: 上回る
    (2600, "達成"),    # a 以上 target met exactly
    (2080, "達成"),    # 80 % of the way from 0: 大部分 (default threshold)
    (2079, "未達成"),
    (0, "未達成"),
])
def test_grade_boundaries_without_baseline(value, expected):
    t = target(target_qualifier="以上")
    assert grade_of(t, actual(value), KOUKI)[1] == expected


def test_progress_runs_from_the_baseline():
    t = target(baseline_value=2046.0, baseline_fy=2022)
    assert progress_percent(t, 2046) == 0
    assert progress_percent(t, 2323) == pytest.approx(50.0)
    assert grade_of(t, actual(2489), KOUKI) == (pytest.approx(79.96, abs=0.01), "未達成")
    assert grade_of(t, actual(2490), KOUKI)[1] == "達成"


def test_decreasing_kpi():
    t = target(direction="decrease", target_value=10.0, baseline_value=50.0, target_unit="人")
    assert progress_percent(t, 30) == pytest.approx(50.0)
    assert grade_of(t, actual(9), KOUKI)[1] == "達成+"
    assert grade_of(t, actual(10), KOUKI)[1] == "達成"
    assert grade_of(t, actual(18), KOUKI)[1] == "達成"   # 80 % of the fall
    assert grade_of(t, actual(19), KOUKI)[1] == "未達成"
    assert progress_percent(target(direction="decrease", target_value=10.0), 5) is None  # no start point


def test_qualitative_target_gets_the_reported_status_not_a_percent():
    t = target(target_value=None, target_unit=None, title="生成AIの実証実験")
    assert grade_of(t, actual(status="達成"), KOUKI) == (None, "達成")
    assert grade_of(t, None, KOUKI) == (None, NOT_REPORTED)


def test_missing_actual_is_not_reported():
    assert grade_of(target(), None, KOUKI) == (None, NOT_REPORTED)


def _plan_with_two_targets():
    needs = small_plan()
    extra = make_needs(*[dict(n) for n in needs.values()],
                       {"id": "TGT_U", "type": "target", "kpi": ["KPI_T"], "title": "10件", "target_value": 10.0,
                        "target_unit": "件", "target_fy": 2025, "weight": 3.0})
    return extra


def test_rollup_counts_every_grade_and_weights_progress():
    needs = _plan_with_two_targets()
    actuals = [Actual("TGT_T", 2025, value=2046 + 0.5 * (2600 - 2046)), Actual("TGT_U", 2025, value=10)]
    items = progress_for_year(needs, actuals, 2025, KOUKI)
    summary = rollup(items, KOUKI)
    assert summary.counts == {"達成+": 0, "達成": 1, "未達成": 1, "速報": 0, "未報告": 0}
    assert summary.percent == pytest.approx((50 * 1 + 100 * 3) / 4)
    # The same items roll up to the measure, the policy, the vision, the plan and the section.
    for need_id in ("MEA_T", "POL_T", "VIS_T", "PLAN_T", "SEC_T"):
        assert len(items_under(needs, items, needs[need_id])) == 2, need_id


def test_rollup_counts_unreported():
    needs = _plan_with_two_targets()
    items = progress_for_year(needs, [Actual("TGT_U", 2025, value=11)], 2025, KOUKI)
    assert rollup(items, KOUKI).counts == {"達成+": 1, "達成": 0, "未達成": 0, "速報": 0, "未報告": 1}


def test_baseline_year_is_history_not_a_grade():
    needs = small_plan()
    items = progress_for_year(needs, [Actual("TGT_T", 2022, value=2046)], 2022, KOUKI)
    assert [i.grade for i in items] == [BASELINE_YEAR]


def test_report_year_is_the_latest_plan_year_with_data():
    needs = small_plan()
    assert report_year(needs, []) == (2025, False)
    assert report_year(needs, [Actual("TGT_T", 2022, value=1)]) == (2025, False)
    assert report_year(needs, [Actual("TGT_T", 2024, value=1)]) == (2024, True)


def test_incomplete_scale_is_rejected(tmp_path: Path):
    path = tmp_path / "ubproject.toml"
    path.write_text('[dxplan.hierarchy]\nvision = ["plan"]\n[[dxplan.grade_scales]]\nid = "x"\nname = "x"\ncomputed = true\n'
                    '[[dxplan.grade_scales.grades]]\nlabel = "A"\ndefinition = "a"\nmin_progress = 80\n', encoding="utf-8")
    with pytest.raises(ValueError, match="otherwise"):
        load_grade_scales(path)


def test_chart_years_read_reiwa_with_western_beside():
    """The progress chart's axis: 令和7 with （2025） under it, not a 西暦-only or 令和-only year."""
    from dxplan.progress import _history_svg

    svg = _history_svg({"title": "テスト（合成データ）", "target_value": 10.0}, [(2024, 4.0), (2025, None)]).astext()
    labels = re.findall(r">([^<]+)</text>", svg)
    assert labels[:2] == ["令和6", "（2024）"] and "令和7" in labels and "（2025）" in labels, labels
    assert NOT_REPORTED in labels
