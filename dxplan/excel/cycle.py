"""The reporting cycle on disk (依頼 → 提出 → 差戻し / 確定): a template a section (the request), a
returned sheet imported (the submission), a report sent back or confirmed, the year's status.

Each step writes the store and needs/reporting.toml together or not at all; the CLI prints what
these functions return and turns their refusals into messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dxplan.config import CONFIG_FILE, load_deadlines
from dxplan.core import model, reporting
from dxplan.core.model import Needs
from dxplan.core.store import ACTUALS_FILE, Change, apply_actuals, needs_lock
from dxplan.excel.importer import parse_sheet, read_sheet
from dxplan.excel.status import SectionStatus, reporting_status
from dxplan.excel.template import build_template, write_template
from dxplan.plan_state import PlanState, chosen_section


@dataclass(frozen=True)
class TemplateJob:
    """One workbook to write: the section it is for (None: targets no section owns) and where."""

    section_id: str | None
    section: str
    path: Path


@dataclass(frozen=True)
class Templated:
    job: TemplateJob
    target_count: int  # 0: the section owns no target, and no workbook was written


def template_jobs(needs: Needs, fy: int, output: Path, section: str | None = None,
                  every_section: bool = False) -> list[TemplateJob]:
    """The workbooks to write: one section's (None: the unowned targets') at `output`, or with
    `every_section` one a section, and one for the unowned targets, into the folder `output`."""
    if not every_section:
        return [TemplateJob(*chosen_section(needs, section), output)]
    output.mkdir(parents=True, exist_ok=True)
    sections = [(s["id"], s["title"]) for s in model.of_type(needs, model.SECTION)]
    sections.append((None, model.section_title(needs, None)))
    return [TemplateJob(sid, name, output / f"{sid or 'UNASSIGNED'}_{fy}.xlsx") for sid, name in sections]


def request_reports(state: PlanState, fy: int, jobs: list[TemplateJob]) -> Iterator[Templated]:
    """Write each job's template and record its report as requested, one job at a time.

    A workbook already there, or a report past the request, stops the run (FileExistsError,
    reporting.TransitionRefused); the templates written before it stay written and recorded."""
    states = state.root / reporting.REPORTING_FILE
    for job in jobs:
        targets = model.targets_of_section(state.needs, job.section_id)
        if targets:
            key = [(job.section_id or "", fy)]
            reporting.check_allowed(states, state.needs, key, "request")
            write_template(job.path, build_template(state.needs, job.section_id, job.section, fy, state.actuals,
                                                    state.scale.labels))
            reporting.record(states, state.needs, key, "request")
        yield Templated(job, len(targets))


def import_returned_sheet(state: PlanState, path: Path, section_id: str | None = None, *,
                          replace: bool = False, dry_run: bool = False) -> list[Change]:
    """Read, check and store one returned sheet, and record its reports as submitted.

    Writes all of it or nothing: DataErrors (the sheet's mistakes), store.ConflictError (a value
    differing from a stored one, without `replace`), reporting.TransitionRefused (a report not open)."""
    needs, scale = state.needs, state.scale
    sheet = read_sheet(path)
    sid = section_id if section_id is not None else sheet.section_id
    reporter = model.section_title(needs, sid) if sid else None
    records = parse_sheet(sheet, needs, scale.labels, section_id=section_id, reporter=reporter)
    # The (section, year) reports this sheet submits: the sheet's section, or each row's owner.
    submitted = {(sid if sid is not None else next((s["id"] for s in model.owning_sections(needs, needs[r.target])), ""),
                  r.fy) for r in records}
    states = state.root / reporting.REPORTING_FILE
    with needs_lock(state.root / ACTUALS_FILE):  # actuals and their reporting state, in one hold of the lock
        reporting.check_allowed(states, needs, submitted, "submit")
        changes = apply_actuals(state.root / ACTUALS_FILE, records, needs, replace_existing=replace,
                                dry_run=dry_run, grade_labels=scale.labels)
        if not dry_run:
            reporting.record(states, needs, submitted, "submit", source_file=path.name, source_hash=sheet.digest)
    return changes


def record_step(root: Path, needs: Needs, section_id: str | None, fy: int, event: str,
                reason: str | None = None) -> reporting.Report:
    """The secretariat returns a submitted report (with the reason) or confirms it."""
    details = {"reason": reason} if event == "return" else {}
    [report] = reporting.record(root / reporting.REPORTING_FILE, needs, [(section_id or "", fy)], event, **details)
    return report


def year_status(state: PlanState, fy: int) -> tuple[dt.date | None, list[SectionStatus]]:
    """The year's deadline (None: not set) and each section's report and missing targets."""
    deadline = load_deadlines(state.root / CONFIG_FILE).get(fy)
    reports = reporting.load_reports(state.root / reporting.REPORTING_FILE)
    return deadline, reporting_status(state.needs, state.actuals, fy, reports, deadline)
