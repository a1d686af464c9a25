"""KPI progress: grade scales, progress %, grades and roll-ups, and the words a KPI's state is told in.

Plain functions over need records and actuals; the build's pages (dxplan/progress.py) and
`dxplan progress` both call them. A grade scale comes in as its configuration entry: reading
ubproject.toml is the project's side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation
from dxplan.core.fiscal import format_fiscal_year_western
from dxplan.core.labels import BASELINE_YEAR, NOT_REPORTED, PROVISIONAL
from dxplan.core.labels import progress as words
from dxplan.core.model import Need, Needs
from dxplan.core.reporting import REPORTING_FILE, is_confirmed, load_reports
from dxplan.core.store import ACTUALS_FILE, Actual, load_actuals


@dataclass(frozen=True)
class Grade:
    label: str
    definition: str
    css: str = ""
    exceeds_target: bool = False
    min_progress: float | None = None
    otherwise: bool = False

    @property
    def condition(self) -> str:
        """When the grade is given, in words (the grade-scale table)."""
        if self.exceeds_target:
            return words.EXCEEDS_TARGET
        if self.min_progress is not None:
            return words.at_least_progress(self.min_progress)
        return words.OTHERWISE if self.otherwise else words.REPORTED_GRADE


@dataclass(frozen=True)
class GradeScale:
    id: str
    name: str
    plans: tuple[str, ...]
    computed: bool
    source: str
    grades: tuple[Grade, ...]

    @property
    def labels(self) -> list[str]:
        return [g.label for g in self.grades]


def grade_scales(entries: Iterable[dict[str, Any]], where: str) -> list[GradeScale]:
    """The scales of the configuration's [[dxplan.grade_scales]] entries (`where` names the file)."""
    scales = []
    for entry in entries:
        grades = tuple(Grade(**g) for g in entry.get("grades", []))
        if entry.get("computed"):
            conditions = [g.exceeds_target or g.min_progress is not None or g.otherwise for g in grades]
            if not all(conditions) or not grades[-1].otherwise:
                raise DataErrors([DataError(SourceLocation(where), entry["id"], words.INCOMPLETE_GRADE_SCALE)])
        scales.append(GradeScale(entry["id"], entry["name"], tuple(entry.get("plans", [])),
                                 bool(entry.get("computed")), entry.get("source", ""), grades))
    return scales


def scale_for_plan(scales: Iterable[GradeScale], plan_id: str) -> GradeScale | None:
    return next((s for s in scales if plan_id in s.plans), None)


def progress_percent(target: Need, value: float) -> float | None:
    """(actual − baseline) ÷ (target − baseline), or actual ÷ target without a baseline."""
    goal = target.get("target_value")
    if goal is None:
        return None
    base = target.get("baseline_value")
    decreasing = target.get("direction") == "decrease"
    if base is None:
        if decreasing:
            return None  # a decrease needs a starting point
        return 100.0 * value / goal if goal else None
    span = (base - goal) if decreasing else (goal - base)
    if span == 0:
        return 100.0 if (value <= goal if decreasing else value >= goal) else 0.0
    return 100.0 * ((base - value) if decreasing else (value - base)) / span


def exceeds(target: Need, value: float) -> bool:
    goal = target["target_value"]
    return value < goal if target.get("direction") == "decrease" else value > goal


def grade_of(target: Need, actual: Actual | None, scale: GradeScale) -> tuple[float | None, str]:
    """Progress % and grade label of one target for one year's actual (or 未報告)."""
    if actual is None:
        return None, NOT_REPORTED
    if target.get("target_value") is None or actual.value is None:
        return None, actual.status or NOT_REPORTED  # qualitative: the reported status
    percent = progress_percent(target, actual.value)
    for grade in scale.grades:
        if grade.exceeds_target and exceeds(target, actual.value):
            return percent, grade.label
        if grade.min_progress is not None and percent is not None and percent >= grade.min_progress:
            return percent, grade.label
        if grade.otherwise:
            return percent, grade.label
    return percent, NOT_REPORTED


