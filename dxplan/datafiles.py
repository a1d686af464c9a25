"""Every data file, checked on every build: the needs/ files and the [dxplan] table.

A page's warnings come back when the page is read again; a data file is read by whichever
view or rule needs it, and only when that runs. So every data file is loaded and checked here,
on every build (clean, incremental or with nothing changed), with its own loader, and each
problem is reported once, located at the file and line itself — never at a page. The views
that show the data then stay silent about it: one message per problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from dxplan.core.errors import DataError, DataErrors, SourceLocation
from dxplan.core.labels import errors as words

logger = logging.getLogger(__name__)
_BROKEN_ATTR = "dxplan_broken_files"


def log_data_errors(errors: list[DataError], subtype: str) -> None:
    """One located warning per problem: `path:line: ID: message`."""
    for error in errors:
        where = error.location
        location = str(SourceLocation(where.file, where.line or 1, where.column, where.sheet))
        logger.warning(f"{error.object_id}: {error.message}" if error.object_id else error.message,
                       type="dxplan", subtype=subtype, location=location)


def check_json(app: Sphinx, path: Path) -> None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataErrors([DataError(SourceLocation(str(path), exc.lineno), None,
                                    words.json_syntax(message=exc.msg, column=exc.colno))]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataErrors([DataError(SourceLocation(str(path)), None, words.unreadable(reason=exc))]) from None


Loader = Callable[[Sphinx, Path], object]
#: (file relative to the project root, or a glob; warning subtype; loader raising DataErrors)
DATA_FILES: list[tuple[str, str, Loader]] = []


def register_data_file(pattern: str, subtype: str, load: Loader) -> None:
    """Have `load` check the file(s) on every build; capability modules call this from their setup."""
    if (pattern, subtype) not in {(p, s) for p, s, _ in DATA_FILES}:
        DATA_FILES.append((pattern, subtype, load))


def check_data_files(app: Sphinx, builder=None) -> None:
    broken = set()
    root = Path(app.confdir)
    for pattern, subtype, load in DATA_FILES:
        for path in sorted(root.glob(pattern)) if "*" in pattern else [root / pattern]:
            try:
                load(app, path)
            except DataErrors as exc:
                broken.add(pattern)
                log_data_errors(exc.errors, subtype)
    setattr(app, _BROKEN_ATTR, broken)


def broken_files(app: Sphinx) -> set[str]:
    """The data files this build could not read (checked at write-started)."""
    return getattr(app, _BROKEN_ATTR, set())


def setup_datafiles(app: Sphinx) -> None:
    # The revision files belong to the core (no Sphinx there): registered here for it.
    from dxplan.core.revisions import ID_MAP_FILE, REVIEWS_FILE, SNAPSHOT_DIR, load_id_map, load_reviews

    register_data_file(REVIEWS_FILE, "reviews", lambda app, path: load_reviews(path))
    register_data_file(ID_MAP_FILE, "id-map", lambda app, path: load_id_map(path))
    register_data_file(f"{SNAPSHOT_DIR}/*.json", "snapshot", check_json)
    app.connect("write-started", check_data_files, priority=700)  # after sphinx-needs resolved the needs (500)
