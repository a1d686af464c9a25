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
from dxplan.core.labels import errors as errors_words, rules as words
from dxplan.core.model import Need, Needs
from dxplan.core.revisions import COMPARED_FIELDS, ID_MAP_FILE, NeedChange, SNAPSHOT_DIR, show_value, diff_needs, load_id_map
from dxplan.core import labels as shared_words

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
            return words.gap_reason(why=self.gap)
        return words.quoted(self.quote, self.source) + (f"{shared_words.FULL_WIDTH_SPACE}{self.note}" if self.note else "")


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
        errors.append(DataError(SourceLocation(str(path)), None, errors_words.unknown_tables(sorted(unknown))))
    for entry, where in sequences:
        names = entry.get("revisions")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
            errors.append(DataError(where, None, words.REVISIONS_EXPECTED))
            continue
        for name in names:
            snapshot = root / SNAPSHOT_DIR / f"{name}.json"
            if not snapshot.exists():
                errors.append(DataError(where, name, words.snapshot_missing(path=f"{SNAPSHOT_DIR}/{name}.json")))
                continue
            document = json.loads(snapshot.read_text(encoding="utf-8"))
            out.snapshots[name] = model.load_needs_json(snapshot)
            out.snapshot_plans[name] = (document.get("dxplan_snapshot") or {}).get("plan")
        out.sequences.append([n for n in names if n in out.snapshots])
    for entry, where in read_toml_records(path, "reason")[1]:
        problems = []
        for key in ("revision", "need"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                problems.append(errors_words.missing(what=key))
        if set(entry) - _KEYS:
            problems.append(errors_words.unknown_keys(sorted(set(entry) - _KEYS)))
        quoted = all(isinstance(entry.get(k), str) and entry[k].strip() for k in ("quote", "source"))
        gap = isinstance(entry.get("gap"), str) and entry["gap"].strip()
        if quoted == bool(gap):
            problems.append(words.QUOTE_OR_GAP)
        key = (str(entry.get("revision")), str(entry.get("need")))
        if not problems and key in out.reasons:
            problems.append(errors_words.duplicate(first=out.reasons[key].location))
        if problems:
            errors.extend(DataError(where, entry.get("need"), p) for p in problems)
            continue
        out.reasons[key] = ChangeReason(key[0], key[1], entry.get("quote"), entry.get("source"), entry.get("gap") or None,
                                        entry.get("note"), where)
    return out, errors


def check_change_reasons_file(path: Path) -> None:
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
            what = shared_words.LIST_SEPARATOR.join(f"{COMPARED_FIELDS.get(n, n)} {show_value(a)} → {show_value(b)}"
                                       for n, a, b in change.fields if n in TARGET_FIELDS)
            yield need, words.record_change_reason(old=old, new=new, what=what, reasons_file=CHANGE_REASONS_FILE, need_id=change.new_id)


def stale_reasons(reasons: ChangeReasons, current: Needs) -> list[DataError]:
    """Entries that name no change: a typo, or a change that was undone."""
    changed = {(new, c.new_id or c.old_id) for old, new in reasons.pairs()
               for c in changes_between(reasons, old, new, current)}
    return [DataError(r.location, r.need, words.no_change_in(revision=r.revision))
            for key, r in reasons.reasons.items() if key not in changed]
