"""The diagram views: each Mermaid diagram (core/mermaid.py) under its caption, next to a
table with the same content."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year_western
from dxplan.core.labels import diagrams as words
from dxplan.core.labels import views as view_words
from dxplan.core.mermaid import (FRONT_MATTER, ORG_RELATIONS, org_chart, plan_family, plan_history, plan_periods,
                                 policy_diagram, structure_diagrams)
from dxplan.core.model import Need
from dxplan.core.views import earlier_plans
from dxplan.internals import mermaid_node
from dxplan.render import gap, join, table
from dxplan.views import register_view
from dxplan.core import labels as shared_words


def _mermaid_node(code: str, caption: str) -> nodes.Node:
    """The diagram under its caption, inside a frame that scrolls sideways when the diagram,
    drawn large enough to read (dxplan-ja.js), is wider than the screen."""
    kind = code.split(None, 1)[0]
    container = nodes.container(classes=["dxplan-diagram", f"dxplan-diagram-{kind}"])
    container += nodes.paragraph("", caption, classes=["dxplan-diagram-caption"])
    frame = nodes.container(classes=["dxplan-diagram-scroll"])
    frame += mermaid_node(FRONT_MATTER.get(kind, "") + code)
    container += frame
    return container


def render_structure_diagram(ctx) -> list[nodes.Node]:
    return [_mermaid_node(code, words.structure_caption(name))
            for name, code in structure_diagrams(ctx.needs)]


def render_policy_diagram(ctx) -> list[nodes.Node]:
    policy = ctx.needs.get(ctx.options.get("policy", ""))
    if policy is None:
        return [nodes.paragraph("", view_words.not_found(what=shared_words.POLICY, need_id=ctx.options.get("policy")))]
    return [_mermaid_node(policy_diagram(ctx.needs, policy), words.POLICY_DIAGRAM_CAPTION)]


# ---------------------------------------------------------------- 推進体制, 計画期間, これまでの計画
# Rebuilt from the needs where a source lost the figure (000 図1, 図13, 図17). Each view puts
# the diagram next to a table with the same content.


def render_org_chart(ctx) -> list[nodes.Node]:
    rows = []
    for org in model.of_type(ctx.needs, "org"):
        relations: list[nodes.Node] = []
        for link, _arrow, _label, _sentence, out_text, in_text in ORG_RELATIONS:
            for back, verb in ((False, out_text), (True, in_text)):
                linked = model.linked(ctx.needs, org, link, back=back)
                if linked:
                    if relations:
                        relations.append(nodes.Text("／"))
                    relations += [nodes.Text(verb), *join([ctx.link(n) for n in linked])]
        # A body (部会, 事務局) has no holder; only a post the source leaves unfilled shows the gap.
        holder = org.get("holder") or (gap() if words.HOLDER in (org.get("gaps") or "") else "—")
        rows.append([ctx.link(org), holder, org.get("role") or gap(),
                     relations or gap(words.NO_RELATIONS)])
    return [
        _mermaid_node(org_chart(ctx.needs), words.ORG_CHART_CAPTION),
        table([words.ORGS, view_words.as_in_source(words.HOLDER), words.ROLE, words.STATED_RELATIONS], rows,
              caption=words.ORG_TABLE_CAPTION, classes=["dxplan-org-table"]),
    ]


def _need_from_option(ctx, kind: str) -> Need | None:
    need = ctx.needs.get(ctx.options.get("need", ""))
    return need if need is not None and need.get("type") == kind else None


def render_plan_periods(ctx) -> list[nodes.Node]:
    basic = _need_from_option(ctx, model.PLAN)
    if basic is None:
        return [nodes.paragraph("", words.plan_not_found(ctx.options.get("need")))]
    rows = [[ctx.link(p), model.plan_short_name(p), p.get("period_label") or "",
             format_fiscal_year_western(p["period_start"]), format_fiscal_year_western(p["period_end"]),
             words.years_span(years=p["period_end"] - p["period_start"] + 1)]
            for p in plan_family(ctx.needs, basic) if p.get("period_start") and p.get("period_end")]
    return [
        _mermaid_node(plan_periods(ctx.needs, basic), words.PERIODS_CAPTION),
        table([shared_words.PLAN, shared_words.CATEGORY, words.PERIOD, words.START_YEAR, words.END_YEAR, words.YEARS], rows,
              caption=words.PERIODS_TABLE_CAPTION, classes=["dxplan-period-table"]),
    ]


def render_plan_history(ctx) -> list[nodes.Node]:
    current = _need_from_option(ctx, model.PLAN)
    rows = []
    for item in earlier_plans(ctx.needs):
        rows.append([ctx.link(item), item.get("period_label") or gap(),
                     format_fiscal_year_western(item["period_start"]) if item.get("period_start") else gap(),
                     format_fiscal_year_western(item["period_end"]) if item.get("period_end") else gap()])
    if current:
        rows.append([ctx.link(current), current.get("period_label") or "",
                     format_fiscal_year_western(current["period_start"]), format_fiscal_year_western(current["period_end"])])
    return [
        _mermaid_node(plan_history(ctx.needs, current), words.HISTORY_CAPTION),
        table([shared_words.PLAN, words.PERIOD, words.START_YEAR, words.END_YEAR], rows,
              caption=words.HISTORY_TABLE_CAPTION, classes=["dxplan-history-table"]),
    ]


def setup_diagrams(app: Sphinx) -> None:
    register_view("structure-diagram", render_structure_diagram)
    register_view("policy-diagram", render_policy_diagram, options=("policy",), required=("policy",))
    register_view("org-chart", render_org_chart)
    register_view("plan-periods", render_plan_periods, options=("need",), required=("need",))
    register_view("plan-history", render_plan_history, options=("need",), required=("need",))
