"""KPI progress: grade scales from plan configuration, progress %, grades and roll-ups.

Plain functions over need records and actuals; the build's pages and `dxplan progress`
both call them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dxplan.config import CONFIG_FILE, read_config_table
from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation
from dxplan.core.labels import BASELINE_YEAR, NOT_REPORTED, PROVISIONAL, UNOWNED
from dxplan.core.model import Need, Needs
from dxplan.core.reporting import REPORTING_FILE, is_confirmed, load_reports
from dxplan.core.store import Actual
from dxplan.datafiles import log_data_errors, register_data_file
from dxplan.markup import raw_node
from dxplan.render import gap, table
from dxplan.views import register_view



@dataclass(frozen=True)
class Grade:
    label: str
    definition: str
    css: str = ""
    exceeds_target: bool = False
    min_progress: float | None = None
    otherwise: bool = False


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


def load_grade_scales(path: Path) -> list[GradeScale]:
    scales = []
    for entry in read_config_table(path).get("grade_scales", []):
        grades = tuple(Grade(**g) for g in entry.get("grades", []))
        if entry.get("computed"):
            conditions = [g.exceeds_target or g.min_progress is not None or g.otherwise for g in grades]
            if not all(conditions) or not grades[-1].otherwise:
                raise DataErrors([DataError(SourceLocation(str(path)), entry["id"],
                                            "評語の尺度の条件が不完全です（最後の評語は otherwise = true）")])
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


# ---------------------------------------------------------------- Sphinx wiring

from docutils import nodes  # noqa: E402
from sphinx.application import Sphinx  # noqa: E402
from sphinx.util import logging  # noqa: E402

from dxplan.core.errors import DataErrors  # noqa: E402
from dxplan.core.fiscal import format_fiscal_year, format_fiscal_year_western  # noqa: E402
from dxplan.internals import resolved_needs  # noqa: E402
from dxplan.core.store import ACTUALS_FILE, load_actuals  # noqa: E402

logger = logging.getLogger(__name__)
_INPUTS_ATTR = "dxplan_progress_inputs"


@dataclass(frozen=True)
class ProgressInputs:
    actuals: list[Actual]
    scales: list[GradeScale]
    errors: list[DataError]  # reported once per build by check_actuals; views show what could be read
    reports: dict = field(default_factory=dict)  # reporting states (dxplan.core.reporting), for 速報

    def scope(self, needs: Needs) -> tuple[Needs, GradeScale | None]:
        """`needs` of one plan (as a view passes them) and the scale that grades that plan."""
        plans = model.of_type(needs, model.PLAN)
        return needs, scale_for_plan(self.scales, plans[0]["id"]) if plans else None


def progress_inputs(app: Sphinx) -> ProgressInputs:
    cached = getattr(app, _INPUTS_ATTR, None)
    if cached is None:
        needs = resolved_needs(app)
        scales = load_grade_scales(Path(app.confdir) / CONFIG_FILE)
        labels = sorted({label for scale in scales if scale.computed for label in scale.labels})
        try:
            actuals = load_actuals(Path(app.confdir) / ACTUALS_FILE, needs, labels)
            errors = []
        except DataErrors as exc:
            actuals, errors = [], exc.errors
        try:
            reports = load_reports(Path(app.confdir) / REPORTING_FILE)
        except DataErrors:  # reported by datafiles.check_data_files; every figure is then 速報
            reports = {}
        cached = ProgressInputs(actuals, scales, errors, reports)
        setattr(app, _INPUTS_ATTR, cached)
    return cached


def check_actuals(app: Sphinx, builder=None) -> None:
    """The actuals store against the plan, on every build (write-started)."""
    inputs = progress_inputs(app)
    log_data_errors(inputs.errors, "actuals")
    needs = resolved_needs(app)
    has_kpis = bool(model.of_type(needs, model.KPI))
    for plan in model.of_type(needs, model.PLAN):
        if has_kpis and scale_for_plan(inputs.scales, plan["id"]) is None:
            logger.info(f"dxplan: {plan['id']} に評語の尺度（dxplan.grade_scales の plans）がありません")


def _grade_node(grade: str, scale: GradeScale | None) -> nodes.Node:
    css = next((g.css for g in scale.grades if g.label == grade), "") if scale else ""
    return nodes.inline("", grade, classes=["dxplan-grade", css or "grade-none"])


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _year_caption(fy: int, has_data: bool) -> str:
    return format_fiscal_year(fy) + ("" if has_data else "（この年度の実績はまだ報告されていません）")


def _summary_table(caption: str, groups: list[tuple[nodes.Node | str, list[TargetProgress]]],
                   scale: GradeScale) -> nodes.table:
    headers = ["対象", *scale.labels, f"{PROVISIONAL}（未確定）", NOT_REPORTED, "目標値の数", "平均進捗率"]
    rows = []
    for label, items in groups:
        summary = rollup(items, scale)
        rows.append([label, *[str(summary.counts[g]) for g in [*scale.labels, PROVISIONAL, NOT_REPORTED]],
                     str(summary.total), _percent(summary.percent)])
    return table(headers, rows, caption=caption, classes=["dxplan-progress-summary"])


@dataclass(frozen=True)
class YearProgress:
    needs: Needs
    scale: GradeScale
    actuals: list[Actual]
    fy: int
    has_data: bool
    items: list[TargetProgress]


def year_progress(ctx) -> YearProgress | None:
    """The progress a view shows: its plan's scale, the report year, every target graded."""
    inputs = progress_inputs(ctx.app)
    needs, scale = inputs.scope(ctx.needs)
    if scale is None:
        return None
    fy, has_data = report_year(needs, inputs.actuals)
    items = progress_for_year(needs, inputs.actuals, fy, scale, lambda a: is_confirmed(needs, inputs.reports, a))
    return YearProgress(needs, scale, inputs.actuals, fy, has_data, items)


