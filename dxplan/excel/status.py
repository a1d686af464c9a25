"""Reporting status: per section, which targets are reported for a year and which are 未報告."""

from __future__ import annotations

from dataclasses import dataclass

from dxplan import model
from dxplan.model import Need, Needs
from dxplan.store import Actual

UNASSIGNED = "主管課 未記載"


@dataclass(frozen=True)
class SectionStatus:
    section: Need | None  # None: targets no section owns yet
    reported: list[Need]
    missing: list[Need]
    last_import: str | None

    @property
    def label(self) -> str:
        return self.section["title"] if self.section else UNASSIGNED


def reporting_status(needs: Needs, actuals: list[Actual], fy: int) -> list[SectionStatus]:
    by_key = {(a.target, a.fy): a for a in actuals}
    out = []
    groups: list[Need | None] = [*model.of_type(needs, model.SECTION), None]
    for section in groups:
        targets = model.targets_of_section(needs, section["id"] if section else None)
        if section is None and not targets:
            continue
        reported = [t for t in targets if (t["id"], fy) in by_key]
        stamps = [by_key[(t["id"], fy)].reported_at for t in reported if by_key[(t["id"], fy)].reported_at]
        out.append(SectionStatus(section, reported, [t for t in targets if t not in reported],
                                 max(stamps) if stamps else None))
    return out


def render_reporting_status(ctx):
    from docutils import nodes

    from dxplan.fiscal import format_fiscal_year
    from dxplan.progress import plan_years, progress_inputs
    from dxplan.render import gap, join, table

    inputs = progress_inputs(ctx.app)
    out = []
    for fy in plan_years(ctx.needs):
        rows = []
        for status in reporting_status(ctx.needs, inputs.actuals, fy):
            total = len(status.reported) + len(status.missing)
            label = ctx.link(status.section) if status.section else gap(UNASSIGNED)
            missing = join([ctx.link(t, t["id"]) for t in status.missing]) or "なし"
            rows.append([label, f"{len(status.reported)} / {total}", missing, status.last_import or "—"])
        out.append(table(["主管課", "報告済み / 対象", "未報告の目標値", "最終取込"], rows,
                         caption=f"{format_fiscal_year(fy)}の報告状況"))
    if not out:
        out.append(nodes.paragraph("", "計画期間が設定されていません。"))
    return out


def setup_excel(app) -> None:
    from dxplan.progress import CONFIG_FILE
    from dxplan.store import ACTUALS_FILE
    from dxplan.views import register_view

    register_view("reporting-status", render_reporting_status, depends_on=(ACTUALS_FILE, CONFIG_FILE))
