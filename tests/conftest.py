"""Shared fixtures: build the real site once, serve it on 127.0.0.1, drive Debian chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from dxplan.core import model
from dxplan.config import load_project_config

ROOT = Path(__file__).resolve().parent.parent
ROOT_CONFIG = load_project_config(ROOT / "ubproject.toml")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def project_hierarchy():
    """The project's [dxplan.hierarchy], for every test that walks needs in this process.

    Set again before each test: a test that loads another project's configuration (a sample
    shape) changes the model's hierarchy for the rest of the process.
    """
    model.use_hierarchy(ROOT_CONFIG.hierarchy)


@dataclass
class BuildResult:
    returncode: int
    output: str
    outdir: Path


def copy_project(dest: Path) -> Path:
    """A scratch copy of the project's sources (config, model, data, pages)."""
    for name in ("conf.py", "ubproject.toml", "needs", "docs"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy2(src, dest / name)
    (dest / ".assets").symlink_to(ROOT / ".assets", target_is_directory=True)
    return dest


def build(project: Path, builder: str = "html", extra: list[str] | None = None) -> BuildResult:
    """Run sphinx-build exactly as `make html` does (-W --keep-going)."""
    outdir = project / "build" / builder
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-c", str(project),
           "-b", builder, str(project / "docs"), str(outdir), *(extra or [])]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=project)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, outdir)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from a copy of the sources."""
    project = copy_project(tmp_path_factory.mktemp("site"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result.outdir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def base_url(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
