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

from dxplan.change_reasons import CHANGE_REASONS_FILE
from dxplan.change_reasons import check_file as check_change_reasons_file
from dxplan.config import CONFIG_FILE, load_project_config
from dxplan.coverage import BASELINE_FILE, load_baseline
from dxplan.errors import DataError, DataErrors, SourceLocation
from dxplan.revisions import ID_MAP_FILE, REVIEWS_FILE, SNAPSHOT_DIR, load_id_map, load_reviews
from dxplan.sections import REGISTRY_FILE, load_sections

logger = logging.getLogger(__name__)
_BROKEN_ATTR = "dxplan_broken_files"


def log_data_errors(errors: list[DataError], subtype: str) -> None:
    """One located warning per problem: `path:line: ID: message`."""
    for error in errors:
        where = error.location
        location = str(SourceLocation(where.file, where.line or 1, where.column, where.sheet))
        logger.warning(f"{error.object_id}: {error.message}" if error.object_id else error.message,
                       type="dxplan", subtype=subtype, location=location)


def _snapshot(path: Path) -> None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataErrors([DataError(SourceLocation(str(path), exc.lineno), None,
                                    f"JSON として読めません（{exc.msg}、{exc.colno}文字目）")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataErrors([DataError(SourceLocation(str(path)), None, f"読めません（{exc}）")]) from None


def _checks(app: Sphinx) -> list[tuple[str, str, Callable[[Path], object]]]:
    """(file, warning subtype, loader) for each data file; the actuals store is checked by progress.py."""
    from dxplan.progress import load_grade_scales

    id_regex = app.config.needs_id_regex
    return [
        (CONFIG_FILE, "config", lambda p: (load_project_config(p), load_grade_scales(p))),
        (REGISTRY_FILE, "sections", lambda p: load_sections(p, id_regex) if p.exists() else None),
        (BASELINE_FILE, "baseline", load_baseline),
        (REVIEWS_FILE, "reviews", load_reviews),
        (ID_MAP_FILE, "id-map", load_id_map),
        (CHANGE_REASONS_FILE, "change-reasons", check_change_reasons_file),
        *((str(p.relative_to(app.confdir)), "snapshot", _snapshot)
          for p in sorted((Path(app.confdir) / SNAPSHOT_DIR).glob("*.json"))),
    ]


def check_data_files(app: Sphinx, builder=None) -> None:
    broken = set()
    for name, subtype, load in _checks(app):
        try:
            load(Path(app.confdir) / name)
        except DataErrors as exc:
            broken.add(name)
            log_data_errors(exc.errors, subtype)
    setattr(app, _BROKEN_ATTR, broken)


def broken_files(app: Sphinx) -> set[str]:
    """The data files this build could not read (checked at write-started)."""
    return getattr(app, _BROKEN_ATTR, set())


def setup_datafiles(app: Sphinx) -> None:
    app.connect("write-started", check_data_files, priority=700)  # after sphinx-needs resolved the needs (500)
