"""Reporting states per section and fiscal year (施策の進行管理, 000 第3章 5):
依頼前 → 依頼済 (template issued) → 提出済 (imported) → 差戻し (with a reason) → 確定.

Kept in needs/reporting.toml, written through the store's lock and atomic, read-back write; every
transition is kept in the record's history. A figure counts in the grades once its section's
year is 確定 (or when it comes from a published source); until then it is 速報.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation, read_toml_records
from dxplan.core.exports import write_atomic
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.labels import progress as words
from dxplan.core.labels.progress import CONFIRMED, NOT_REQUESTED, REQUESTED, RETURNED, SUBMITTED
from dxplan.core.model import Needs
from dxplan.core.store import Actual, Provenance, RecordWrite, merge_records, needs_lock, stored_keys
from dxplan.core import labels as shared_words

REPORTING_FILE = "needs/reporting.toml"
STATES = (NOT_REQUESTED, REQUESTED, SUBMITTED, RETURNED, CONFIRMED)
#: event → (the state it leads to, the states it may start from)
EVENTS = {
    "request": (REQUESTED, {NOT_REQUESTED, REQUESTED, RETURNED}),
    "submit": (SUBMITTED, {NOT_REQUESTED, REQUESTED, RETURNED, SUBMITTED}),
    "return": (RETURNED, {SUBMITTED, CONFIRMED}),
    "confirm": (CONFIRMED, {SUBMITTED}),
}


@dataclass(frozen=True)
class Report(Provenance):
    section: str  # section ID; "" for the targets no section owns
    fy: int
    state: str = NOT_REQUESTED
    requested_at: str | None = None
    submitted_at: str | None = None
    returned_at: str | None = None
    reason: str | None = None
    confirmed_at: str | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.section, self.fy)


#: The keys of a [[report]] besides its history: the dataclass's fields, spelled once.
_FIELDS = stored_keys(Report)


class TransitionRefused(ValueError):
    """A step the cycle does not allow (confirming a sheet never submitted, …), said in Japanese."""


def _refusal(report: Report, event: str, needs: Needs) -> str:
    who = words.report_of(section=model.section_title(needs, report.section), year=format_fiscal_year(report.fy))
    state = report.state
    if event == "confirm":
        if state == CONFIRMED:
            return words.report_already_confirmed(report=who)
        return words.report_not_submitted_to_confirm(report=who, state=state)
    if event == "return":
        return words.report_not_submitted_to_return(report=who, state=state)
    if event == "submit":
        return words.report_confirmed_to_import(report=who)
    return words.report_in_hand_to_request(who, state == CONFIRMED)


def advance(report: Report, event: str, needs: Needs, now: str, **details: str | None) -> Report:
    """The report after `event`, or TransitionRefused."""
    target_state, allowed = EVENTS[event]
    if report.state not in allowed:
        raise TransitionRefused(_refusal(report, event, needs))
    stamp = {"request": "requested_at", "submit": "submitted_at", "return": "returned_at",
             "confirm": "confirmed_at"}[event]
    changed = {"state": target_state, stamp: now, **details}
    if event == "submit":
        changed.update(reason=None, returned_at=None, confirmed_at=None)
    entry = {"state": target_state, "at": now, **{k: v for k, v in details.items() if v is not None}}
    return replace(report, **changed, history=(*report.history, entry))


def parse_reports(text: str, path: Path) -> dict[tuple[str, int], Report]:
    errors, out = [], {}
    for entry, where in read_toml_records(path, "report", text)[1]:
        if not isinstance(entry.get("section"), str) or not isinstance(entry.get("fy"), int) \
                or entry.get("state") not in STATES or set(entry) - {*_FIELDS, "history"}:
            errors.append(DataError(where, entry.get("section"), words.report_fields_required(STATES)))
            continue
        report = Report(**{k: v for k, v in entry.items() if k != "history"}, history=tuple(entry.get("history", [])))
        if report.key in out:
            errors.append(DataError(where, report.section, words.duplicate_report(year=format_fiscal_year(report.fy))))
            continue
        out[report.key] = report
    if errors:
        raise DataErrors(errors)
    return out


def load_reports(path: Path) -> dict[tuple[str, int], Report]:
    return parse_reports(path.read_text(encoding="utf-8"), path) if path.exists() else {}


def check_allowed(path: Path, needs: Needs, keys: Iterable[tuple[str, int]], event: str) -> None:
    """Refuse (before anything is written) when `event` is not allowed for one of `keys`."""
    reports = load_reports(path)
    problems = [_refusal(r, event, needs) for r in (reports.get(k, Report(*k)) for k in sorted(set(keys)))
                if r.state not in EVENTS[event][1]]
    if problems:
        raise TransitionRefused("\n".join(problems))


def record(path: Path, needs: Needs, keys: Iterable[tuple[str, int]], event: str, **details: str | None) -> list[Report]:
    """Apply `event` to each (section, year) under the needs/ lock: all of them, or none."""
    now = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    with needs_lock(path):
        text = path.read_text(encoding="utf-8") if path.exists() else words.REPORTING_FILE_HEADER
        reports = parse_reports(text, path)
        updated = [advance(reports.get(k, Report(*k)), event, needs, now, **details) for k in sorted(set(keys))]
        merged_text = merge_records(text, "report", ("section", "fy"), [
            RecordWrite(r.key, {k: getattr(r, k) for k in _FIELDS}, r.history[-1]) for r in updated])
        expected = {**reports, **{r.key: r for r in updated}}

        def read_back(data: bytes) -> None:
            if parse_reports(data.decode("utf-8"), path) != expected:
                raise DataErrors([DataError(SourceLocation(str(path)), None, shared_words.READ_BACK_DIFFERS)])

        write_atomic(path, merged_text.encode("utf-8"), check=read_back)
    return updated


# ---------------------------------------------------------------- deadlines, lateness, 速報



def is_late(report: Report, deadline: dt.date | None, today: dt.date | None = None) -> bool:
    """Past the year's deadline with nothing (or only a sent-back sheet) in hand."""
    today = today or dt.date.today()
    return deadline is not None and today > deadline and report.state in (NOT_REQUESTED, REQUESTED, RETURNED)


def is_confirmed(needs: Needs, reports: dict[tuple[str, int], Report], actual: Actual) -> bool:
    """A figure from a published source is final; a reported one once its section's year is 確定."""
    if actual.source:
        return True
    target = needs.get(actual.target)
    sections = [s["id"] for s in model.owning_sections(needs, target)] if target else []
    return all(reports.get((s, actual.fy), Report(s, actual.fy)).state == CONFIRMED for s in sections or [""])
