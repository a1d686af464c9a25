"""Views computed from the needs: KPI list, plan structure, section pages.

A directive leaves a placeholder; once every need is known (doctree-resolved) the
placeholder is replaced by what a plain function computes from the need records.
Pages holding a view are rewritten whenever anything changed (see incremental.py), so an
incremental build never publishes a view computed from stale needs (sphinx-needs #354).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from dxplan.config import project_config
from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year, month_words
from dxplan.core.model import Need, Needs
from dxplan.internals import mark_interactive_table, resolved_needs
from dxplan.render import gap, join, need_link, table
from dxplan.sections import unmade_sections

logger = logging.getLogger(__name__)


class dxplan_view(nodes.General, nodes.Element):
    """Placeholder for a view, replaced at doctree-resolved."""


@dataclass(frozen=True)
class ViewContext:
    app: Sphinx
    needs: Needs
    fromdocname: str
    options: dict[str, Any]

    def link(self, need: Need, text: str | None = None) -> nodes.Node:
        return need_link(self.app, self.fromdocname, need, text)


# ---------------------------------------------------------------- plain functions


@dataclass(frozen=True)
class KpiRow:
    kpi: Need
    target: Need | None
    policies: list[Need]


def kpi_rows(needs: Needs, policy_id: str | None = None) -> list[KpiRow]:
    """One row per KPI target (a KPI without a target gets one row, showing the gap)."""
    rows: list[KpiRow] = []
    for kpi in model.of_type(needs, model.KPI):
        policies = model.ancestors(needs, kpi, model.POLICY)
        if policy_id and policy_id not in {p["id"] for p in policies}:
            continue
        targets = model.linked(needs, kpi, "kpi", back=True)
        rows.extend(KpiRow(kpi, t, policies) for t in targets) if targets else rows.append(
            KpiRow(kpi, None, policies)
        )
    return rows


def policies_by_vision(needs: Needs) -> list[tuple[Need | None, list[Need]]]:
    """Each vision with its policies; policies under no vision (推進体制強化) last."""
    groups: list[tuple[Need | None, list[Need]]] = [
        (vision, model.linked(needs, vision, "vision", back=True))
        for vision in model.of_type(needs, model.VISION)
    ]
    loose = [p for p in model.of_type(needs, model.POLICY) if not p.get("vision")]
    if loose:
        groups.append((None, loose))
    return groups


def measures_without_policy(needs: Needs) -> list[Need]:
    """Measures linked to their plan directly: the source does not say which policy they serve."""
    return [m for m in model.of_type(needs, model.MEASURE) if not m.get("policy")]


def action_rows(needs: Needs) -> list[tuple[Need, list[Need]]]:
    """Each 個別施策 with its 施策, in the plan's own order (個別施策1, 2, … 10, never 1, 10, 2)."""
    return [(action, model.linked(needs, action, "measure"))
            for action in model.of_type(needs, model.ACTION)]


def policy_level_label(needs: Needs) -> str:
    """What the plan calls its policies (基本方針・推進体制強化, 指針), from their category."""
    categories = dict.fromkeys(p.get("category") for p in model.of_type(needs, model.POLICY))
    return "・".join(c for c in categories if c) or "基本方針"


# ---------------------------------------------------------------- renderers

KPI_HEADERS = ["KPI", "基本方針", "対象施策（出典の表記）", "目標年度", "目標（出典の表記）", "基準値（実績）"]


def render_kpi_table(ctx: ViewContext) -> list[nodes.Node]:
    policy_id = ctx.options.get("policy")
    rows = []
    for row in kpi_rows(ctx.needs, policy_id):
        target = row.target
        policies = join([ctx.link(p, f"{p.get('category') or ''}{p['number_label']} {p['title']}") for p in row.policies]) or [gap()]
        if target is None:
            rows.append([ctx.link(row.kpi), policies, row.kpi.get("measure_group") or gap(), gap(), gap("目標値なし"), ""])
            continue
        year = format_fiscal_year(target["target_fy"]) if target.get("target_fy") else gap()
        baseline = model.baseline_summary(target) or gap()
        rows.append([ctx.link(row.kpi), policies, row.kpi.get("measure_group") or "", year, ctx.link(target), baseline])
    caption = ctx.options.get("caption") or "KPI と目標値の一覧"
    return [table(KPI_HEADERS, rows, caption=caption, classes=["NEEDS_DATATABLES", "dxplan-kpi-table"])]


