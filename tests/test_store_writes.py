"""Nothing stored is lost: `dxplan` writers under needs/ take one lock, write atomically, and a
killed or refused run leaves needs/ as it was, with nothing `git status` shows.

Runs the real CLI in subprocesses on a scratch project (synthetic plan and values). A small
runner slows or stops a run at a chosen point, so the cases happen every time, not 1 run in 20.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from dxplan.core.errors import DataErrors, SourceLocation
from dxplan.core.labels.excel import COL_ACTUAL, COL_TARGET, COL_YEAR
from dxplan.scaffold import GITIGNORE
from dxplan.core.scratch import sweep_scratch_folders
from dxplan.core.store import LOCK_NAME, Actual, apply_actuals
from tests.plan_factory import two_section_plan

STORE = "# 実績値ストア（試験用）\n\n[[actual]]\ntarget = \"TGT_HOURS\"\nfy = 2022\nvalue = 1115\n"
SCALE = """[dxplan.hierarchy]
vision = ["plan"]

[[dxplan.grade_scales]]
id = "t"
name = "試験"
plans = ["PLAN_T"]
[[dxplan.grade_scales.grades]]
label = "達成"
definition = "試験"
[[dxplan.grade_scales.grades]]
label = "未達成"
definition = "試験"
"""
# Runs `dxplan ARGS`, first making the run slow (reading the store) or stopping it at a point.
RUNNER = """
import os, sys, time
from pathlib import Path
import dxplan.cli, dxplan.core.exports, dxplan.core.store
mode, marker, args = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]

def pause(then=None):
    def wrapper(*a, **k):
        marker.write_text(str(os.getpid()))
        deadline = time.monotonic() + float(os.environ.get("PAUSE", "60"))
        while time.monotonic() < deadline and not Path(str(marker) + ".go").exists():
            time.sleep(0.05)
        return then(*a, **k) if then else 0
    return wrapper

if mode == "slow-read":
    dxplan.core.store._changes_or_refuse = pause(dxplan.core.store._changes_or_refuse)  # inside the lock
elif mode == "before-rename":
    dxplan.core.exports.os.replace = pause(os.replace)
elif mode == "during-build":
    dxplan.cli.build_needs = pause()
