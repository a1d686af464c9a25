"""The register of findings (dxplan/findings.py) and the CLI's answers to a user's mistakes."""

import subprocess
import sys

from dxplan.findings import CONSISTENCY, EVERY_BUILD, READ, WRITE, Finding, FindingsRegister, load_register, save_register


def _finding(scope, page="", location="docs/a.md:3"):
    return Finding(scope, page, "dxplan.measure-has-owner", location, "[measure-has-owner] MEA_1: 施策に主管課がありません")


def test_pages_with_findings_are_read_and_written_again():
    previous = [_finding(READ, "a"), _finding(WRITE, "b"), _finding(READ, "gone"), _finding(EVERY_BUILD)]
    register = FindingsRegister(previous)
    assert register.pages_to_reread({"a", "b"}) == {"a"}  # a removed page is not read again
    assert register.pages_to_rewrite({"a", "b"}) == {"b"}
    assert not register.needs_consistency_check()
    assert FindingsRegister([_finding(CONSISTENCY)]).needs_consistency_check()


def test_a_finding_whose_work_did_not_run_again_is_carried_over():
    register = FindingsRegister([_finding(READ, "a"), _finding(WRITE, "b"), _finding(CONSISTENCY)])
    register.read.add("a")
    assert [f.scope for f in register.carried_over({"a", "b"})] == [WRITE, CONSISTENCY]
    register.written.add("b")
    register.consistency_checked = True
    assert register.carried_over({"a", "b"}) == []


def test_register_round_trip_and_unreadable_register(tmp_path):
    path = tmp_path / "register.json"
    findings = [_finding(READ, "a"), _finding(WRITE, "b", "needs/actuals.toml:4")]
    save_register(path, findings)
    assert load_register(path) == findings
    path.write_text("{not json", encoding="utf-8")
    assert load_register(path) == []  # then Sphinx reads every page anyway (no environment either)


def test_counts_by_file():
    register = FindingsRegister()
    for finding in (_finding(READ, "a"), _finding(READ, "a", "docs/a.md:9"), _finding(EVERY_BUILD, "", "needs/x.toml:1")):
        register.add(finding)
    assert register.by_file() == {"docs/a.md": 2, "needs/x.toml": 1}


def _dxplan(*args, cwd):
    return subprocess.run([sys.executable, "-m", "dxplan.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_outside_a_plan_folder_says_so_and_writes_nothing(tmp_path):
    result = _dxplan("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "計画のフォルダではありません" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_bad_year_is_a_usage_error(tmp_path):
    result = _dxplan("progress", "--fy", "R99x", cwd=tmp_path)
    assert result.returncode == 2
    assert "年度として解釈できません" in result.stderr and "Traceback" not in result.stderr