ACTION_HEADERS = ["番号", "個別施策", "施策", "取り組みの方向性"]


def render_action_table(ctx: ViewContext) -> list[nodes.Node]:
    rows = [[action.get("number_label") or gap(),
             ctx.link(action),
             join([ctx.link(m, model.measure_label(m)) for m in measures]) or [gap()],
             action.get("approach") or gap()]
            for action, measures in action_rows(ctx.needs)]
    caption = ctx.options.get("caption") or "個別施策の一覧"
    # The 取り組みの方向性 are paragraphs: they get the widest column.
    return [table(ACTION_HEADERS, rows, caption=caption, classes=["dxplan-action-table"], widths=(10, 22, 22, 46))]


def render_milestone_table(ctx: ViewContext) -> list[nodes.Node]:
    """The drafting schedule in plan order, its months in words (令和2年7月, not 「R2 7月」)."""
    rows = [[month_words(m["when_label"]) if m.get("when_label") else gap(), ctx.link(m)]
            for m in model.of_type(ctx.needs, "milestone")]
    caption = ctx.options.get("caption") or "策定スケジュール（予定）"
    return [table(["時期", "内容"], rows, caption=caption, classes=["dxplan-milestone-table"], widths=(20, 80))]


def _policy_item(ctx: ViewContext, policy: Need) -> nodes.list_item:
    item = nodes.list_item()
    para = nodes.paragraph()
    para += ctx.link(policy, f"【{policy['category']}{policy['number_label']}】{policy['title']}")
    item += para
    measures = model.linked(ctx.needs, policy, "policy", back=True)
    if measures:
        sub = nodes.bullet_list()
        for measure in measures:
            sub += _measure_item(ctx, measure)
        item += sub
    return item


def _measure_item(ctx: ViewContext, measure: Need) -> nodes.list_item:
    """A measure with its name, its KPI count (where the plan sets KPIs) and its actions."""
    line = nodes.paragraph()
    line += ctx.link(measure)
    line += nodes.Text("（施策名: ")
    line += nodes.Text(measure["name"]) if measure.get("name") else gap()
    if model.of_type(ctx.needs, model.KPI):
        line += nodes.Text(f"／KPI {len(model.kpis_of(ctx.needs, measure))}件")
    line += nodes.Text("）")
    item = nodes.list_item("", line)
    actions = model.linked(ctx.needs, measure, "measure", back=True)
    if actions:
        sub = nodes.bullet_list()
        for action in actions:
            text = f"{action.get('number_label') or action['type_name']} {action['title']}"
            sub += nodes.list_item("", nodes.paragraph("", "", ctx.link(action, text)))
        item += sub
    return item


def render_structure(ctx: ViewContext) -> list[nodes.Node]:
    """The plan's hierarchy as a nested list (the text form of the 施策体系)."""
    out = nodes.bullet_list(classes=["dxplan-structure"])
    for vision, policies in policies_by_vision(ctx.needs):
        item = nodes.list_item()
        para = nodes.paragraph()
        if vision is None:
            para += nodes.strong("", "推進を下支え（推進体制の強化）")
        else:
            label = vision.get("number_label") or vision.get("category") or ""
            para += ctx.link(vision, f"{label} {vision['title']}".strip())
        item += para
        sub = nodes.bullet_list()
        for policy in policies:
            sub += _policy_item(ctx, policy)
        item += sub
        out += item
    loose_measures = measures_without_policy(ctx.needs)
    if loose_measures:
        para = nodes.paragraph()
        para += nodes.strong("", f"施策（{policy_level_label(ctx.needs)}との対応: ")
        para += gap()
        para += nodes.strong("", "）")
        sub = nodes.bullet_list()
        for measure in loose_measures:
            sub += _measure_item(ctx, measure)
        out += nodes.list_item("", para, sub)
    return [out]


