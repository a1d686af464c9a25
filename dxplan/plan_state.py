"""A project's plan as the commands work on it: its needs, the main plan and its grade scale, the
actuals and which of them are final, an owning section named by the user, the progress table.

Plain functions over the project's files (no Sphinx): the CLI parses arguments and prints what
these return; tests call them directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dxplan.config import CONFIG_FILE, ProjectConfig, load_project_config
from dxplan.core import model
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.labels import cli as words
from dxplan.core.model import Needs
from dxplan.core.reporting import REPORTING_FILE, is_confirmed, load_reports
from dxplan.core.store import ACTUALS_FILE, Actual, load_actuals
from dxplan.config import load_grade_scales
from dxplan.core.progress import (GradeScale, Rollup, items_under, progress_for_year, report_year, rollup,
                                  scale_for_plan)
from dxplan.project import load_project_needs


@dataclass(frozen=True)
class PlanState:
    """What most commands start from: the project folder, its needs, the main plan's scale, the actuals."""

    root: Path
    needs: Needs
    config: ProjectConfig
    main_plan: str | None
    scale: GradeScale
    actuals: list[Actual]


def main_plan_id(config: ProjectConfig, needs: Needs) -> str | None:
    """The configured main plan (main_plan in ubproject.toml), else the first plan; None without plans."""
    plans = [p["id"] for p in model.of_type(needs, model.PLAN)]
    return config.main_plan if config.main_plan in plans else (plans[0] if plans else None)


def main_plan_scale(root: Path, plan_id: str | None) -> GradeScale:
    """The grade scale of the main plan; a plan without one stops the command with what to configure."""
    scale = scale_for_plan(load_grade_scales(root / CONFIG_FILE), plan_id) if plan_id else None
    if scale is None:
        raise SystemExit(words.no_grade_scale(plan_id, CONFIG_FILE))
    return scale


def load_plan_state(root: Path, needs_json: str | None = None) -> PlanState:
    """The plan (from needs.json, or a fresh `needs` build), its configuration, main plan and that
    plan's scale, and the actuals: each file read once."""
    needs = load_project_needs(root, needs_json)
    config = load_project_config(root / CONFIG_FILE)
    plan_id = main_plan_id(config, needs)
    scale = main_plan_scale(root, plan_id)
    return PlanState(root, needs, config, plan_id, scale, load_actuals(root / ACTUALS_FILE, needs, scale.labels))


def confirmation(root: Path, needs: Needs) -> Callable[[Actual], bool]:
    """Whether an actual is final (確定 or from a source); others are graded as 速報."""
    reports = load_reports(root / REPORTING_FILE)
    return lambda actual: is_confirmed(needs, reports, actual)


def chosen_section(needs: Needs, value: str | None) -> tuple[str | None, str]:
    """A section by ASCII ID or official name → (ID, name); None for the targets no section owns.
    A name the plan does not hold stops the command."""
    if value is None:
        return None, model.section_title(needs, None)
    section = model.section_named(needs, value)
    if section is None:
        raise SystemExit(words.section_not_registered(value))
    return section["id"], section["title"]


@dataclass(frozen=True)
class ProgressTable:
    """A year's progress, one row a target (the rows `dxplan progress` prints as text, CSV or JSON)."""

    fy: int
    rows: list[dict[str, object]]
    summary: Rollup

    @property
    def fy_label(self) -> str:
        return format_fiscal_year(self.fy)


def progress_table(state: PlanState, fy: int | None = None, section: model.Need | None = None) -> ProgressTable:
    """The main plan's progress in `fy` (default: the latest plan year with actuals), for one section or all."""
    needs, scale = state.needs, state.scale
    fy = fy if fy is not None else report_year(needs, state.actuals)[0]
    items = progress_for_year(needs, state.actuals, fy, scale, confirmation(state.root, needs))
    if section is not None:
        items = items_under(needs, items, section)
    rows = [{
        "target": i.target["id"], "kpi": i.kpi["title"], "target_text": i.target["title"],
        "fy": fy, "fy_label": format_fiscal_year(fy),
        "actual": i.actual.value if i.actual and i.actual.value is not None else (i.actual.status if i.actual else None),
        "progress_percent": None if i.percent is None else round(i.percent, 1), "grade": i.shown_grade,
    } for i in items]
    return ProgressTable(fy, rows, rollup(items, scale))
