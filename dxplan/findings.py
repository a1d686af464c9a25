"""One register of findings: every warning that fails a build, until its cause is gone.

Sphinx prints a warning only when the code that raises it runs: a page's warnings when the
page is read or written, the consistency warnings only when some page was read. A rebuild in
which nothing was read would pass while the plan is still broken (so would plain Sphinx and
sphinx-needs). Replaying old text is no cure: a replayed warning outlives its fix.

So every warning is recorded with the work that produced it (its *scope*): reading page X,
writing page X, the consistency check, or work every build does (the data-file checks, the
coverage rules, sphinx-needs' link and schema checks). The register is kept beside the
environment; the next build runs every scope that had a finding again — it re-reads those
pages, rewrites those pages, runs the consistency check — so each finding is raised afresh
by its own check, and disappears exactly when its cause is fixed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging
from sphinx.util.build_phase import BuildPhase

from dxplan.core.exports import write_atomic
from dxplan.core.labels import build as words
from dxplan.internals import current_docname

logger = sphinx_logging.getLogger(__name__)

READ, WRITE, CONSISTENCY, EVERY_BUILD = "read", "write", "consistency", "every-build"


@dataclass(frozen=True)
class Finding:
    """One warning as the user saw it: kind (type.subtype or rule), where, which need, what."""

    scope: str  # READ, WRITE, CONSISTENCY or EVERY_BUILD
    page: str  # the page whose reading or writing produced it ("" for the others)
    kind: str
    location: str  # "path:line", "path" or ""
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message} [{self.kind}]"


class FindingsRegister:
    """The findings of one build, and the scopes of the last build that must run again."""

    def __init__(self, previous: Iterable[Finding] = ()) -> None:
        self.previous = list(previous)
        self.findings: list[Finding] = []
        self.read: set[str] = set()
        self.written: set[str] = set()
        self.consistency_checked = False

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def pages_to_reread(self, existing: set[str]) -> set[str]:
        return {f.page for f in self.previous if f.scope == READ and f.page in existing}

    def pages_to_rewrite(self, existing: set[str]) -> set[str]:
        return {f.page for f in self.previous if f.scope == WRITE and f.page in existing}

    def needs_consistency_check(self) -> bool:
        return any(f.scope == CONSISTENCY for f in self.previous)

    def carried_over(self, existing: set[str]) -> list[Finding]:
        """Findings of the last build whose scope did not run in this one (none, normally)."""
        ran = {READ: self.read, WRITE: self.written}
        return [f for f in self.previous
                if (f.scope in ran and f.page in existing and f.page not in ran[f.scope])
                or (f.scope == CONSISTENCY and not self.consistency_checked)]

    def by_file(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            path = finding.location.rsplit(":", 1)[0] if finding.location[-1:].isdigit() else finding.location
            counts[path] = counts.get(path, 0) + 1
        return counts


def load_register(path: Path) -> list[Finding]:
    try:
        return [Finding(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return []  # no register (first build) or an unreadable one: Sphinx then reads every page


def save_register(path: Path, findings: Iterable[Finding]) -> None:
    write_atomic(path, json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=1).encode("utf-8"))


# ---------------------------------------------------------------- Sphinx wiring

_ATTR = "dxplan_findings"
_WRITING_ATTR = "dxplan_writing_page"


def register(app: Sphinx) -> FindingsRegister:
    if not hasattr(app, _ATTR):
        setattr(app, _ATTR, FindingsRegister())
    return getattr(app, _ATTR)


def _register_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"dxplan-findings-{app.builder.name}.json"


_WRITE_STARTED_ATTR = "dxplan_write_started"


def _current_scope(app: Sphinx) -> tuple[str, str]:
    """The work going on now. (Sphinx's own build phase cannot tell: RESOLVING == CONSISTENCY_CHECK.)"""
    builder = getattr(app, "builder", None)
    env = getattr(app, "env", None)
    if builder is None or env is None:
        return EVERY_BUILD, ""
    docname = current_docname(env)
    if builder.phase == BuildPhase.READING:
        return (READ, docname) if docname else (EVERY_BUILD, "")
    if not getattr(app, _WRITE_STARTED_ATTR, False):
        return (CONSISTENCY, "") if builder.phase > BuildPhase.READING else (EVERY_BUILD, "")
    page = docname or getattr(app, _WRITING_ATTR, None)
    return (WRITE, page) if page else (EVERY_BUILD, "")


class _ScopeStamp(logging.Handler):
    """Notes on each warning, as it is raised, the work that raised it.

    A separate handler, because Sphinx holds back warnings raised while reading and prints
    them after the last page: by then nothing tells which page was being read.
    """

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self._app = app

    def emit(self, record: logging.LogRecord) -> None:
        if not hasattr(record, "dxplan_scope"):
            record.dxplan_scope = _current_scope(self._app)


class _Recorder(logging.Filter):
    """On Sphinx's warning output, after its own filters: records exactly what is shown."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self._app = app

    def filter(self, record: logging.LogRecord) -> bool:
        scope, page = getattr(record, "dxplan_scope", None) or _current_scope(self._app)
        kind = ".".join(str(p) for p in (getattr(record, "type", ""), getattr(record, "subtype", "")) if p)
        message = logging.LogRecord.getMessage(record)  # without the location Sphinx's record adds
        message = message.removesuffix(f" [{kind}]")  # Sphinx appends the kind to the text itself
        register(self._app).add(Finding(scope, page, kind or "sphinx", str(getattr(record, "location", "") or ""),
                                        message))
        return True


def _start(app: Sphinx) -> None:
    register(app).previous = load_register(_register_path(app))
    # last among the filters on Sphinx's warning output (extensions add theirs at setup)
    for handler in logging.getLogger(sphinx_logging.NAMESPACE).handlers:
        if isinstance(handler, sphinx_logging.WarningStreamHandler):
            handler.addFilter(_Recorder(app))


def _rerun_pages_with_findings(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                               removed: set[str]) -> list[str]:
    """Read again every page whose reading raised a finding last time."""
    return sorted(register(app).pages_to_reread(env.found_docs) - removed - added)


def _note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    register(app).read.update(docnames)


def _rewrite_pages_with_findings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write again every page whose writing raised a finding, and run the consistency check again."""
    reg = register(app)
    pages = reg.pages_to_rewrite(env.found_docs)
    if reg.needs_consistency_check() and not reg.read and not pages:
        pages.add(app.config.root_doc)  # Sphinx checks consistency only when a page was updated
    return sorted(pages)


def _note_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    register(app).consistency_checked = True


def _note_write_started(app: Sphinx, builder) -> None:
    setattr(app, _WRITE_STARTED_ATTR, True)


def _note_writing(app: Sphinx, doctree, docname: str) -> None:
    setattr(app, _WRITING_ATTR, docname)
    register(app).written.add(docname)


def _done_writing(app: Sphinx, *args) -> list:
    setattr(app, _WRITING_ATTR, None)
    return []


def _finish(app: Sphinx, exception: Exception | None) -> None:
    _done_writing(app)
    setattr(app, _WRITE_STARTED_ATTR, False)
    path = _register_path(app)
    if exception is not None:
        path.unlink(missing_ok=True)  # Sphinx discards its environment too: the next build reads all
        return
    reg = register(app)
    kept = reg.carried_over(app.env.found_docs)
    for finding in kept:  # a scope that could not run again: its finding still stands
        logger.warning(finding.message, type="dxplan", subtype="carried-over", location=finding.location or None)
    save_register(path, [f for f in reg.findings if f.scope != EVERY_BUILD] + kept)
    if reg.findings:
        files = [words.findings_in(path or words.NO_PLACE, n) for path, n in reg.by_file().items()]
        logger.info(words.findings_of_build(len(reg.findings), files))


def setup_findings(app: Sphinx) -> None:
    """Record every warning shown from builder-inited on (see module doc)."""
    logging.getLogger(sphinx_logging.NAMESPACE).addHandler(_ScopeStamp(app))
    app.connect("builder-inited", _start, priority=1)
    app.connect("env-get-outdated", _rerun_pages_with_findings)
    app.connect("env-before-read-docs", _note_read)
    app.connect("env-get-updated", _rewrite_pages_with_findings)
    app.connect("env-check-consistency", _note_consistency)
    app.connect("write-started", _note_write_started, priority=1)
    app.connect("doctree-resolved", _note_writing, priority=1)
    app.connect("html-collect-pages", _done_writing)
    app.connect("build-finished", _finish, priority=1)
