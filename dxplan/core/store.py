"""The actuals store (needs/actuals.toml): load with validation, write atomically.

Everything that changes `needs/` goes through here: take the folder's write lock, read, validate,
merge, write a temporary file, read it back as a build would, rename it; a replaced value moves
to the record's history. The file is edited with tomlkit, so comments in it stay.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation, read_toml_records
from dxplan.core.exports import sweep_temp_files, write_atomic
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.labels import errors as error_words, store as words
from dxplan.core.model import Needs

ACTUALS_FILE = "needs/actuals.toml"


@dataclass(frozen=True, kw_only=True)
class Provenance:
    """Where a stored record came from (the imported file and its digest), and what it replaced."""

    source_file: str | None = None
    source_hash: str | None = None
    history: tuple[dict[str, Any], ...] = ()


def stored_keys(record_type: type[Provenance]) -> tuple[str, ...]:
    """A record's keys in the order a clerk reads them: its own fields, then where it came from."""
    inherited = {f.name for f in fields(Provenance)}
    own = [f.name for f in fields(record_type) if f.compare and f.name not in inherited]
    return (*own, "source_file", "source_hash")


@dataclass(frozen=True)
class Actual(Provenance):
    target: str
    fy: int
    value: float | None = None
    text: str | None = None
    status: str | None = None  # a reported grade, for a qualitative target
    unit: str | None = None
    note: str | None = None
    reported_by: str | None = None
    reported_at: str | None = None
    source: str | None = None
    location: SourceLocation | None = field(default=None, compare=False)
    remarks: tuple[str, ...] = field(default=(), compare=False)  # told to the importer, not stored

    @property
    def key(self) -> tuple[str, int]:
        return (self.target, self.fy)

    def same_value(self, other: Actual) -> bool:
        return (self.value, self.status, self.text) == (other.value, other.status, other.text)


#: The keys an [[actual]] may hold (the stored fields, spelled once) and those of its history.
_RECORD_KEYS = {f.name for f in fields(Actual) if f.compare}
_HISTORY_KEYS = _RECORD_KEYS - {"target", "fy", "history"} | {"replaced_at"}


def allowed_years(needs: Needs, target_id: str, *, reporting: bool = False) -> range | None:
    """The plan's years; the store also holds the target's baseline year (from the sources),
    but a section reports only for the plan's own years (`reporting`)."""
    target = needs.get(target_id)
    if target is None:
        return None
    plans = model.ancestors(needs, target, model.PLAN)
    if not plans or plans[0].get("period_start") is None or plans[0].get("period_end") is None:
        return None  # the schema rule plan-has-period reports the plan itself
    start = plans[0]["period_start"]
    if target.get("baseline_fy") is not None and not reporting:
        start = min(start, target["baseline_fy"])
    return range(start, plans[0]["period_end"] + 1)


def format_amount(value: float | None, unit: str | None) -> str:
    """A number the way the plan writes it: 2,800時間."""
    return "" if value is None else f"{model.format_number(value)}{unit or ''}"


@dataclass(frozen=True)
class Problem:
    field: str  # "target", "fy" or "value": which input it is about
    message: str


def validate_actual(actual: Actual, needs: Needs, grade_labels: Iterable[str] = (), *,
                    reporting: bool = False) -> list[Problem]:
    """Problems with one record against the plan (Japanese messages)."""
    target = needs.get(actual.target)
    if target is None or target.get("type") != model.TARGET:
        return [Problem("target", words.unknown_target(target_id=actual.target))]
    problems = []
    years = allowed_years(needs, actual.target, reporting=reporting)
    if years is not None and actual.fy not in years:
        problems.append(Problem("fy", words.year_outside_plan(year=format_fiscal_year(actual.fy), first=format_fiscal_year(years.start), last=format_fiscal_year(years.stop - 1))))
    unit = target.get("target_unit")
    if target.get("target_value") is not None:
        if actual.value is None:
            problems.append(Problem("value", words.NUMBER_NEEDED))
        elif actual.value < 0:
            problems.append(Problem("value", words.negative_actual(amount=format_amount(actual.value, unit))))
        if actual.unit is not None and actual.unit != unit:
            problems.append(Problem("value", words.unit_differs(unit=actual.unit, target_unit=unit)))
    else:
        if actual.value is not None:
            problems.append(Problem("value", words.GRADE_NEEDED))
        labels = list(grade_labels)
        if actual.status is not None and labels and actual.status not in labels:
            problems.append(Problem("value", words.grade_not_allowed(actual.status, labels)))
    return problems


def _record(entry: dict[str, Any], location: SourceLocation) -> tuple[Actual | None, list[DataError]]:
    target = entry.get("target")
    errors = []
    unknown = set(entry) - _RECORD_KEYS
    if unknown:
        errors.append(DataError(location, target, error_words.unknown_keys(unknown)))
    if not isinstance(target, str):
        errors.append(DataError(location, None, words.NO_TARGET))
    if not isinstance(entry.get("fy"), int) or isinstance(entry.get("fy"), bool):
        errors.append(DataError(location, target, words.YEAR_NOT_INTEGER))
    value = entry.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        errors.append(DataError(location, target, words.value_not_number(value=value)))
    history = entry.get("history", [])
    if not isinstance(history, list) or any(set(h) - _HISTORY_KEYS for h in history):
        errors.append(DataError(location, target, words.BAD_HISTORY))
    if errors:
        return None, errors
    fields = {k: v for k, v in entry.items() if k not in {"history", "value"}}
    return Actual(**fields, value=None if value is None else float(value),
                  history=tuple(history), location=location), []


