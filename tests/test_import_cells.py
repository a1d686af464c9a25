"""Returned templates read as Excel means them, or refused with a message a ward clerk can act on.

Workbooks are real .xlsx files written by openpyxl; the percent and formula cases are also
saved by LibreOffice. All values are synthetic test data.
"""

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from dxplan.core.errors import DataErrors
from dxplan.core.labels.excel import (COL_ACTUAL, COL_NOTE, COL_TARGET, COL_YEAR, DATA_SHEET, HELP_SHEET)
from dxplan.excel.importer import parse_sheet, read_sheet
from dxplan.excel.template import build_template, write_template
from dxplan.core.store import apply_actuals, load_actuals
from dxplan.core import labels as shared_words
from tests.plan_factory import two_section_plan

LABELS = ["達成+", "達成", "未達成"]
HOURS = "KPI「RPA（試験）」の目標値「2,800時間削減」（TGT_HOURS）"


@pytest.fixture(scope="module")
def needs():
    return two_section_plan()


def returned(tmp_path, needs, name, section="SEC_A", cells=None, edit=None):
    """A template for `section`, filled as a clerk would: `cells` maps (target ID, heading) to a
    value or to (value, number format); `edit(workbook)` makes any other change."""
    path = tmp_path / f"{name}-template.xlsx"
    title = needs[section]["title"] if section else "主管課未記載"
    write_template(path, build_template(needs, section, title, 2024, [], LABELS))
    wb = load_workbook(path)
    ws = wb[DATA_SHEET]
    header = [c.value for c in ws[1]]
    for (target, heading), value in (cells or {}).items():
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == target)
        cell = row[header.index(heading)]
        cell.value, fmt = value if isinstance(value, tuple) else (value, None)
        if fmt:
            cell.number_format = fmt
    if edit:
        edit(wb)
    out = tmp_path / f"{name}.xlsx"
    wb.save(out)
    return out


def refused(path, needs, **kwargs) -> list[str]:
    with pytest.raises(DataErrors) as err:
        parse_sheet(read_sheet(path), needs, LABELS, **kwargs)
    messages = [str(e) for e in err.value.errors]
    for message in messages:  # a clerk's message: Japanese, no Python spelling, no English library text
        assert "'" not in message and "Traceback" not in message and "zip" not in message, message
    return messages


def cell_of(path, target, heading):
    ws = load_workbook(path)[DATA_SHEET]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == target)
    return row[header.index(heading)].coordinate, heading


