"""The yearly reporting cycle per section: 依頼前 → 依頼済 → 提出済 → 差戻し → 確定.

A test per transition and per refused transition (needs/ unchanged after each refusal), the
deadline, 速報 in the grades, and the cycle end to end through the CLI. Synthetic data only.
"""

import datetime as dt

import pytest
from openpyxl import load_workbook

from dxplan.core.errors import SourceLocation
from dxplan.core.labels.excel import COL_ACTUAL, DATA_SHEET
from dxplan.core.progress import GradeScale, Grade, progress_for_year, rollup
from dxplan.core.labels import PROVISIONAL
from dxplan.core.reporting import (CONFIRMED, NOT_REQUESTED, REQUESTED, RETURNED, SUBMITTED, Report,
                              TransitionRefused, is_confirmed, is_late, load_reports, record)
from dxplan.core.store import Actual
from tests.plan_factory import two_section_plan
from tests.test_store_writes import dxplan, needs_bytes, project  # noqa: F401 (the fixture)

KEY = ("SEC_A", 2024)
EVENT_FOR = {REQUESTED: "request", SUBMITTED: "submit", RETURNED: "return", CONFIRMED: "confirm"}
ROUTE = {NOT_REQUESTED: [], REQUESTED: ["request"], SUBMITTED: ["request", "submit"],
         RETURNED: ["request", "submit", "return"], CONFIRMED: ["request", "submit", "confirm"]}


@pytest.fixture
def needs():
    return two_section_plan()


def reach(path, needs, state):
    for event in ROUTE[state]:
        record(path, needs, [KEY], event, **({"reason": "数値の確認"} if event == "return" else {}))
    return load_reports(path).get(KEY, Report(*KEY)).state


ALLOWED = [(NOT_REQUESTED, "request", REQUESTED), (REQUESTED, "request", REQUESTED), (RETURNED, "request", REQUESTED),
           (NOT_REQUESTED, "submit", SUBMITTED), (REQUESTED, "submit", SUBMITTED), (RETURNED, "submit", SUBMITTED),
           (SUBMITTED, "submit", SUBMITTED), (SUBMITTED, "return", RETURNED), (CONFIRMED, "return", RETURNED),
           (SUBMITTED, "confirm", CONFIRMED)]
REFUSED = [(SUBMITTED, "request", "は既に提出されています。依頼し直すには、先に dxplan excel return で差し戻してください"),
           (CONFIRMED, "request", "は既に確定しています。依頼し直すには"),
           (CONFIRMED, "submit", "は確定しています。取り込み直すには、先に dxplan excel return で差し戻してください"),
           (NOT_REQUESTED, "return", "は提出されていないため差し戻せません（現在: 依頼前）"),
           (REQUESTED, "return", "は提出されていないため差し戻せません（現在: 依頼済）"),
           (RETURNED, "return", "は提出されていないため差し戻せません（現在: 差戻し）"),
           (NOT_REQUESTED, "confirm", "は提出されていないため確定できません（現在: 依頼前）"),
           (REQUESTED, "confirm", "は提出されていないため確定できません（現在: 依頼済）"),
           (RETURNED, "confirm", "は提出されていないため確定できません（現在: 差戻し）"),
           (CONFIRMED, "confirm", "は既に確定しています")]


@pytest.mark.parametrize(("start", "event", "end"), ALLOWED)
def test_transition(tmp_path, needs, start, event, end):
    path = tmp_path / "needs" / "reporting.toml"
    assert reach(path, needs, start) == start
    [report] = record(path, needs, [KEY], event, **({"reason": "桁の誤り"} if event == "return" else {}))
    assert report.state == end == load_reports(path)[KEY].state
    assert report.history[-1]["state"] == end and len(report.history) == len(ROUTE[start]) + 1
    if event == "return":
        assert report.reason == "桁の誤り" and report.history[-1]["reason"] == "桁の誤り"


@pytest.mark.parametrize(("start", "event", "message"), REFUSED)
def test_refused_transition_changes_nothing(tmp_path, needs, start, event, message):
    path = tmp_path / "needs" / "reporting.toml"
    reach(path, needs, start)
    before = needs_bytes(tmp_path)
    with pytest.raises(TransitionRefused) as err:
        record(path, needs, [KEY], event, **({"reason": "理由"} if event == "return" else {}))
    assert str(err.value).startswith(f"試験課の令和6年度の報告{message}")
    assert needs_bytes(tmp_path) == before


