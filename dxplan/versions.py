"""A project's versions on disk: snapshots saved to needs/snapshots/, the changes between two
versions (snapshot files or git revisions), and the links to review when an end has changed.

Plain functions over the project's files (core/revisions.py does the comparing); the CLI prints
what they return.
"""

from __future__ import annotations

from pathlib import Path

from dxplan.core.model import Needs
from dxplan.core.revisions import (ID_MAP_FILE, REVIEWS_FILE, SNAPSHOT_DIR, STRUCTURE_TYPES, NeedChange, confirm_links,
                                   diff_needs, load_id_map, load_reviews, snapshot_document, suspect_links,
                                   write_reviews, write_snapshot)
from dxplan.core.store import needs_lock
from dxplan.project import needs_at_revision


class SnapshotExists(Exception):
    """A snapshot file is already there and was not to be replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def save_snapshot(root: Path, needs: Needs, name: str, source: str, plan_id: str | None = None,
                  output: Path | None = None, replace: bool = False) -> tuple[Path, int]:
    """Save the plan (or one plan of it) as the version `name`: (the file, how many needs it holds).
    An existing file is kept unless `replace` (SnapshotExists)."""
    path = output or root / SNAPSHOT_DIR / f"{name}.json"
    document = snapshot_document(needs, name=name, plan_id=plan_id, source=source)
    with needs_lock(path):
        if path.exists() and not replace:
            raise SnapshotExists(path)
        write_snapshot(path, document)
    return path, len(document["versions"][name]["needs"])


def changes_between(root: Path, old: str, new: str, structure_only: bool = False) -> list[NeedChange]:
    """What changed from one version to the other, renamed IDs followed through needs/id-map.toml."""
    types = STRUCTURE_TYPES if structure_only else None
    return diff_needs(needs_at_revision(root, old), needs_at_revision(root, new), load_id_map(root / ID_MAP_FILE), types)


def links_to_review(root: Path, needs: Needs) -> list[tuple[str, str, str, str]]:
    """(source, link, target, the end that changed) for each link whose end changed since it was confirmed."""
    return suspect_links(needs, load_reviews(root / REVIEWS_FILE))


def confirm_reviewed_links(root: Path, needs: Needs, ids: set[str] | None = None) -> tuple[Path, int]:
    """Mark the links of `ids` (None: every link) as reviewed: (the reviews file, how many links it confirms)."""
    path = root / REVIEWS_FILE
    with needs_lock(path):
        updated = confirm_links(needs, load_reviews(path), ids)
        write_reviews(path, updated)
    return path, len(updated)
