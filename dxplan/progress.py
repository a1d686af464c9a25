"""KPI progress on the site: the progress views, the check of the actuals against the plan on
every build, and the reading of the grade scales from the plan's configuration.

The arithmetic (grades, progress %, roll-ups) is dxplan/core/progress.py.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from dxplan.config import CONFIG_FILE, load_grade_scales
from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year, format_fiscal_year_western
from dxplan.core.labels import GAP_LABEL, NOT_REPORTED, PROVISIONAL, UNOWNED
from dxplan.core.labels import progress as words
from dxplan.core.model import Need
from dxplan.core.progress import (GradeScale, ProgressInputs, TargetProgress, YearProgress, answer_line, grade_of,
                                  history_years, items_under, load_progress_inputs, percent_text,
                                  plan_years, rollup, scale_for_plan, status_cell, unowned_items)
from dxplan.core.progress import year_progress as year_progress_of
from dxplan.core.reporting import REPORTING_FILE
from dxplan.core.store import ACTUALS_FILE
from dxplan.datafiles import log_data_errors, register_data_file
from dxplan.internals import resolved_needs
from dxplan.markup import raw_node
from dxplan.render import gap, table
from dxplan.views import register_view
from dxplan.core import labels as shared_words

logger = logging.getLogger(__name__)
_INPUTS_ATTR = "dxplan_progress_inputs"


def progress_inputs(app: Sphinx) -> ProgressInputs:
    cached = getattr(app, _INPUTS_ATTR, None)
    if cached is None:
        cached = load_progress_inputs(Path(app.confdir), resolved_needs(app),
                                      load_grade_scales(Path(app.confdir) / CONFIG_FILE))
        setattr(app, _INPUTS_ATTR, cached)
    return cached


def year_progress(ctx) -> YearProgress | None:
    """The progress a view shows: its plan's scale, the report year, every target graded."""
    return year_progress_of(progress_inputs(ctx.app), ctx.needs)


def check_actuals(app: Sphinx, builder=None) -> None:
    """The actuals store against the plan, on every build (write-started)."""
    inputs = progress_inputs(app)
    log_data_errors(inputs.errors, "actuals")
    needs = resolved_needs(app)
    has_kpis = bool(model.of_type(needs, model.KPI))
    for plan in model.of_type(needs, model.PLAN):
        if has_kpis and scale_for_plan(inputs.scales, plan["id"]) is None:
            logger.info(f"dxplan: {words.plan_without_grade_scale(plan_id=plan['id'])}")


def _grade_node(grade: str, scale: GradeScale | None) -> nodes.Node:
    css = next((g.css for g in scale.grades if g.label == grade), "") if scale else ""
    return nodes.inline("", grade, classes=["dxplan-grade", css or "grade-none"])


def _year_caption(fy: int, has_data: bool) -> str:
    return words.year_caption(format_fiscal_year(fy), has_data)


def _summary_table(caption: str, groups: list[tuple[nodes.Node | str, list[TargetProgress]]],
                   scale: GradeScale) -> nodes.table:
    headers = [words.SUBJECT, *scale.labels, words.PROVISIONAL_COLUMN, NOT_REPORTED, words.TARGET_COUNT,
               words.MEAN_PROGRESS]
    rows = []
    for label, items in groups:
        summary = rollup(items, scale)
        rows.append([label, *[str(summary.counts[g]) for g in [*scale.labels, PROVISIONAL, NOT_REPORTED]],
                     str(summary.total), percent_text(summary.percent)])
    return table(headers, rows, caption=caption, classes=["dxplan-progress-summary"])


def render_progress_summary(ctx) -> list[nodes.Node]:
    state = year_progress(ctx)
    if state is None:
        return [nodes.paragraph("", words.NO_GRADE_SCALE)]
    needs, scale, fy, has_data, items = state.needs, state.scale, state.fy, state.has_data, state.items
    need_id = ctx.options.get("need")
    if need_id:
        need = needs.get(need_id)
        if need is None:
            return [nodes.paragraph("", words.not_found(name=need_id))]
        all_items, items = items, items_under(needs, items, need)
        groups: list[tuple[nodes.Node | str, list[TargetProgress]]] = [(need["title"], items)]
        # A policy's page also rolls its progress up per measure.
        groups += [(ctx.link(m), items_under(needs, all_items, m))
                   for m in model.linked(needs, need, "policy", back=True)]
    else:
        groups = [(words.WHOLE_PLAN, items)]
    caption = words.progress_of(subject=_year_caption(fy, has_data), detail=scale.name)
    out: list[nodes.Node] = [_summary_table(caption, groups, scale)]
    if not items:
        out.append(nodes.paragraph("", words.NO_TARGETS_LINKED))
    return out


HISTORY_SVG = """\
<svg class="dxplan-chart" role="img" aria-label="{{ label }}" \
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
<text x="{{ width - 10 }}" y="{{ goal.y - 3 }}" text-anchor="end" font-size="12">{{ goal_word }} {{ goal.value }}</text>
{%- endif %}
</svg>"""


