"""The ウェブアクセシビリティ方針 page: target level, tool and version, pages tested, results.

The browser tests (tests/browser) run axe-core on every page and write a summary to
A11Y_REPORT; the next build shows it. Nothing here is typed by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core.fiscal import format_timestamp
from dxplan.core.labels import views as words
from dxplan.core import labels as shared_words

A11Y_REPORT = "build/a11y/axe-summary.json"
AXE_PACKAGE = "node_modules/axe-core/package.json"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def load_report(root: Path) -> dict | None:
    path = root / A11Y_REPORT
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def axe_version(root: Path) -> str:
    path = root / AXE_PACKAGE
    return json.loads(path.read_text(encoding="utf-8"))["version"] if path.exists() else words.NOT_INSTALLED


def render_a11y_report(ctx) -> list[nodes.Node]:
    from dxplan.render import table

    root = Path(ctx.app.confdir)
    rows = [[words.TARGET_LEVEL, words.TARGET_LEVEL_TEXT],
            [words.TEST_TOOL, words.tool_line(name_and_version=f"axe-core {axe_version(root)}")],
            [words.TAGS_TESTED, ", ".join(TAGS)]]
    out: list[nodes.Node] = [table([shared_words.ITEM, shared_words.CONTENT], rows, caption=words.TEST_METHOD)]
    report = load_report(root)
    if report is None:
        out.append(nodes.paragraph("", words.NO_A11Y_RESULTS))
        return out
    pages = report.get("pages", [])
    total = sum(p["violations"] for p in pages)
    tested = len({p["page"] for p in pages})
    tested_at = format_timestamp(report.get("tested_at", "—"))
    out.append(nodes.paragraph("", words.a11y_summary(tested_at=tested_at, pages=tested, runs=len(pages), violations=total)))
    out.append(table([words.PAGE, words.COLOUR_SCHEME, words.VIOLATIONS, words.RESULT],
                     [[p["page"], p["scheme"], str(p["violations"]),
                       words.CONFORMS if p["violations"] == 0 else words.TO_FIX] for p in pages],
                     caption=words.RESULTS_BY_PAGE))
    return out


def setup_a11y(app: Sphinx) -> None:
    from dxplan.views import register_view

    register_view("a11y-report", render_a11y_report, depends_on=(A11Y_REPORT,))
