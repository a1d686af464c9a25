"""The views of records counted, not traced: an earlier plan's evaluation (000 図15・16), the
figures of a public comment (002), and a plan's measure list as its source tabulates it
(No, 施策名, 主管課 as written, gaps). The counting is dxplan/core/records.py.

Figures are shown as the source gives them. Where the source's own figures do not add up
(002: 5 comments from 4 persons), the view says so and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.config import CONFIG_FILE, load_grade_scales
from dxplan.core import model
from dxplan.core.labels import records as words
from dxplan.core.labels.progress import not_found
from dxplan.core.records import CONSULTATION, channel_figures, evaluation_tables, persons_total
from dxplan.render import gap, join, table
from dxplan.views import register_view


def _grade_definitions(app: Sphinx) -> dict[tuple[str, str], str]:
    scales = load_grade_scales(Path(app.confdir) / CONFIG_FILE)
    return {(s.id, g.label): g.definition for s in scales for g in s.grades}


def render_evaluation(ctx) -> list[nodes.Node]:
    evaluated = ctx.needs.get(ctx.options.get("need", ""))
    if evaluated is None:
        return [nodes.paragraph("", not_found(name=f"{words.EVALUATED_PLAN} {ctx.options.get('need')}"))]
    definitions = _grade_definitions(ctx.app)
    out: list[nodes.Node] = []
    for tbl in evaluation_tables(ctx.needs, evaluated):
        graded = tbl.graded
        rows = []
        for row in tbl.rows:
            cells: list = [ctx.link(row)]
            if graded:
                definition = definitions.get((row.get("grade_scale") or "", row.get("grade") or ""))
                cells.append(definition or gap(words.GRADE_NOT_IN_SCALE))
            cells.append(words.measure_count(count=row.get('measure_count')))
            rows.append(cells)
        stated = words.measure_count(count=tbl.stated_total) if tbl.stated_total is not None else gap()
        rows.append([words.STATED_TOTAL, *([""] if graded else []), stated])
        total = words.measure_count(count=tbl.total)
        rows.append([words.ROWS_TOTAL, *([""] if graded else []),
                     words.total_matches(total=total) if tbl.adds_up else gap(words.total_differs(total=total))])
        as_of = tbl.rows[0].get("as_of") if tbl.rows else None
        caption = words.evaluation_caption(evaluated["title"], as_of, graded)
        headers = ([words.GRADED, words.GRADE_MEANING, words.MEASURES_IN_ROW] if graded
                   else [words.DIRECTION, words.MEASURES_IN_ROW])
        out.append(table(headers, rows, caption=caption, classes=["dxplan-evaluation"]))
    return out


def render_consultation(ctx) -> list[nodes.Node]:
    need = ctx.needs.get(ctx.options.get("need", ""))
    if need is None or need.get("type") != CONSULTATION:
        return [nodes.paragraph("", not_found(name=f"{words.CONSULTATION} {ctx.options.get('need')}"))]
    figures = channel_figures(need)
    rows = [[label, words.persons(count=n) if n is not None else gap()] for label, n in figures]
    total = persons_total(need)
    rows.append([words.PERSONS_TOTAL, words.persons(count=total)])
    rows.append([words.COMMENTS_STATED, words.comments(count=need.get("comment_count"))])
    out: list[nodes.Node] = [table([words.CHANNEL, words.PERSONS], rows, caption=words.CONSULTATION_CAPTION,
                                   classes=["dxplan-consultation"])]
    if need.get("comment_count") is not None and total != need["comment_count"]:
        para = nodes.paragraph(classes=["dxplan-gap-note"])
        para += gap(words.figures_disagree(persons_total=total, comment_count=need["comment_count"]))
        para += nodes.Text(words.FIGURES_LEFT_AS_GIVEN)
        out.append(para)
    return out


def render_measure_list(ctx) -> list[nodes.Node]:
    """The measures of the view's plan as the source's list shows them; a missing name or owner is a visible gap."""
    rows = []
    for measure in sorted(model.of_type(ctx.needs, model.MEASURE), key=lambda m: (m.get("number_label") or "", m["id"])):
        owners = model.linked(ctx.needs, measure, "owner")
        rows.append([
            ctx.link(measure, measure.get("number_label") or measure["title"]),
            measure.get("name") or gap(),
            join([ctx.link(p, f"{p.get('number_label') or ''} {p['title']}".strip())
                  for p in model.linked(ctx.needs, measure, "policy")]) or gap(),
            join([ctx.link(s) for s in owners]) or gap(),
            measure.get("owner_as_written") or ("—" if owners else gap(words.BLANK)),
            measure.get("gaps") or "—",
        ])
    caption = ctx.options.get("caption") or words.MEASURE_LIST
    return [table(list(words.MEASURE_LIST_HEADERS), rows, caption=caption, classes=["dxplan-measure-list"])]


def setup_records(app: Sphinx) -> None:
    register_view("evaluation-table", render_evaluation, depends_on=(CONFIG_FILE,), options=("need",),
                  required=("need",))
    register_view("consultation-summary", render_consultation, options=("need",), required=("need",))
    register_view("measure-list", render_measure_list, options=("caption",))
