"""変更理由: why a change between two revisions of the plan was made, as the sources state it.

needs/change-reasons.toml names the order of the revisions ([[sequence]]: snapshot names in
needs/snapshots/, oldest first; the build's own needs, "current", always follow the last) and
records, per change, either the source's own words (quote + source) or that the sources give
no reason (gap: why, citing the source) — shown as 「変更理由: 出典に記載なし」, never invented.
A target whose value, unit, qualifier, year or baseline changed between two consecutive
revisions without an entry is a finding of the coverage rule `target-change-has-reason`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation, read_toml_records
from dxplan.core.labels import CHANGE_REASON_GAP
from dxplan.core.labels.views import SOURCE_NAMES
from dxplan.core.model import Need, Needs
from dxplan.core.revisions import CHANGE_LABELS, COMPARED_FIELDS, ID_MAP_FILE, LINK_LABELS, NeedChange, SNAPSHOT_DIR, STRUCTURE_TYPES, _show, diff_needs, load_id_map
from dxplan.datafiles import broken_files, log_data_errors
from dxplan.internals import resolved_needs, type_titles
from dxplan.render import gap, source_ref, table
from dxplan.views import register_view

CHANGE_REASONS_FILE = "needs/change-reasons.toml"
CURRENT = "current"
#: A change to one of these makes a target "changed" (its wording: value, unit, 以上, year, baseline).
TARGET_FIELDS = ("target_value", "target_unit", "target_qualifier", "target_fy", "baseline_value", "baseline_fy")
_KEYS = {"revision", "need", "quote", "source", "gap", "note"}


@dataclass(frozen=True)
class ChangeReason:
    revision: str  # the revision the change first appears in (a snapshot name, or "current")
    need: str  # the need's ID in that revision
    quote: str | None  # the source's own words
    source: str | None  # where they stand
    gap: str | None  # why no reason can be given (the sources state none)
    note: str | None
    location: SourceLocation

    def text(self) -> str:
        if self.gap:
            return f"{CHANGE_REASON_GAP}（{self.gap}）"
        return f"『{self.quote}』（出典: {self.source}）" + (f"　{self.note}" if self.note else "")


@dataclass
class ChangeReasons:
    sequences: list[list[str]] = field(default_factory=list)
    reasons: dict[tuple[str, str], ChangeReason] = field(default_factory=dict)
    snapshots: dict[str, Needs] = field(default_factory=dict)  # by name
    snapshot_plans: dict[str, str | None] = field(default_factory=dict)
    same: list = field(default_factory=list)  # revisions.SameObject

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Consecutive revisions: each sequence in order, then its last snapshot → current."""
        for names in self.sequences:
            for old, new in zip(names, [*names[1:], CURRENT]):
                yield old, new

    def reason(self, revision: str, need_id: str | None) -> ChangeReason | None:
        return self.reasons.get((revision, need_id or ""))


