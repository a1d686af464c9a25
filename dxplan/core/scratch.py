"""Scratch folders for the CLI's own `needs` builds, never left behind.

A folder is named dxplan-KIND-PID-RANDOM in the system temp folder. A run ended by SIGTERM or
SIGHUP cleans up on the way out (the CLI turns those signals into SystemExit); a run killed
outright cannot, so every later run removes the folders of processes that no longer exist.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dxplan.core.exports import pid_alive

PREFIX = "dxplan-"


def sweep_scratch_folders(parent: Path | None = None) -> list[Path]:
    """Remove this user's scratch folders whose process has ended."""
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    for folder in parent.glob(f"{PREFIX}*-*-*"):
        pid = folder.name.split("-")[2]
        try:
            mine = folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid()
        except OSError:
            continue
        if mine and pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextmanager
def scratch_folder(kind: str) -> Iterator[Path]:
    sweep_scratch_folders()
    with tempfile.TemporaryDirectory(prefix=f"{PREFIX}{kind}-{os.getpid()}-") as folder:
        yield Path(folder)
