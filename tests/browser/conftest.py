"""Browser fixtures: the list of pages, and recording pages on the served site.

The page list is known at collection time from docs/ (one HTML page per source page, plus
the pages Sphinx and sphinx-needs add); test_every_built_page_is_tested checks it against
the HTML files the build actually wrote, so a new page cannot go untested.

Pages share one browser context per viewport, so the HTTP cache serves the site's common
files (furo, jQuery, Mermaid) after the first page. Nothing is routed: playwright turns the
cache off for a routed context. Requests are recorded instead, and a request to any other
origin fails the test that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

#: Pages written by Sphinx (genindex, search) and sphinx-needs (permalink), not from docs/.
GENERATED_PAGES = ["genindex.html", "search.html", "permalink.html"]
#: permalink.html only redirects (to index.html, or to the need named by ?id=).
REDIRECT_PAGES = {"permalink.html"}

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


def source_pages() -> list[str]:
    pages = [p.relative_to(DOCS).with_suffix(".html").as_posix() for p in DOCS.rglob("*.md")]
    return sorted(pages + GENERATED_PAGES)


ALL_PAGES = source_pages()
CONTENT_PAGES = [p for p in ALL_PAGES if p not in REDIRECT_PAGES]


def same_origin(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return f"{parts.scheme}://{parts.netloc}" == origin


@dataclass
class Recorder:
    """Everything a page did on the network and the console."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Any) -> None:
        self.requests.append(request.url)
        if not same_origin(request.url, self.origin):
            self.foreign.append(request.url)

    def on_failed(self, request: Any) -> None:
        # net::ERR_ABORTED is the browser cancelling a load (a redirect leaving the page, or
        # a module import after its 404, which on_response has recorded already).
        if request.failure and "ERR_ABORTED" not in request.failure:
            self.failed.append(f"{request.url} ({request.failure})")

    def on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} @ {message.location.get('url')}")

    def problems(self) -> list[str]:
        out = [f"他のオリジンへの要求: {u}" for u in self.foreign]
        out += [f"失敗した要求: {f}" for f in self.failed]
        out += [f"コンソールのエラー: {c}" for c in self.console_errors]
        return out


class SitePage:
    """A playwright Page on the served site that records every request it makes."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.rec = Recorder(origin=base_url)
        self.path: str | None = None
        page.set_default_timeout(15_000)
        page.on("request", self.rec.on_request)
        page.on("requestfailed", self.rec.on_failed)
        page.on("response", self.rec.on_response)
        page.on("console", self.rec.on_console)
        page.on("pageerror", lambda exc: self.rec.console_errors.append(f"uncaught: {exc}"))

    def __getattr__(self, name: str) -> Any:  # locator(), evaluate(), keyboard, ...
        return getattr(self.page, name)

    def open(self, path: str, wait_until: str = "load") -> None:
        """Open a site page; fail unless the server answered 200. Waits for the site's
        scripts: interactive tables enhanced, table regions made, diagrams drawn."""
        response = self.page.goto(f"{self.base_url}/{path}", wait_until=wait_until)
        assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
        self.path = path
        self.page.wait_for_function(
            """() => document.readyState === "complete"
                && [...document.querySelectorAll("table.NEEDS_DATATABLES")].every(t => t.__needstable)
                && [...document.querySelectorAll("article table:not(.need)")].every(t => t.closest(".dxplan-scroll"))
                && [...document.querySelectorAll("pre.mermaid")].every(m => m.querySelector("svg"))"""
        )

    def visit(self, path: str) -> None:
        """open(), unless the page is already showing `path`."""
        if self.path != path:
            self.open(path)

    def text(self, selector: str = "article") -> str:
        return self.page.locator(selector).first.inner_text()


@pytest.fixture(scope="session")
def browser_contexts(browser):
    """One context per viewport and colour scheme, shared for the HTTP cache."""
    contexts: dict[tuple[int, int, str], Any] = {}

    def get(viewport: dict[str, int] = DESKTOP, color_scheme: str = "light") -> Any:
        key = (viewport["width"], viewport["height"], color_scheme)
        if key not in contexts:
            contexts[key] = browser.new_context(viewport=viewport, color_scheme=color_scheme, locale="ja-JP")
        return contexts[key]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture
def make_page(browser_contexts, base_url):
    """Factory: a new recording page (closed after the test) at a viewport and scheme."""
    pages: list[SitePage] = []

    def factory(viewport: dict[str, int] = DESKTOP, color_scheme: str = "light") -> SitePage:
        page = SitePage(browser_contexts(viewport, color_scheme).new_page(), base_url)
        pages.append(page)
        return page

    yield factory
    for page in pages:
        page.page.close()


@pytest.fixture
def page(make_page) -> SitePage:
    """A desktop-sized, light-scheme recording page."""
    return make_page()


@pytest.fixture(scope="module")
def reader(browser_contexts, base_url):
    """One desktop page kept open for a module of read-only checks (visit() reloads only
    when the path changes)."""
    page = SitePage(browser_contexts().new_page(), base_url)
    yield page
    page.page.close()


@pytest.fixture(scope="module", params=CONTENT_PAGES)
def loaded_page(request, browser_contexts, base_url):
    """Each content page, loaded once for every test that asks for it; pytest runs those
    tests together, page by page. The page keeps recording while they run."""
    page = SitePage(browser_contexts().new_page(), base_url)
    page.open(request.param)
    yield page
    page.page.close()


@pytest.fixture(scope="session")
def axe_summary():
    """Every page's axe result, written where the build reads it for the accessibility page."""
    import datetime as dt
    import json

    from dxplan.a11y import A11Y_REPORT
    from dxplan.core.exports import write_atomic

    pages: list[dict[str, Any]] = []
    yield pages
    if pages:
        report = {"tested_at": dt.datetime.now().astimezone().isoformat(timespec="minutes"),
                  "pages": sorted(pages, key=lambda p: (p["page"], p["scheme"]))}
        write_atomic(ROOT / A11Y_REPORT, json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8"))
