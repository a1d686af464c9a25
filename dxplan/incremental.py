"""Correct and quick incremental builds (sphinx-needs #354: a page showing needs of other pages goes stale).

The needs can change only when a page is read again. After reading, each read page's needs
are compared with the last build's (a digest per page), so an edit to prose around them counts
as no change. Then a page must be written again, without being read again, when what it shows
from elsewhere changed:
- pages with a dxplan view read the whole plan: rewritten when any need changed, or when a
  data file its views read changed (needs/actuals.toml: only views of the plans concerned);
- a need card shows backlinks and coverage gaps: a page is rewritten when the fingerprint of
  those over its needs differs from the last build.
Views resolve at doctree-resolved, as sphinx-needs does for cards, so writing is enough.
When no need changed since a build whose schema validation was clean, the work that depends on
the needs alone is reused: sphinx-needs' schema validation and needs.json, and our coverage report.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from dxplan.core import model
from dxplan.config import project_config
from dxplan.core.exports import write_atomic
from dxplan.internals import (WHOLE_PROJECT_WORK, backlink_field, link_types, lists_needs_of_any_page,
                              needs_as_read, needs_version, schema_validation_clean)
from dxplan.core.store import ACTUALS_FILE, target_digests
from dxplan.coverage import UNCHANGED_REPORT_ATTR, compact_report
from dxplan.project import coverage_files, project_report
from dxplan.core.labels import build as words

logger = logging.getLogger(__name__)

_CHANGED_FILES_ATTR = "dxplan_changed_files"
_READ_ATTR = "dxplan_read_docs"
_REMOVED_ATTR = "dxplan_removed_docs"
_NEED_DIGESTS = "dxplan_need_digests"
_FINGERPRINTS = "dxplan_page_fingerprints"
_FILE_DIGESTS = "dxplan_data_digests"
_ACTUAL_DIGESTS = "dxplan_actual_digests"
_REPORT = "dxplan_coverage_compact"
_RULES = "dxplan_rules_digest"


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _code_digest() -> str:
    """dxplan's own code: the rules and everything they call."""
    package = Path(__file__).parent
    return hashlib.sha256(b"".join(path.read_bytes() for path in sorted(package.rglob("*.py")))).hexdigest()


def _views(env: BuildEnvironment) -> dict[str, list[dict]]:
    """Per page: its views, the plan each is scoped to and the files each reads (see views.py)."""
    return {doc: meta["dxplan_views"] for doc, meta in env.metadata.items() if meta.get("dxplan_views")}


def _data_digests(app: Sphinx, env: BuildEnvironment, known: dict[str, str | None] | None = None,
                  ) -> dict[str, str | None]:
    """Digests of the files views and rules read; `known` ones (hashed earlier in this build) are kept."""
    known = known or {}
    files = sorted(set().union(coverage_files(Path(app.confdir)), *(v["files"] for views in _views(env).values() for v in views)))
    return {f: known[f] if f in known else _digest(Path(app.confdir) / f) for f in files}


def note_changes(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                 removed: set[str]) -> list[str]:
    """Record which data files changed (before reading: the files known from the last build)."""
    digests = _data_digests(app, env)
    previous = getattr(env, _FILE_DIGESTS, {})
    setattr(app, _FILE_DIGESTS, digests)
    setattr(app, _CHANGED_FILES_ATTR, {f for f in digests if previous.get(f) != digests[f]})
    setattr(app, _REMOVED_ATTR, set(removed))
    return []


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    setattr(app, _READ_ATTR, set(docnames))


def need_digests(env: BuildEnvironment, docnames: set[str]) -> dict[str, str]:
    """Per page: a digest of every field of every need on it, as read."""
    lines: dict[str, list[str]] = {doc: [] for doc in docnames}
    for need_id, need in needs_as_read(env).items():
        if need.get("docname") in lines:
            lines[need["docname"]].append(json.dumps(dict(need.items()), sort_keys=True, default=repr,
                                                     ensure_ascii=False))
    return {doc: hashlib.sha256("\n".join(sorted(found)).encode()).hexdigest() for doc, found in lines.items()}


