"""Every page of the built site in a real browser: its own origin only, no failed request
or console error, WCAG 2.x A/AA (axe-core) in light and dark schemes, no English chrome,
no sideways scrolling on a phone, and keyboard access."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .axe import WCAG_TAGS, format_violations, run_axe
from .equal_access import POLICY, format_ea_violations, run_equal_access
from .conftest import ALL_PAGES, DESKTOP, MOBILE


def test_every_built_page_is_tested(site: Path):
    """The pages the tests visit are exactly the HTML pages the build wrote."""
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "index.html" in built and "kpis.html" in built, f"サイトにページがありません: {built}"
    assert built == ALL_PAGES, (
        f"テストされていないページ: {sorted(set(built) - set(ALL_PAGES))}; "
        f"書き出されていないページ: {sorted(set(ALL_PAGES) - set(built))}"
    )


def same_site(url: str, base_url: str) -> bool:
    return url == base_url or url.startswith(base_url + "/")


# ------------------------------------------------------------------ per page, one load each
# These tests share `loaded_page` (module scope, one load per page): pytest runs them
# page by page, in the order written here; each leaves the page as it found it.


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations(loaded_page, scheme, axe_summary):
    page = loaded_page
    page.emulate_media(color_scheme=scheme)
    try:
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        result = run_axe(page)
    finally:
        page.emulate_media(color_scheme="light")
    assert result["passes"] > 10, f"{page.path}: axe が検査した規則が少なすぎます ({result['passes']})"
    violations = result["violations"]
    axe_summary.append({"page": page.path, "scheme": {"light": "ライト", "dark": "ダーク"}[scheme],
                        "violations": sum(len(v["nodes"]) for v in violations)})
    assert not violations, format_violations(violations, f"{page.path} [{scheme}] tags={WCAG_TAGS}")


def test_equal_access_finds_no_violations(loaded_page):
    """The second engine (IBM Equal Access, policy WCAG_2_2) reads labels and landmarks
    its own way: furo's <label for> toggles, unnamed <aside>s, repeated region names."""
    result = run_equal_access(loaded_page)
    assert result["passes"] > 100, f"{loaded_page.path}: {POLICY} で検査した項目が少なすぎます ({result['passes']})"
    assert not result["violations"], format_ea_violations(result["violations"], loaded_page.path)


#: English a Japanese reader would meet in the theme's chrome or the table widget.
ENGLISH_CHROME = [
    "Skip to content", "Back to top", "On this page", "Made with", "Copyright", "Last updated",
    "Toggle", "Search", "Rows per page", "Columns", "Showing", "No matching", "Previous",
    "Next", "Link to this", "fullscreen", "Please Wait",
]
#: Latin words that are names, not English: need IDs, acronyms, products.
NOT_ENGLISH = re.compile(r"^(?:[A-Z][A-Z0-9_]{2,}|CSV|KPI|Sphinx|Furo|@pradyunsg)$")


def test_no_english_in_labels_or_chrome(loaded_page):
    """Accessible names, tooltips and placeholders are Japanese, and so is the visible
    chrome (header, sidebar, footer, table controls)."""
    page = loaded_page
    found = page.evaluate(
        """() => {
            const out = [];
            for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")) {
                for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
                    const value = el.getAttribute(attr);
                    if (value) out.push({attr, value, tag: el.tagName.toLowerCase()});
                }
            }
            const chrome = [...document.querySelectorAll(
                ".skip-to-content, .mobile-header, .sidebar-drawer, .toc-drawer, footer, .back-to-top, .needstable-controls, .needstable-footer")]
                .map(e => e.innerText).join("\\n");
            return {attrs: out, chrome, lang: document.documentElement.lang};
        }"""
    )
    assert found["lang"] == "ja", f"{page.path}: <html lang> が ja ではありません: {found['lang']}"
    english_attrs = [
        f"<{a['tag']} {a['attr']}=\"{a['value']}\">"
        for a in found["attrs"]
        if re.search(r"[A-Za-z]{3,}", a["value"])
        and not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", a["value"])
        and not all(NOT_ENGLISH.match(w) for w in re.findall(r"[@A-Za-z0-9_]+", a["value"]) if re.search(r"[A-Za-z]{3,}", w))
    ]
    english_text = [w for w in ENGLISH_CHROME if w.lower() in found["chrome"].lower()]
    assert not english_attrs and not english_text, (
        f"{page.path}: 英語のままの表示: 属性 {sorted(set(english_attrs))}; 本文 {english_text}"
    )


