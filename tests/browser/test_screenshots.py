"""Full-page screenshots of the main pages on a desktop and a phone, for a person to look
at (DXPLAN_SHOTS=/tmp/shots keeps them; otherwise they go to pytest's temporary dir).
The test itself checks what a glance would: the page title is on the first screen, the
text is a readable size, and the page is not blank."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import DESKTOP, MOBILE

SHOT_PAGES = ["index.html", "kpis.html", "policies/policy-3.html"]


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory) -> Path:
    wanted = os.environ.get("DXPLAN_SHOTS")
    path = Path(wanted) if wanted else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
@pytest.mark.parametrize("path", SHOT_PAGES)
def test_screenshot(make_page, shots_dir, path, viewport):
    page = make_page(viewport=viewport)
    page.open(path)
    name = f"{path.removesuffix('.html').replace('/', '_')}-{viewport['width']}.png"
    png = page.screenshot(path=str(shots_dir / name), full_page=True)
    assert len(png) > 20_000, f"{name}: ほぼ空の画面です ({len(png)} bytes)"
    h1 = page.locator("article h1").first
    box = h1.bounding_box()
    assert box and box["y"] < viewport["height"] / 2 and box["x"] >= 0, f"{name}: 見出しが最初の画面にありません {box}"
    assert box["x"] + box["width"] <= viewport["width"], f"{name}: 見出しが画面からはみ出しています {box}"
    sizes = page.evaluate(
        """() => [...document.querySelectorAll("article p, article td, article li")]
              .filter(e => e.checkVisibility() && e.textContent.trim())
              .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert sizes and min(sizes) >= 12, f"{name}: 小さすぎる文字があります（最小 {min(sizes or [0])}px）"
