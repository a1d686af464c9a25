"""Diagrams work from the keyboard: Tab reaches the 全画面 button, Enter opens the labelled
dialog with the diagram, Escape closes it and the page is back where it was."""

import pytest


@pytest.mark.parametrize("path", ["index.html", "policies/policy-3.html", "plan/organisation.html"])
def test_diagram_fullscreen_by_keyboard(page, path):
    page.open(path)
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.classList.contains('mermaid-fullscreen-btn')"):
            break
    else:
        pytest.fail(f"{path}: Tab never reaches the diagram's 全画面 button")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert label == "図を全画面で表示" and outline != "none", (label, outline)
    page.keyboard.press("Enter")
    dialog = page.locator(".mermaid-fullscreen-modal.active")
    dialog.wait_for(state="visible")
    assert dialog.get_attribute("aria-label") == "図の全画面表示"
    assert dialog.locator("svg").count() == 1
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