def test_deadline_makes_unsubmitted_sections_late():
    deadline = dt.date(2025, 5, 31)
    after, before = dt.date(2025, 6, 1), dt.date(2025, 5, 31)
    assert is_late(Report("SEC_A", 2024, REQUESTED), deadline, after)
    assert is_late(Report("SEC_A", 2024, RETURNED), deadline, after)
    assert not is_late(Report("SEC_A", 2024, REQUESTED), deadline, before)
    assert not is_late(Report("SEC_A", 2024, SUBMITTED), deadline, after)
    assert not is_late(Report("SEC_A", 2024, REQUESTED), None, after)


def test_grades_count_confirmed_figures_and_show_the_rest_as_provisional(needs):
    scale = GradeScale("t", "試験", ("PLAN_T",), True, "試験",
                       (Grade("達成", "試験", min_progress=80), Grade("未達成", "試験", otherwise=True)))
    reported = Actual("TGT_HOURS", 2024, value=2800.0, location=SourceLocation("a.xlsx"))
    published = Actual("TGT_OTHER", 2024, value=40.0, source="出典（試験）")
    reports = {KEY: Report(*KEY, SUBMITTED)}
    items = progress_for_year(needs, [reported, published], 2024, scale, lambda a: is_confirmed(needs, reports, a))
    by_id = {i.target["id"]: i for i in items}
    assert by_id["TGT_HOURS"].provisional and by_id["TGT_HOURS"].shown_grade == f"達成（{PROVISIONAL}）"
    assert not by_id["TGT_OTHER"].provisional  # from a published source: final
    assert rollup(items, scale).counts == {"達成": 1, "未達成": 0, PROVISIONAL: 1, "未報告": 1}
    reports[KEY] = Report(*KEY, CONFIRMED)
    items = progress_for_year(needs, [reported, published], 2024, scale, lambda a: is_confirmed(needs, reports, a))
    assert rollup(items, scale).counts == {"達成": 2, "未達成": 0, PROVISIONAL: 0, "未報告": 1}


def test_the_cycle_end_to_end_through_the_cli(project, tmp_path):  # noqa: F811 (the fixture)
    (project / "ubproject.toml").write_text((project / "ubproject.toml").read_text(encoding="utf-8")
                                            + "\n[dxplan.reporting]\ndeadlines = [{ fy = 2024, date = 2025-05-31 }]\n",
                                            encoding="utf-8")
    code, out, err = dxplan(project, "excel", "template", "--section", "試験課", "--fy", "R6", "-o", str(tmp_path / "t.xlsx"))
    assert code == 0, err
    assert "（報告状況: 依頼済）" in out
    wb = load_workbook(tmp_path / "t.xlsx")
    ws = wb[DATA_SHEET]
    col = [c.value for c in ws[1]].index(COL_ACTUAL)
    ws.cell(row=2, column=col + 1, value=2000)
    wb.save(tmp_path / "filled.xlsx")

    assert dxplan(project, "excel", "import", str(tmp_path / "filled.xlsx"))[0] == 0
    code, out, err = dxplan(project, "excel", "confirm", "--section", "別課", "--fy", "R6")
    assert code == 1 and "別課の令和6年度の報告は提出されていないため確定できません（現在: 依頼前）" in err
    code, out, _ = dxplan(project, "excel", "return", "--section", "試験課", "--fy", "R6", "--reason", "単位の確認")
    assert code == 0 and "試験課 令和6年度: 差戻し（理由: 単位の確認）" in out
    code, out, _ = dxplan(project, "excel", "status", "--fy", "R6")
    today = dt.date.today().isoformat()
    assert f"試験課: 差戻し（期限超過）、報告済み 1/2、依頼 {today}、提出 {today}（filled.xlsx）、差戻し {today}（理由: 単位の確認）" in out
    assert "提出期限: 2025-05-31" in out

    assert dxplan(project, "excel", "import", str(tmp_path / "filled.xlsx"))[0] == 0  # resubmitted
    code, out, _ = dxplan(project, "excel", "confirm", "--section", "試験課", "--fy", "R6")
    assert code == 0 and "試験課 令和6年度: 確定" in out
    before = needs_bytes(project)
    code, _, err = dxplan(project, "excel", "import", str(tmp_path / "filled.xlsx"))
    assert code == 1 and "確定しています。取り込み直すには" in err and "何も書き込んでいません" in err
    assert needs_bytes(project) == before
    code, out, _ = dxplan(project, "excel", "status", "--fy", "R6")
    assert f"試験課: 確定、報告済み 1/2、依頼 {today}、提出 {today}（filled.xlsx）、確定 {today}" in out
    assert "別課: 依頼前" in out
    history = load_reports(project / "needs" / "reporting.toml")[KEY].history
    assert [h["state"] for h in history] == [REQUESTED, SUBMITTED, RETURNED, SUBMITTED, CONFIRMED]
