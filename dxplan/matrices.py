"""The matrix view: a traceability grid of core/matrices.py as a table, with its download."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core import matrices
from dxplan.core.labels import views as words
from dxplan.core.matrices import MATRICES, Cell, Matrix
from dxplan.core.model import Needs
from dxplan.markup import raw_node
from dxplan.core.opendata import matrix_dataset
from dxplan.opendata import download_paragraph, ward_of
from dxplan.render import gap, need_link, table
from dxplan.core.responses import RESPONSES_FILE, response_text
from dxplan.responses import build_responses
from dxplan.views import register_view


def committee_matrix(needs: Needs, responses: dict | None = None) -> Matrix:
    """The committee's matrix with the ward's responses (responses.py) in words."""
    return matrices.committee_matrix(needs, {rec_id: response_text(needs, response)
                                             for rec_id, response in (responses or {}).items()})


def _cell_nodes(ctx, cell: Cell) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, part in enumerate(cell):
        if i:
            out.append(raw_node("<br/>"))
        if part.is_gap:
            out.append(gap(part.text))
        elif part.need_id and part.need_id in ctx.needs:
            out.append(need_link(ctx.app, ctx.fromdocname, ctx.needs[part.need_id], part.text))
        else:
            out.append(nodes.Text(part.text))
    return out


def render_matrix(ctx) -> list[nodes.Node]:
    name = ctx.options.get("matrix", "")
    if name not in MATRICES:
        return [nodes.paragraph("", words.unknown_matrix(name, MATRICES))]
    if name == "committee":
        matrix = committee_matrix(ctx.needs, build_responses(ctx.app, ctx.needs))
    else:
        matrix = MATRICES[name](ctx.needs)
    out: list[nodes.Node] = []
    if ctx.app.builder.format == "html":
        out.append(download_paragraph(ctx, matrix_dataset(matrix, ward_of(ctx.app, ctx.options.get("plan"))),
                                      words.DOWNLOAD_TABLE))
    rows = [[_cell_nodes(ctx, cell) for cell in row] for row in matrix.rows]
    if matrix.totals:
        rows.append([_cell_nodes(ctx, cell) for cell in matrix.totals])
    out.append(table(matrix.headers, rows, caption=matrix.caption,
                     classes=["dxplan-matrix", f"dxplan-matrix-{name}"]))
    return out


def setup_matrices(app: Sphinx) -> None:
    register_view("matrix", render_matrix, options=("matrix",), required=("matrix",),
                  choices={"matrix": lambda: list(MATRICES)}, depends_on=(RESPONSES_FILE,))
