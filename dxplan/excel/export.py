"""Exports for the committee and the public: matrices and progress tables as .xlsx and CSV."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dxplan.core.exports import header_footer_text, safe_cell, safe_row
from dxplan.core.labels import excel as words
from dxplan.core import labels as shared_words


def table_workbook(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                   about: Sequence[tuple[str, str]] = ()) -> bytes:
    """One formatted, print-ready sheet (A4 landscape, header row repeated, fit to width); with
    `about` (項目, 内容), a second sheet 説明 and the document properties carry the metadata."""
    wb = Workbook()
    ws = wb.active
    ws.title = re.sub(words.SHEET_NAME_FORBIDDEN, shared_words.WORD_SEPARATOR, title)[:31]
    ws.append(safe_row(headers))
    for row in rows:
        ws.append(safe_row(row))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, header in enumerate(headers, 1):
        longest = max([len(str(header))] + [len(str(r[i - 1])) for r in rows if i - 1 < len(r)])
        ws.column_dimensions[get_column_letter(i)].width = min(max(8, longest * 1.8), 60)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.oddHeader.center.text = header_footer_text(title)
    ws.oddFooter.center.text = "&P / &N"
    if about:
        info = dict(about)
        wb.properties.title = title
        wb.properties.creator = info.get(shared_words.GENERATED_BY)
        wb.properties.description = "; ".join(f"{key}: {value}" for key, value in about)
        wb.properties.subject = info.get(shared_words.LICENCE)
        wb.properties.keywords = info.get(shared_words.MUNICIPALITY_CODE)
        sheet = wb.create_sheet(shared_words.DESCRIPTION)
        sheet.append([shared_words.ITEM, shared_words.CONTENT])
        for key, value in about:
            sheet.append([safe_cell(key), safe_cell(value)])
        sheet.column_dimensions["A"].width = 20
        sheet.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
