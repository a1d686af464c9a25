"""What keeps plan data from running in a reader's browser.

- Raw HTML is off in plan content: a need's title, fields and body are text. The named
  coverage rule `no-raw-html-in-plan` (coverage.py) reports it; this module finds it and,
  in the built page, shows it as text. Pages outside the plan may allow raw HTML outside
  their needs, explicitly, with `dxplan_allow_raw_html: true` in their front matter.
- A Content-Security-Policy on every page: scripts only from the site itself, plus the
  inline scripts the theme and extensions write (allowed by their SHA-256 hash, never by
  'unsafe-inline'), so the browser refuses anything injected and any request elsewhere.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markdown_it.common.html_re import HTML_TAG_RE
from dxplan.internals import NeedNode
from dxplan.markup import html

#: The front-matter key with which a page outside the plan allows raw HTML outside needs.
ALLOW_RAW_HTML = "dxplan_allow_raw_html"

# ---------------------------------------------------------------- raw HTML in need records

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
                name = "タイトル" if key == "title" else f"フィールド {key}"
                yield f"{name}に HTML があります: {match.group(0)[:60]}"
    content = need.get("content")
    if isinstance(content, str) and "<" in content:
        start = _content_line(need)
        by_line: dict[int, list[str]] = {}
        for line, snippet in _html_lines(content):
            by_line.setdefault(line, []).append(snippet)
        for line, snippets in by_line.items():
            where = f"{need.get('docname')}{need.get('doctype') or ''}:{start + line}" if start else "本文"
            yield f"{where} の本文に HTML があります: {' '.join(snippets)[:80]}"


def _content_line(need: dict[str, Any]) -> int | None:
    """The source line of a need body's first line (None where sphinx-needs keeps none, e.g. needs.json)."""
    offset, lineno = need.get("lineno_content"), need.get("lineno")
    if not offset:
        return None
    # MyST counts a directive's content from the directive's own line; docutils from the file's start.
    return lineno + offset if need.get("doctype") == ".md" and lineno else offset


# ---------------------------------------------------------------- raw HTML in the doctree

from docutils import nodes  # noqa: E402
from sphinx.application import Sphinx  # noqa: E402
from sphinx.util import logging  # noqa: E402

logger = logging.getLogger(__name__)


def _is_html(node: nodes.raw) -> bool:
    return "html" in node.get("format", "").split()


def neutralize_raw_html(app: Sphinx, doctree: nodes.document) -> None:
    """Show raw HTML as text: always inside a need, elsewhere unless the page allows it."""
    allowed = str(app.env.metadata.get(app.env.docname, {}).get(ALLOW_RAW_HTML, "")).lower() == "true"
    for raw in list(doctree.findall(nodes.raw)):
        if not _is_html(raw):
            continue
        in_need = any(isinstance(parent, NeedNode) for parent in _ancestors(raw))
        if allowed and not in_need:
            continue
        if not in_need:
            # A need's raw HTML is reported by the coverage rule; elsewhere, here.
            logger.warning(f"[no-raw-html] このページでは HTML を書けません（文字として表示します）: {raw.astext()[:60]}"
                           f"（非計画ページで必要なら、先頭に {ALLOW_RAW_HTML}: true）",
                           type="dxplan", subtype="no-raw-html", location=raw)
        text = nodes.literal(raw.astext(), raw.astext(), classes=["dxplan-raw-html"])
        raw.replace_self(text if isinstance(raw.parent, nodes.TextElement) else nodes.paragraph("", "", text))


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node.parent is not None:
        node = node.parent
        yield node


# ---------------------------------------------------------------- Content-Security-Policy


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(script_hashes: list[str]) -> str:
    # Mermaid writes <style> into its SVG and furo sets style attributes: inline style stays
    # allowed (it cannot run code or, with default-src 'self', fetch from elsewhere).
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *sorted(set(script_hashes))]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _theme_inline_scripts(app: Sphinx) -> list[str]:
    """The inline scripts of the theme's own templates (furo sets the colour scheme inline)."""
    out = []
    for theme_dir in app.builder.theme.get_theme_dirs():
        base = Path(theme_dir) / "base.html"
        if base.is_file():
            out += _INLINE_SCRIPT.findall(base.read_text(encoding="utf-8"))
    return out


def _csp_meta(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Runs after the extensions added their per-page scripts (Mermaid's loader is inline)."""
    bodies = [js.attributes["body"] for js in context.get("script_files", [])
              if getattr(js, "attributes", {}).get("body")]
    policy = content_security_policy([script_hash(b) for b in [*bodies, *_theme_inline_scripts(app)]])
    tag = html('<meta http-equiv="Content-Security-Policy" content="{{ policy }}">', policy=policy)
    context["metatags"] = tag + "\n" + context.get("metatags", "")


def csp_for_static_page(text: str) -> str:
    """A generated page outside the templates (sphinx-needs' permalink.html) gets the policy too."""
    policy = content_security_policy([script_hash(b) for b in _INLINE_SCRIPT.findall(text)])
    tag = html('<meta http-equiv="Content-Security-Policy" content="{{ policy }}">', policy=policy)
    return re.sub(r"(<head>\s*)", lambda m: m.group(1) + tag + "\n    ", text, count=1)


def _mermaid_strict(app: Sphinx, config) -> None:
    # Mermaid's default is 'strict' already; say so, so no configuration change loosens it.
    if "mermaid_init_config" not in config:  # a project without sphinxcontrib-mermaid
        return
    config.mermaid_init_config = {**(config.mermaid_init_config or {}), "securityLevel": "strict"}


def setup_security(app: Sphinx) -> None:
    app.add_js_file("dxplan-csp.js", priority=300)  # after doctools.js (200), before translations.js
    app.connect("doctree-read", neutralize_raw_html)
    app.connect("html-page-context", _csp_meta, priority=950)
    app.connect("config-inited", _mermaid_strict)