def section_measures(needs: Needs, section: Need) -> list[tuple[Need, str]]:
    """Measures a section owns (主管) or is related to (関係)."""
    owned = [(m, "主管") for m in model.linked(needs, section, "owner", back=True)]
    related = [(m, "関係") for m in model.linked(needs, section, "co_owner", back=True)]
    return owned + related


def render_section_measures(ctx: ViewContext) -> list[nodes.Node]:
    section = ctx.needs.get(ctx.options["section"])
    if section is None:
        return [nodes.paragraph("", f"主管課 {ctx.options['section']} が見つかりません")]
    rows = [
        [ctx.link(m), role, join([ctx.link(p) for p in model.linked(ctx.needs, m, "policy")])]
        for m, role in section_measures(ctx.needs, section)
    ]
    if not rows:
        para = nodes.paragraph(classes=["dxplan-gap-note"])
        para += gap("この課が主管・関係する施策は、掲載中の計画の出典に記載がありません（未記載）。")
        return [para]
    return [table(["施策", "区分", "基本方針"], rows, caption=f"{section['title']}の施策")]


def render_section_index(ctx: ViewContext) -> list[nodes.Node]:
    rows = []
    for section in model.of_type(ctx.needs, model.SECTION):
        roles = [role for _, role in section_measures(ctx.needs, section)]
        rows.append([
            ctx.link(section),
            section.get("department") or gap(),
            str(roles.count("主管")),
            str(roles.count("関係")),
        ])
    unowned = [m for m in model.of_type(ctx.needs, model.MEASURE) if not m.get("owner")]
    out: list[nodes.Node] = [table(["主管課", "部", "主管する施策数", "関係する施策数"], rows,
                                        caption=ctx.options.get("caption") or "主管課の一覧")]
    if unowned:
        para = nodes.paragraph()
        para += nodes.Text(f"主管課が出典に記載されていない施策: {len(unowned)}件（")
        para += join([ctx.link(m) for m in unowned])
        para += nodes.Text("）")
        out.append(para)
    return out


Renderer = Callable[[ViewContext], list[nodes.Node]]


@dataclass(frozen=True)
class ViewSpec:
    renderer: Renderer
    interactive: bool = False
    #: Files (relative to the project root) the view reads besides the needs.
    depends_on: tuple[str, ...] = ()
    #: Options that name a file the view reads (relative to the project root).
    file_options: tuple[str, ...] = ()
    #: The options it takes besides :plan: (every view takes that), and those it requires.
    options: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    #: Options whose value must be one of a list (e.g. the matrix names).
    choices: dict[str, Callable[[], list[str]]] | None = None


VIEWS: dict[str, ViewSpec] = {}
#: Options whose value is a need ID: it must exist (checked once every need is known).
NEED_OPTIONS = ("policy", "section", "need")


def register_view(name: str, renderer: Renderer, *, interactive: bool = False,
                  depends_on: tuple[str, ...] = (), file_options: tuple[str, ...] = (),
                  options: tuple[str, ...] = (), required: tuple[str, ...] = (),
                  choices: dict[str, Callable[[], list[str]]] | None = None) -> None:
    """Make `{dxplan-view} name` available; capability modules call this from their setup."""
    VIEWS[name] = ViewSpec(renderer, interactive, depends_on, file_options,
                           (*options, *file_options), (*required, *file_options), choices)


def view_files(name: str, options: dict[str, str]) -> list[str]:
    """The data files one view reads, so that a change to one rewrites the page showing it."""
    spec = VIEWS[name]
    return [*spec.depends_on, *(options[o] for o in spec.file_options if options.get(o))]


def option_problems(name: str, options: dict[str, str]) -> list[str]:
    """What is wrong with a view's name and options, as the page author wrote them (parse time)."""
    if name not in VIEWS:
        return [f"未知のビュー「{name}」です（使えるビュー: {', '.join(sorted(VIEWS))}）"]
    spec = VIEWS[name]
    allowed = ("plan", *spec.options)
    problems = [f"ビュー「{name}」にオプション :{o}: はありません（使えるオプション: "
                f"{', '.join(f':{a}:' for a in allowed)}）" for o in options if o not in allowed]
    problems += [f"ビュー「{name}」には :{o}: が必要です" for o in spec.required if not options.get(o)]
    for option, values in (spec.choices or {}).items():
        if options.get(option) and options[option] not in values():
            problems.append(f":{option}: {options[option]} は選べません（{', '.join(values())}）")
    return problems


