"""Correct incremental builds (sphinx-needs #354: a page showing needs of other pages goes stale).

A page must be written again, without being read again, when what it shows from other pages
changed:
- pages with a dxplan view (tables, matrices, progress, diagrams) read the whole plan: they are
  rewritten whenever a page changed, and when only a data file in needs/ changed, the pages
  whose views read that file (progress views read the actuals, not the matrices);
- a need card shows its backlinks and its coverage gaps: a page is rewritten when the
  fingerprint of those, over the needs on it, differs from the last build.
Views resolve at doctree-resolved, as sphinx-needs does for cards, so writing is enough.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import _last_modified_time

_CHANGED_ATTR = "dxplan_changes"
_FINGERPRINTS = "dxplan_page_fingerprints"
_FILE_DIGESTS = "dxplan_data_digests"


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def note_changes(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                 removed: set[str]) -> list[str]:
    """Record what changed: page sources, or only data files a view reads."""
    from dxplan.views import VIEW_DEPENDENCIES

    root = Path(app.confdir)
    files = sorted({f for deps in VIEW_DEPENDENCIES.values() for f in deps})
    digests = {f: _digest(root / f) for f in files}
    previous = getattr(env, _FILE_DIGESTS, {})
    changed_files = {f for f in files if previous.get(f) != digests[f]}
    setattr(env, _FILE_DIGESTS, digests)
    # A page is in `changed` for its own edit or a dependency's (e.g. the section registry,
    # which makes needs); only a change to a view's own data file leaves the needs as they were.
    view_data = {(root / f).resolve() for f in files}

    def needs_may_differ(doc: str) -> bool:
        read_at = env.all_docs.get(doc, 0)  # microseconds, as Sphinx keeps them
        if _last_modified_time(env.doc2path(doc)) > read_at:
            return True
        for dep in env.dependencies.get(doc, ()):
            path = (Path(env.srcdir) / dep).resolve()
            if path not in view_data and (not path.exists() or _last_modified_time(path) > read_at):
                return True
        return False

    sources_changed = bool(added or removed) or any(needs_may_differ(doc) for doc in changed)
    setattr(app, _CHANGED_ATTR, (sources_changed, changed_files))
    return []


def page_fingerprints(needs, findings_by_need) -> dict[str, str]:
    """Per page: a hash of what its cards show from elsewhere (backlinks, coverage gaps)."""
    parts: dict[str, list[str]] = defaultdict(list)
    for need_id in sorted(needs):
        need = needs[need_id]
        docname = need.get("docname")
        if not docname:
            continue
        backlinks = sorted((key, tuple(value)) for key, value in need.items()
                           if key.endswith("_back") and value)
        gaps = sorted((f.rule.id, bool(f.accepted_reason)) for f in findings_by_need.get(need_id, []))
        parts[docname].append(repr((need_id, backlinks, gaps)))
    return {doc: hashlib.sha256("\n".join(lines).encode()).hexdigest() for doc, lines in parts.items()}


def shadow_needs(env: BuildEnvironment) -> dict[str, dict]:
    """The needs with their backlinks, computed without freezing sphinx-needs' data.

    This runs before the environment is pickled; sphinx-needs' own resolution
    (get_needs_view) must wait for the write phase, or the next build cannot purge.
    """
    from sphinx_needs.config import NeedsSphinxConfig
    from sphinx_needs.data import SphinxNeedsData

    link_types = list(NeedsSphinxConfig(env.config).links)
    records = {need_id: dict(need.items()) for need_id, need in SphinxNeedsData(env).get_needs_mutable().items()}
    for record in records.values():
        for link in link_types:
            record[f"{link}_back"] = []
    for need_id, record in records.items():
        for link in link_types:
            for target in record.get(link) or []:
                if target in records:
                    records[target][f"{link}_back"].append(need_id)
    return records


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    from dxplan.config import project_config
    from dxplan.coverage import BASELINE_FILE, coverage_report, load_baseline, rule_context
    from dxplan.errors import DataErrors

    needs = shadow_needs(env)
    try:
        baseline, reusable = load_baseline(Path(app.confdir) / BASELINE_FILE), True
    except DataErrors:
        baseline, reusable = [], False  # reported by the coverage check later in this build
    report = coverage_report(needs, baseline, project_config(app),
                             rule_context(Path(app.confdir)))
    if reusable:
        app.dxplan_coverage_report = report  # the build's report: the rules need only the records
    current = page_fingerprints(needs, report.by_need())
    previous = getattr(env, _FINGERPRINTS, {})
    setattr(env, _FINGERPRINTS, current)
    stale = [doc for doc, digest in current.items() if previous.get(doc) != digest]
    from dxplan.views import VIEW_DEPENDENCIES

    sources_changed, changed_files = getattr(app, _CHANGED_ATTR, (False, set()))
    for doc, meta in env.metadata.items():
        views = meta.get("dxplan_views") or []
        if sources_changed and views:
            stale.append(doc)
        elif any(changed_files & set(VIEW_DEPENDENCIES.get(view, ())) for view in views):
            stale.append(doc)
    return sorted(set(stale) & env.found_docs)


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", note_changes)
    app.connect("env-get-updated", pages_to_rewrite)
