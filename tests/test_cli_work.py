"""The CLI only parses and prints: the work of its commands runs from plain functions, without it."""

import pytest

from dxplan.core.reporting import CONFIRMED, SUBMITTED
from dxplan.excel.cycle import import_returned_sheet, record_step, request_reports, template_jobs, year_status
from dxplan.plan_state import chosen_section, load_plan_state, progress_table
from dxplan.versions import SnapshotExists, save_snapshot
from tests.test_store_writes import project  # noqa: F401 (the fixture)


def test_a_reporting_cycle_without_the_cli(project, tmp_path):
    needs_json = str(tmp_path / "needs.json")
    state = load_plan_state(project, needs_json)
    [job] = template_jobs(state.needs, 2024, tmp_path / "t.xlsx", "試験課")
    assert (job.section_id, job.section) == ("SEC_A", "試験課")
    [done] = request_reports(state, 2024, [job])
    assert done.target_count == 2 and job.path.is_file()
    changes = import_returned_sheet(state, tmp_path / "a.csv", "SEC_A")
    assert [(c.kind, c.new.target, c.new.value) for c in changes] == [("add", "TGT_HOURS", 2000.0)]
    state = load_plan_state(project, needs_json)
    _, statuses = year_status(state, 2024)
    assert {s.label: s.report.state for s in statuses}["試験課"] == SUBMITTED
    assert record_step(project, state.needs, "SEC_A", 2024, "confirm").state == CONFIRMED
    rows = {row["target"]: row for row in progress_table(state, 2024).rows}
    assert rows["TGT_HOURS"]["actual"] == 2000.0


def test_an_unknown_section_and_an_existing_snapshot_are_refused(project, tmp_path):
    state = load_plan_state(project, str(tmp_path / "needs.json"))
    with pytest.raises(SystemExit, match="無い課"):
        chosen_section(state.needs, "無い課")
    path, count = save_snapshot(project, state.needs, "v1", "試験")
    assert path.is_file() and count == len(state.needs)
    with pytest.raises(SnapshotExists):
        save_snapshot(project, state.needs, "v1", "試験")
    assert save_snapshot(project, state.needs, "v1", "試験", replace=True) == (path, count)
