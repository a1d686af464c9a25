"""A plan project on disk: finding its folder, loading its needs, and reading what the rules read.

The CLI reads the plan through the project's own Sphinx build (`-b needs`), so it checks and
loads exactly what the site publishes; nothing is parsed twice. The build and the CLI read the
coverage rules' inputs (core/rules.py) here, with the project's configuration.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from dxplan.config import CONFIG_FILE, ProjectConfig, load_project_config
from dxplan.core import model
from dxplan.core.change_reasons import CHANGE_REASONS_FILE, load_change_reasons
from dxplan.core.errors import DataErrors
from dxplan.core.labels import errors as words
from dxplan.core.model import Needs, load_needs_json
from dxplan.core.revisions import ID_MAP_FILE, REVIEWS_FILE, SNAPSHOT_DIR, load_reviews
from dxplan.core.rules import BASELINE_FILE, CoverageReport, RuleContext, coverage_report, load_baseline
from dxplan.core.scratch import scratch_folder

#: Exit code of a build or command that found problems in the plan or its data.
FINDINGS = 1


class NotAProject(Exception):
    pass


def find_project(start: str | Path) -> Path:
    """The plan folder: `start` or the nearest folder above it holding ubproject.toml (as git finds .git)."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file() and (folder / "conf.py").is_file():
            return folder
    raise NotAProject(words.not_a_project(folder=here, config_file=CONFIG_FILE))


def build_needs(project: Path, out: Path) -> int:
    """Run the project's own Sphinx build with the `needs` builder (all checks, no HTML)."""
    from sphinx.cmd.build import build_main

    # conf.py serves Mermaid from .assets/ (staged by `make`); the needs builder needs none of
    # it, but Sphinx warns about a missing static path: a clean tree or revision has none yet.
    (project / ".assets").mkdir(exist_ok=True)
    argv = ["-b", "needs", "-W", "--keep-going", "-q", "-E",
            "-c", str(project), "-d", str(out / "doctrees"), str(project / "docs"), str(out)]
    try:
        return build_main(argv)
    except SystemExit as stop:  # dxplan stops a build whose ubproject.toml is broken (config.py)
        return FINDINGS if stop.code else 0


def load_project_needs(project: Path, needs_json: str | None) -> dict:
    """Needs from a given needs.json, or from a fresh `needs` build of the project.

    The project's configuration is read first: its hierarchy is how the model walks these needs.
    """
    load_project_config(project / CONFIG_FILE)
    if needs_json:
        return load_needs_json(needs_json)
    with scratch_folder("needs") as out:
        if build_needs(project, out):
            raise SystemExit(words.PLAN_NOT_LOADED)
        return load_needs_json(Path(out) / "needs.json")


def needs_at_revision(project: Path, revision: str) -> dict[str, Any]:
    """A snapshot file, or the project's needs at a git revision (built in a scratch tree)."""
    candidate = Path(revision)
    if candidate.suffix == ".json" and candidate.exists():
        return model.load_needs_json(candidate)
    with scratch_folder("rev") as tmp:
        tree = tmp / "tree"
        tree.mkdir()
        # Only a revision reaches git: never an option (`--output=FILE` would truncate FILE).
        if revision.startswith("-"):
            raise SystemExit(words.revision_is_an_option(revision=revision))
        archive = subprocess.run(["git", "-C", str(project), "archive", "--end-of-options", revision],
                                 capture_output=True)
        if archive.returncode:
            raise SystemExit(words.not_a_revision(revision=revision, why=archive.stderr.decode(errors="replace").strip()))
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        if build_needs(tree, tmp / "out"):
            raise SystemExit(words.revision_not_loaded(revision=revision))
        return model.load_needs_json(tmp / "out" / "needs.json")


# ---------------------------------------------------------------- the coverage rules' inputs

#: What the rules read besides the needs: the baseline, the link reviews, the [dxplan] table.
COVERAGE_FILES = (BASELINE_FILE, REVIEWS_FILE, CONFIG_FILE, CHANGE_REASONS_FILE, ID_MAP_FILE)


def coverage_files(root: Path) -> tuple[str, ...]:
    """COVERAGE_FILES and the snapshots (target-change-has-reason compares them)."""
    return COVERAGE_FILES + tuple(sorted(p.relative_to(root).as_posix() for p in (root / SNAPSHOT_DIR).glob("*.json")))


def rule_context(root: Path) -> RuleContext:
    try:
        return RuleContext(reviews=load_reviews(root / REVIEWS_FILE),
                           nesting_allowed=load_project_config(root / CONFIG_FILE).nesting_allowed,
                           change_reasons=load_change_reasons(root)[0])
    except DataErrors:
        return RuleContext()  # the data-file check reports the file; the rules wait for it


def project_report(root: Path, needs: Needs, config: ProjectConfig) -> tuple[CoverageReport, bool]:
    """The rules over `needs` with the project's accepted gaps, and whether the baseline could be read
    (while it cannot, the data-file check reports it and no gap is accepted)."""
    try:
        baseline, readable = load_baseline(root / BASELINE_FILE), True
    except DataErrors:
        baseline, readable = [], False
    return coverage_report(needs, baseline, config, rule_context(root)), readable
