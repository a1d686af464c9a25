"""Site-wide presentation: accessible CSS/JS for sphinx-needs output, Japanese search."""

from __future__ import annotations

import datetime as dt
import functools
import re
from html import unescape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from markupsafe import Markup
from sphinx.search.ja import SearchJapanese

from dxplan.core.fiscal import format_date
from dxplan.core.labels import views as words
from dxplan.internals import PERMALINK_PAGE, add_theme_translations
from dxplan.markup import html
from dxplan.render import cite_sources_in_words
from dxplan.security import csp_for_static_page

STATIC_DIR = Path(__file__).parent / "static"
#: Japanese for the theme's own strings (furo's skip link, navigation), part of the catalogue.
THEME_WORDS = Path(__file__).parent / "core" / "labels" / "theme-ja.po"
#: The build's date as readers write it (令和8年12月2日), in the footer and the print header.
BUILD_DATE = format_date(dt.date.today())


class SearchJapaneseCompound(SearchJapanese):
    """Japanese search that also finds compound words typed without spaces.

    The indexer splits 待機児童数 into 待機 / 児童 / 数, but the browser only splits a
    query on spaces. This splitter cuts each Japanese part of the query greedily into the
    longest terms present in the index.
    """

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        # Plan pages repeat the same cell text hundreds of times (年度, 未報告, units);
        # segmenting Japanese is the costliest part of indexing, so each text is split once.
        self._split_once = functools.lru_cache(maxsize=1 << 16)(lambda text: tuple(self.splitter.split(text)))

    def split(self, input: str) -> list[str]:
        return list(self._split_once(input))

    js_splitter_code = r"""
function splitQuery(query) {
  const parts = query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((t) => t);
  const idx = typeof Search === "undefined" ? null : Search._index;
  if (!idx) return parts;
  const has = (w) => Object.prototype.hasOwnProperty.call(idx.terms, w)
    || Object.prototype.hasOwnProperty.call(idx.titleterms, w);
  const out = [];
  for (const part of parts) {
    if (has(part.toLowerCase()) || !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(part)) {
      out.push(part); continue;
    }
    let i = 0;
    while (i < part.length) {
      let j = part.length;
      while (j > i + 1 && !has(part.slice(i, j).toLowerCase())) j--;
      if (has(part.slice(i, j).toLowerCase())) out.push(part.slice(i, j));
      i = j;
    }
  }
  return out.length ? out : parts;
}
"""


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC_DIR))


def _theme_in_japanese(app: Sphinx, config) -> None:
    if config.language == "ja":
        add_theme_translations(THEME_WORDS)


def _default_favicon(app: Sphinx, config) -> None:
    # Without a favicon every page logs a 404 in the browser console.
    if not config.html_favicon:
        config.html_favicon = str(STATIC_DIR / "favicon.svg")


_CAPTION_HEADING = re.compile(r'<p class="caption" role="heading">')
_HEADING_OPEN = re.compile(r"<h([1-6])[\s>]")


def with_caption_levels(html: str, default: int = 2) -> str:
    """Give Sphinx's toctree captions (``<p role="heading">``) the aria-level a heading
    role requires (WCAG 1.3.1 / 4.1.2): one below the last real heading before them."""

    def level(match: re.Match[str]) -> str:
        before = _HEADING_OPEN.findall(html, 0, match.start())
        n = min(int(before[-1]) + 1, 6) if before else default
        return f'<p class="caption" role="heading" aria-level="{n}">'

    return _CAPTION_HEADING.sub(level, html)


_FURO_TOGGLE = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def _accessible_chrome(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    # Runs after furo (priority 500) has built its navigation tree from the toctree; furo
    # names each sidebar expander "Toggle navigation of …" in English.
    for key in ("body", "furo_navigation_tree"):
        if isinstance(context.get(key), str):
            html = with_caption_levels(context[key])
            context[key] = _FURO_TOGGLE.sub(r'aria-label="\1 ' + words.TOGGLE_NAVIGATION + '"', html)


PERMALINK_JA = {
    '<html lang="en">': '<html lang="ja">',
    "<title>sphinx-needs permalink</title>": html("<title>{{ text }}</title>", text=words.REDIRECT_TITLE),
    "<h1>Searching, Please Wait...</h1>": html("<h1>{{ text }}</h1>", text=words.REDIRECT_HEADING),
}


def _japanese_permalink_page(app: Sphinx, exception: Exception | None) -> None:
    """sphinx-needs writes permalink.html (a redirect page) in English, with lang="en"."""
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.builder.outdir) / PERMALINK_PAGE
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    for english, japanese in PERMALINK_JA.items():
        text = text.replace(english, japanese)
    # Without an icon link the browser asks for /favicon.ico, which the site does not have.
    favicon = app.config.html_favicon
    if favicon and 'rel="icon"' not in text:
        href = favicon if "://" in favicon else f"_static/{Path(favicon).name}"
        text = text.replace('<meta charset="UTF-8">', '<meta charset="UTF-8">\n    '
                            + html('<link rel="icon" href="{{ href }}">', href=href), 1)
    path.write_text(csp_for_static_page(text), encoding="utf-8")


def _print_header(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Plan name, page title and build date in the top margin of every printed page; the
    footer's 最終更新 in the same 和暦 date."""
    if context.get("last_updated"):
        context["last_updated"] = BUILD_DATE  # 「最終更新: 令和8年12月2日」, not Sphinx's ISO date
    title = unescape(re.sub(r"<[^>]+>", "", str(context.get("title") or "")))
    text = words.print_header(project=app.config.project, title=title, date=BUILD_DATE)
    css_string = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ") + '"'
    box = f"@top-left {{ content: {css_string}; font-size: 8pt; }}"
    # The text is escaped for CSS (a string that cannot close <style>); the tag comes from markup.html.
    context["metatags"] = context.get("metatags", "") + "\n" + html(
        '<style media="print">{{ css }}</style>', css=Markup(f"@page {{ {box} }} @page wide {{ {box} }}"))


def _freeze_loaded_objects(app: Sphinx, *args) -> None:
    """Never rescan what exists before reading (the pickled environment, the extensions)."""
    import gc

    gc.freeze()


def setup_site(app: Sphinx) -> None:
    import gc

    # A build allocates millions of long-lived objects (doctrees, needs) and Python's default
    # collector rescans them again and again: collect less often (the plain baseline too).
    gc.set_threshold(100_000, 50, 100)
    app.connect("env-before-read-docs", _freeze_loaded_objects)
    app.connect("builder-inited", _add_static_path)
    app.connect("html-page-context", _accessible_chrome, priority=900)
    app.connect("build-finished", _japanese_permalink_page)
    app.connect("config-inited", _default_favicon)
    app.connect("config-inited", _theme_in_japanese)
    app.add_css_file("needs-a11y.css")
    app.add_css_file("dxplan-print.css")
    app.connect("html-page-context", _print_header)
    app.connect("doctree-resolved", cite_sources_in_words, priority=900)  # after views and cards
    app.add_js_file("dxplan-ja.js", loading_method="defer", priority=400)
    app.add_search_language(SearchJapaneseCompound)
