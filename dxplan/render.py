"""Small docutils builders shared by every view: tables, need links, gap marks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core.labels import GAP_LABEL
from dxplan.core.model import Need
from dxplan.core.sources import cited_parts, source_words
from dxplan.core import labels as shared_words

Cell = str | nodes.Node | Sequence[nodes.Node]


def need_link(app: Sphinx, fromdocname: str, need: Need, text: str | None = None) -> nodes.Node:
    """A link to a need's card, relative to the page being written."""
    label = text if text is not None else need["title"]
    docname = need.get("docname")
    if not docname or app.builder.name not in ("html", "dirhtml", "singlehtml"):
        return nodes.Text(label)
    uri = app.builder.get_relative_uri(fromdocname, docname) + "#" + need["id"]
    return nodes.reference("", label, internal=True, refuri=uri)


def source_ref(text: str) -> nodes.Node:
    """A source reference in words, with the secretariat's code as its tooltip."""
    named = source_words(text)
    if named == text:
        return nodes.Text(text)
    return nodes.abbreviation(named, named, explanation=text, classes=["dxplan-source"])


#: Pages that explain the codes themselves (the key of sources, the secretariat's pages).
CODE_KEY_PAGES = {"sources", "koto/sources", "ids", "coverage", "reporting"}


def cited_in_words(text: str) -> list[nodes.Node] | None:
    """Prose that cites a source by code, in words (core/sources.py), each name with its code
    as the tooltip. None when the text cites no code."""
    parts = cited_parts(text)
    if parts is None:
        return None
    return [nodes.abbreviation(p.text, p.text, explanation=p.code, classes=["dxplan-source"]) if p.code is not None
            else nodes.Text(p.text) for p in parts]


_NOT_PROSE = (nodes.literal, nodes.literal_block, nodes.abbreviation, nodes.raw, nodes.comment, nodes.FixedTextElement)


def cite_sources_in_words(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Every page's prose names the source documents (doctree-resolved, so views and cards too)."""
    if docname in CODE_KEY_PAGES:
        return
    for text in list(doctree.findall(nodes.Text)):
        replaced = cited_in_words(text.astext())  # cheap for the many texts that cite nothing
        parent = text.parent
        if replaced is not None and parent is not None and not any(
                isinstance(a, _NOT_PROSE) for a in _ancestors(parent)):
            parent.replace(text, replaced)


def _ancestors(node: nodes.Node):
    while node is not None:
        yield node
        node = node.parent


def gap(text: str = GAP_LABEL) -> nodes.Node:
    """A visible gap: text (never colour alone) with a class for styling."""
    return nodes.inline("", text, classes=["dxplan-gap"])


def _cell(value: Cell) -> nodes.entry:
    entry = nodes.entry()
    if isinstance(value, str):
        entry += nodes.paragraph("", value)
    elif isinstance(value, nodes.Node):
        entry += nodes.paragraph("", "", value) if isinstance(value, (nodes.Inline, nodes.Text)) else value
    else:
        para = nodes.paragraph()
        for part in value:
            para += part
        entry += para
    return entry


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    caption: str,
    classes: Sequence[str] = (),
    widths: Sequence[int] = (),
) -> nodes.table:
    """A docutils table with a caption (its accessible name) and column headers.

    `widths` (relative, one per column) keeps long text columns readable instead of letting
    the browser squeeze them behind short ones."""
    tbl = nodes.table(classes=["dxplan-table", *classes, *(["colwidths-given"] if widths else [])])
    tbl += nodes.title("", caption)
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for width in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    header_row = nodes.row()
    for header in headers:
        header_row += _cell(header)
    head += header_row
    group += head
    body = nodes.tbody()
    for row in rows:
        body_row = nodes.row()
        for value in row:
            body_row += _cell(value)
        body += body_row
    group += body
    return tbl


def join(parts: Sequence[nodes.Node], sep: str = shared_words.LIST_SEPARATOR) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.Text(sep))
        out.append(part)
    return out


def as_text(value: Any) -> str:
    return "" if value is None else str(value)