NO_SCALE = "この計画には評語の尺度が設定されていません。"


def render_progress_summary(ctx) -> list[nodes.Node]:
    state = year_progress(ctx)
    if state is None:
        return [nodes.paragraph("", NO_SCALE)]
    needs, scale, fy, has_data, items = state.needs, state.scale, state.fy, state.has_data, state.items
    need_id = ctx.options.get("need")
    if need_id:
        need = needs.get(need_id)
        if need is None:
            return [nodes.paragraph("", f"{need_id} が見つかりません")]
        all_items, items = items, items_under(needs, items, need)
        groups: list[tuple[nodes.Node | str, list[TargetProgress]]] = [(need["title"], items)]
        # A policy's page also rolls its progress up per measure.
        groups += [(ctx.link(m), items_under(needs, all_items, m))
                   for m in model.linked(needs, need, "policy", back=True)]
    else:
        groups = [("計画全体", items)]
    caption = f"{_year_caption(fy, has_data)}の進捗（{scale.name}）"
    out: list[nodes.Node] = [_summary_table(caption, groups, scale)]
    if not items:
        out.append(nodes.paragraph("", "この項目に結び付いた目標値はありません（主管課が出典に記載されていないため）。"))
    return out


HISTORY_SVG = """\
<svg class="dxplan-chart" role="img" aria-label="{{ title }} の実績の推移（同じ値を右の表に示しています）" \
viewBox="0 0 {{ width }} {{ height }}" width="{{ width }}" height="{{ height }}" xmlns="http://www.w3.org/2000/svg">
{%- for bar in bars %}
<text x="{{ bar.x + bar_width / 2 }}" y="{{ height - 19 }}" text-anchor="middle" font-size="12">{{ bar.label }}</text>
<text x="{{ bar.x + bar_width / 2 }}" y="{{ height - 4 }}" text-anchor="middle" font-size="12">{{ bar.western }}</text>
{%- if bar.value is none %}
<text x="{{ bar.x + bar_width / 2 }}" y="116" text-anchor="middle" font-size="12">{{ not_reported }}</text>
{%- else %}
<rect x="{{ bar.x }}" y="{{ 120 - bar.h }}" width="{{ bar_width }}" height="{{ bar.h }}" class="dxplan-bar"/>
<text x="{{ bar.x + bar_width / 2 }}" y="{{ 116 - bar.h }}" text-anchor="middle" font-size="12">{{ bar.value }}</text>
{%- endif %}
{%- endfor %}
{%- if goal is not none %}
<line x1="30" x2="{{ width - 10 }}" y1="{{ goal.y }}" y2="{{ goal.y }}" class="dxplan-goal"/>
<text x="{{ width - 10 }}" y="{{ goal.y - 3 }}" text-anchor="end" font-size="12">目標 {{ goal.value }}</text>
{%- endif %}
</svg>"""