def test_no_sideways_scrolling_on_a_phone(loaded_page):
    """WCAG 1.4.10 reflow: at 375x812 neither the page nor furo's content column (which
    has overflow-x: auto, so the page itself never widens) scrolls horizontally; only a
    wide table or a wide diagram scrolls, inside its own focusable region. The loaded page is resized to a
    phone's viewport: the site lays out with CSS only (no script reads the width at load)."""
    page = loaded_page
    page.set_viewport_size(MOBILE)
    try:
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        found = page.evaluate(
            """() => ({
                scroll: document.documentElement.scrollWidth,
                client: document.documentElement.clientWidth,
                scrollers: [...document.querySelectorAll("body *")]
                    .filter(e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX)
                                 && e.scrollWidth > e.clientWidth + 1 && !e.matches(".dxplan-scroll, .dxplan-diagram-scroll"))
                    .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                              + (typeof e.className === "string" && e.className.trim()
                                 ? "." + e.className.trim().split(/\\s+/).join(".") : "")
                              + ` (${e.clientWidth}px, 中身 ${e.scrollWidth}px)`),
            })"""
        )
    finally:
        page.set_viewport_size(DESKTOP)
    assert found["client"] == MOBILE["width"], found
    assert found["scroll"] <= found["client"], f"{page.path}: ページが横にスクロールします {found}"
    assert not found["scrollers"], f"{page.path}: 横にスクロールする部分（表の領域以外）: {found['scrollers']}"


def test_page_has_a_strict_content_security_policy(loaded_page):
    """The browser itself refuses a script or a request the site did not write (CSP violations
    are console errors, which test_page_uses_only_its_own_origin fails on)."""
    policy = loaded_page.evaluate(
        "document.querySelector('head > meta[http-equiv=\"Content-Security-Policy\"]')?.content")
    assert policy, f"{loaded_page.path}: Content-Security-Policy がありません"
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in directives["script-src"]


def test_page_uses_only_its_own_origin(loaded_page):
    """No CDN, font service or tracker; no 404 (the favicon included); no console error.
    Last of the per-page tests, so what the page requested while they ran counts too."""
    page = loaded_page
    page.wait_for_load_state("networkidle")  # at once if the network has been idle already
    own = [u for u in page.rec.requests if same_site(u, page.base_url)]
    assert len(own) >= 5, f"{page.path}: 読み込まれた資源が少なすぎます: {own}"
    icon = page.evaluate("document.querySelector('link[rel~=icon]')?.href")
    assert icon and same_site(icon, page.base_url), f"{page.path}: ファビコンの指定がありません"
    assert page.page.request.get(icon).status == 200, f"{page.path}: ファビコン {icon} がありません"
    assert page.rec.problems() == [], f"{page.path}:\n" + "\n".join(page.rec.problems())


# ------------------------------------------------------------------ other pages