def resave_with_libreoffice(tmp_path, *paths):
    """Open and save each file in LibreOffice headless (one start for all), as a clerk's Calc would."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by `make test`"
    outdir = tmp_path / "lo"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), *map(str, paths)],
                   check=True, capture_output=True, timeout=240)
    return [outdir / p.name for p in paths]


# ---------------------------------------------------------------- percent and formulas


def test_percent_and_formula_cells_as_excel_means_them_in_openpyxl_and_libreoffice_files(tmp_path, needs):
    percent = returned(tmp_path, needs, "percent", "SEC_B", {("TGT_OTHER", COL_ACTUAL): (0.318, "0.0%")})
    wrong_unit = returned(tmp_path, needs, "percent-hours", "SEC_A", {("TGT_HOURS", COL_ACTUAL): (0.5, "0%")})
    formula = returned(tmp_path, needs, "formula", "SEC_A", {("TGT_HOURS", COL_ACTUAL): "=1000+1800"})
    lo_percent, lo_wrong_unit, lo_formula = resave_with_libreoffice(tmp_path, percent, wrong_unit, formula)

    for path in (percent, lo_percent):  # 31.8% typed in Excel is stored as 0.318 with a % format
        [record] = parse_sheet(read_sheet(path), needs, LABELS)
        assert (record.target, record.value, record.text) == ("TGT_OTHER", 31.8, "31.8%")

    for path in (wrong_unit, lo_wrong_unit):
        [message] = refused(path, needs)
        letter, heading = cell_of(path, "TGT_HOURS", COL_ACTUAL)
        assert message.startswith(f"{path} シート「{DATA_SHEET}」 セル{letter}（{heading}）: {HOURS}: セルの書式が「%」")
        assert "50% と表示されていますが、この目標値の単位は「時間」です" in message

    # openpyxl saves a formula without its result, as a script does: refused, naming the cell
    [message] = refused(formula, needs)
    letter, heading = cell_of(formula, "TGT_HOURS", COL_ACTUAL)
    assert message == (f"{formula} シート「{DATA_SHEET}」 セル{letter}（{heading}）: {HOURS}: 数式「=1000+1800」の計算結果が"
                       "保存されていません。Excel で開いて上書き保存するか、値を直接入力してください")

    # LibreOffice saves the result: it is used, and the row says so
    [record] = parse_sheet(read_sheet(lo_formula), needs, LABELS)
    assert (record.value, record.text) == (2800.0, "2,800時間")
    assert record.remarks == (f"セル{letter}（{COL_ACTUAL}）は数式「=1000+1800」です。保存されていた計算結果 2,800 を使いました",)


def test_formula_with_an_error_result_is_refused(tmp_path, needs):
    path = returned(tmp_path, needs, "div0", "SEC_A", {("TGT_HOURS", COL_ACTUAL): "=1/0"})
    [lo] = resave_with_libreoffice(tmp_path, path)
    [message] = refused(lo, needs)
    assert "数式「=1/0」の結果がエラー（#DIV/0!）です" in message


def test_dates_fullwidth_digits_commas_and_units(tmp_path, needs):
    path = returned(tmp_path, needs, "mixed", "SEC_A", {("TGT_HOURS", COL_ACTUAL): "２，８００時間削減",
                                                        ("TGT_HOURS", COL_YEAR): dt.datetime(2024, 6, 1),
                                                        ("TGT_POC", COL_ACTUAL): "達成"})
    records = parse_sheet(read_sheet(path), needs, LABELS)
    assert [(r.target, r.fy, r.value, r.status) for r in records] == [("TGT_HOURS", 2024, 2800.0, None),
                                                                     ("TGT_POC", 2024, None, "達成")]
    as_date = returned(tmp_path, needs, "date-value", "SEC_A", {("TGT_HOURS", COL_ACTUAL): dt.datetime(2024, 6, 1)})
    [message] = refused(as_date, needs)
    assert "日付や時刻として入力されています（2024-06-01）" in message


# ---------------------------------------------------------------- messages for a ward clerk


def test_unfilled_template_says_so(tmp_path, needs):
    path = returned(tmp_path, needs, "blank")
    assert refused(path, needs) == [f"{path} シート「{DATA_SHEET}」: 「{COL_ACTUAL}」の列に実績が1件も入力されていません"
                                    "（未記入のテンプレートが返送されたようです）"]


def test_renamed_data_sheet_is_found_by_its_headings_and_a_missing_one_is_named(tmp_path, needs):
    def rename(wb):
        wb[DATA_SHEET].title = "実績"

    renamed = returned(tmp_path, needs, "renamed", "SEC_A", {("TGT_HOURS", COL_ACTUAL): 2000}, edit=rename)
    [record] = parse_sheet(read_sheet(renamed), needs, LABELS)
    assert record.location.sheet == "実績" and record.value == 2000

    def drop(wb):
        del wb[DATA_SHEET]

    dropped = returned(tmp_path, needs, "dropped", edit=drop)
    assert refused(dropped, needs) == [f"{dropped}: シート「{DATA_SHEET}」がありません（このファイルのシート: {HELP_SHEET}）。"
                                       f"シート名を変えた場合は「{DATA_SHEET}」に戻してください"]


def test_deleted_year_column_is_named_once(tmp_path, needs):
    def delete_year(wb):
        ws = wb[DATA_SHEET]
        ws.delete_cols([c.value for c in ws[1]].index(COL_YEAR) + 1)

    path = returned(tmp_path, needs, "noyear", "SEC_A", {("TGT_HOURS", COL_ACTUAL): 2000, ("TGT_POC", COL_ACTUAL): "達成"},
                    edit=delete_year)
    assert refused(path, needs) == [f"{path} シート「{DATA_SHEET}」: 列「{COL_YEAR}」がありません（見出しは 1行目）。"
                                    "列を削除した場合は、元のテンプレートから戻してください"]


def test_years_accepted_are_the_plans_not_the_baseline_year(tmp_path, needs):
    path = returned(tmp_path, needs, "r4", "SEC_A", {("TGT_HOURS", COL_ACTUAL): 1200, ("TGT_HOURS", COL_YEAR): "R4"})
    [message] = refused(path, needs)
    assert message.endswith(f"{HOURS}: 令和4年度は計画の期間外です（報告できる年度: 令和6年度〜令和7年度）")


def test_files_that_are_not_xlsx_are_refused_in_japanese(tmp_path, needs):
    text = tmp_path / "memo.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    old = tmp_path / "old.xlsx"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    assert refused(text, needs) == [f"{text}: Excel ファイル（.xlsx）として読めません（壊れているか、別の形式のファイルです）。"
                                    "Excel で開き「Excel ブック（*.xlsx）」として保存し直してください"]
    assert "古い Excel 形式（.xls）か、パスワードで保護されたファイル" in refused(old, needs)[0]
    assert refused(tmp_path / "missing.xlsx", needs) == [f"{tmp_path / 'missing.xlsx'}: ファイルが見つかりません"]


def test_notes_keep_what_was_typed_and_a_carriage_return_cannot_break_the_store(tmp_path, needs):
    store = tmp_path / "actuals.toml"
    store.write_text("# 手書きのコメント（残ること）\n\n[[actual]]\n# 出典: 002\ntarget = \"TGT_HOURS\"\nfy = 2022\nvalue = 1115\n",
                     encoding="utf-8")
    note = "\t字下げした備考\n2行目"
    path = returned(tmp_path, needs, "note", "SEC_A", {("TGT_HOURS", COL_ACTUAL): 2000, ("TGT_HOURS", COL_NOTE): note})
    records = parse_sheet(read_sheet(path), needs, LABELS)
    assert records[0].note == note  # the leading tab stays
    crlf = tmp_path / "cr.csv"
    crlf.write_bytes(f'{COL_TARGET},{COL_YEAR},{COL_ACTUAL},{COL_NOTE}\r\nTGT_HOURS,R7,2500,"1行目\r2行目"\r\n'.encode("cp932"))
    records += parse_sheet(read_sheet(crlf), needs, LABELS, section_id="SEC_A")
    assert records[1].note == "1行目\r2行目"
    apply_actuals(store, records, needs, grade_labels=LABELS)
    stored = {a.key: a for a in load_actuals(store, needs, LABELS)}
    assert stored[("TGT_HOURS", 2024)].note == note and stored[("TGT_HOURS", 2025)].note == "1行目\r2行目"
    text = store.read_text(encoding="utf-8")
    assert "# 手書きのコメント（残ること）" in text and "# 出典: 002" in text  # tomlkit keeps comments
    assert "\r" not in text


# ---------------------------------------------------------------- ownership, every format


def _csv(path, rows):
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_csv_without_a_section_is_refused_and_another_sections_row_too(tmp_path, needs):
    path = _csv(tmp_path / "r.csv", [[COL_TARGET, COL_YEAR, COL_ACTUAL], ["TGT_OTHER", "R6", "30"]])
    [message] = refused(path, needs)
    assert message == (f"{path}: 報告元の主管課が分かりません。--section で主管課を指定するか、列「{shared_words.OWNER}」を設けて"
                       "主管課の名称を記入してください")
    [message] = refused(path, needs, section_id="SEC_A")
    assert message.endswith("TGT_OTHER）: この目標値は 試験課 の担当ではありません（主管課: 別課）")
    assert [r.value for r in parse_sheet(read_sheet(path), needs, LABELS, section_id="SEC_B")] == [30.0]

    column = _csv(tmp_path / "c.csv", [[shared_words.OWNER, COL_TARGET, COL_YEAR, COL_ACTUAL],
                                       ["試験課", "TGT_OTHER", "R6", "30"], ["人事課", "TGT_HOURS", "R6", "1"]])
    messages = refused(column, needs)
    assert "この目標値は 試験課 の担当ではありません（主管課: 別課）" in messages[0]
    assert messages[1] == f"{column} 3行目 A列（主管課）: {HOURS}: 主管課「人事課」は登録されていません"


def test_xlsx_template_of_one_section_cannot_be_imported_as_another(tmp_path, needs):
    path = returned(tmp_path, needs, "a", "SEC_A", {("TGT_HOURS", COL_ACTUAL): 2000})
    [message] = refused(path, needs, section_id="SEC_B")
    assert message == f"{path} シート「{DATA_SHEET}」: このファイルは 試験課 用のテンプレートですが、--section には 別課 が指定されています"