def _history_svg(target: Need, points: list[tuple[int, float | None]]) -> nodes.raw:
    """A bar chart of actuals by year with the target as a line; values are printed too.
    Each year reads 令和N with its 西暦 below it: a chart is where years are compared."""
    goal = target.get("target_value")
    values = [v for _, v in points if v is not None] + ([goal] if goal is not None else [])
    top = max(values) if values else 1.0
    bars = [{"x": 40 + i * 60, "label": format_fiscal_year(fy).replace("年度", ""), "western": f"（{fy}）",
             "value": None if value is None else model.format_number(value),
             "h": 0 if value is None or not top else 100 * value / top}
            for i, (fy, value) in enumerate(points)]
    return raw_node(HISTORY_SVG, title=target["title"], width=60 * len(points) + 60, height=160, bar_width=34,
                    bars=bars, not_reported=NOT_REPORTED,
                    goal=None if goal is None else {"y": 120 - 100 * goal / top, "value": model.format_number(goal)})


def render_progress_dashboard(ctx) -> list[nodes.Node]:
    state = year_progress(ctx)
    if state is None:
        return [nodes.paragraph("", NO_SCALE)]
    needs, scale, fy, has_data, items = state.needs, state.scale, state.fy, state.has_data, state.items
    out: list[nodes.Node] = []
    policies = [(ctx.link(p, f"{p['category']}{p['number_label']} {p['title']}"), items_under(needs, items, p))
                for p in model.of_type(needs, model.POLICY)]
    out.append(_summary_table(f"基本方針別の進捗（{_year_caption(fy, has_data)}）", policies, scale))
    sections = [(ctx.link(s), items_under(needs, items, s)) for s in model.of_type(needs, model.SECTION)]
    unowned = unowned_items(needs, items)
    if unowned:
        sections.append((gap(UNOWNED), unowned))
    out.append(_summary_table(f"主管課別の進捗（{_year_caption(fy, has_data)}）", sections, scale))

    years = history_years(needs, state.actuals)
    by_key = {(a.target, a.fy): a for a in state.actuals}
    out.append(nodes.rubric("", "目標値ごとの実績の推移"))
    for item in items:
        target = item.target
        block = nodes.container(classes=["dxplan-kpi-history"])
        heading = nodes.paragraph(classes=["dxplan-kpi-history-title"])
        heading += nodes.strong("", "", ctx.link(item.kpi))
        heading += nodes.Text(" — ")
        heading += nodes.inline("", answer_line(item, state.actuals), classes=["dxplan-answer"])
        if item.provisional:
            heading += nodes.Text(f"（{PROVISIONAL}: 未確定の実績）")
        block += heading
        rows, points = [], []
        for year in years:
            actual = by_key.get((target["id"], year))
            percent, grade = grade_of(target, actual, scale)
            base = year == target.get("baseline_fy")
            points.append((year, actual.value if actual else None))
            rows.append([format_fiscal_year(year) + ("（基準年）" if base else ""),
                         (actual.text or model.format_number(actual.value) if actual.value is not None else actual.status or "")
                         if actual else gap(NOT_REPORTED if year in plan_years(needs) else model.GAP_LABEL),
                         "—" if base else _grade_node(grade, scale),
                         "—" if base else _percent(percent),
                         actual.source or actual.source_file or "" if actual else ""])
        pair = nodes.container(classes=["dxplan-chart-pair"])
        if target.get("target_value") is not None:
            pair += _history_svg(target, points)
        pair += table(["年度", "実績", "評語", "進捗率", "出典・報告"], rows,
                      caption=f"{item.kpi['title']}（{target['title']}）の年度別実績")
        block += pair
        out.append(block)
    return out


def _actual_text(actual: Actual) -> str:
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
    goal = f"{format_fiscal_year_western(year)}に{target['title']}" if year else f"{target['title']}（目標年度は{model.GAP_LABEL}）"
    reported = sorted((a for a in actuals if a.target == target["id"]), key=lambda a: a.fy)
    if reported:
        latest = f"{format_fiscal_year_western(reported[-1].fy)}は{_actual_text(reported[-1])}"
    else:
        latest = "計画書に記載がなく、まだ報告もありません"
    this_year = format_fiscal_year_western(item.fy)
    if item.actual is None:
        state = f"{this_year}の実績はまだ報告されていません"
    else:
        state = f"{this_year}は「{item.grade}」" + (f"（進捗率 {_percent(item.percent)}）" if item.percent is not None else "")
    return f"目標: {goal}／最新の実績: {latest}／{state}"