def test_permalink_page_is_japanese_and_redirects_to_the_need(page, site: Path):
    """permalink.html?id=… (sphinx-needs) reads needs.json and jumps to the need's card."""
    html = (site / "permalink.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in html and "Please Wait" not in html, html[:400]
    assert 'rel="icon"' in html, "permalink.html にファビコンの指定がありません（/favicon.ico が 404 になります）"
    page.page.goto(f"{page.base_url}/permalink.html?id=TGT_RPA_AI")
    page.page.wait_for_url("**/policies/policy-1.html#TGT_RPA_AI")
    page.page.wait_for_load_state("networkidle")
    card = page.locator("[id='TGT_RPA_AI']")
    assert card.is_visible() and "2,800時間削減" in card.inner_text()
    assert page.rec.problems() == [], "\n".join(page.rec.problems())


# ------------------------------------------------------------------ keyboard


def test_first_tab_focuses_a_japanese_skip_link(page):
    page.open("index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName, text: e.textContent.trim(), href: e.getAttribute("href")}; }"""
    )
    assert focused["tag"] == "A" and focused["text"] == "本文へスキップ", focused
    target = focused["href"]
    assert target and target.startswith("#") and page.locator(target).count() == 1, focused
    # furo slides the link in (a 300 ms transition): it has to end fully on screen.
    page.wait_for_function("() => document.activeElement.getBoundingClientRect().top >= 0", timeout=3000)
    box = page.locator(":focus").bounding_box()
    assert box and 0 <= box["y"] < 200 and box["width"] > 20, f"フォーカスしたスキップリンクが見えません: {box}"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target


FOCUSABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1'])"
)


@pytest.mark.parametrize("path", ["kpis.html", "policies/policy-3.html", "sections/index.html"])
def test_tables_scroll_in_focusable_labelled_regions(make_page, path):
    """Every content table sits in div.dxplan-scroll: tabindex=0, role=region, and an
    aria-label naming the table (its caption, without the ¶ permalink). The region is the
    element that scrolls, it is in the Tab order, shows a focus ring, and on a phone the
    arrow keys scroll a wide table sideways."""
    page = make_page(viewport=MOBILE)
    page.open(path)
    regions = page.evaluate(
        """() => [...document.querySelectorAll("article table:not(.need)")].map(t => {
               const r = t.closest("div.dxplan-scroll");
               const caption = t.querySelector("caption .caption-text") || t.querySelector("caption");
               return r && {tabindex: r.getAttribute("tabindex"), role: r.getAttribute("role"),
                            label: r.getAttribute("aria-label"), caption: caption?.textContent.trim(),
                            overflow: getComputedStyle(r).overflowX,
                            innerScroller: [...r.querySelectorAll("*")].some(e => e.contains(t)
                                && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible")};
           })"""
    )
    assert regions, f"{path}: 表がありません"
    for region in regions:
        assert region is not None, f"{path}: 表がスクロール領域に入っていません"
        assert region["tabindex"] == "0" and region["role"] == "region", region
        assert region["label"] and "¶" not in region["label"], region
        if region["caption"]:
            assert region["label"] == region["caption"], region
        assert region["overflow"] in ("auto", "scroll"), region
        assert not region["innerScroller"], f"{path}: 表を横スクロールするのはフォーカスできない内側の要素です: {region}"

    # In the Tab order: from the focusable element just before it, one Tab reaches it.
    region = page.locator("div.dxplan-scroll").first
    page.evaluate(
        """(sel) => {
            const region = document.querySelector("div.dxplan-scroll");
            const all = [...document.querySelectorAll(sel)].filter(e => e === region || e.checkVisibility({visibilityProperty: true}));
            const before = all[all.indexOf(region) - 1];
            (before || document.body).focus();
        }""",
        FOCUSABLE,
    )
    page.keyboard.press("Tab")
    assert region.evaluate("e => e === document.activeElement"), f"{path}: Tab キーで表の領域にフォーカスできません"
    assert region.evaluate("e => getComputedStyle(e).outlineStyle") != "none", f"{path}: フォーカスした表の領域に枠が表示されません"
    wide = region.evaluate("e => e.scrollWidth > e.clientWidth")
    assert wide or path != "kpis.html", "375 px では KPI の表は横にスクロールするはずです（列が潰れていないか）"
    if wide:
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('div.dxplan-scroll').scrollLeft > 0", timeout=3000)
