"""Where the source documents are: ../shared/seeds beside this checkout (as in CI), or beside
the repository it was cloned from (a clone on any other path, as a new user makes one)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    candidates = [ROOT.parent / "shared" / "seeds"]
    origin = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"],
                            capture_output=True, text=True).stdout.strip()
    if origin and Path(origin).is_dir():
        candidates.append(Path(origin).resolve().parent / "shared" / "seeds")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise AssertionError(f"the seed documents are not found in {', '.join(map(str, candidates))}")


def cited(needs: dict, code: str) -> dict:
    """The needs whose :source: cites seed document `code` (e.g. "002"), with the plans and the
    sections they hang from: what that source writes, whatever else a ward has added since.
    Seed-fidelity tests count these, so a new measure citing its own source leaves them alone."""
    return {need_id: need for need_id, need in needs.items()
            if need["type"] in ("plan", "section") or (need.get("source") or "").split(" ")[0] == code}
