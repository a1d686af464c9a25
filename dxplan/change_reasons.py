"""The 計画の変更点 page: the changes between two revisions with their 変更理由, and the build's
check of needs/change-reasons.toml (core/change_reasons.py reads the file and finds the changes)."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from dxplan.core import model
from dxplan.core.change_reasons import (CHANGE_REASONS_FILE, CURRENT, ChangeReason, load_change_reasons,
                                        revision_needs, stale_reasons)
from dxplan.core.labels import CHANGE_REASON_GAP, revisions as revision_words, rules as words
from dxplan.core.labels.views import SOURCE_NAMES
from dxplan.core.model import Needs
from dxplan.core.revisions import (CHANGE_LABELS, COMPARED_FIELDS, ID_MAP_FILE, LINK_LABELS, STRUCTURE_TYPES, show_value,
                                    diff_needs, load_id_map)
from dxplan.datafiles import broken_files, log_data_errors
from dxplan.internals import resolved_needs, type_titles
from dxplan.render import gap, source_ref, table
from dxplan.views import register_view
from dxplan.core import labels as shared_words


def check_change_reasons(app: Sphinx, builder: object = None) -> None:
    """Entries that name no change fail every build (a malformed file is the data-file check's)."""
    if CHANGE_REASONS_FILE in broken_files(app):
        return
    reasons, errors = load_change_reasons(Path(app.confdir))
    if not errors:
        log_data_errors(stale_reasons(reasons, resolved_needs(app)), "change-reasons")


def revision_label(path: Path, needs: Needs) -> str:
    """A snapshot named for residents: its plan's title and its source document, not its file."""
    meta = json.loads(path.read_text(encoding="utf-8")).get("dxplan_snapshot") or {}
    plan = needs.get(meta.get("plan") or "")
    source = SOURCE_NAMES.get((meta.get("source") or "").split(" ")[0], "")  # "002 後期…" → its document's name
    if plan is None:
        return words.version_of(name=source) if source else path.stem
    return words.version_of(name=f"{plan['title']}（{source}）" if source else plan["title"])


def render_plan_diff(ctx):
    """The changes between two revisions, each with its 変更理由 (core/change_reasons.py).

    `:new: current` compares the snapshot with this build's needs of the snapshot's plan.
    Residents read names, not IDs or file names: linked needs are shown by their titles and
    source codes in words (the code in the tooltip); the IDs are on the secretariat's ID page.
    """
    root = Path(ctx.app.confdir)
    old_path, new_path = root / ctx.options["old"], root / ctx.options["new"]
    missing = [p for p in (old_path, new_path) if not p.exists() and p.name != CURRENT]
    if missing:
        for path in missing:
            logging.getLogger(__name__).warning(words.snapshot_not_made(path=path),
                                                type="dxplan", subtype="snapshot", location=ctx.fromdocname)
        return [nodes.paragraph("", words.NOTHING_TO_COMPARE)]
    old_needs = model.load_needs_json(old_path)
    if new_path.name == CURRENT:
        plan = json.loads(old_path.read_text(encoding="utf-8")).get("dxplan_snapshot", {}).get("plan")
        new_needs = revision_needs(None, CURRENT, resolved_needs(ctx.app), plan)
        new_label = words.CURRENT_CONTENT
    else:
        new_needs = model.load_needs_json(new_path)
        new_label = revision_label(new_path, new_needs)
    changes = diff_needs(old_needs, new_needs, load_id_map(root / ID_MAP_FILE), STRUCTURE_TYPES)
    reasons = load_change_reasons(root)[0]
    revision = new_path.stem if new_path.suffix else new_path.name
    kinds = CHANGE_LABELS
    types = type_titles(ctx.app.config)

    def shown(field_name: str, value) -> str:
        """A field's value; a link's targets by title (as named in the newer revision)."""
        if field_name in LINK_LABELS and isinstance(value, list):
            value = [(new_needs.get(i) or old_needs.get(i) or {}).get("title") or i for i in value]
        return show_value(value)

    def reason_cell(reason: ChangeReason | None):
        if reason is None:
            return "—"
        if reason.gap:
            marked = gap(CHANGE_REASON_GAP + "（")
            marked += [source_ref(reason.gap), nodes.Text("）")]
            return [marked]
        cell = [nodes.Text(words.quote_opening(quote=reason.quote)), source_ref(reason.source or ""), nodes.Text("）")]
        return cell + ([nodes.Text(shared_words.FULL_WIDTH_SPACE), source_ref(reason.note)] if reason.note else [])

    counts = [[kinds[k], str(sum(1 for c in changes if c.kind == k))] for k in kinds]
    found = [reasons.reason(revision, c.new_id or c.old_id) for c in changes]
    counts += [[words.CHANGE_REASON_QUOTED, str(sum(1 for r in found if r and not r.gap))],
               [CHANGE_REASON_GAP, str(sum(1 for r in found if r and r.gap))]]
    out = [table([revision_words.TYPE, words.COUNT], counts,
                 caption=words.change_counts_caption(old=revision_label(old_path, old_needs), new=new_label))]
    if not changes:
        out.append(nodes.paragraph("", words.NO_CHANGES))
    for group in dict.fromkeys(c.group for c in changes):
        out.append(nodes.rubric("", group))
        rows = []
        for change in (c for c in changes if c.group == group):
            detail = "／".join(f"{COMPARED_FIELDS.get(n) or LINK_LABELS.get(n, n)}: {shown(n, a)} → {shown(n, b)}"
                              for n, a, b in change.fields)
            content = ([source_ref(change.note)] + ([nodes.Text(f"／{detail}")] if detail else [])
                       if change.note else detail or "—")
            rows.append([kinds[change.kind], types.get(change.type, change.type), change.title, content,
                         reason_cell(reasons.reason(revision, change.new_id or change.old_id))])
        out.append(table([revision_words.TYPE, shared_words.ITEM, revision_words.TITLE, shared_words.CONTENT, words.CHANGE_REASON],
                         rows, caption=words.changes_of(group=group),
                         widths=[2, 2, 4, 7, 6]))
    return out


def setup_change_reasons(app: Sphinx) -> None:
    register_view("plan-diff", render_plan_diff, depends_on=(ID_MAP_FILE, CHANGE_REASONS_FILE),
                  file_options=("old", "new"))
    app.connect("write-started", check_change_reasons, priority=750)  # after the data-file check (700)
