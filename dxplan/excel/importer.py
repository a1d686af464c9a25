"""`dxplan excel import`: read a returned sheet (.xlsx, or CSV in UTF-8 / CP932), validate every
row, and hand the records to the store, which writes all of them or none.

Cells are read as Excel means them: a number shown with a % format is a percentage, a formula
counts by its saved result (and the report says so), a formula with no saved result is refused.
NFKC is applied only to ID, year and number cells; notes keep exactly what the section typed.
Every message names the file, the sheet, the cell (letter and heading) and the target by name.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation
from dxplan.core.fiscal import FiscalYearError, parse_fiscal_year
from dxplan.core.labels import excel as words
from dxplan.core.labels.excel import (COL_ACTUAL, COL_NOTE, COL_TARGET, COL_YEAR, DATA_SHEET, META_SHEET)
from dxplan.core.model import Need, Needs
from dxplan.core.store import Actual, format_amount, validate_actual
from dxplan.core import labels as shared_words

_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)(.*)$")
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls, or an .xlsx locked with a password
_REQUIRED = (COL_TARGET, COL_YEAR, COL_ACTUAL)


@dataclass(frozen=True)
class Cell:
    """A cell as Excel means it: the value it shows (a formula's saved result), its formula, and
    whether a number is shown as a percentage."""

    value: object = None
    formula: str | None = None
    percent: bool = False

    @property
    def empty(self) -> bool:
        return self.formula is None and (self.value is None or str(self.value).strip() == "")


@dataclass(frozen=True)
class Sheet:
    """Rows of cells as read, with where they came from."""

    file: str
    sheet: str | None  # None for CSV
    rows: list[list[Cell]]
    section_id: str | None  # from the template's hidden sheet: "" for the unassigned template, None: not said
    digest: str


def _refuse(path: Path | str, message: str, sheet: str | None = None) -> DataErrors:
    return DataErrors([DataError(SourceLocation(str(path), sheet=sheet), None, message)])


def _is_percent(number_format: str | None) -> bool:
    """'0.0%' and the like; a % inside quotes, after a backslash or in [brackets] is literal text."""
    return "%" in re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format or "")


def _open_workbook(path: Path, data: bytes, data_only: bool):
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), data_only=data_only, read_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a file it cannot read
        if data.startswith(_OLE_MAGIC):
            raise _refuse(path, words.LEGACY_OR_LOCKED) from None
        raise _refuse(path, words.NOT_AN_XLSX) from None


def _worksheet_rows(ws) -> list[list[object]]:
    ws.reset_dimensions()  # a script-written file may state no (or a wrong) used range
    return [list(row) for row in ws.iter_rows()]


def _read_xlsx(path: Path, data: bytes, digest: str) -> Sheet:
    values = _open_workbook(path, data, data_only=True)
    formulas = _open_workbook(path, data, data_only=False)
    names = [name for name in values.sheetnames if name != META_SHEET]
    if DATA_SHEET in names:
        name = DATA_SHEET
    else:  # a renamed data sheet is still found by its heading row
        found = [n for n in names if _find_header([[Cell(c.value) for c in r] for r in _worksheet_rows(values[n])[:10]])]
        if len(found) != 1:
            raise _refuse(path, words.no_data_sheet(names))
        name = found[0]
    rows = []
    for value_row, formula_row in zip(_worksheet_rows(values[name]), _worksheet_rows(formulas[name])):
        row = []
        for value_cell, formula_cell in zip(value_row, formula_row):
            formula = None
            if getattr(formula_cell, "data_type", None) == "f":
                raw = formula_cell.value
                formula = getattr(raw, "text", None) or str(raw)  # an array formula keeps its text in .text
            value = value_cell.value
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            row.append(Cell(value, formula, number and _is_percent(getattr(value_cell, "number_format", None))))
        rows.append(row)
    section = None
    if META_SHEET in values.sheetnames:
        meta = {r[0].value: r[1].value if len(r) > 1 else None for r in _worksheet_rows(values[META_SHEET]) if r and r[0].value}
        if "section" in meta:
            section = str(meta["section"] or "")
    return Sheet(str(path), name, rows, section, digest)


def read_sheet(path: Path) -> Sheet:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _refuse(path, words.FILE_NOT_FOUND) from None
    except OSError:
        raise _refuse(path, words.FILE_IN_USE) from None
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() == ".xls":
        raise _refuse(path, words.LEGACY_XLS)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, data, digest)
    if path.suffix.lower() == ".csv":
        for encoding in ("utf-8-sig", "cp932"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise _refuse(path, words.UNKNOWN_ENCODING)
        rows = [[Cell(value) for value in row] for row in csv.reader(io.StringIO(text, newline=""))]
        return Sheet(str(path), None, rows, None, digest)
    raise _refuse(path, words.UNSUPPORTED_FORMAT)


def _nfkc(value: object) -> str:
    return unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()


def _shown(value: object) -> str:
    """A cell's value as the clerk would read it (no Python spelling such as 2800.0)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return model.format_number(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _tail_after_unit(target: Need) -> str:
    """The word after the number and unit in the target's wording: 2,800時間削減 → 削減."""
    unit = target.get("target_unit") or ""
    title = unicodedata.normalize("NFKC", target["title"])
    index = title.rfind(unit) if unit else -1
    return title[index + len(unit):] if index >= 0 else ""


def parse_number(cell: Cell | object, target: Need) -> tuple[float | None, str | None]:
    """(value, None) or (None, Japanese message). 「２，８００時間」 → 2800; 0.318 shown as 31.8% → 31.8."""
    if not isinstance(cell, Cell):
        cell = Cell(cell)
    value, unit = cell.value, target.get("target_unit") or ""
    if isinstance(value, bool):
        return None, words.not_a_number("TRUE" if value else "FALSE")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return None, words.date_not_a_number(shown=_shown(value))
    if isinstance(value, (int, float)):
        if not cell.percent:
            return float(value), None
        percent = round(value * 100, 10)
        if unicodedata.normalize("NFKC", unit) != "%":
            return None, words.percent_format_for_another_unit(model.format_number(percent), unit)
        return percent, None
    text = _nfkc(value).replace(",", "").replace(" ", "")
    match = _NUMBER.match(text)
    if not match:
        return None, words.not_a_number(str(value), example=format_amount(2800, unit))
    unit = unicodedata.normalize("NFKC", unit)
    suffix = match.group(2)
    allowed = {"", unit, unit + _tail_after_unit(target)} if unit else {""}
    if suffix not in allowed:
        return None, words.unit_differs(suffix, target.get("target_unit"))
    return float(match.group(1)), None


def _find_header(rows: list[list[Cell]]) -> tuple[int, dict[str, int]] | None:
    """The heading row (within the first ten): its index and each heading's column."""
    known = {_nfkc(name): name for name in (COL_TARGET, COL_YEAR, COL_ACTUAL, COL_NOTE, shared_words.OWNER)}
    for index, row in enumerate(rows[:10]):
        names = [known.get(_nfkc(c.value), _nfkc(c.value)) for c in row]  # （） typed as () still match
        if COL_TARGET in names and COL_ACTUAL in names:
            return index, {name: names.index(name) for name in names if name}
    return None


def _resolve_target(needs: Needs, raw: str) -> Need | None:
    need = needs.get(raw)
    if need and need.get("type") == model.TARGET:
        return need
    if need and need.get("type") == model.KPI:  # a KPI with a single target stands for it
        targets = model.linked(needs, need, "kpi", back=True)
        return targets[0] if len(targets) == 1 else None
    return None


def target_label(needs: Needs, target: Need) -> str:
    """How a clerk knows a target: its KPI's name and its wording, then the ID."""
    kpis = model.linked(needs, target, "kpi")
    return words.target_label(kpis[0].get("title") if kpis else None, target["title"], target["id"])


def _fiscal_year(value: object) -> int:
    if isinstance(value, (dt.datetime, dt.date)):  # Excel turned 2024/4/1 into a date: the year it falls in
        return value.year if value.month >= 4 else value.year - 1
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return parse_fiscal_year(value if isinstance(value, int) else _nfkc(value))


def _file_section(sheet: Sheet, cols: dict[str, int], needs: Needs, section_id: str | None) -> tuple[str | None, str | None]:
    """(the section the whole file reports for, or None when a 主管課 column says it per row; a problem)."""
    declared = sheet.section_id
    if section_id is not None and declared is not None and section_id != declared:
        return None, words.template_of_other_section(template_section=model.section_title(needs, declared), given_section=model.section_title(needs, section_id))
    chosen = section_id if section_id is not None else declared
    if chosen is None and shared_words.OWNER not in cols:
        return None, words.REPORTER_UNKNOWN
    return chosen, None


def parse_sheet(sheet: Sheet, needs: Needs, grade_labels: list[str], *, section_id: str | None = None,
                reporter: str | None = None) -> list[Actual]:
    """Every row checked; all errors raised together (file, sheet, cell and heading, target, message).

    `section_id` is the section the file reports for (--section); an .xlsx template says it itself,
    a CSV says it in a 主管課 column or through --section. A row for another section's target is refused.
    """
    header = _find_header(sheet.rows)
    if header is None:
        seen = {_nfkc(c.value) for row in sheet.rows[:10] for c in row}
        missing = [name for name in (COL_TARGET, COL_ACTUAL) if _nfkc(name) not in seen]
        raise _refuse(sheet.file, words.no_heading_row(missing), sheet.sheet)
    header_index, cols = header
    missing = [name for name in _REQUIRED if name not in cols]
    if missing:
        raise _refuse(sheet.file, words.missing_columns(missing, header_index + 1), sheet.sheet)
    file_section, problem = _file_section(sheet, cols, needs, section_id)
    if problem:
        raise _refuse(sheet.file, problem, sheet.sheet)
    errors: list[DataError] = []
    records: list[Actual] = []
    seen: dict[tuple[str, int], int] = {}
    now = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    for index, row in enumerate(sheet.rows[header_index + 1:], start=header_index + 2):
        def where(name: str) -> SourceLocation:
            return SourceLocation(sheet.file, index, get_column_letter(cols[name] + 1), sheet.sheet, name)

        remarks: list[str] = []
        read_problems: list[DataError] = []

        def value(name: str) -> object:
            """The cell's value as Excel shows it; a formula is used by its saved result."""
            col = cols.get(name)
            cell = row[col] if col is not None and col < len(row) else Cell()
            if cell.formula is None:
                return cell.value
            at = where(name)
            if cell.value is None:
                read_problems.append(DataError(at, None, words.formula_result_not_saved(cell.formula)))
            elif isinstance(cell.value, str) and cell.value.startswith("#"):
                read_problems.append(DataError(at, None, words.formula_result_is_error(cell.formula, cell.value)))
                return None
            else:
                remarks.append(words.formula_result_used(at.column, index, name, cell.formula, _shown(cell.value)))
            return cell.value

        actual_col = cols[COL_ACTUAL]
        actual_cell = row[actual_col] if actual_col < len(row) else Cell()
        if actual_cell.empty:
            continue  # nothing reported on this row
        raw_id = _nfkc(value(COL_TARGET))
        target = _resolve_target(needs, raw_id)
        if target is None:
            message = words.unknown_target(target_id=raw_id) if raw_id else words.EMPTY_TARGET_ID
            errors.extend([*read_problems, DataError(where(COL_TARGET), None, message)])
            continue
        label = target_label(needs, target)
        row_section = file_section
        if shared_words.OWNER in cols and _nfkc(value(shared_words.OWNER)):
            named = model.section_named(needs, _nfkc(value(shared_words.OWNER)))
            if named is None:
                errors.append(DataError(where(shared_words.OWNER), target["id"], words.unknown_section(name=_nfkc(value(shared_words.OWNER))),
                                        label))
                continue
            if file_section is not None and named["id"] != file_section:
                errors.append(DataError(where(shared_words.OWNER), target["id"], words.row_of_other_section(named=named["title"], file_section=model.section_title(needs, file_section)), label))
                continue
            row_section = named["id"]
        elif file_section is None:
            errors.append(DataError(where(shared_words.OWNER), target["id"], words.EMPTY_SECTION, label))
            continue
        if target["id"] not in {t["id"] for t in model.targets_of_section(needs, row_section or None)}:
            owners = [s["title"] for s in model.owning_sections(needs, target)]
            errors.append(DataError(where(COL_TARGET), target["id"],
                                    words.not_owned_by(model.section_title(needs, row_section), owners), label))
            continue
        raw_year = value(COL_YEAR)
        if raw_year is None or _nfkc(raw_year) == "":
            errors.extend([*read_problems, DataError(where(COL_YEAR), target["id"], words.EMPTY_YEAR, label)])
            continue
        try:
            fy = _fiscal_year(raw_year)
        except FiscalYearError as exc:
            errors.append(DataError(where(COL_YEAR), target["id"], str(exc), label))
            continue
        reported = value(COL_ACTUAL)
        note = value(COL_NOTE)
        if read_problems:
            errors.extend(DataError(e.location, target["id"], e.message, label) for e in read_problems)
            continue
        number = status = text = None
        if target.get("target_value") is not None:
            number, problem = parse_number(Cell(reported, percent=actual_cell.percent), target)
            if problem:
                errors.append(DataError(where(COL_ACTUAL), target["id"], problem, label))
                continue
            text = format_amount(number, target.get("target_unit"))
        elif actual_cell.percent and isinstance(reported, (int, float)):
            status = f"{model.format_number(round(reported * 100, 10))}%"  # shown as such; refused as a grade
        else:
            status = _shown(reported).strip()
        if isinstance(note, (dt.datetime, dt.date)) or (note is not None and not isinstance(note, str)):
            note = _shown(note)
        record = Actual(target["id"], fy, value=number, text=text, status=status,
                        note=note if note and note.strip() else None,
                        reported_by=reporter, reported_at=now, source_file=Path(sheet.file).name,
                        source_hash=sheet.digest, location=where(COL_ACTUAL), remarks=tuple(remarks))
        problems = validate_actual(record, needs, grade_labels, reporting=True)
        for problem in problems:
            errors.append(DataError(where(COL_YEAR if problem.field == "fy" else COL_ACTUAL), target["id"],
                                    problem.message, label))
        key = (target["id"], fy)
        if key in seen:
            errors.append(DataError(where(COL_TARGET), target["id"],
                                    words.duplicate_row(first_row=seen[key]), label))
            continue
        seen[key] = index
        if not problems:
            records.append(record)
    if errors:
        raise DataErrors(errors)
    if not records:
        raise _refuse(sheet.file, words.EMPTY_TEMPLATE_RETURNED, sheet.sheet)
    return records
