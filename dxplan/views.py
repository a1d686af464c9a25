"""Views computed from the needs: KPI list, plan structure, section pages.

A directive leaves a placeholder; once every need is known (doctree-resolved) the
placeholder is replaced by what a plain function computes from the need records.
Pages holding a view are rewritten whenever anything changed (see incremental.py), so an
incremental build never publishes a view computed from stale needs (sphinx-needs #354).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from dxplan.config import project_config
from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year, month_words
from dxplan.core.labels import views as words
from dxplan.core.model import Need, Needs
from dxplan.core.views import (action_rows, kpi_rows, measures_without_policy, policies_by_vision, policy_level_label,
                               section_measures)
from dxplan.internals import mark_interactive_table, resolved_needs
from dxplan.render import gap, join, need_link, table
from dxplan.sections import unmade_sections
from dxplan.core import labels as shared_words

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


# ---------------------------------------------------------------- renderers

KPI_HEADERS = ["KPI", shared_words.POLICY, words.TARGET_MEASURES, shared_words.TARGET_YEAR, shared_words.TARGET_AS_WRITTEN, words.BASELINE]


def render_kpi_table(ctx: ViewContext) -> list[nodes.Node]:
    policy_id = ctx.options.get("policy")
    rows = []
    for row in kpi_rows(ctx.needs, policy_id):
        target = row.target
        policies = join([ctx.link(p, f"{p.get('category') or ''}{p['number_label']} {p['title']}") for p in row.policies]) or [gap()]
        if target is None:
            rows.append([ctx.link(row.kpi), policies, row.kpi.get("measure_group") or gap(), gap(), gap(words.NO_TARGET), ""])
            continue
        year = format_fiscal_year(target["target_fy"]) if target.get("target_fy") else gap()
        baseline = model.baseline_summary(target) or gap()
        rows.append([ctx.link(row.kpi), policies, row.kpi.get("measure_group") or "", year, ctx.link(target), baseline])
    caption = ctx.options.get("caption") or words.KPI_LIST
    return [table(KPI_HEADERS, rows, caption=caption, classes=["NEEDS_DATATABLES", "dxplan-kpi-table"])]


ACTION_HEADERS = [shared_words.NUMBER, words.ACTION, shared_words.MEASURE, words.APPROACH]


def render_action_table(ctx: ViewContext) -> list[nodes.Node]:
    rows = [[action.get("number_label") or gap(),
             ctx.link(action),
             join([ctx.link(m, model.measure_label(m)) for m in measures]) or [gap()],
             action.get("approach") or gap()]
            for action, measures in action_rows(ctx.needs)]
    caption = ctx.options.get("caption") or words.ACTION_LIST
    # The 取り組みの方向性 are paragraphs: they get the widest column.
    return [table(ACTION_HEADERS, rows, caption=caption, classes=["dxplan-action-table"], widths=(10, 22, 22, 46))]


def render_milestone_table(ctx: ViewContext) -> list[nodes.Node]:
    """The drafting schedule in plan order, its months in words (令和2年7月, not 「R2 7月」)."""
    rows = [[month_words(m["when_label"]) if m.get("when_label") else gap(), ctx.link(m)]
            for m in model.of_type(ctx.needs, "milestone")]
    caption = ctx.options.get("caption") or words.SCHEDULE
    return [table([words.WHEN, shared_words.CONTENT], rows, caption=caption, classes=["dxplan-milestone-table"], widths=(20, 80))]


def _policy_item(ctx: ViewContext, policy: Need) -> nodes.list_item:
    item = nodes.list_item()
    para = nodes.paragraph()
    para += ctx.link(policy, words.policy_heading(label=f"{policy['category']}{policy['number_label']}", title=policy["title"]))
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
    line += nodes.Text(words.measure_name_opening())
    line += nodes.Text(measure["name"]) if measure.get("name") else gap()
    if model.of_type(ctx.needs, model.KPI):
        line += nodes.Text(words.kpi_count(len(model.kpis_of(ctx.needs, measure))))
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
            para += nodes.strong("", words.supported_by())
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
        para += nodes.strong("", words.measures_of_unknown_policy(level=policy_level_label(ctx.needs)))
        para += gap()
        para += nodes.strong("", "）")
        sub = nodes.bullet_list()
        for measure in loose_measures:
            sub += _measure_item(ctx, measure)
        out += nodes.list_item("", para, sub)
    return [out]


def render_section_measures(ctx: ViewContext) -> list[nodes.Node]:
    section = ctx.needs.get(ctx.options["section"])
    if section is None:
        return [nodes.paragraph("", words.not_found(what=shared_words.OWNER, need_id=ctx.options["section"]))]
    rows = [
        [ctx.link(m), role, join([ctx.link(p) for p in model.linked(ctx.needs, m, "policy")])]
        for m, role in section_measures(ctx.needs, section)
    ]
    if not rows:
        para = nodes.paragraph(classes=["dxplan-gap-note"])
        para += gap(words.SECTION_WITHOUT_MEASURES)
        return [para]
    return [table([shared_words.MEASURE, shared_words.CATEGORY, shared_words.POLICY], rows, caption=words.measures_of(section_title=section["title"]))]


def render_section_index(ctx: ViewContext) -> list[nodes.Node]:
    rows = []
    for section in model.of_type(ctx.needs, model.SECTION):
        roles = [role for _, role in section_measures(ctx.needs, section)]
        rows.append([
            ctx.link(section),
            section.get("department") or gap(),
            str(roles.count(words.OWNS)),
            str(roles.count(words.RELATED)),
        ])
    unowned = [m for m in model.of_type(ctx.needs, model.MEASURE) if not m.get("owner")]
    out: list[nodes.Node] = [table([shared_words.OWNER, words.DEPARTMENT, words.OWNED_COUNT, words.RELATED_COUNT], rows,
                                   caption=ctx.options.get("caption") or words.OWNER_LIST)]
    if unowned:
        para = nodes.paragraph()
        para += nodes.Text(words.unowned_measures(len(unowned)))
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
        return [words.unknown_view(name, sorted(VIEWS))]
    spec = VIEWS[name]
    allowed = ("plan", *spec.options)
    problems = [words.unknown_view_option(name, o, (f":{a}:" for a in allowed)) for o in options if o not in allowed]
    problems += [words.view_option_required(name=name, option=o) for o in spec.required if not options.get(o)]
    for option, values in (spec.choices or {}).items():
        if options.get(option) and options[option] not in values():
            problems.append(words.not_a_choice(option, options[option], values()))
    return problems


def missing_needs(options: dict[str, str], needs: Needs) -> list[str]:
    """Need IDs named by a view's options that no page defines (checked once every need is known)."""
    named = [(o, options[o]) for o in NEED_OPTIONS if options.get(o)]
    if options.get("plan") not in (None, "all"):
        named.append(("plan", options["plan"]))
    return [words.no_such_need(option=option, value=value) for option, value in named if value not in needs]


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