def _needs_changed(app: Sphinx, env: BuildEnvironment) -> bool:
    """Compare the needs of the pages read (or removed) in this build with the last build's."""
    read, removed = getattr(app, _READ_ATTR, set()), getattr(app, _REMOVED_ATTR, set())
    previous = getattr(env, _NEED_DIGESTS, None)
    current = need_digests(env, read)
    if previous is None:
        previous, changed = {}, True
    else:
        changed = any(previous.get(doc) != digest for doc, digest in current.items()) or bool(
            removed & previous.keys())
    setattr(env, _NEED_DIGESTS, {doc: d for doc, d in {**previous, **current}.items() if doc not in removed})
    return changed


def page_fingerprints(needs, findings_by_need) -> dict[str, str]:
    """Per page: a hash of what its cards show from elsewhere (backlinks, coverage gaps)."""
    parts: dict[str, list[str]] = defaultdict(list)
    for need_id in sorted(needs):
        need = needs[need_id]
        docname = need.get("docname")
        if not docname:
            continue
        backlinks = sorted((key, tuple(value)) for key, value in need.items()
                           if key.endswith(backlink_field("")) and value)
        gaps = sorted((f.rule.id, bool(f.accepted_reason)) for f in findings_by_need.get(need_id, []))
        parts[docname].append(repr((need_id, backlinks, gaps)))
    return {doc: hashlib.sha256("\n".join(lines).encode()).hexdigest() for doc, lines in parts.items()}


def shadow_needs(env: BuildEnvironment) -> dict[str, dict]:
    """The needs with their backlinks, computed without freezing sphinx-needs' data.

    This runs before the environment is pickled; sphinx-needs' own resolution
    (get_needs_view) must wait for the write phase, or the next build cannot purge.
    """
    links = link_types(env.config)
    records = {need_id: dict(need.items()) for need_id, need in needs_as_read(env).items()}
    for record in records.values():
        for link in links:
            record[backlink_field(link)] = []
    for need_id, record in records.items():
        for link in links:
            for target in record.get(link) or []:
                if target in records:
                    records[target][backlink_field(link)].append(need_id)
    return records


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    needs_changed = _needs_changed(app, env)
    changed_files = getattr(app, _CHANGED_FILES_ATTR, set())
    # now also the files of the pages just read
    setattr(env, _FILE_DIGESTS, _data_digests(app, env, getattr(app, _FILE_DIGESTS, None)))
    rules = _code_digest()  # an upgraded dxplan may judge the same needs otherwise
    if (getattr(env, _REPORT, None) is None or needs_changed or getattr(env, _RULES, None) != rules
            or changed_files & set(coverage_files(Path(app.confdir)))):
        setattr(env, _RULES, rules)
        stale = _pages_with_changed_fingerprints(app, env)
    else:
        stale = []  # backlinks and gaps depend on nothing that changed: last build's report holds
        setattr(app, UNCHANGED_REPORT_ATTR, getattr(env, _REPORT))
    shows_changed_actuals = _actuals_changed_for(app, env, changed_files, needs_changed)
    main_plan = project_config(app).main_plan
    if needs_changed:  # sphinx-needs' own tables of needs go stale the same way (#354)
        stale += [doc for doc, meta in env.metadata.items() if meta.get(_LISTS_NEEDS)]
    for doc, views in _views(env).items():
        for view in views:
            changed = changed_files & set(view["files"])
            if needs_changed or (changed and (
                    changed != {ACTUALS_FILE} or shows_changed_actuals(view["plan"] or main_plan))):
                stale.append(doc)
                break
    return sorted(set(stale) & env.found_docs)


