"""Excel round-trip: template out, actuals in (xlsx / UTF-8 / CP932 CSV), every error at once.

All actual values here are synthetic test data.
"""

import csv
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from dxplan.core.errors import DataErrors
from dxplan.core.labels.excel import (COL_ACTUAL, COL_NOTE, COL_TARGET, COL_YEAR, DATA_SHEET, HELP_SHEET)
from dxplan.excel.importer import parse_sheet, read_sheet
from dxplan.excel.template import build_template, write_template
from dxplan.core.store import ConflictError, apply_actuals, load_actuals
from dxplan.core import labels as shared_words
from tests.plan_factory import two_section_plan

LABELS = ["達成+", "達成", "未達成"]


@pytest.fixture
def needs():
    return two_section_plan()


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "actuals.toml"
    path.write_text("# synthetic store\n\n[[actual]]\ntarget = \"TGT_HOURS\"\nfy = 2022\nvalue = 1115\n", encoding="utf-8")
    return path


def template(tmp_path, needs, name="t.xlsx"):
    path = tmp_path / name
    write_template(path, build_template(needs, "SEC_A", "試験課", 2024, load_actuals_or_empty(tmp_path), LABELS))
    return path


def load_actuals_or_empty(tmp_path):
    path = tmp_path / "actuals.toml"
    return load_actuals(path) if path.exists() else []


def fill(path, values, out):
    wb = load_workbook(path)
    ws = wb[DATA_SHEET]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in values:
            row[header.index(COL_ACTUAL)].value = values[row[0].value]
    wb.save(out)
    return out


def test_template_is_protected_validated_and_print_ready(tmp_path, needs, store):
    wb = load_workbook(template(tmp_path, needs))
    assert wb.sheetnames[:2] == [HELP_SHEET, DATA_SHEET]
    assert "実績" in wb[HELP_SHEET]["A1"].value
    ws = wb[DATA_SHEET]
    header = [c.value for c in ws[1]]
    assert header[0] == COL_TARGET and {COL_YEAR, COL_ACTUAL, COL_NOTE, "令和4年度実績"} <= set(header)
    ids = [r[0].value for r in ws.iter_rows(min_row=2)]
    assert ids == ["TGT_HOURS", "TGT_POC"]  # only this section's targets
    assert ws.protection.sheet
    actual_col = header.index(COL_ACTUAL)
    assert all(not r[actual_col].protection.locked for r in ws.iter_rows(min_row=2))
    assert all(r[0].protection.locked for r in ws.iter_rows(min_row=2))
    kinds = sorted(v.type for v in ws.data_validations.dataValidation)
    assert kinds == ["decimal", "list"]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    assert [r[header.index("令和4年度実績")].value for r in ws.iter_rows(min_row=2)] == [1115, "未報告"]


def test_template_never_overwrites(tmp_path, needs, store):
    path = template(tmp_path, needs)
    with pytest.raises(FileExistsError):
        template(tmp_path, needs)
    assert path.exists()


def test_filled_xlsx_imports_with_fullwidth_digits_and_units(tmp_path, needs, store):
    filled = fill(template(tmp_path, needs), {"TGT_HOURS": "２，８００時間", "TGT_POC": "達成"}, tmp_path / "f.xlsx")
    records = parse_sheet(read_sheet(filled), needs, LABELS)
    assert [(r.target, r.fy, r.value, r.status) for r in records] == [
        ("TGT_HOURS", 2024, 2800.0, None), ("TGT_POC", 2024, None, "達成")]
    assert records[0].location.sheet == DATA_SHEET and records[0].location.line == 2
    apply_actuals(store, records, needs, grade_labels=LABELS)
    stored = {(a.target, a.fy): a for a in load_actuals(store, needs, LABELS)}
    assert stored[("TGT_HOURS", 2024)].text == "2,800時間" and stored[("TGT_HOURS", 2024)].source_file == "f.xlsx"


def _csv(path, rows, encoding):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding(tmp_path, needs, encoding):
    path = _csv(tmp_path / "r.csv", [[shared_words.OWNER, COL_TARGET, COL_YEAR, COL_ACTUAL, COL_NOTE],
                                     ["試験課", "ＴＧＴ＿ＨＯＵＲＳ", "令和６年度", "２，８００時間削減", "試験用の備考"],
                                     ["SEC_B", "KPI_OTHER", "R7", "３８．５％", ""]], encoding)
    records = parse_sheet(read_sheet(path), needs, LABELS)
    assert [(r.target, r.fy, r.value, r.note) for r in records] == [
        ("TGT_HOURS", 2024, 2800.0, "試験用の備考"), ("TGT_OTHER", 2025, 38.5, None)]


