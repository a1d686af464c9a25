"""Make sphinx-needs' build diagnostics name file, line and need ID, all three.

sphinx-needs 9.1 leaves one of the three out of two kinds of message:

* ``Need could not be created: …`` (``needs.create_need``) names the file and the line
  of the directive, but not the need: the need was dropped, so nothing else carries
  its ID. The ID is read back from the directive's ``:id:`` option in the source file
  at the reported line, and the message becomes ``Need 'ID' could not be created: …``.
* Schema violations (``sn_schema_violation.*`` and the other ``sn_schema*`` types) name
  the need (``Need 'ID' has schema violations:``) but no location. The need's file and
  line are attached, as Sphinx shows them for any other warning.

One logging filter on Sphinx's warning handler does both. It runs after Sphinx has
turned a ``(docname, line)`` location into ``path:line``, so it works on that text, and
it never stops a record: whatever it cannot resolve is shown unchanged.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from dxplan.internals import NOT_CREATED_MESSAGE, SCHEMA_MESSAGE, resolved_needs

_NOT_CREATED = NOT_CREATED_MESSAGE
_SCHEMA_HEADER = SCHEMA_MESSAGE
#: the opening line of a need directive: MyST fences (``` or :::) and reStructuredText
_OPENING = re.compile(r"^\s*(?:(?:`{3,}|:{3,})\{(?P<myst>[\w-]+)\}|\.\.\s+(?P<rst>[\w-]+)::)")
_FENCE = re.compile(r"^\s*(?:`{3,}|:{3,})\s*$")
_ID_OPTION = re.compile(r"^\s*:id:\s*(\S+)\s*$")
_ID_YAML = re.compile(r"^\s*id\s*:\s*['\"]?([^'\"\s]+)['\"]?\s*$")
#: directives that make several needs at one location: an :id: found there is not "the" ID
_MULTI_NEED_DIRECTIVES = {"list2need", "needimport", "needservice"}


def directive_id_at(path: str | Path, lineno: int) -> str | None:
    """The ``:id:`` option of the need directive opening at ``lineno`` of ``path``."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not 1 <= lineno <= len(lines):
        return None
    opening = _OPENING.match(lines[lineno - 1])
    if opening is None or (opening["myst"] or opening["rst"]) in _MULTI_NEED_DIRECTIVES:
        return None
    in_yaml = False
    for line in lines[lineno:]:
        if line.strip() == "---":  # a MyST YAML option block
            in_yaml = not in_yaml
            continue
        if in_yaml:
            if match := _ID_YAML.match(line):
                return match[1]
            continue
        if not line.strip() or _FENCE.match(line):
            return None  # the option block has ended
        if match := _ID_OPTION.match(line):
            return match[1]
    return None


def _split_location(location: object) -> tuple[str, int] | None:
    if not isinstance(location, str) or ":" not in location:
        return None
    path, _, line = location.rpartition(":")
    return (path, int(line)) if line.isdigit() else None


class NeedDiagnosticsFilter(logging.Filter):
    """Adds the missing need ID or location to sphinx-needs' warnings (see module doc)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self._app = app

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            if getattr(record, "type", None) == "needs" and isinstance(record.msg, str):
                self._name_dropped_need(record)
            elif str(getattr(record, "type", "")).startswith("sn_schema"):
                self._locate_schema_finding(record)
        except Exception:  # a diagnostic aid must never break the build's reporting
            pass
        return True

    def _name_dropped_need(self, record: logging.LogRecord) -> None:
        if not record.msg.startswith(_NOT_CREATED):
            return
        where = _split_location(getattr(record, "location", None))
        if where is None or (need_id := directive_id_at(*where)) is None:
            return
        record.msg = f"Need {need_id!r} could not be created:" + record.msg[len(_NOT_CREATED):]

    def _locate_schema_finding(self, record: logging.LogRecord) -> None:
        if getattr(record, "location", None) or not isinstance(record.msg, str):
            return
        header = _SCHEMA_HEADER.match(record.msg)
        if header is None:
            return
        need = resolved_needs(self._app).get(header[1])
        if need is None or not need["docname"]:
            return
        path = self._app.env.doc2path(need["docname"])
        record.location = f"{path}:{need['lineno']}" if need["lineno"] else str(path)


def setup_diagnostics(app: Sphinx) -> None:
    """Install the filter on Sphinx's warning output (set up before extensions load)."""
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler):
            handler.addFilter(NeedDiagnosticsFilter(app))