@dataclass(frozen=True)
class TargetProgress:
    target: Need
    kpi: Need
    fy: int
    actual: Actual | None
    percent: float | None
    grade: str
    provisional: bool = False  # reported, not yet 確定: shown as 速報, not counted in the grades

    @property
    def shown_grade(self) -> str:
        return f"{self.grade}（{PROVISIONAL}）" if self.provisional else self.grade


def progress_for_year(needs: Needs, actuals: Iterable[Actual], fy: int, scale: GradeScale,
                      confirmed: Callable[[Actual], bool] | None = None) -> list[TargetProgress]:
    """Every target graded for `fy`; an actual `confirmed` rejects is 速報 (every one is final without it)."""
    by_key = {(a.target, a.fy): a for a in actuals}
    out = []
    for kpi in model.of_type(needs, model.KPI):
        for target in model.linked(needs, kpi, "kpi", back=True):
            actual = by_key.get((target["id"], fy))
            percent, grade = grade_of(target, actual, scale)
            provisional = actual is not None and confirmed is not None and not confirmed(actual)
            if actual is not None and fy == target.get("baseline_fy"):
                percent, grade, provisional = None, BASELINE_YEAR, False
            out.append(TargetProgress(target, kpi, fy, actual, percent, grade, provisional))
    return out


@dataclass(frozen=True)
class Rollup:
    counts: dict[str, int]
    percent: float | None  # weighted mean progress of the graded numeric targets
    total: int


def rollup(items: Iterable[TargetProgress], scale: GradeScale) -> Rollup:
    """Grade counts of the confirmed figures (every label of the scale, 速報, 未報告) and their
    weighted mean progress."""
    items = list(items)
    counts = {label: 0 for label in [*scale.labels, PROVISIONAL, NOT_REPORTED]}
    for item in items:
        grade = PROVISIONAL if item.provisional else item.grade
        counts[grade] = counts.get(grade, 0) + 1
    weighted = [(item.percent, item.target.get("weight") or 1.0) for item in items
                if item.percent is not None and not item.provisional]
    total_weight = sum(w for _, w in weighted)
    percent = sum(p * w for p, w in weighted) / total_weight if total_weight else None
    return Rollup(counts, percent, len(items))


def items_under(needs: Needs, items: list[TargetProgress], need: Need) -> list[TargetProgress]:
    """The targets whose KPI measures `need` (a measure, policy, vision or section)."""
    if need["type"] == model.SECTION:
        measures = model.linked(needs, need, "owner", back=True)
        ids = {k["id"] for m in measures for k in model.kpis_of(needs, m)}
    elif need["type"] == model.VISION:
        ids = {k["id"] for p in model.linked(needs, need, "vision", back=True) for k in model.kpis_of(needs, p)}
    elif need["type"] == model.PLAN:
        ids = {i.kpi["id"] for i in items}
    else:
        ids = {k["id"] for k in model.kpis_of(needs, need)}
    return [i for i in items if i.kpi["id"] in ids]


def unowned_items(needs: Needs, items: list[TargetProgress]) -> list[TargetProgress]:
    """Targets none of whose measures names an owning section (shown as their own group)."""
    return [i for i in items
            if not any(m.get("owner") for m in model.linked(needs, i.kpi, "measures"))]


def plan_years(needs: Needs) -> list[int]:
    plans = model.of_type(needs, model.PLAN)
    if not plans or plans[0].get("period_start") is None or plans[0].get("period_end") is None:
        return []
    return list(range(plans[0]["period_start"], plans[0]["period_end"] + 1))


def report_year(needs: Needs, actuals: Iterable[Actual]) -> tuple[int, bool]:
    """The latest plan year with any actual (True), else the plan's last year (False)."""
    years = plan_years(needs)
    reported = {a.fy for a in actuals} & set(years)
    if reported:
        return max(reported), True
    return (years[-1] if years else max((a.fy for a in actuals), default=0)), False


def history_years(needs: Needs, actuals: Iterable[Actual]) -> list[int]:
    """Every year with an actual, plus every plan year (so gaps show as 未報告)."""
    return sorted({a.fy for a in actuals} | set(plan_years(needs)))


