"""axe-core helper: inject the pinned axe.min.js into a page, run WCAG 2.x A/AA rules,
and format violations so a failure names the page, the rule and the elements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page: Any, tags: list[str] = WCAG_TAGS) -> dict[str, Any]:
    """Run axe on the whole document; returns axe's result object (violations, passes...)."""
    assert AXE_JS.is_file(), f"{AXE_JS} がありません: `npm ci` を実行してください"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the test driver, not as an inline <script>: the site's
        # Content-Security-Policy rightly refuses a script tag it did not write.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return {violations: r.violations, passes: r.passes.length,
                    version: axe.version, url: r.url};
        }""",
        tags,
    )


def format_violations(violations: list[dict[str, Any]], where: str) -> str:
    """One block per rule: id, impact, help, help URL, then each failing node."""
    lines = [f"{where}: axe で {len(violations)} 件の規則違反"]
    for v in violations:
        lines.append(f"\n[{v['id']}] impact={v.get('impact')} — {v['help']}")
        lines.append(f"    {v.get('helpUrl', '')}")
        for node in v["nodes"]:
            target = " ".join(" > ".join(t) if isinstance(t, list) else str(t) for t in node["target"])
            lines.append(f"  - {target}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
            html = " ".join((node.get("html") or "").split())[:200]
            lines.append(f"      html: {html}")
    return "\n".join(lines)
