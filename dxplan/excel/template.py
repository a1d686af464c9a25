"""`dxplan excel template`: a fresh workbook for one section and one fiscal year."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dxplan.core import model
from dxplan.core.exports import header_footer_text, safe_cell, safe_row, write_atomic
from dxplan.core.fiscal import format_fiscal_year
from dxplan.core.labels import NOT_REPORTED
from dxplan.core.labels import excel as words
from dxplan.core.labels.excel import (COL_ACTUAL, COL_KPI, COL_NOTE, COL_TARGET, COL_YEAR, DATA_SHEET, HELP_SHEET, META_SHEET)
from dxplan.core.model import Needs
from dxplan.core.store import Actual
from dxplan.core import labels as shared_words

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")


def build_template(needs: Needs, section_id: str | None, section_name: str, fy: int,
                   actuals: list[Actual], grade_labels: list[str]) -> Workbook:
    targets = model.targets_of_section(needs, section_id)
    by_key = {(a.target, a.fy): a for a in actuals}
    earlier = sorted({a.fy for a in actuals if a.fy < fy and a.target in {t["id"] for t in targets}})

    wb = Workbook()
    help_ws = wb.active
    help_ws.title = HELP_SHEET
    lines = words.help_sheet(section_name, format_fiscal_year(fy), grade_labels, len(targets))
    for i, line in enumerate(lines, 1):
        help_ws.cell(row=i, column=1, value=safe_cell(line))
    help_ws["A1"].font = Font(bold=True, size=14)
    help_ws.column_dimensions["A"].width = 110
    help_ws.protection.sheet = True

    ws = wb.create_sheet(DATA_SHEET)
    headers = [COL_TARGET, COL_KPI, shared_words.MEASURE, shared_words.TARGET_AS_WRITTEN, shared_words.TARGET_YEAR, shared_words.UNIT, shared_words.BASELINE_VALUE,
               *[words.earlier_actual_heading(year=format_fiscal_year(y)) for y in earlier], COL_YEAR, COL_ACTUAL, COL_NOTE]
    ws.append(safe_row(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    numeric = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                             showErrorMessage=True, errorTitle=words.NUMBER_REQUIRED_TITLE,
                             error=words.NUMBER_REQUIRED)
    status_list = DataValidation(type="list", formula1=f'"{",".join(grade_labels)}"', allow_blank=True,
                                 showErrorMessage=True, errorTitle=words.GRADE_REQUIRED_TITLE,
                                 error=words.choose_a_grade(grade_labels))
    ws.add_data_validation(numeric)
    ws.add_data_validation(status_list)
    actual_col = headers.index(COL_ACTUAL) + 1
    for target in targets:
        kpi = model.linked(needs, target, "kpi")[0]
        row = [target["id"], kpi["title"], kpi.get("measure_group") or "", target["title"],
               format_fiscal_year(target["target_fy"]) if target.get("target_fy") else "",
               target.get("target_unit") or words.NO_NUMBER, model.baseline_summary(target) or words.NO_BASELINE]
        for year in earlier:
            old = by_key.get((target["id"], year))
            row.append((old.text or old.value or old.status) if old else NOT_REPORTED)
        row += [format_fiscal_year(fy), None, None]
        ws.append([safe_cell(v) if v is not None else None for v in row])
        r = ws.max_row
        for col in (actual_col, actual_col + 1):
            cell = ws.cell(row=r, column=col)
            cell.fill = INPUT_FILL
            cell.protection = Protection(locked=False)
        ref = f"{get_column_letter(actual_col)}{r}"
        (numeric if target.get("target_value") is not None else status_list).add(ref)
    widths = [24, 28, 12, 30, 12, 10, 22, *[14] * len(earlier), 12, 18, 30]
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "B2"
    ws.protection.sheet = True
    ws.protection.formatRows = False  # row height may change; cells stay locked
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = header_footer_text(words.print_header(section=section_name, year=format_fiscal_year(fy)))
    ws.oddFooter.center.text = "&P / &N"

    meta = wb.create_sheet(META_SHEET)
    meta.append(safe_row(["section", section_id or ""]))
    meta.append(safe_row(["fy", fy]))
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.active = 1
    return wb


def write_template(path: Path, workbook: Workbook) -> None:
    """Always a new file: a returned workbook is never saved over."""
    if path.exists():
        raise FileExistsError(words.template_exists(path=path))
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomic(path, buffer.getvalue())