def render_kpi_answers(ctx) -> list[nodes.Node]:
    """One answer line per KPI target (a policy page: the KPIs of that policy)."""
    state = year_progress(ctx)
    if state is None:
        return [nodes.paragraph("", NO_SCALE)]
    items = state.items
    need_id = ctx.options.get("policy") or ctx.options.get("need")
    if need_id and need_id in state.needs:
        items = items_under(state.needs, items, state.needs[need_id])
    out = nodes.bullet_list(classes=["dxplan-answers"])
    for item in items:
        para = nodes.paragraph()
        para += nodes.strong("", "", ctx.link(item.kpi))
        if len(model.linked(state.needs, item.kpi, "kpi", back=True)) > 1:
            para += nodes.Text(f"（{item.target['title']}）")
        para += nodes.Text(" — ")
        para += nodes.inline("", answer_line(item, state.actuals), classes=["dxplan-answer"])
        out += nodes.list_item("", para)
    if not items:
        return [nodes.paragraph("", "この項目に結び付いた KPI はありません。")]
    return [out]


def status_cell(target: Need, actual: Actual | None, year: int, in_plan: bool, scale: GradeScale) -> str:
    """One cell of the 年度別 達成状況一覧, in words: the grade, the base year's figure, or why empty."""
    if year == target.get("baseline_fy"):
        return f"基準値 {_actual_text(actual) if actual else target.get('baseline_text') or ''}".strip()
    if actual is None:
        return NOT_REPORTED if in_plan else "—（計画期間外）"
    _percent_value, grade = grade_of(target, actual, scale)
    return f"{grade}（{_actual_text(actual)}）"


def render_status_by_year(ctx) -> list[nodes.Node]:
    """KPI × fiscal year, the state in words: one landscape A4 page for a committee meeting."""
    state = year_progress(ctx)
    if state is None:
        return [nodes.paragraph("", NO_SCALE)]
    years = history_years(state.needs, state.actuals)
    in_plan = set(plan_years(state.needs))
    by_key = {(a.target, a.fy): a for a in state.actuals}
    rows = []
    for item in state.items:
        target = item.target
        name = [ctx.link(item.kpi), nodes.Text(f"（{model.target_summary(target)}）")]
        rows.append([name, *[status_cell(target, by_key.get((target["id"], y)), y, y in in_plan, state.scale)
                             for y in years]])
    headers = ["KPI（目標）", *[format_fiscal_year_western(y) for y in years]]
    return [table(headers, rows, caption="年度別 達成状況一覧（KPI × 年度）", classes=["dxplan-status-table"])]


def render_grade_scale(ctx) -> list[nodes.Node]:
    out = []
    for scale in progress_inputs(ctx.app).scales:
        rows = [[_grade_node(g.label, scale), g.definition,
                 ("目標を上回る" if g.exceeds_target else f"進捗率 {g.min_progress:g}% 以上" if g.min_progress is not None
                  else "上記以外" if g.otherwise else "報告された評語")]
                for g in scale.grades]
        out.append(table(["評語", "説明（出典）", "判定の条件（このサイトの設定）"], rows,
                         caption=f"{scale.name}（出典: {scale.source}）{'' if scale.computed else '— 実績から計算せず、報告された評語を記録する尺度'}"))
    return out


def setup_progress(app: Sphinx) -> None:
    register_data_file(CONFIG_FILE, "grade-scales", lambda app, path: load_grade_scales(path))
    app.connect("write-started", check_actuals, priority=800)
    deps = (ACTUALS_FILE, CONFIG_FILE, REPORTING_FILE)
    register_view("progress-summary", render_progress_summary, depends_on=deps, options=("need",))
    register_view("progress-dashboard", render_progress_dashboard, depends_on=deps)
    register_view("grade-scales", render_grade_scale, depends_on=(CONFIG_FILE,))
    register_view("kpi-answers", render_kpi_answers, depends_on=deps, options=("policy", "need"))
    register_view("status-by-year", render_status_by_year, depends_on=deps)
