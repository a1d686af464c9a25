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

    #: Every summary the actual rolls up into: (page, row label).
    rows = [("policies/policy-1.html", "業務の改善・効率化"), ("policies/policy-1.html", "施策1"),
            ("vision-1.html", "ICT を活用した官民の連携強化や、業務の効率化をめざします"),
            ("index.html", "計画全体"), ("sections/it-suishin.html", "IT推進課")]
    result = build(project)
    assert result.returncode == 0, result.output
    out = result.outdir
    # (2500 − 2046) ÷ (2600 − 2046) = 82 % → 達成 (大部分)
    assert "令和6（2024）年度は「達成」（進捗率 82%）" in page_text(out, "progress.html")  # the KPI's answer line
    with_actual = {row: summary_row(page_text(out, row[0]), row[1])[:6] for row in rows}
    targets = len(model.of_type(model.plan_subset(model.load_needs_json(out / "needs.json"), "PLAN_DX2025_LATE"),
                                model.TARGET))
    assert with_actual[rows[3]][5] == str(targets)  # the whole plan counts every target

    actuals.write_text(original, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "令和7（2025）年度の実績はまだ報告されていません" in page_text(result.outdir, "progress.html")
    for row in rows:
        before = [int(n) for n in summary_row(page_text(result.outdir, row[0]), row[1])[:6]]
        after = [int(n) for n in with_actual[row]]
        # one more 達成, one fewer 未報告, the same number of targets
        assert after == [before[0], before[1] + 1, before[2], before[3], before[4] - 1, before[5]], (row, before, after)
