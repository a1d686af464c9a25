"""A new gap fails the build (and `dxplan check`) naming rule, need, file and line."""

import re
import subprocess
import sys

import pytest

from tests.conftest import build, copy_project

POLICY_1 = "docs/policies/policy-1.md"
NEW_MEASURE = """
```{measure} 施策99
:id: MEA_99
:number_label: 施策99
:policy: POL_1
:source: synthetic test data
```
"""


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def _line_of(path, text):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_new_measure_without_owner_or_kpi_fails_naming_rule_file_line_id(project):
    page = project / POLICY_1
    page.write_text(page.read_text(encoding="utf-8") + NEW_MEASURE, encoding="utf-8")
    line = _line_of(page, "```{measure} 施策99")
    result = build(project, "dummy")
    assert result.returncode != 0
    assert re.search(rf"policy-1\.md:{line}: WARNING: \[measure-has-owner\] MEA_99", result.output), result.output
    assert re.search(rf"policy-1\.md:{line}: WARNING: \[measure-has-kpi\] MEA_99", result.output), result.output
    # A warning-level rule is counted, never a build failure.
    assert "[measure-has-name] MEA_99" not in result.output


def test_deleting_a_kpis_target_fails_naming_the_kpi(project):
    page = project / POLICY_1
    text = page.read_text(encoding="utf-8")
    start = text.index("```{target} 2,800時間削減")
    end = text.index("```", text.index("\n", start) + 1) + 3
    page.write_text(text[:start] + text[end:], encoding="utf-8")
    line = _line_of(page, "```{kpi} RPA・AI拡大")
    result = build(project, "dummy")
    assert result.returncode != 0
    assert re.search(rf"policy-1\.md:{line}: WARNING: \[kpi-has-target\] KPI_RPA_AI", result.output), result.output


def test_fixed_gap_makes_its_baseline_entry_stale(project):
    page = project / POLICY_1
    page.write_text(page.read_text(encoding="utf-8").replace(
        ":id: MEA_1\n", ":id: MEA_1\n:owner: SEC_IT_SUISHIN\n", 1), encoding="utf-8")
    baseline = project / "needs" / "accepted-gaps.toml"
    entry_line = _line_of(baseline, 'need = "MEA_1"') - 2  # the [[gap]] header
    result = build(project, "dummy")
    assert result.returncode != 0
    assert f"accepted-gaps.toml:{entry_line}: WARNING: [measure-has-owner] MEA_1: 受容リストの記載が古くなっています" in result.output


def test_malformed_baseline_fails_the_build_naming_file_and_line(project):
    baseline = project / "needs" / "accepted-gaps.toml"
    baseline.write_text(baseline.read_text(encoding="utf-8") + '\n[[gap]]\nrule = "measure-has-owner"\nneed = "MEA_1"\n',
                        encoding="utf-8")
    line = len(baseline.read_text(encoding="utf-8").splitlines()) - 2
    result = build(project, "dummy")
    assert result.returncode != 0
    assert re.search(rf"accepted-gaps\.toml:{line}: .*MEA_1: reason がありません", result.output), result.output


def test_dxplan_check_shares_the_rules_with_the_build(project):
    cmd = [sys.executable, "-m", "dxplan.cli", "check", "--project", str(project)]
    clean = subprocess.run(cmd, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "問題はありません" in clean.stdout
    page = project / POLICY_1
    page.write_text(page.read_text(encoding="utf-8") + NEW_MEASURE, encoding="utf-8")
    broken = subprocess.run(cmd, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "[measure-has-owner] MEA_99" in broken.stderr
    assert not (project / "build").exists()  # no HTML written