def test_five_mistakes_five_messages_store_untouched(tmp_path, needs, store):
    path = _csv(tmp_path / "bad.csv", [[COL_TARGET, COL_YEAR, COL_ACTUAL, COL_NOTE, shared_words.OWNER],
                                       ["TGT_NOPE", "R6", "1", "", "試験課"],          # unknown ID
                                       ["TGT_HOURS", "R9", "10", "", "試験課"],        # year outside the plan
                                       ["TGT_HOURS", "R6", "たくさん", "", "試験課"],   # not a number
                                       ["TGT_HOURS", "R7", "-5", "", "試験課"],        # negative
                                       ["TGT_OTHER", "R6", "12件", "", "別課"]], "cp932")  # wrong unit
    before = store.read_bytes()
    with pytest.raises(DataErrors) as err:
        records = parse_sheet(read_sheet(path), needs, LABELS)
        apply_actuals(store, records, needs, grade_labels=LABELS)
    messages = [str(e) for e in err.value.errors]
    assert len(messages) == 5, messages
    hours = "KPI「RPA（試験）」の目標値「2,800時間削減」（TGT_HOURS）"
    assert messages[0] == (f"{path} 2行目 A列（目標値ID）: 目標値 ID「TGT_NOPE」はこの計画にありません"
                           "（ID の列は変更しないでください）")
    assert messages[1] == (f"{path} 3行目 B列（報告年度）: {hours}: 令和9年度は計画の期間外です"
                           "（報告できる年度: 令和6年度〜令和7年度）")
    assert messages[2].startswith(f"{path} 4行目 C列（実績（入力））: {hours}: 数値として読めません: 「たくさん」")
    assert messages[3] == f"{path} 5行目 C列（実績（入力））: {hours}: 実績値が負の数です: -5時間"
    assert messages[4] == (f"{path} 6行目 C列（実績（入力））: KPI「他課（試験）」の目標値「40%」（TGT_OTHER）: "
                           "単位が目標と違います: 件（目標の単位: %）")
    assert not any("'" in m or "-5.0" in m for m in messages)  # no Python spelling
    assert store.read_bytes() == before


def test_other_sections_kpi_and_duplicate_rows_are_refused(tmp_path, needs):
    path = _csv(tmp_path / "dup.csv", [[COL_TARGET, COL_YEAR, COL_ACTUAL],
                                       ["TGT_HOURS", "R6", "100"], ["TGT_HOURS", "令和6年度", "200"],
                                       ["TGT_OTHER", "R6", "10"]], "utf-8")
    with pytest.raises(DataErrors) as err:
        parse_sheet(read_sheet(path), needs, LABELS, section_id="SEC_A")
    text = str(err.value)
    assert "dup.csv 3行目 A列（目標値ID）: KPI「RPA（試験）」の目標値「2,800時間削減」（TGT_HOURS）: 同じ目標値・年度の行が重複しています（2行目と同じ）" in text
    assert "dup.csv 4行目 A列（目標値ID）: KPI「他課（試験）」の目標値「40%」（TGT_OTHER）: この目標値は 試験課 の担当ではありません（主管課: 別課）" in text
    assert "SEC_A" not in text


def test_conflict_then_replace_keeps_history(tmp_path, needs, store):
    first = _csv(tmp_path / "first.csv", [[COL_TARGET, COL_YEAR, COL_ACTUAL], ["TGT_HOURS", "R6", "2000"]], "cp932")
    second = _csv(tmp_path / "second.csv", [[COL_TARGET, COL_YEAR, COL_ACTUAL], ["TGT_HOURS", "R6", "2100"]], "utf-8")
    apply_actuals(store, parse_sheet(read_sheet(first), needs, LABELS, section_id="SEC_A"), needs, grade_labels=LABELS)
    before = store.read_bytes()
    with pytest.raises(ConflictError) as err:
        apply_actuals(store, parse_sheet(read_sheet(second), needs, LABELS, section_id="SEC_A"), needs, grade_labels=LABELS)
    assert "目標値「2,800時間削減」（TGT_HOURS）: 令和6年度の実績は既に 2,000時間 と記録されています（新しい値: 2,100時間）" in str(err.value)
    assert store.read_bytes() == before
    apply_actuals(store, parse_sheet(read_sheet(second), needs, LABELS, section_id="SEC_A"), needs,
                  replace_existing=True, grade_labels=LABELS)
    record = {a.key: a for a in load_actuals(store, needs, LABELS)}[("TGT_HOURS", 2024)]
    assert record.value == 2100 and record.source_file == "second.csv"
    assert record.history[0]["value"] == 2000 and record.history[0]["source_file"] == "first.csv"
    assert len(record.history[0]["source_hash"]) == 64


def test_round_trip_through_libreoffice(tmp_path, needs, store):
    """Saved by a real third-party writer (LibreOffice headless), then imported."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by `make test`"
    filled = fill(template(tmp_path, needs), {"TGT_HOURS": 2400, "TGT_POC": "未達成"}, tmp_path / "ours.xlsx")
    outdir = tmp_path / "lo"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(filled)],
                   check=True, capture_output=True, timeout=180)
    resaved = outdir / "ours.xlsx"
    assert resaved.read_bytes() != filled.read_bytes()
    records = parse_sheet(read_sheet(resaved), needs, LABELS)
    assert [(r.target, r.value, r.status) for r in records] == [("TGT_HOURS", 2400.0, None), ("TGT_POC", None, "未達成")]