def load_actuals(path: Path, needs: Needs | None = None, grade_labels: Iterable[str] = ()) -> list[Actual]:
    """Read and validate the store; every problem is reported at once (file, line, ID)."""
    if not path.exists():
        return []
    return parse_actuals(path.read_text(encoding="utf-8"), path, needs, grade_labels)


def parse_actuals(text: str, path: Path, needs: Needs | None = None, grade_labels: Iterable[str] = ()) -> list[Actual]:
    """The store's records from its text (`path` names it in messages)."""
    errors: list[DataError] = []
    actuals: list[Actual] = []
    seen: dict[tuple[str, int], SourceLocation] = {}
    labels = list(grade_labels)
    for entry, location in read_toml_records(path, "actual", text)[1]:
        actual, problems = _record(entry, location)
        errors.extend(problems)
        if actual is None:
            continue
        if actual.key in seen:
            errors.append(DataError(location, actual.target,
                                    words.duplicate_actual(year=format_fiscal_year(actual.fy), first=seen[actual.key])))
            continue
        seen[actual.key] = location
        if needs is not None:
            errors.extend(DataError(location, actual.target, p.message) for p in validate_actual(actual, needs, labels))
        actuals.append(actual)
    if errors:
        raise DataErrors(errors)
    return actuals


# ---------------------------------------------------------------- writing


def target_digests(path: Path) -> dict[str, str] | None:
    """Per target: a digest of its records as written (None if the file cannot be read).

    Lets an incremental build rewrite only the pages of the plans whose actuals changed.
    """
    import hashlib

    try:
        records = read_toml_records(path, "actual")[1] if path.exists() else []
    except DataErrors:
        return None
    by_target: dict[str, list[str]] = {}
    for entry, _ in records:
        by_target.setdefault(str(entry.get("target")), []).append(repr(sorted(entry.items())))
    return {target: hashlib.sha256("\n".join(lines).encode()).hexdigest() for target, lines in by_target.items()}


_FIELD_ORDER = stored_keys(Actual)
LOCK_NAME = ".dxplan.lock"
LOCK_TIMEOUT = 60.0  # seconds a second writer waits; DXPLAN_LOCK_TIMEOUT overrides


_HELD: set[str] = set()  # lock files this process holds


class StoreBusy(RuntimeError):
    """Another dxplan held the needs/ write lock for longer than the timeout."""


def needs_folder(path: Path) -> Path:
    """The needs/ folder that holds `path` (its own folder when it is outside any needs/)."""
    return next((p for p in path.parents if p.name == "needs"), path.parent)


