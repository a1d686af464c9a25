"""Small docutils builders shared by every view: tables, need links, gap marks."""

from __future__ import annotations

from collections.abc import Sequence
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core.model import GAP_LABEL, Need

Cell = str | nodes.Node | Sequence[nodes.Node]


def need_link(app: Sphinx, fromdocname: str, need: Need, text: str | None = None) -> nodes.Node:
    """A link to a need's card, relative to the page being written."""
    label = text if text is not None else need["title"]
    docname = need.get("docname")
    if not docname or app.builder.name not in ("html", "dirhtml", "singlehtml"):
        return nodes.Text(label)
    uri = app.builder.get_relative_uri(fromdocname, docname) + "#" + need["id"]
    return nodes.reference("", label, internal=True, refuri=uri)


#: The source documents (/work/shared/seeds, listed on the 出典 page) by the code the needs cite.
SOURCE_NAMES = {
    "000": "計画の骨子案（令和2年8月）",
    "001": "IT推進課の委員会への報告（令和3年6月）",
    "002": "後期実施計画の概要",
    "003": "区議会 自治体DX調査特別委員会の活動報告",
    "004": "江東区 情報化推進プランの概要",
}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff、。，．（）「」『』]")
_SOURCE_CODE = re.compile(r"(?<![0-9A-Za-z])(00[0-4])(?![0-9])(?:\s*§\s*[0-9]+)?\s*")


def source_words(text: str) -> str:
    """「002 §1 【基本方針Ⅰ】…」 → 「後期実施計画の概要 【基本方針Ⅰ】…」: a reader sees the
    document's name; the code stays in the tooltip (see `source_ref`)."""
    def name(match: re.Match) -> str:
        # A space before 【…】 or a Latin word; none before Japanese text (「概要は」, not 「概要 は」).
        following = text[match.end():match.end() + 1]
        return SOURCE_NAMES[match.group(1)] + ("" if _JAPANESE.match(following) else " ")

    return _SOURCE_CODE.sub(name, text).strip()


def source_ref(text: str) -> nodes.Node:
    """A source reference in words, with the secretariat's code as its tooltip."""
    words = source_words(text)
    if words == text:
        return nodes.Text(text)
    return nodes.abbreviation(words, words, explanation=text, classes=["dxplan-source"])


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


def join(parts: Sequence[nodes.Node], sep: str = "、") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.Text(sep))
        out.append(part)
    return out


def as_text(value: Any) -> str:
    return "" if value is None else str(value)
