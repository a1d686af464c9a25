"""`dxplan excel import`: read a returned sheet (.xlsx, or CSV in UTF-8 / CP932), validate every
row, and hand the records to the store, which writes all of them or none.

NFKC is applied only to ID, year and number cells; notes keep what the section typed.
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

from dxplan import model
from dxplan.errors import DataError, DataErrors, SourceLocation
from dxplan.excel import COL_ACTUAL, COL_NOTE, COL_TARGET, COL_YEAR, DATA_SHEET, META_SHEET
from dxplan.fiscal import FiscalYearError, parse_fiscal_year
from dxplan.model import Need, Needs
from dxplan.store import Actual, validate_actual

_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)(.*)$")


@dataclass(frozen=True)
class Sheet:
    """Rows of cells as read, with where they came from."""

    file: str
    sheet: str | None
    rows: list[list[object]]
    section_id: str | None
    digest: str


def read_sheet(path: Path) -> Sheet:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise DataErrors([DataError(SourceLocation(str(path)), None, f"Excel ファイルとして読めません: {exc}")]) from None
        ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        section = None
        if META_SHEET in wb.sheetnames:
            meta = {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True) if r and r[0]}
            section = meta.get("section") or None
        return Sheet(str(path), ws.title, rows, section, digest)
    if path.suffix.lower() == ".csv":
        for encoding in ("utf-8-sig", "cp932"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DataErrors([DataError(SourceLocation(str(path)), None,
                                        "文字コードを判別できません（UTF-8 または Shift_JIS(CP932) で保存してください）")])
        return Sheet(str(path), None, [list(r) for r in csv.reader(io.StringIO(text))], None, digest)
    raise DataErrors([DataError(SourceLocation(str(path)), None, "対応していない形式です（.xlsx または .csv）")])


def _nfkc(value: object) -> str:
    return unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()


def _tail_after_unit(target: Need) -> str:
    """The word after the number and unit in the target's wording: 2,800時間削減 → 削減."""
    unit = target.get("target_unit") or ""
    title = unicodedata.normalize("NFKC", target["title"])
    index = title.rfind(unit) if unit else -1
    return title[index + len(unit):] if index >= 0 else ""


def parse_number(cell: object, target: Need) -> tuple[float | None, str | None]:
    """(value, None) or (None, Japanese message). 「２，８００時間」 → 2800."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell), None
    text = _nfkc(cell).replace(",", "").replace(" ", "")
    match = _NUMBER.match(text)
    if not match:
        return None, f"数値として読めません: {cell!r}"
    unit = unicodedata.normalize("NFKC", target.get("target_unit") or "")
    suffix = match.group(2)
    allowed = {"", unit, unit + _tail_after_unit(target)} if unit else {""}
    if suffix not in allowed:
        return None, f"単位が目標と違います: {suffix}（目標の単位: {target.get('target_unit')}）"
    return float(match.group(1)), None


def _find_header(rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:10]):
        names = [str(c).strip() if c is not None else "" for c in row]
        if COL_TARGET in names and COL_ACTUAL in names:
            return index, {name: names.index(name) for name in (COL_TARGET, COL_YEAR, COL_ACTUAL, COL_NOTE)
                           if name in names}
    return None


def _resolve_target(needs: Needs, raw: str) -> Need | None:
    need = needs.get(raw)
    if need and need.get("type") == model.TARGET:
        return need
    if need and need.get("type") == model.KPI:  # a KPI with a single target stands for it
        targets = model.linked(needs, need, "kpi", back=True)
        return targets[0] if len(targets) == 1 else None
    return None


def parse_sheet(sheet: Sheet, needs: Needs, grade_labels: list[str], *, section_id: str | None = None,
                default_fy: int | None = None, reporter: str | None = None) -> list[Actual]:
    """Every row checked; all errors raised together (file, sheet, row, column, ID, message)."""
    section_id = section_id or sheet.section_id
    header = _find_header(sheet.rows)
    if header is None:
        raise DataErrors([DataError(SourceLocation(sheet.file, sheet=sheet.sheet), None,
                                    f"見出し行（「{COL_TARGET}」と「{COL_ACTUAL}」）が見つかりません")])
    header_index, cols = header
    allowed = {t["id"] for t in model.targets_of_section(needs, section_id)} if section_id else None
    errors: list[DataError] = []
    records: list[Actual] = []
    seen: dict[tuple[str, int], int] = {}
    now = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    for index, row in enumerate(sheet.rows[header_index + 1:], start=header_index + 2):
        def cell(name: str) -> object:
            col = cols.get(name)
            return row[col] if col is not None and col < len(row) else None

        def where(name: str) -> SourceLocation:
            return SourceLocation(sheet.file, index, get_column_letter(cols.get(name, 0) + 1), sheet.sheet)

        raw_actual, note = cell(COL_ACTUAL), cell(COL_NOTE)
        raw_id = _nfkc(cell(COL_TARGET))
        if raw_actual is None or str(raw_actual).strip() == "":
            continue  # nothing reported on this row
        target = _resolve_target(needs, raw_id)
        if target is None:
            errors.append(DataError(where(COL_TARGET), raw_id or None, f"未知の目標値 ID です: {raw_id!r}"))
            continue
        if allowed is not None and target["id"] not in allowed:
            errors.append(DataError(where(COL_TARGET), target["id"], f"この目標値は {section_id} の担当ではありません"))
            continue
        raw_year = cell(COL_YEAR)
        try:
            fy = parse_fiscal_year(_nfkc(raw_year)) if raw_year not in (None, "") else default_fy
        except FiscalYearError as exc:
            errors.append(DataError(where(COL_YEAR), target["id"], str(exc)))
            continue
        if fy is None:
            errors.append(DataError(where(COL_YEAR), target["id"], "報告年度がありません"))
            continue
        value = status = text = None
        if target.get("target_value") is not None:
            value, problem = parse_number(raw_actual, target)
            if problem:
                errors.append(DataError(where(COL_ACTUAL), target["id"], problem))
                continue
            text = f"{model.format_number(value)}{target.get('target_unit') or ''}"
        else:
            status = str(raw_actual).strip()
        record = Actual(target["id"], fy, value=value, text=text, status=status,
                        note=str(note).strip() if note not in (None, "") else None,
                        reported_by=reporter, reported_at=now, source_file=Path(sheet.file).name,
                        source_hash=sheet.digest, location=where(COL_ACTUAL))
        for problem in validate_actual(record, needs, grade_labels):
            errors.append(DataError(where(COL_YEAR if "年度" in problem else COL_ACTUAL), target["id"], problem))
        key = (target["id"], fy)
        if key in seen:
            errors.append(DataError(where(COL_TARGET), target["id"], f"同じ目標値・年度の行が重複しています（{seen[key]}行目）"))
            continue
        seen[key] = index
        records.append(record)
    if errors:
        raise DataErrors(errors)
    return records