def missing_needs(options: dict[str, str], needs: Needs) -> list[str]:
    """Need IDs named by a view's options that no page defines (checked once every need is known)."""
    named = [(o, options[o]) for o in NEED_OPTIONS if options.get(o)]
    if options.get("plan") not in (None, "all"):
        named.append(("plan", options["plan"]))
    return [f":{option}: {value} という項目はありません" for option, value in named if value not in needs]


# ---------------------------------------------------------------- Sphinx wiring


class ViewDirective(SphinxDirective):
    """``{dxplan-view} NAME`` with options passed to the view function."""

    required_arguments = 1
    option_spec = {name: directives.unchanged for name in
                   ("plan", "policy", "section", "caption", "need", "matrix", "old", "new")}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        problems = option_problems(name, self.options)
        if problems:
            raise self.error("；".join(problems))
        node = dxplan_view(view=name, options=dict(self.options))
        self.set_source_info(node)
        # Not note_dependency: a changed data file must not re-read the page (its needs did not
        # change); incremental.py rewrites the page instead.
        self.env.metadata[self.env.docname].setdefault("dxplan_views", []).append(
            {"view": name, "plan": self.options.get("plan"), "files": view_files(name, self.options),
             "options": dict(self.options), "line": self.lineno})
        return [node]


def check_view_needs(app: Sphinx, builder=None) -> None:
    """Every view's need options name needs that exist: on every build and with any builder (dxplan check)."""
    needs = resolved_needs(app)
    unmade = unmade_sections(app)  # reported once, as the registry's own error
    for docname, meta in sorted(app.env.metadata.items()):
        for view in meta.get("dxplan_views", []):
            options = {k: v for k, v in view.get("options", {}).items() if v not in unmade}
            missing = missing_needs(options, needs)
            if missing:
                logger.warning(f"{{dxplan-view}} {view['view']}: {'；'.join(missing)}", type="dxplan", subtype="view",
                               location=(docname, view.get("line")))


def scoped_needs(app: Sphinx, needs: Needs, plan_id: str | None) -> Needs:
    """One plan's needs (computed once per build and plan), or all of them."""
    if plan_id in (None, "all") or plan_id not in needs:
        return needs
    cache = app.__dict__.setdefault("dxplan_plan_scopes", {})
    if plan_id not in cache:
        cache[plan_id] = model.plan_subset(needs, plan_id)
    return cache[plan_id]


def resolve_views(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    placeholders = list(doctree.findall(dxplan_view))
    if not placeholders:
        return

    needs = resolved_needs(app)
    main_plan = project_config(app).main_plan
    for node in placeholders:
        spec = VIEWS[node["view"]]
        if missing_needs(node["options"], needs):
            node.replace_self([])  # reported by check_view_needs on every build
            continue
        plan_id = node["options"].get("plan") or main_plan
        ctx = ViewContext(app, scoped_needs(app, needs, plan_id), fromdocname, node["options"])
        rendered = spec.renderer(ctx)
        for new in rendered:
            for tbl in new.findall(nodes.table):
                if not tbl["ids"]:
                    doctree.set_id(tbl)  # captioned tables need an id in Sphinx's writer
        node.replace_self(rendered)
        if spec.interactive:
            mark_interactive_table(doctree)


def setup_views(app: Sphinx) -> None:
    register_view("kpi-table", render_kpi_table, interactive=True, options=("policy", "caption"))
    register_view("structure", render_structure)
    register_view("action-table", render_action_table, options=("caption",))
    register_view("milestone-table", render_milestone_table, options=("caption",))
    register_view("section-measures", render_section_measures, options=("section",), required=("section",))
    register_view("section-index", render_section_index, options=("caption",))
    app.add_node(dxplan_view)
    app.add_directive("dxplan-view", ViewDirective)
    app.connect("doctree-resolved", resolve_views)
    app.connect("write-started", check_view_needs, priority=800)  # once sphinx-needs resolved the needs (500)
