"""Reporting status: per section and year, the cycle's state and dates (needs/reporting.toml), whether
it is past the deadline, and which targets are reported and which 未報告."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxplan.core import model
from dxplan.core.labels import UNOWNED
from dxplan.core.labels import excel as words
from dxplan.core.model import Need, Needs
from dxplan.core.reporting import CONFIRMED, RETURNED, Report, is_late
from dxplan.core.store import Actual
from dxplan.core import labels as shared_words



@dataclass(frozen=True)
class SectionStatus:
    section: Need | None  # None: targets no section owns yet
    reported: list[Need]
    missing: list[Need]
    last_import: str | None
    report: Report
    late: bool = False

    @property
    def label(self) -> str:
        return self.section["title"] if self.section else UNOWNED

    @property
    def steps(self) -> str:
        """The dates of the cycle so far: 依頼 2026-04-01、提出 2026-05-20（返送.xlsx）…"""
        r = self.report
        parts = [words.requested_on(date=r.requested_at[:10]) if r.requested_at else "",
                 words.submitted_on(date=r.submitted_at[:10], file=r.source_file) if r.submitted_at else "",
                 words.returned_on(r.returned_at[:10], r.reason) if r.state == RETURNED and r.returned_at else "",
                 words.confirmed_on(date=r.confirmed_at[:10]) if r.state == CONFIRMED and r.confirmed_at else ""]
        return shared_words.LIST_SEPARATOR.join(p for p in parts if p)


def reporting_status(needs: Needs, actuals: list[Actual], fy: int, reports: dict[tuple[str, int], Report] | None = None,
                     deadline: dt.date | None = None, today: dt.date | None = None) -> list[SectionStatus]:
    by_key = {(a.target, a.fy): a for a in actuals}
    reports = reports or {}
    out = []
    groups: list[Need | None] = [*model.of_type(needs, model.SECTION), None]
    for section in groups:
        targets = model.targets_of_section(needs, section["id"] if section else None)
        if section is None and not targets:
            continue
        reported = [t for t in targets if (t["id"], fy) in by_key]
        stamps = [by_key[(t["id"], fy)].reported_at for t in reported if by_key[(t["id"], fy)].reported_at]
        key = (section["id"] if section else "", fy)
        report = reports.get(key, Report(*key))
        out.append(SectionStatus(section, reported, [t for t in targets if t not in reported],
                                 max(stamps) if stamps else None, report, is_late(report, deadline, today)))
    return out
