"""Raw HTML in need records: where a need's title, fields or body carries it.

The coverage rule `no-raw-html-in-plan` (core/rules.py) reports each place; the build shows the
HTML as text (security.py). Plain code over need records: the CLI and the tests use it as the build does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markdown_it.common.html_re import HTML_TAG_RE

from dxplan.core.labels import rules as words
from dxplan.core import labels as shared_words

#: Fields sphinx-needs fills itself (not from the plan's text); every other text field is checked.
_NOT_PLAN_TEXT = {"content", "pre_content", "post_content", "docname", "doctype", "id", "type", "type_name",
                  "external_url", "external_css", "layout", "style", "template", "pre_template",
                  "post_template", "jinja_content", "signature", "section_name", "sections", "parent_need",
                  "constraints_error", "status", "tags"}


def _fence_bodies(text: str) -> Iterator[tuple[int, str]]:
    """(line offset, text) of the body and of every directive nested in it (MyST fences)."""
    from markdown_it import MarkdownIt

    yield 0, text
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "fence" and token.info.startswith("{") and token.map:
            for offset, inner in _fence_bodies(token.content):
                yield token.map[0] + 1 + offset, inner


def _html_lines(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line, snippet) of each raw-HTML token MyST would pass through in `text`."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    for offset, body in _fence_bodies(text):
        for token in parser.parse(body):
            if token.type == "html_block" and token.map:
                yield offset + token.map[0], token.content.strip()
            for child in token.children or []:
                if child.type == "html_inline" and token.map:
                    yield offset + token.map[0], child.content


def raw_html_in_need(need: dict[str, Any]) -> Iterator[str]:
    """One Japanese detail per place a need's title, fields or body carries raw HTML."""
    for key, value in need.items():
        if key in _NOT_PLAN_TEXT or key.endswith("_back"):
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and (match := HTML_TAG_RE.search(text)):
                name = shared_words.TITLE if key == "title" else words.field_named(key=key)
                yield words.html_in(where=name, snippet=match.group(0)[:60])
    content = need.get("content")
    if isinstance(content, str) and "<" in content:
        start = _content_line(need)
        by_line: dict[int, list[str]] = {}
        for line, snippet in _html_lines(content):
            by_line.setdefault(line, []).append(snippet)
        for line, snippets in by_line.items():
            where = f"{need.get('docname')}{need.get('doctype') or ''}:{start + line}" if start else words.BODY
            yield words.html_in_body(where, " ".join(snippets)[:80])


def _content_line(need: dict[str, Any]) -> int | None:
    """The source line of a need body's first line (None where sphinx-needs keeps none, e.g. needs.json)."""
    offset, lineno = need.get("lineno_content"), need.get("lineno")
    if not offset:
        return None
    # MyST counts a directive's content from the directive's own line; docutils from the file's start.
    return lineno + offset if need.get("doctype") == ".md" and lineno else offset