def load_change_reasons(root: Path) -> tuple[ChangeReasons, list[DataError]]:
    """The reasons file with the snapshots it names; what is malformed is returned, located."""
    path = root / CHANGE_REASONS_FILE
    out = ChangeReasons()
    if not path.exists():
        return out, []
    try:
        data, sequences = read_toml_records(path, "sequence")
        out.same = load_id_map(root / ID_MAP_FILE)
    except DataErrors as exc:
        return out, list(exc.errors)
    errors: list[DataError] = []
    unknown = set(data) - {"sequence", "reason"}
    if unknown:
        errors.append(DataError(SourceLocation(str(path)), None, f"未知の表があります: {', '.join(sorted(unknown))}"))
    for entry, where in sequences:
        names = entry.get("revisions")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
            errors.append(DataError(where, None, "revisions にスナップショット名の並び（古い順）を書いてください"))
            continue
        for name in names:
            snapshot = root / SNAPSHOT_DIR / f"{name}.json"
            if not snapshot.exists():
                errors.append(DataError(where, name, f"スナップショット {SNAPSHOT_DIR}/{name}.json がありません"))
                continue
            document = json.loads(snapshot.read_text(encoding="utf-8"))
            out.snapshots[name] = model.load_needs_json(snapshot)
            out.snapshot_plans[name] = (document.get("dxplan_snapshot") or {}).get("plan")
        out.sequences.append([n for n in names if n in out.snapshots])
    for entry, where in read_toml_records(path, "reason")[1]:
        problems = []
        for key in ("revision", "need"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                problems.append(f"{key} がありません")
        if set(entry) - _KEYS:
            problems.append(f"未知の項目があります: {', '.join(sorted(set(entry) - _KEYS))}")
        quoted = all(isinstance(entry.get(k), str) and entry[k].strip() for k in ("quote", "source"))
        gap = isinstance(entry.get("gap"), str) and entry["gap"].strip()
        if quoted == bool(gap):
            problems.append("quote と source（出典の引用と箇所）か、gap（出典に理由の記載がないこと）のどちらか一方を書いてください")
        key = (str(entry.get("revision")), str(entry.get("need")))
        if not problems and key in out.reasons:
            problems.append(f"重複しています（最初の記載: {out.reasons[key].location}）")
        if problems:
            errors.extend(DataError(where, entry.get("need"), p) for p in problems)
            continue
        out.reasons[key] = ChangeReason(key[0], key[1], entry.get("quote"), entry.get("source"), entry.get("gap") or None,
                                        entry.get("note"), where)
    return out, errors


def check_file(path: Path) -> None:
    """The data-file check (datafiles.py): raise every malformed entry of the reasons file, located."""
    errors = load_change_reasons(path.parent.parent)[1]
    if errors:
        raise DataErrors(errors)


def revision_needs(reasons: ChangeReasons | None, name: str, current: Needs, plan_of: str | None) -> Needs:
    """A revision's needs: a snapshot, or this build's needs of the plan the previous snapshot holds."""
    if name != CURRENT and reasons is not None:
        return reasons.snapshots[name]
    return model.plan_subset(current, plan_of) if plan_of and plan_of in current else current


def changes_between(reasons: ChangeReasons, old: str, new: str, current: Needs) -> list[NeedChange]:
    plan = reasons.snapshot_plans.get(old)
    return diff_needs(revision_needs(reasons, old, current, plan), revision_needs(reasons, new, current, plan),
                      reasons.same, ("plan", "vision", "policy", "measure", "kpi", "target"))


def is_changed_target(change: NeedChange) -> bool:
    return (change.type == model.TARGET and change.kind in ("changed", "renamed")
            and any(name in TARGET_FIELDS for name, _old, _new in change.fields))


def unexplained_target_changes(reasons: ChangeReasons, current: Needs) -> Iterator[tuple[Need, str]]:
    """(the target, what changed) for every changed target without a recorded reason."""
    for old, new in reasons.pairs():
        for change in changes_between(reasons, old, new, current):
            if not is_changed_target(change) or reasons.reason(new, change.new_id):
                continue
            after = revision_needs(reasons, new, current, None)
            need = current.get(change.new_id) or after[change.new_id]
            what = "、".join(f"{COMPARED_FIELDS.get(n, n)} {_show(a)} → {_show(b)}"
                            for n, a, b in change.fields if n in TARGET_FIELDS)
            yield need, (f"{old} → {new} で {what}。{CHANGE_REASONS_FILE} に revision = \"{new}\"、"
                         f"need = \"{change.new_id}\" の変更理由（出典の引用、または出典に記載なし）を記録してください")


def stale_reasons(reasons: ChangeReasons, current: Needs) -> list[DataError]:
    """Entries that name no change: a typo, or a change that was undone."""
    changed = {(new, c.new_id or c.old_id) for old, new in reasons.pairs()
               for c in changes_between(reasons, old, new, current)}
    return [DataError(r.location, r.need, f"{r.revision} にこの項目の変更がありません（revision と need を確かめてください）")
            for key, r in reasons.reasons.items() if key not in changed]


# ---------------------------------------------------------------- Sphinx wiring

from sphinx.application import Sphinx  # noqa: E402

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
        return f"{source}の版" if source else path.stem
    return f"{plan['title']}（{source}）の版" if source else f"{plan['title']}の版"


def render_plan_diff(ctx):
    """The changes between two revisions, each with its 変更理由 (change_reasons.py).

    `:new: current` compares the snapshot with this build's needs of the snapshot's plan.
    Residents read names, not IDs or file names: linked needs are shown by their titles and
    source codes in words (the code in the tooltip); the IDs are on the secretariat's ID page.
    """
    from docutils import nodes

    root = Path(ctx.app.confdir)
    old_path, new_path = root / ctx.options["old"], root / ctx.options["new"]
    missing = [p for p in (old_path, new_path) if not p.exists() and p.name != CURRENT]
    if missing:
        from sphinx.util import logging

        for path in missing:
            logging.getLogger(__name__).warning(f"{path}: スナップショットがありません（dxplan snapshot で作成してください）",
                                                type="dxplan", subtype="snapshot", location=ctx.fromdocname)
        return [nodes.paragraph("", "比べる版（スナップショット）がまだありません。")]
    old_needs = model.load_needs_json(old_path)
    if new_path.name == CURRENT:
        plan = json.loads(old_path.read_text(encoding="utf-8")).get("dxplan_snapshot", {}).get("plan")
        new_needs = revision_needs(None, CURRENT, resolved_needs(ctx.app), plan)
        new_label = "現在の掲載内容"
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
        return _show(value)

    def reason_cell(reason: ChangeReason | None):
        if reason is None:
            return "—"
        if reason.gap:
            marked = gap(CHANGE_REASON_GAP + "（")
            marked += [source_ref(reason.gap), nodes.Text("）")]
            return [marked]
        cell = [nodes.Text(f"『{reason.quote}』（出典: "), source_ref(reason.source or ""), nodes.Text("）")]
        return cell + ([nodes.Text("　"), source_ref(reason.note)] if reason.note else [])

    counts = [[kinds[k], str(sum(1 for c in changes if c.kind == k))] for k in kinds]
    found = [reasons.reason(revision, c.new_id or c.old_id) for c in changes]
    counts += [["変更理由: 出典の記載を引用", str(sum(1 for r in found if r and not r.gap))],
               [CHANGE_REASON_GAP, str(sum(1 for r in found if r and r.gap))]]
    out = [table(["種類", "件数"], counts,
                 caption=f"変更の件数（{revision_label(old_path, old_needs)} → {new_label}）")]
    if not changes:
        out.append(nodes.paragraph("", "変更はありません。"))
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
        out.append(table(["種類", "項目", "名称", "内容", "変更理由"], rows, caption=f"{group}の変更",
                         widths=[2, 2, 4, 7, 6]))
    return out


def setup_change_reasons(app: Sphinx) -> None:
    register_view("plan-diff", render_plan_diff, depends_on=(ID_MAP_FILE, CHANGE_REASONS_FILE),
                  file_options=("old", "new"))
    app.connect("write-started", check_change_reasons, priority=750)  # after the data-file check (700)
