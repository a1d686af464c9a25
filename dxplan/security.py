"""What keeps plan data from running in a reader's browser.

- Raw HTML is off in plan content: a need's title, fields and body are text. The named
  coverage rule `no-raw-html-in-plan` (core/rules.py) reports it, found by core/raw_html.py;
  this module shows it as text in the built page. Pages outside the plan may allow raw HTML outside
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

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from dxplan.core.labels import rules as words
from dxplan.internals import NeedNode
from dxplan.markup import html

#: The front-matter key with which a page outside the plan allows raw HTML outside needs.
ALLOW_RAW_HTML = "dxplan_allow_raw_html"

# ---------------------------------------------------------------- raw HTML in the doctree

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
            logger.warning(words.html_on_page(snippet=raw.astext()[:60], allow_key=ALLOW_RAW_HTML),
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
