"""The reporting status page ({dxplan-view} reporting-status): per fiscal year, each section's step
in the cycle (needs/reporting.toml), whether it is past its deadline, and its 未報告 targets.
The status itself is plain data (dxplan/excel/status.py); needs/reporting.toml is checked on every build."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.config import CONFIG_FILE, load_deadlines
from dxplan.core import labels as shared_words
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.labels import UNOWNED
from dxplan.core.labels import excel as words
from dxplan.core.progress import plan_years
from dxplan.core.reporting import REPORTING_FILE, load_reports
from dxplan.core.store import ACTUALS_FILE
from dxplan.datafiles import register_data_file
from dxplan.excel.status import reporting_status
from dxplan.progress import progress_inputs
from dxplan.render import gap, join, table
from dxplan.views import register_view


def render_reporting_status(ctx) -> list[nodes.Node]:
    inputs = progress_inputs(ctx.app)
    root = Path(ctx.app.confdir)
    reports, deadlines = load_reports(root / REPORTING_FILE), load_deadlines(root / CONFIG_FILE)
    out = []
    for fy in plan_years(ctx.needs):
        rows = []
        deadline = deadlines.get(fy)
        for status in reporting_status(ctx.needs, inputs.actuals, fy, reports, deadline):
            total = len(status.reported) + len(status.missing)
            label = ctx.link(status.section) if status.section else gap(UNOWNED)
            missing = join([ctx.link(t, t["id"]) for t in status.missing]) or shared_words.NONE
            state = status.report.state + (words.LATE if status.late else "")
            rows.append([label, state, status.steps or "—", f"{len(status.reported)} / {total}", missing])
        out.append(table([shared_words.OWNER, shared_words.STATUS, words.STATUS_STEPS, words.STATUS_REPORTED,
                          words.STATUS_MISSING], rows,
                         caption=words.reporting_status_caption(format_fiscal_year(fy),
                                                                deadline.isoformat() if deadline else None)))
    if not out:
        out.append(nodes.paragraph("", words.NO_PLAN_PERIOD))
    return out


def setup_reporting(app: Sphinx) -> None:
    register_data_file(REPORTING_FILE, "reporting", lambda app, path: load_reports(path))
    register_view("reporting-status", render_reporting_status, depends_on=(ACTUALS_FILE, CONFIG_FILE, REPORTING_FILE))
