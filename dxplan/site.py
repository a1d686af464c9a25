"""Site-wide presentation: accessible CSS/JS for sphinx-needs output, Japanese search."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search.ja import SearchJapanese

STATIC_DIR = Path(__file__).parent / "static"


class SearchJapaneseCompound(SearchJapanese):
    """Japanese search that also finds compound words typed without spaces.

    The indexer splits 待機児童数 into 待機 / 児童 / 数, but the browser only splits a
    query on spaces. This splitter cuts each Japanese part of the query greedily into the
    longest terms present in the index.
    """

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


def _default_favicon(app: Sphinx, config) -> None:
    # Without a favicon every page logs a 404 in the browser console.
    if not config.html_favicon:
        config.html_favicon = str(STATIC_DIR / "favicon.svg")


def setup_site(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static_path)
    app.connect("config-inited", _default_favicon)
    app.add_css_file("needs-a11y.css")
    app.add_js_file("dxplan-ja.js", loading_method="defer", priority=400)
    app.add_search_language(SearchJapaneseCompound)
