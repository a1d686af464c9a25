"""`dxplan excel export`: the site's downloads (traceability matrices, the KPI table, a year's
progress) written to a folder as .xlsx, CSV and JSON, by the functions the site uses (opendata.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dxplan.core import model
from dxplan.core.matrices import MATRICES
from dxplan.core.opendata import Dataset, Ward, kpi_dataset, matrix_dataset, year_dataset
from dxplan.core.progress import report_year
from dxplan.core.responses import load_responses
from dxplan.matrices import committee_matrix
from dxplan.opendata import write_dataset
from dxplan.plan_state import PlanState


def write_downloads(state: PlanState, output: Path, fy: int | None = None) -> Iterator[Dataset]:
    """Write each dataset into `output` and yield it; `fy` (default: the latest plan year with
    actuals) is the year of the progress table."""
    needs = state.needs
    plan = state.main_plan
    settings = state.config.settings(plan)
    ward = Ward(settings.municipality_code or "", settings.municipality or "")
    scoped = model.plan_subset(needs, plan)
    fy = fy if fy is not None else report_year(scoped, state.actuals)[0]
    kpis = kpi_dataset(scoped, plan, ward, state.actuals, state.scale)
    responses = load_responses(state.root, needs)[0]  # the site's committee table shows them too
    datasets = [matrix_dataset(committee_matrix(needs, responses) if name == "committee" else f(needs), ward)
                for name, f in MATRICES.items()]
    datasets += [kpis, year_dataset(kpis, fy, f"progress-{fy}")]
    for dataset in datasets:
        write_dataset(output, dataset)
        yield dataset
