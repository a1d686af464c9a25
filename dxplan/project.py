"""A plan project on disk, for the CLI: finding its folder and loading its needs.

The CLI reads the plan through the project's own Sphinx build (`-b needs`), so it checks and
loads exactly what the site publishes; nothing is parsed twice.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from dxplan.config import CONFIG_FILE, load_project_config
from dxplan.core import model
from dxplan.core.labels import errors as words
from dxplan.core.model import load_needs_json
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
    raise NotAProject(words.not_a_project(here, CONFIG_FILE))


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
            raise SystemExit(words.revision_is_an_option(revision))
        archive = subprocess.run(["git", "-C", str(project), "archive", "--end-of-options", revision],
                                 capture_output=True)
        if archive.returncode:
            raise SystemExit(words.not_a_revision(revision, archive.stderr.decode(errors="replace").strip()))
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        if build_needs(tree, tmp / "out"):
            raise SystemExit(words.revision_not_loaded(revision))
        return model.load_needs_json(tmp / "out" / "needs.json")
