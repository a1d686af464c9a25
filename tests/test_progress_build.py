"""Adding an actual (synthetic, in a scratch copy) shows on every page that rolls it up."""

import re
from html import unescape

from dxplan.core import model
from tests.conftest import build, copy_project

SYNTHETIC_ACTUAL = """
[[actual]]
target = "TGT_TELEWORK"
fy = 2024
value = 2500
text = "2,500回"
source = "synthetic test data"
"""


def page_text(outdir, name):
    html = (outdir / name).read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def summary_row(text, label):
    """The figures after `label` in a progress summary table: 達成+ 達成 未達成 速報 未報告 total mean."""
    match = re.search(re.escape(label) + r" (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\S+)", text)
    assert match, f"no summary row for {label!r}"
    return match.groups()


def test_new_actual_rolls_up_everywhere_and_goes_away(tmp_path):
    project = copy_project(tmp_path)
    actuals = project / "needs" / "actuals.toml"
    original = actuals.read_text(encoding="utf-8")
    actuals.write_text(original + SYNTHETIC_ACTUAL, encoding="utf-8")
    page = project / "docs" / "policies" / "policy-1.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        ":id: MEA_1\n", ":id: MEA_1\n:owner: SEC_IT_SUISHIN\n", 1), encoding="utf-8")
    # MEA_1 now has an owner (synthetic): its accepted-gap entry would be stale, so drop it.
    baseline = project / "needs" / "accepted-gaps.toml"
    baseline.write_text(re.sub(r'\[\[gap\]\]\nrule = "measure-has-owner"\nneed = "MEA_1"\n[^\n]*\n', "",
                               baseline.read_text(encoding="utf-8")), encoding="utf-8")

    result = build(project)
    assert result.returncode == 0, result.output
    out = result.outdir
    # (2500 − 2046) ÷ (2600 − 2046) = 82 % → 達成 (大部分)
    dashboard = page_text(out, "progress.html")
    assert "令和6（2024）年度は「達成」（進捗率 82%）" in dashboard  # the KPI's answer line
    policy_page = page_text(out, "policies/policy-1.html")
    assert summary_row(policy_page, "業務の改善・効率化")[:6] == ("0", "1", "0", "0", "1", "2")
    assert summary_row(policy_page, "施策1")[:6] == ("0", "1", "0", "0", "1", "2")  # the measure's roll-up
    assert summary_row(page_text(out, "vision-1.html"), "ICT を活用した官民の連携強化や、業務の効率化をめざします")[:6] == ("0", "1", "0", "0", "3", "4")
    targets = len(model.of_type(model.plan_subset(model.load_needs_json(out / "needs.json"), "PLAN_DX2025_LATE"), model.TARGET))
    assert summary_row(page_text(out, "index.html"), "計画全体")[:6] == ("0", "1", "0", "0", str(targets - 1), str(targets))
    assert summary_row(page_text(out, "sections/it-suishin.html"), "IT推進課")[:6] == ("0", "1", "0", "0", "1", "2")

    actuals.write_text(original, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert summary_row(page_text(result.outdir, "index.html"), "計画全体")[:6] == ("0", "0", "0", "0", str(targets), str(targets))
    assert "令和7（2025）年度の実績はまだ報告されていません" in page_text(result.outdir, "progress.html")
