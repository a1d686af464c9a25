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
#: A cited source: its code (not inside a figure like 46,000 or a year like 2002), and its section.
_SOURCE_CODE = re.compile(r"(?<![0-9A-Za-z,.，])(00[0-4])(?![0-9])(?:\s*§\s*[0-9]+)?\s*")


def _name_for(text: str, match: re.Match) -> str:
    """The cited document's name; a space before 【…】 or a Latin word, none before Japanese
    text (「概要は」, not 「概要 は」)."""
    following = text[match.end():match.end() + 1]
    return SOURCE_NAMES[match.group(1)] + ("" if not following or _JAPANESE.match(following) else " ")


def source_words(text: str) -> str:
    """「002 §1 【基本方針Ⅰ】…」 → 「後期実施計画の概要 【基本方針Ⅰ】…」: a reader sees the
    document's name; the code stays in the tooltip (see `source_ref`)."""
    return _SOURCE_CODE.sub(lambda match: _name_for(text, match), text).strip()


def source_ref(text: str) -> nodes.Node:
    """A source reference in words, with the secretariat's code as its tooltip."""
    words = source_words(text)
    if words == text:
        return nodes.Text(text)
    return nodes.abbreviation(words, words, explanation=text, classes=["dxplan-source"])


#: What prose calls a source just before citing its code: 「骨子案（000）」, 「後期実施計画の概要（002）」.
_ALIASES = tuple(sorted({*SOURCE_NAMES.values(), "骨子案", "後期実施計画の概要", "活動報告", "プランの概要",
                         "計画", "概要", "報告"}, key=len, reverse=True))
#: A citation in parentheses that starts with a code: 「（000 第3章 5）」, 「（000、令和2年8月）」.
_CITATION = re.compile(r"（(00[0-4])(?:[ 、,・]\s*([^（）]*))?）")
#: Pages that explain the codes themselves (the key of sources, the secretariat's pages).
CODE_KEY_PAGES = {"sources", "koto/sources", "ids", "coverage", "reporting"}


def _named(code: str, explanation: str) -> nodes.Node:
    name = SOURCE_NAMES[code]
    return nodes.abbreviation(name, name, explanation=explanation, classes=["dxplan-source"])


def _bare_codes(text: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    last = 0
    for match in _SOURCE_CODE.finditer(text):
        name = _name_for(text, match)
        out += [nodes.Text(text[last:match.start()]),
                nodes.abbreviation(name.strip(), name.strip(), explanation=match.group(0).strip(),
                                   classes=["dxplan-source"])]
        out += [nodes.Text(" ")] if name.endswith(" ") else []
        last = match.end()
    out.append(nodes.Text(text[last:]))
    return [n for n in out if not (isinstance(n, nodes.Text) and not n.astext())]


def cited_in_words(text: str) -> list[nodes.Node] | None:
    """Prose that cites a source by code, for residents: 「骨子案（000 第3章）」 → 「骨子案（第3章）」
    with 000 in the tooltip of 骨子案; 「（000 第1章）」 → 「（計画の骨子案（令和2年8月） 第1章）」;
    「002 は」 → 「後期実施計画の概要は」. None when the text cites no code."""
    if "00" not in text or not _SOURCE_CODE.search(text):
        return None
    out: list[nodes.Node] = []
    last = 0
    for match in _CITATION.finditer(text):
        code, rest = match.group(1), (match.group(2) or "").strip()
        before = text[last:match.start()]
        alias = next((a for a in _ALIASES if before.endswith(a)), None)
        if alias:
            out += _bare_codes(before[:-len(alias)])
            out.append(nodes.abbreviation(alias, alias, explanation=match.group(0)[1:-1], classes=["dxplan-source"]))
            if rest:
                out += [nodes.Text("（"), *_bare_codes(rest), nodes.Text("）")]
        else:
            out += _bare_codes(before)
            out += [nodes.Text("（"), _named(code, match.group(0)[1:-1])]
            out += [nodes.Text(" "), *_bare_codes(rest)] if rest else []
            out.append(nodes.Text("）"))
        last = match.end()
    out += _bare_codes(text[last:])
    return [n for n in out if not (isinstance(n, nodes.Text) and not n.astext())]


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


def join(parts: Sequence[nodes.Node], sep: str = "、") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.Text(sep))
        out.append(part)
    return out


def as_text(value: Any) -> str:
    return "" if value is None else str(value)
