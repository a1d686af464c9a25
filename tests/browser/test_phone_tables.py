"""Tables on a phone (375 px): a wide table scrolls sideways inside its region, and while it
does the row's name (the first column) stays in view, a visible sentence says that the table
scrolls, and the caption wraps inside the screen instead of running off it. None of this is
on paper."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MOBILE

#: Pages with wide tables whose key figures sit right of the first column (未報告,
#: 目標値の数, 目標, 状態), and interactive needs tables (kpis, status).
TABLE_PAGES = ["index.html", "progress.html", "reporting.html", "kpis.html", "status.html", "policies/policy-3.html"]

#: Every table region that is wider than the screen: scrolled to its far end, where is each
#: row's first cell, and is a scroll hint shown for it.
SCROLLED_REGIONS = """() => [...document.querySelectorAll("article .dxplan-scroll")]
    .filter(r => r.querySelector("table") && r.scrollWidth > r.clientWidth + 1)
    .map(r => {
        r.scrollLeft = r.scrollWidth;
        const box = r.getBoundingClientRect();
        const hidden = [...r.querySelectorAll("table tr")].flatMap(tr => {
            const cell = tr.cells[0];
            if (!cell) return [];
            const c = cell.getBoundingClientRect();
            // Visible: the cell is inside the region's box and nothing else is drawn on it.
            const x = Math.min(Math.max(c.left + 2, box.left + 2), box.right - 2), y = c.top + Math.min(c.height / 2, 8);
            const top = document.elementFromPoint(x, y);
            const covered = y >= 0 && y < innerHeight && !(top && cell.contains(top));
            return c.left < box.left - 1 || c.right > box.right + 1 || covered ? [cell.textContent.trim().slice(0, 20)] : [];
        });
        const ids = (r.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
        const hints = ids.map(id => document.getElementById(id)).filter(Boolean);
        const hint = hints.find(h => h.checkVisibility() && h.getBoundingClientRect().height > 0
                                     && /横にスクロール/.test(h.textContent));
        r.scrollLeft = 0;
        return {label: r.getAttribute("aria-label"), hidden, hint: hint ? hint.textContent.trim() : null};
    })"""

#: Every caption of a table in the page's text: do its words fit in the visible width of its
#: region (or the article), and is none of its text cut off. The caption's box may be as wide
#: as the table; what counts is where its text is drawn.
CLIPPED_CAPTIONS = """() => [...document.querySelectorAll("article table caption")].flatMap(caption => {
    const frame = (caption.closest(".dxplan-scroll") || caption.closest("article")).getBoundingClientRect();
    const style = getComputedStyle(caption);
    const text = caption.querySelector(".caption-text") || caption;
    const range = document.createRange();
    range.selectNodeContents(text);
    const lines = [...range.getClientRects()];
    const box = {left: Math.min(...lines.map(r => r.left)), right: Math.max(...lines.map(r => r.right))};
    const clipped = box.right > frame.right + 1 || box.left < frame.left - 1
        || caption.scrollWidth > caption.clientWidth + 1 || text.scrollWidth > text.clientWidth + 1
        || style.textOverflow === "ellipsis" || getComputedStyle(text).textOverflow === "ellipsis";
    return clipped ? [{caption: caption.textContent.trim().slice(0, 40), right: Math.round(box.right), frame: Math.round(frame.right)}] : [];
})"""


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_wide_tables_keep_the_row_name_in_view_and_say_they_scroll(make_page, path):
    page = make_page(viewport=MOBILE)
    page.open(path)
    regions = page.evaluate(SCROLLED_REGIONS)
    assert regions, f"{path}: 375 px で横にスクロールする表がありません（テストの前提）"
    hidden = [r for r in regions if r["hidden"]]
    assert not hidden, f"{path}: 横にスクロールすると行の名前（1列目）が見えなくなります: {hidden[:3]}"
    unhinted = [r["label"] for r in regions if not r["hint"]]
    assert not unhinted, f"{path}: 横にスクロールできることを示す文がありません: {unhinted}"


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_captions_wrap_on_a_phone(make_page, path):
    page = make_page(viewport=MOBILE)
    page.open(path)
    clipped = page.evaluate(CLIPPED_CAPTIONS)
    assert not clipped, f"{path}: 375 px で表題が切れています（{len(clipped)}件）: {clipped[:3]}"


def test_no_sticky_column_or_scroll_hint_on_paper(make_page):
    page = make_page(viewport=MOBILE)
    page.open("progress.html")
    page.emulate_media(media="print")
    found = page.evaluate(
        """() => ({
            sticky: [...document.querySelectorAll("article table th, article table td")]
                .filter(c => getComputedStyle(c).position === "sticky").length,
            hints: [...document.querySelectorAll("article .dxplan-scroll-hint")]
                .filter(h => h.checkVisibility()).map(h => h.textContent.trim()),
        })"""
    )
    assert found == {"sticky": 0, "hints": []}, f"印刷に画面用の表示が残っています: {found}"