raise SystemExit(dxplan.cli.main(args))
"""


@pytest.fixture
def project(tmp_path):
    """A git-tracked scratch project: store, grade scale, needs.json, a .gitignore as `dxplan init` writes."""
    root = tmp_path / "project"
    (root / "needs").mkdir(parents=True)
    (root / "needs" / "actuals.toml").write_text(STORE, encoding="utf-8")
    (root / "ubproject.toml").write_text(SCALE, encoding="utf-8")
    (root / "conf.py").write_text("# a scratch project: the CLI only needs to find it\n", encoding="utf-8")
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (tmp_path / "needs.json").write_text(json.dumps({"current_version": "t", "versions": {
        "t": {"needs": two_section_plan()}}}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "runner.py").write_text(RUNNER, encoding="utf-8")
    for name, target, value in (("a", "TGT_HOURS", "2000"), ("b", "TGT_POC", "達成")):
        (tmp_path / f"{name}.csv").write_text(f"{COL_TARGET},{COL_YEAR},{COL_ACTUAL}\n{target},R6,{value}\n", encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    return root


def needs_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "needs").rglob("*")) if p.is_file()}


def git_status(root: Path) -> str:
    return subprocess.run(["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True,
                          check=True).stdout


def dxplan(root: Path, *args: str, mode: str = "plain", pause: float = 60, tmpdir: Path | None = None,
           wait: bool = True, lock_timeout: float = 30):
    env = {**os.environ, "PAUSE": str(pause), "DXPLAN_LOCK_TIMEOUT": str(lock_timeout)}
    if tmpdir:
        env["TMPDIR"] = str(tmpdir)
    marker = root.parent / f"paused-{time.monotonic_ns()}"
    cmd = [sys.executable, str(root.parent / "runner.py"), mode, str(marker), *args, "--project", str(root)]
    if "--needs" not in args and args[0] != "check":
        cmd += ["--needs", str(root.parent / "needs.json")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=root.parent)
    if wait:
        out, err = proc.communicate(timeout=120)
        return proc.returncode, out, err
    return proc, marker


def wait_for(marker: Path, proc) -> None:
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_two_imports_started_together_both_stored(project):
    """The first import stops between reading the store and writing it until the second one is
    waiting for the lock (without the lock, the second would read the same old store)."""
    first, marker = dxplan(project, "excel", "import", "a.csv", "--section", "試験課", mode="slow-read", wait=False)
    wait_for(marker, first)
    second, _ = dxplan(project, "excel", "import", "b.csv", "--section", "試験課", wait=False)
    waiting = second.stderr.readline()
    assert "別の dxplan が書き込み中です。終わるのを待っています（最長 30 秒）" in waiting
    Path(str(marker) + ".go").touch()
    first_out, first_err = first.communicate(timeout=60)
    out, err = second.communicate(timeout=60)
    assert (first.returncode, second.returncode) == (0, 0), (first_err, err)
    assert "追加 1件" in first_out and "追加 1件" in out
    text = (project / "needs" / "actuals.toml").read_text(encoding="utf-8")
    assert 'target = "TGT_HOURS"\nfy = 2024\nvalue = 2000' in text and 'status = "達成"' in text
    assert git_status(project) == " M needs/actuals.toml\n?? needs/reporting.toml\n"


def test_second_writer_gives_up_after_the_timeout_and_changes_nothing(project):
    before = needs_bytes(project)
    with FileLock(str(project / LOCK_NAME)):
        code, out, err = dxplan(project, "excel", "import", "a.csv", "--section", "試験課", lock_timeout=1)
        snap_code, _, snap_err = dxplan(project, "snapshot", "--name", "v1", "--source", "試験", lock_timeout=0.5)
        review_code, _, review_err = dxplan(project, "review", "--confirm-all", lock_timeout=0.5)
    assert code == 1 and snap_code == 1 and review_code == 1
    assert "0.5 秒待っても書き込めませんでした" in review_err
    assert "1 秒待っても書き込めませんでした。何も書き込んでいません" in err and "Traceback" not in err
    assert "0.5 秒待っても書き込めませんでした" in snap_err
    assert "追加" not in out
    assert needs_bytes(project) == before
    assert git_status(project) == ""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killed_import_leaves_the_old_store_and_nothing_git_shows(project, how):
    before = needs_bytes(project)
    proc, marker = dxplan(project, "excel", "import", "a.csv", "--section", "試験課", mode="before-rename", wait=False)
    wait_for(marker, proc)  # the new store is written to its temporary file, not yet renamed
    proc.send_signal(how)
    proc.communicate(timeout=60)
    assert needs_bytes(project) == before or how == signal.SIGKILL  # SIGKILL: a temp file may remain …
    assert {k: v for k, v in needs_bytes(project).items() if not k.endswith(".dxplan-tmp")} == before  # … the store is old
    assert git_status(project) == ""
    code, out, err = dxplan(project, "excel", "import", "b.csv", "--section", "試験課")  # the next run cleans up
    assert code == 0, err
    assert not [p for p in (project / "needs").iterdir() if p.name.endswith(".dxplan-tmp")]
    assert git_status(project) == " M needs/actuals.toml\n?? needs/reporting.toml\n"


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killed_run_leaves_no_scratch_folder(project, tmp_path, how):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc, marker = dxplan(project, "check", mode="during-build", tmpdir=scratch, wait=False)
    wait_for(marker, proc)
    assert [p.name.split("-")[:2] for p in scratch.iterdir()] == [["dxplan", "check"]]
    proc.send_signal(how)
    proc.communicate(timeout=60)
    if how == signal.SIGTERM:
        assert list(scratch.iterdir()) == []  # cleaned on the way out
    assert sweep_scratch_folders(scratch) == [] if how == signal.SIGTERM else len(sweep_scratch_folders(scratch)) == 1
    assert list(scratch.iterdir()) == []  # what a SIGKILL left, the next run removes


def test_store_is_read_back_before_the_rename(tmp_path, monkeypatch):
    """Were the writer ever to produce a store a build cannot read, nothing is written."""
    import tomlkit

    needs = two_section_plan()
    path = tmp_path / "needs" / "actuals.toml"
    path.parent.mkdir()
    path.write_text(STORE, encoding="utf-8")
    before = path.read_bytes()
    monkeypatch.setattr(tomlkit, "dumps", lambda document: STORE + 'note = "\r"\n')
    incoming = [Actual("TGT_HOURS", 2024, value=2000.0, text="2,000時間", location=SourceLocation("a.csv", 2, "C"))]
    with pytest.raises(DataErrors, match=r"actuals.toml:7: TOML の書き方に誤りがあり読めません"):
        apply_actuals(path, incoming, needs)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["actuals.toml"]


def test_cli_never_shows_a_traceback_for_an_unreadable_store(project):
    (project / "needs" / "actuals.toml").write_text('[[actual]]\ntarget = "TGT_HOURS"\nfy = 2024\nvalue = "多い"\n',
                                                    encoding="utf-8")
    before = needs_bytes(project)
    code, _, err = dxplan(project, "excel", "import", "a.csv", "--section", "試験課")
    assert code == 1 and "Traceback" not in err
    assert "actuals.toml:1: TGT_HOURS: value が数値ではありません: 「多い」" in err
    assert needs_bytes(project) == before