# ---------------------------------------------------------------- what a build's views grade


@dataclass(frozen=True)
class ProgressInputs:
    actuals: list[Actual]
    scales: list[GradeScale]
    errors: list[DataError]  # reported once per build; views show what could be read
    reports: dict = field(default_factory=dict)  # reporting states (dxplan.core.reporting), for 速報

    def scope(self, needs: Needs) -> tuple[Needs, GradeScale | None]:
        """`needs` of one plan (as a view passes them) and the scale that grades that plan."""
        plans = model.of_type(needs, model.PLAN)
        return needs, scale_for_plan(self.scales, plans[0]["id"]) if plans else None


def load_progress_inputs(root: Path, needs: Needs, scales: list[GradeScale]) -> ProgressInputs:
    """The project's actuals (checked against `needs` and the computed scales' grades) and reporting
    states; a store that cannot be read gives no actuals and its errors, unreadable states none."""
    labels = sorted({label for scale in scales if scale.computed for label in scale.labels})
    try:
        actuals = load_actuals(root / ACTUALS_FILE, needs, labels)
        errors = []
    except DataErrors as exc:
        actuals, errors = [], exc.errors
    try:
        reports = load_reports(root / REPORTING_FILE)
    except DataErrors:  # reported by datafiles.check_data_files; every figure is then 速報
        reports = {}
    return ProgressInputs(actuals, scales, errors, reports)


@dataclass(frozen=True)
class YearProgress:
    needs: Needs
    scale: GradeScale
    actuals: list[Actual]
    fy: int
    has_data: bool
    items: list[TargetProgress]


def year_progress(inputs: ProgressInputs, needs: Needs) -> YearProgress | None:
    """The progress a view of `needs` shows: its plan's scale, the report year, every target graded."""
    needs, scale = inputs.scope(needs)
    if scale is None:
        return None
    fy, has_data = report_year(needs, inputs.actuals)
    items = progress_for_year(needs, inputs.actuals, fy, scale, lambda a: is_confirmed(needs, inputs.reports, a))
    return YearProgress(needs, scale, inputs.actuals, fy, has_data, items)


# ---------------------------------------------------------------- a KPI's state in words


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def actual_text(actual: Actual) -> str:
    if actual.text:
        return actual.text
    if actual.value is not None:
        return model.format_number(actual.value) + (actual.unit or "")
    return actual.status or ""


def answer_line(item: TargetProgress, actuals: Iterable[Actual]) -> str:
    """What a resident asks of a KPI, in one line: the target and its year, the latest
    actual and its year, and this year's state in words (never a code or a bare symbol)."""
    target = item.target
    year = target.get("target_fy")
    goal = (words.goal_in_year(year=format_fiscal_year_western(year), title=target["title"]) if year
            else words.goal_without_year(title=target["title"]))
    reported = sorted((a for a in actuals if a.target == target["id"]), key=lambda a: a.fy)
    if reported:
        latest = words.figure_in_year(year=format_fiscal_year_western(reported[-1].fy), figure=actual_text(reported[-1]))
    else:
        latest = words.NOTHING_REPORTED
    this_year = format_fiscal_year_western(item.fy)
    if item.actual is None:
        state = words.not_reported_in(year=this_year)
    else:
        state = words.graded_in(this_year, item.grade, percent_text(item.percent) if item.percent is not None else None)
    return words.answer_line(goal=goal, latest=latest, state=state)


def status_cell(target: Need, actual: Actual | None, year: int, in_plan: bool, scale: GradeScale) -> str:
    """One cell of the 年度別 達成状況一覧, in words: the grade, the base year's figure, or why empty."""
    if year == target.get("baseline_fy"):
        return words.baseline_figure(actual_text(actual) if actual else target.get("baseline_text") or "")
    if actual is None:
        return NOT_REPORTED if in_plan else words.OUTSIDE_PLAN_PERIOD
    _percent_value, grade = grade_of(target, actual, scale)
    return f"{grade}（{actual_text(actual)}）"