def _history_svg(target: Need, points: list[tuple[int, float | None]]) -> nodes.raw:
    """A bar chart of actuals by year with the target as a line; values are printed too.
    Each year reads 令和N with its 西暦 below it: a chart is where years are compared."""
    goal = target.get("target_value")
    values = [v for _, v in points if v is not None] + ([goal] if goal is not None else [])
    top = max(values) if values else 1.0
    bars = [{"x": 40 + i * 60, "label": format_fiscal_year(fy).replace(shared_words.FISCAL_YEAR, ""), "western": f"（{fy}）",
             "value": None if value is None else model.format_number(value),
             "h": 0 if value is None or not top else 100 * value / top}
            for i, (fy, value) in enumerate(points)]
    return raw_node(HISTORY_SVG, label=words.history_chart_label(title=target["title"]), width=60 * len(points) + 60,
                    height=160, bar_width=34, bars=bars, not_reported=NOT_REPORTED, goal_word=words.GOAL,
                    goal=None if goal is None else {"y": 120 - 100 * goal / top, "value": model.format_number(goal)})


def render_progress_dashboard(ctx) -> list[nodes.Node]:
    state = year_progress(ctx)
    if state is None:
        return [nodes.paragraph("", words.NO_GRADE_SCALE)]
    needs, scale, fy, has_data, items = state.needs, state.scale, state.fy, state.has_data, state.items
    out: list[nodes.Node] = []
    policies = [(ctx.link(p, f"{p['category']}{p['number_label']} {p['title']}"), items_under(needs, items, p))
                for p in model.of_type(needs, model.POLICY)]
    out.append(_summary_table(words.progress_by_policy(_year_caption(fy, has_data)), policies, scale))
    sections = [(ctx.link(s), items_under(needs, items, s)) for s in model.of_type(needs, model.SECTION)]
    unowned = unowned_items(needs, items)
    if unowned:
        sections.append((gap(UNOWNED), unowned))
    out.append(_summary_table(words.progress_by_section(_year_caption(fy, has_data)), sections, scale))

    years = history_years(needs, state.actuals)
    by_key = {(a.target, a.fy): a for a in state.actuals}
    out.append(nodes.rubric("", words.HISTORY_HEADING))
    for item in items:
        target = item.target
        block = nodes.container(classes=["dxplan-kpi-history"])
        heading = nodes.paragraph(classes=["dxplan-kpi-history-title"])
        heading += nodes.strong("", "", ctx.link(item.kpi))
        heading += nodes.Text(" — ")
        heading += nodes.inline("", answer_line(item, state.actuals), classes=["dxplan-answer"])
        if item.provisional:
            heading += nodes.Text(words.PROVISIONAL_NOTE)
        block += heading
        rows, points = [], []
        for year in years:
            actual = by_key.get((target["id"], year))
            percent, grade = grade_of(target, actual, scale)
            base = year == target.get("baseline_fy")
            points.append((year, actual.value if actual else None))
            rows.append([format_fiscal_year(year) + (words.BASELINE_YEAR_NOTE if base else ""),
                         (actual.text or model.format_number(actual.value) if actual.value is not None else actual.status or "")
                         if actual else gap(NOT_REPORTED if year in plan_years(needs) else GAP_LABEL),
                         "—" if base else _grade_node(grade, scale),
                         "—" if base else percent_text(percent),
                         actual.source or actual.source_file or "" if actual else ""])
        pair = nodes.container(classes=["dxplan-chart-pair"])
        if target.get("target_value") is not None:
            pair += _history_svg(target, points)
        pair += table([shared_words.FISCAL_YEAR, words.ACTUAL, words.GRADE, words.PROGRESS_RATE, words.SOURCE_OR_REPORT],
                      rows, caption=words.yearly_actuals_caption(kpi=item.kpi["title"], target=target["title"]))
        block += pair
        out.append(block)
    return out


def render_kpi_answers(ctx) -> list[nodes.Node]:
    """One answer line per KPI target (a policy page: the KPIs of that policy)."""
    state = year_progress(ctx)
    if state is None:
        return [nodes.paragraph("", words.NO_GRADE_SCALE)]
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
        return [nodes.paragraph("", words.NO_KPIS_LINKED)]
    return [out]


def render_status_by_year(ctx) -> list[nodes.Node]:
    """KPI × fiscal year, the state in words: one landscape A4 page for a committee meeting."""
    state = year_progress(ctx)
    if state is None:
        return [nodes.paragraph("", words.NO_GRADE_SCALE)]
    years = history_years(state.needs, state.actuals)
    in_plan = set(plan_years(state.needs))
    by_key = {(a.target, a.fy): a for a in state.actuals}
    rows = []
    for item in state.items:
        target = item.target
        name = [ctx.link(item.kpi), nodes.Text(f"（{model.target_summary(target)}）")]
        rows.append([name, *[status_cell(target, by_key.get((target["id"], y)), y, y in in_plan, state.scale)
                             for y in years]])
    headers = [words.KPI_AND_TARGET, *[format_fiscal_year_western(y) for y in years]]
    return [table(headers, rows, caption=words.STATUS_BY_YEAR_CAPTION, classes=["dxplan-status-table"])]


def render_grade_scale(ctx) -> list[nodes.Node]:
    out = []
    for scale in progress_inputs(ctx.app).scales:
        rows = [[_grade_node(g.label, scale), g.definition, g.condition] for g in scale.grades]
        out.append(table([words.GRADE, words.GRADE_DEFINITION, words.GRADE_CONDITION], rows,
                         caption=words.grade_scale_caption(scale.name, scale.source, scale.computed)))
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
