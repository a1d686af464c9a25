"""IBM Equal Access (accessibility-checker-engine) helper: inject the pinned ace.js into a
page, check it against the WCAG 2.2 A/AA policy, and format violations so a failure names
the page, the rule and the elements. A second engine: it reads labels and landmarks
differently from axe (e.g. a <label for> naming no control, two unnamed <aside>s)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ACE_JS = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"
POLICY = "WCAG_2_2"


def run_equal_access(page: Any, policy: str = POLICY) -> dict[str, Any]:
    """Check the whole document; returns the violations (value ["VIOLATION", "FAIL"]) and
    how many rules passed, so a test can tell a real check from an empty one."""
    assert ACE_JS.is_file(), f"{ACE_JS} がありません: `npm ci` を実行してください"
    if not page.evaluate("typeof window.ace !== 'undefined'"):
        # evaluated by the driver: the page's Content-Security-Policy refuses an injected <script>
        page.evaluate(ACE_JS.read_text(encoding="utf-8") + "\n;window.ace = ace; undefined")
    return page.evaluate(
        """async (policy) => {
            const report = await new ace.Checker().check(document, [policy]);
            const results = report.results || [];
            const violations = results
                .filter(r => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
                .map(r => ({ruleId: r.ruleId, message: r.message, dom: r.path.dom,
                            snippet: (r.snippet || "").slice(0, 200)}));
            return {violations, passes: results.filter(r => r.value[1] === "PASS").length};
        }""",
        policy,
    )


def format_ea_violations(violations: list[dict[str, Any]], where: str) -> str:
    lines = [f"{where}: IBM Equal Access ({POLICY}) で {len(violations)} 件の違反"]
    for v in violations:
        lines.append(f"  [{v['ruleId']}] {v['message']}\n      {v['dom']}\n      {v['snippet']}")
    return "\n".join(lines)