@contextmanager
def needs_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """The one write lock of a needs/ folder, held around every read–merge–write under it.

    A second writer waits (saying so) and gives up after the timeout with a message: it never
    merges into a store that another writer is about to replace.
    """
    from filelock import FileLock, Timeout

    folder = needs_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    if timeout is None:
        timeout = float(os.environ.get("DXPLAN_LOCK_TIMEOUT", LOCK_TIMEOUT))
    # Beside needs/, not in it: a refused run leaves needs/ exactly as it was.
    lock_path = str((folder.parent if folder.name == "needs" else folder) / LOCK_NAME)
    if lock_path in _HELD:  # one command writing two files (actuals and reporting state) holds it once
        yield
        return
    lock = FileLock(lock_path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(words.waiting_for_lock(folder, timeout), file=sys.stderr, flush=True)
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise StoreBusy(words.lock_timed_out(folder, timeout)) from None
    _HELD.add(lock_path)
    try:
        for sub in (folder, *(d for d in folder.iterdir() if d.is_dir())):
            sweep_temp_files(sub, every=True)  # no writer runs now: what is there, a killed one left
        yield
    finally:
        _HELD.discard(lock_path)
        lock.release()


@dataclass(frozen=True)
class Change:
    kind: str  # "add", "replace", "same"
    new: Actual
    old: Actual | None = None


class ConflictError(ValueError):
    """Incoming values differ from stored ones and replacing was not asked for."""

    def __init__(self, conflicts: list[Change], needs: Needs | None = None):
        self.conflicts = conflicts

        def shown(actual: Actual) -> str:
            return actual.text or actual.status or format_amount(actual.value, None)

        lines = []
        for c in conflicts:
            target = (needs or {}).get(c.new.target) or {}
            name = words.named_target(title=target["title"], target_id=c.new.target) if target.get("title") else c.new.target
            lines.append(words.already_recorded(where=c.new.location or c.new.source_file or "", target=name, year=format_fiscal_year(c.new.fy), old=shown(c.old), new=shown(c.new)))
        super().__init__("\n".join(lines))


def plan_changes(stored: list[Actual], incoming: list[Actual]) -> list[Change]:
    by_key = {a.key: a for a in stored}
    changes = []
    for new in incoming:
        old = by_key.get(new.key)
        if old is None:
            changes.append(Change("add", new))
        elif old.same_value(new):
            changes.append(Change("same", new, old))
        else:
            changes.append(Change("replace", new, old))
    return changes


def apply_actuals(path: Path, incoming: list[Actual], needs: Needs, *, replace_existing: bool = False,
                  dry_run: bool = False, grade_labels: Iterable[str] = ()) -> list[Change]:
    """Validate every incoming record, then write all of them or none, under the needs/ lock."""
    if dry_run:
        return _changes_or_refuse(path, incoming, needs, replace_existing, grade_labels)[0]
    with needs_lock(path):
        return _apply_locked(path, incoming, needs, replace_existing, grade_labels)


def _changes_or_refuse(path: Path, incoming: list[Actual], needs: Needs, replace_existing: bool,
                       grade_labels: Iterable[str]) -> tuple[list[Change], list[Actual], str]:
    labels = list(grade_labels)
    text = path.read_text(encoding="utf-8") if path.exists() else words.STORE_HEADER
    stored = parse_actuals(text, path, needs, labels)
    errors = [DataError(a.location or SourceLocation("?"), a.target, p.message)
              for a in incoming for p in validate_actual(a, needs, labels)]
    if errors:
        raise DataErrors(errors)
    changes = plan_changes(stored, incoming)
    conflicts = [c for c in changes if c.kind == "replace"]
    if conflicts and not replace_existing:
        raise ConflictError(conflicts, needs)
    return changes, stored, text


def _apply_locked(path: Path, incoming: list[Actual], needs: Needs, replace_existing: bool,
                  grade_labels: Iterable[str]) -> list[Change]:
    labels = list(grade_labels)
    changes, stored, text = _changes_or_refuse(path, incoming, needs, replace_existing, labels)
    if all(c.kind == "same" for c in changes):
        return changes
    now = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    merged = {a.key: a for a in stored}
    for change in changes:
        if change.kind == "add":
            merged[change.new.key] = change.new
        elif change.kind == "replace":
            kept = {k: getattr(change.old, k) for k in _FIELD_ORDER[2:] if getattr(change.old, k) is not None}
            merged[change.new.key] = replace(change.new, history=(*change.old.history, {**kept, "replaced_at": now}))
    writes = []
    for change in changes:
        if change.kind != "same":
            actual = merged[change.new.key]
            writes.append(RecordWrite(actual.key, {key: getattr(actual, key) for key in _FIELD_ORDER},
                                      actual.history[-1] if change.kind == "replace" else None))
    merged_text = merge_records(text, "actual", ("target", "fy"), writes, in_key_order=True)

    def read_back(data: bytes) -> None:
        """Read as a later build will: the whole store valid, holding exactly the merged records."""
        written = {a.key: a for a in parse_actuals(data.decode("utf-8"), path, needs, labels)}
        if written != merged:
            raise DataErrors([DataError(SourceLocation(str(path)), None, words.READ_BACK_DIFFERS_FROM_VALUES)])

    write_atomic(path, merged_text.encode("utf-8"), check=read_back)
    return changes


def fill_table(table: Any, values: dict[str, Any]) -> None:
    """Set a record's fields in place (comments in the block stay where they are)."""
    for key, value in values.items():
        if value is None:
            if key in table:
                del table[key]
        elif key == "value" and float(value).is_integer():
            table[key] = int(value)
        else:
            table[key] = value


@dataclass(frozen=True)
class RecordWrite:
    """One record to write into a needs/ TOML file: found by its key fields, or added."""

    key: tuple[Any, ...]
    fields: dict[str, Any]
    history_entry: dict[str, Any] | None = None  # appended to the record's [[...history]]


def merge_records(text: str, table_name: str, key_fields: tuple[str, ...], writes: Iterable[RecordWrite],
                  *, in_key_order: bool = False) -> str:
    """The one writer of needs/ TOML records: `text` with each record set in place, through tomlkit
    so a clerk's comments and layout stay. A new record goes in key order, or at the end."""
    import tomlkit

    document = tomlkit.parse(text)
    if table_name not in document:
        document.append(table_name, tomlkit.aot())
    tables = document[table_name]
    for write in writes:
        keys = [tuple(t.get(k) for k in key_fields) for t in tables]
        table = next((t for t, key in zip(tables, keys) if key == write.key), None)
        if table is None:
            table = tomlkit.table()
            fill_table(table, write.fields)
            table.add(tomlkit.nl())
            at = (next((i for i, key in enumerate(keys) if tuple(map(str, key)) > tuple(map(str, write.key))),
                       len(keys)) if in_key_order else len(keys))
            tables.insert(at, table)
        else:
            fill_table(table, write.fields)
        if write.history_entry is not None:
            if "history" not in table:
                table.append("history", tomlkit.aot())
            entry = tomlkit.table()
            fill_table(entry, write.history_entry)
            table["history"].append(entry)
    return tomlkit.dumps(document)
