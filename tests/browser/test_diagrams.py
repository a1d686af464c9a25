"""Diagrams are readable where they are read: on a phone (375 px) and on a desktop (1366 px)
every label of every Mermaid diagram is drawn at 12 px or more, the 全画面 button covers none
of the drawing, the organisation chart's edge labels do not sit on each other, and the Gantt
chart's bars and their labels stand out from the page in the light and the dark scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import MOBILE

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

#: Pages whose source places a Mermaid diagram (every dxplan diagram view draws one).
DIAGRAM_VIEWS = ("structure-diagram", "policy-diagram", "org-chart", "plan-periods", "plan-history")
DIAGRAM_PAGES = sorted(
    p.relative_to(DOCS).with_suffix(".html").as_posix()
    for p in DOCS.rglob("*.md")
    if any(f"{{dxplan-view}} {view}" in p.read_text(encoding="utf-8") for view in DIAGRAM_VIEWS)
)
PHONE = MOBILE
LAPTOP = {"width": 1366, "height": 768}
MIN_TEXT_PX = 12

#: Waits until sphinxcontrib-mermaid has drawn every diagram (data-processed) and added
#: its 全画面 button, which comes after the last diagram.
DRAWN = """() => {
    const diagrams = [...document.querySelectorAll("article pre.mermaid")];
    return diagrams.length > 0 && diagrams.every(d => d.dataset.processed === "true" && d.querySelector("svg"))
        && diagrams.every(d => d.parentElement.querySelector(".mermaid-fullscreen-btn"));
}"""

#: For each diagram: its title and the smallest size (px on screen) any of its labels is drawn
#: at. An SVG text is scaled by the SVG's own transform (viewBox to box), so the size on screen
#: is the computed font size times the scale of the element's screen matrix; HTML labels in a
#: foreignObject take the foreignObject's scale.
TEXT_SIZES = """(selector) => [...document.querySelectorAll(selector)].map(svg => {
    const sizes = [];
    const owned = (el) => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    for (const el of svg.querySelectorAll("text, tspan, foreignObject *")) {
        if (!owned(el)) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const graphic = el instanceof SVGGraphicsElement ? el : el.closest("foreignObject");
        const m = graphic.getScreenCTM();
        const scale = Math.hypot(m.a, m.b);
        sizes.push({text: el.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(el).fontSize) * scale});
    }
    sizes.sort((a, b) => a.px - b.px);
    const title = svg.querySelector("title")?.textContent || svg.getAttribute("aria-label") || "";
    return {title, smallest: sizes[0] || null, count: sizes.length};
})"""


def open_drawn(make_page, path: str, viewport: dict[str, int], color_scheme: str = "light"):
    page = make_page(viewport=viewport, color_scheme=color_scheme)
    page.open(path)
    page.wait_for_function(DRAWN)
    return page


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1366px"])
@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_diagram_text_is_at_least_12px(make_page, path, viewport):
    page = open_drawn(make_page, path, viewport)
    diagrams = page.evaluate(TEXT_SIZES, "article pre.mermaid > svg")
    assert diagrams, f"{path}: 図がありません"
    small = [d for d in diagrams if d["smallest"] is None or d["smallest"]["px"] < MIN_TEXT_PX]
    assert not small, (
        f"{path} ({viewport['width']} px): 図の文字が {MIN_TEXT_PX} px 未満です: "
        + "; ".join(f"{d['title']}: {d['smallest'] and round(d['smallest']['px'], 1)} px「{d['smallest'] and d['smallest']['text']}」" for d in small)
    )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1366px"])
def test_progress_chart_text_is_at_least_12px(make_page, viewport):
    """The bar charts of actuals (dxplan/progress.py, not Mermaid) read at 12 px too."""
    page = make_page(viewport=viewport)
    page.open("progress.html")
    charts = page.evaluate(TEXT_SIZES, "article svg.dxplan-chart")
    assert charts, "progress.html: 実績のグラフがありません"
    small = [c for c in charts if c["smallest"] and c["smallest"]["px"] < MIN_TEXT_PX]
    assert not small, f"実績のグラフの文字が {MIN_TEXT_PX} px 未満です（{viewport['width']} px）: {[(c['title'], c['smallest']) for c in small[:3]]}"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1366px"])
@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_fullscreen_button_covers_no_part_of_the_drawing(make_page, path, viewport):
    page = open_drawn(make_page, path, viewport)
    overlaps = page.evaluate(
        """() => [...document.querySelectorAll("article .mermaid-fullscreen-btn")].flatMap(btn => {
            const b = btn.getBoundingClientRect();
            const drawing = btn.parentElement.querySelector("pre.mermaid > svg > g");
            const d = drawing.getBoundingClientRect();
            const hit = b.left < d.right && d.left < b.right && b.top < d.bottom && d.top < b.bottom;
            return hit ? [{button: [b.left, b.top, b.right, b.bottom].map(Math.round),
                           drawing: [d.left, d.top, d.right, d.bottom].map(Math.round)}] : [];
        })"""
    )
    assert not overlaps, f"{path} ({viewport['width']} px): 全画面ボタンが図の上に重なっています: {overlaps}"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1366px"])
def test_org_chart_edge_labels_do_not_overlap(make_page, viewport):
    page = open_drawn(make_page, "plan/organisation.html", viewport)
    labels = page.evaluate(
        """() => [...document.querySelectorAll("article pre.mermaid svg g.edgeLabel")]
            .map(l => ({text: l.textContent.trim(), box: l.getBoundingClientRect().toJSON()}))
            .filter(l => l.text && l.box.width > 0)"""
    )
    assert len(labels) >= 2, labels
    overlapping = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1:]
        if a["box"]["left"] < b["box"]["right"] and b["box"]["left"] < a["box"]["right"]
        and a["box"]["top"] < b["box"]["bottom"] and b["box"]["top"] < a["box"]["bottom"]
    ]
    assert not overlapping, f"組織図の線のラベルが重なっています（{viewport['width']} px）: {overlapping}"


#: Colours as drawn: the page's background, each Gantt bar's fill, and each task label's
#: colour with what is behind it (the bar, or the page for a label outside its bar).
GANTT_COLOURS = """() => {
    const rgb = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return m.length > 3 && m[3] === 0 ? null : m.slice(0, 3); };
    const page = rgb(getComputedStyle(document.body).backgroundColor);
    const svg = document.querySelector("article pre.mermaid svg[aria-roledescription=gantt]");
    const bars = [...svg.querySelectorAll("rect.task")].map(r => ({id: r.id, fill: rgb(getComputedStyle(r).fill)}));
    const svgBox = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll("text[class*=taskText]")].map(t => {
        const box = t.getBoundingClientRect();
        const bar = [...svg.querySelectorAll("rect.task")].find(r => {
            const b = r.getBoundingClientRect();
            return box.left >= b.left - 1 && box.right <= b.right + 1 && box.top >= b.top - 1 && box.bottom <= b.bottom + 1;
        });
        return {text: t.textContent, colour: rgb(getComputedStyle(t).fill),
                behind: bar ? rgb(getComputedStyle(bar).fill) : page,
                inside: box.left >= svgBox.left - 1 && box.right <= svgBox.right + 1};
    });
    return {page, bars, labels};
}"""


def contrast(a: list[float], b: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        channels = [c / 255 for c in rgb]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1366px"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_gantt_bars_and_labels_stand_out(make_page, scheme, viewport):
    """Bars against the page at 3:1 (non-text contrast); each task label against what is
    behind it at 4.5:1; no label runs out of the chart."""
    page = open_drawn(make_page, "plan/index.html", viewport, scheme)
    found = page.evaluate(GANTT_COLOURS)
    assert found["bars"] and found["labels"], found
    faint = [b for b in found["bars"] if b["fill"] is None or contrast(b["fill"], found["page"]) < 3]
    assert not faint, f"{scheme} {viewport['width']} px: 背景と見分けにくい棒: {faint}（背景 {found['page']}）"
    unreadable = [lab for lab in found["labels"] if contrast(lab["colour"], lab["behind"]) < 4.5]
    assert not unreadable, f"{scheme} {viewport['width']} px: 読みにくいラベル: {unreadable}"
    outside = [lab["text"] for lab in found["labels"] if not lab["inside"]]
    assert not outside, f"{scheme} {viewport['width']} px: 図の外にはみ出すラベル: {outside}"