def _actuals_changed_for(app: Sphinx, env: BuildEnvironment, changed_files: set[str],
                         needs_changed: bool) -> Callable[[str], bool]:
    """Whether a view scoped to a plan shows an actual that changed since the last build.

    Views read the needs of their plan only (views.scoped_needs), so a change to another
    plan's actuals leaves them as they were. When in doubt, every view is rewritten.
    """
    previous = getattr(env, _ACTUAL_DIGESTS, None)
    if ACTUALS_FILE not in changed_files and previous is not None:
        return lambda plan_id: True  # the file is as last time: its per-target digests still hold
    digests = target_digests(Path(app.confdir) / ACTUALS_FILE)
    setattr(env, _ACTUAL_DIGESTS, digests)
    if ACTUALS_FILE not in changed_files or needs_changed or digests is None or previous is None:
        return lambda plan_id: True
    needs = needs_as_read(env)  # forward links suffice to find the plans
    plans: set[str] = set()
    for target_id in {t for t in digests.keys() | previous.keys() if digests.get(t) != previous.get(t)}:
        if target_id not in needs:
            return lambda plan_id: True  # an actual for an unknown target: the views report it
        plans.update(plan["id"] for plan in model.plan_of(needs, needs[target_id]))
    return lambda plan_id: plan_id in plans or plan_id not in needs  # "all", or no such plan: all needs


def _pages_with_changed_fingerprints(app: Sphinx, env: BuildEnvironment) -> list[str]:
    needs = shadow_needs(env)
    report, reusable = project_report(Path(app.confdir), needs, project_config(app))
    if reusable:  # else the data-file check reports the baseline later in this build
        app.dxplan_coverage_report = report  # the build's report: the rules need only the records
        setattr(env, _REPORT, compact_report(report))
    else:
        setattr(env, _REPORT, None)
    current = page_fingerprints(needs, report.by_need())
    previous = getattr(env, _FINGERPRINTS, {})
    setattr(env, _FINGERPRINTS, current)
    return [doc for doc, digest in current.items() if previous.get(doc) != digest]


# ---------------------------------------------------------------- unchanged needs

#: sphinx-needs' whole-project work that depends on the needs (and its configuration) alone:
#: schema validation (write-started) and needs.json (build-finished).
_NEEDS_WORK = WHOLE_PROJECT_WORK
_SKIPPED_ATTR = "dxplan_skipped_needs_work"


def needs_state(app: Sphinx) -> str:
    """The needs as read, and everything that decides how sphinx-needs validates and exports them."""
    config = sorted((option.name, repr(option.value)) for option in app.config
                    if option.name.startswith("needs_") and option.name not in _NEEDS_WORK)
    pages = sorted(getattr(app.env, _NEED_DIGESTS, {}).items())
    return hashlib.sha256(repr((needs_version(), config, pages)).encode()).hexdigest()


def _stamp(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"dxplan-needs-checked-{app.builder.name}.stamp"


def skip_unchanged_needs_work(app: Sphinx, builder) -> None:
    stamp, state = _stamp(app), needs_state(app)
    if not (stamp.exists() and stamp.read_text(encoding="utf-8") == state):
        return
    saved = {name: getattr(app.config, name) for name in _NEEDS_WORK}
    if not saved["needs_build_json"] or (Path(app.outdir) / "needs.json").exists():
        for name in _NEEDS_WORK:
            setattr(app.config, name, False)  # after the environment was pickled: not persisted
        setattr(app, _SKIPPED_ATTR, saved)
        logger.info(words.NEEDS_UNCHANGED)


def stamp_checked_needs(app: Sphinx, exception: Exception | None) -> None:
    """Remember the needs state after a clean validation; forget it after anything else."""
    stamp = _stamp(app)
    saved = getattr(app, _SKIPPED_ATTR, None)
    if saved is not None:
        for name, value in saved.items():
            setattr(app.config, name, value)
        return  # the stamp still describes these needs
    clean = exception is None and schema_validation_clean(app.outdir)
    if clean and app.config.needs_schema_validation_enabled:
        write_atomic(stamp, needs_state(app).encode("utf-8"))
    else:
        stamp.unlink(missing_ok=True)


_LISTS_NEEDS = "dxplan_lists_needs"


def note_need_lists(app: Sphinx, doctree) -> None:
    if lists_needs_of_any_page(doctree):
        app.env.metadata[app.env.docname][_LISTS_NEEDS] = True


def setup_incremental(app: Sphinx) -> None:
    app.connect("doctree-read", note_need_lists)
    app.connect("env-get-outdated", note_changes)
    app.connect("env-before-read-docs", note_read)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("write-started", skip_unchanged_needs_work, priority=100)  # before sphinx-needs (500)
    app.connect("build-finished", stamp_checked_needs, priority=900)  # after needs.json (500)
