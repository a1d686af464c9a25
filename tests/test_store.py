"""The actuals store: validated on load (file, line, ID), written atomically, history kept."""

from pathlib import Path

import pytest

from dxplan.core.errors import DataErrors, SourceLocation
from dxplan.core.store import LOCK_NAME, Actual, ConflictError, apply_actuals, load_actuals
from tests.conftest import ROOT
from tests.plan_factory import small_plan

LABELS = ["達成+", "達成", "未達成"]


def store(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "actuals.toml"
    path.write_text("# synthetic test store\n\n" + text, encoding="utf-8")
    return path


def test_real_store_holds_only_the_six_r4_actuals_of_002():
    actuals = load_actuals(ROOT / "needs" / "actuals.toml")
    assert {(a.target, a.fy, a.text) for a in actuals} == {
        ("TGT_RPA_AI", 2022, "1,115時間削減"), ("TGT_TELEWORK", 2022, "2,046回"),
        ("TGT_EBPM_TRAINING", 2022, "1回"), ("TGT_PEOPLE_FLOW", 2022, "1回(計画上の実績)"),
        ("TGT_ONLINE_APPS", 2022, "38,931件"), ("TGT_CONVENIENCE_CERT", 2022, "31.8%"),
    }


def test_every_problem_is_reported_with_file_line_and_id(tmp_path):
    path = store(tmp_path, """[[actual]]
target = "TGT_NOPE"
fy = 2025
value = 1

[[actual]]
target = "TGT_T"
fy = 2031
value = 1

[[actual]]
target = "TGT_T"
fy = 2025
value = 5
unit = "件"

[[actual]]
target = "TGT_T"
fy = 2025
value = 6

[[actual]]
target = "TGT_T"
fy = 2024
value = -3

[[actual]]
target = "TGT_T"
fy = "R6"
value = "多い"
""")
    with pytest.raises(DataErrors) as err:
        load_actuals(path, small_plan(), LABELS)
    text = str(err.value)
    assert f"{path}:3: TGT_NOPE: 未知の目標値 ID です" in text
    assert f"{path}:8: TGT_T: 令和13年度は計画の期間外です" in text
    assert f"{path}:13: TGT_T: 単位が目標と違います: 件（目標の単位: 回）" in text
    assert f"{path}:19: TGT_T: 令和7年度の実績が重複しています（最初の記載: {path}:13）" in text
    assert f"{path}:24: TGT_T: 実績値が負の数です" in text
    assert f"{path}:29: TGT_T: fy（年度、西暦の開始年）が整数ではありません" in text
    assert f"{path}:29: TGT_T: value が数値ではありません" in text


def test_baseline_year_is_allowed_before_the_plan_period(tmp_path):
    path = store(tmp_path, '[[actual]]\ntarget = "TGT_T"\nfy = 2022\nvalue = 2046\n')
    assert load_actuals(path, small_plan(), LABELS)[0].fy == 2022


def _incoming(value, source_file="reply.xlsx"):
    return [Actual("TGT_T", 2024, value=value, text=f"{value}回", source_file=source_file, source_hash="abc",
                   location=SourceLocation(source_file, 2, "D", "実績入力"))]


def test_apply_writes_atomically_and_refuses_silent_overwrite(tmp_path):
    path = store(tmp_path, "")
    needs = small_plan()
    assert [c.kind for c in apply_actuals(path, _incoming(2100), needs)] == ["add"]
    before = path.read_bytes()
    with pytest.raises(ConflictError, match="--replace"):
        apply_actuals(path, _incoming(2200, "second.csv"), needs)
    assert path.read_bytes() == before  # untouched
    assert [c.kind for c in apply_actuals(path, _incoming(2200, "second.csv"), needs, dry_run=True,
                                          replace_existing=True)] == ["replace"]
    assert path.read_bytes() == before  # a dry run writes nothing
    apply_actuals(path, _incoming(2200, "second.csv"), needs, replace_existing=True)
    [record] = load_actuals(path, needs, LABELS)
    assert record.value == 2200 and record.source_file == "second.csv"
    assert record.history[0]["value"] == 2100 and record.history[0]["source_file"] == "reply.xlsx"
    assert "replaced_at" in record.history[0]
    assert path.read_text(encoding="utf-8").startswith("# synthetic test store")
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "actuals.toml"]  # no temporary file left


def test_invalid_incoming_changes_nothing(tmp_path):
    path = store(tmp_path, "")
    before = path.read_bytes()
    bad = [Actual("TGT_T", 2030, value=1, location=SourceLocation("reply.csv", 4, "C"))]
    with pytest.raises(DataErrors, match=r"reply.csv:4 列C: TGT_T: 令和12年度は計画の期間外です"):
        apply_actuals(path, bad, small_plan())
    assert path.read_bytes() == before
