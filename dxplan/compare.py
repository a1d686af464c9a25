"""The plan comparison page: every plan of the build in one table, a column per plan (core/comparison.py
computes the rows)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core.comparison import compare_plans, comparison_rows
from dxplan.core.labels import rules as words
from dxplan.coverage import build_report
from dxplan.internals import resolved_needs, type_titles
from dxplan.render import source_ref, table
from dxplan.views import register_view
from dxplan.core import labels as shared_words


def render_comparison(ctx) -> list[nodes.Node]:
    """Every plan of the build (whatever the page's plan scope), one column each."""
    needs = resolved_needs(ctx.app)
    titles = type_titles(ctx.app.config)
    summaries = compare_plans(needs, build_report(ctx.app), titles)
    header_row = [shared_words.ITEM, *(s.plan["title"] for s in summaries)]
    rows: list[list] = [[shared_words.PLAN, *(ctx.link(s.plan) for s in summaries)]]
    for label, cells in comparison_rows(summaries):
        row: list = [label]
        for lines in cells:
            # A reason may cite a source by its code: residents read its name (code in the tooltip).
            if len(lines) == 1:
                row.append(source_ref(lines[0]))
            else:
                items = nodes.bullet_list()
                for line in lines:
                    items += nodes.list_item("", nodes.paragraph("", "", source_ref(line)))
                row.append(items)
        rows.append(row)
    caption = ctx.options.get("caption") or words.COMPARISON_CAPTION
    return [table(header_row, rows, caption=caption, classes=["dxplan-compare"])]


def setup_compare(app: Sphinx) -> None:
    register_view("plan-comparison", render_comparison, options=("caption",))
