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
    return json.loads(path.read_text(encoding="utf-8"))["version"] if path.exists() else "（未インストール）"


def render_a11y_report(ctx) -> list[nodes.Node]:
    from dxplan.render import table

    root = Path(ctx.app.confdir)
    rows = [["目標とする適合レベル", "JIS X 8341-3:2016 適合レベル AA（WCAG 2.2 レベル AA の達成基準で検査）"],
            ["検査ツール", f"axe-core {axe_version(root)}（ヘッドレス Chromium 上で実行）"],
            ["検査する規則のタグ", ", ".join(TAGS)]]
    out: list[nodes.Node] = [table(["項目", "内容"], rows, caption="検査の方法")]
    report = load_report(root)
    if report is None:
        out.append(nodes.paragraph("", "自動検査の結果はまだ掲載していません。検査を行った後に、ここに結果を掲載します。"))
        return out
    pages = report.get("pages", [])
    total = sum(p["violations"] for p in pages)
    tested = len({p["page"] for p in pages})
    out.append(nodes.paragraph("", f"最終検査: {format_timestamp(report.get('tested_at', '—'))}。検査したページ {tested} 件"
                                   f"（ライト・ダークの配色それぞれ、計 {len(pages)} 回）、違反 {total} 件。"))
    out.append(table(["ページ", "配色", "違反の数", "結果"],
                     [[p["page"], p["scheme"], str(p["violations"]), "適合" if p["violations"] == 0 else "要修正"]
                      for p in pages], caption="ページごとの検査結果"))
    return out


def setup_a11y(app: Sphinx) -> None:
    from dxplan.views import register_view

    register_view("a11y-report", render_a11y_report, depends_on=(A11Y_REPORT,))
