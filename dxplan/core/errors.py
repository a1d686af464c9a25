"""Errors that name where the bad input is: file, line (or row and column), object."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dxplan.core.labels import errors as words


@dataclass(frozen=True)
class SourceLocation:
    file: str
    line: int | None = None
    column: str | None = None
    sheet: str | None = None
    header: str | None = None  # a spreadsheet column's heading, named beside its letter

    def __str__(self) -> str:
        where = self.file
        if self.header is not None and self.line is not None:  # a cell, said as the clerk sees it
            cell = (words.in_cell(self.sheet, self.column, self.line) if self.sheet
                    else words.at_row_and_column(row=self.line, column=self.column))
            return f"{where}{cell}（{self.header}）"
        if self.sheet:
            where += words.in_sheet(sheet=self.sheet)
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += words.in_column(column=self.column)
        return where


class DataError(ValueError):
    """Bad input data: the message names the location and the object (`label`: how to name it
    to a reader, e.g. a target's wording beside its ID)."""

    def __init__(self, location: SourceLocation, object_id: str | None, message: str, label: str | None = None):
        self.location = location
        self.object_id = object_id
        self.message = message
        named = label or object_id
        obj = f" {named}:" if named else ""
        super().__init__(f"{location}:{obj} {message}")


class DataErrors(ValueError):
    """Every error found in one input, reported at once."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def parse_toml(path, text: str) -> dict:
    """TOML text as data; a syntax error raises DataErrors at the line TOML names (or the last line)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        number = int(line.group(1)) if line else len(text.splitlines()) if "end of document" in str(exc) else None
        raise DataErrors([DataError(SourceLocation(str(path), number), None,
                                    words.toml_syntax(error=exc))]) from None


def read_toml_records(path, table: str, text: str | None = None) -> tuple[dict, list[tuple[dict, SourceLocation]]]:
    """A data file of `[[table]]` entries: (the whole document, each entry with its location).

    tomllib gives no positions, so the n-th `[[table]]` header line locates the n-th entry.
    An unreadable file raises DataErrors naming the file and, where TOML says it, the line.
    `text` is the file's content when it is not (yet) on disk under `path`.
    """
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise DataErrors([DataError(SourceLocation(str(path)), None, words.NOT_UTF8)]) from None
        except IsADirectoryError:
            raise DataErrors([DataError(SourceLocation(str(path)), None, words.A_FOLDER)]) from None
        except OSError as exc:
            raise DataErrors([DataError(SourceLocation(str(path)), None, words.unreadable(reason=exc.strerror))]) from None
    data = parse_toml(path, text)
    headers = [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == f"[[{table}]]"]
    entries = data.get(table, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        line = next((i for i, text_line in enumerate(text.splitlines(), 1)
                     if text_line.strip().startswith(table)), None)
        raise DataErrors([DataError(SourceLocation(str(path), line), None,
                                    words.not_a_table_array(table=table))])
    return data, [(entry, SourceLocation(str(path), headers[i] if i < len(headers) else None))
                  for i, entry in enumerate(entries)]


def load_records(path, table: str, *, required: tuple[str, ...], optional: tuple[str, ...] = (),
                 key: tuple[str, ...] | None = None, id_key: str | None = None,
                 check=None, text: str | None = None) -> list[tuple[dict, SourceLocation]]:
    """The one loader of needs/ TOML records: the `[[table]]` entries, each with its location.

    Every entry has its `required` keys as non-empty strings and no key beyond `optional`; the
    file has no other table; no two entries share the `key` fields; `check(entry)` lists further
    problems. Every problem in the file is reported at once (file, line, the entry's `id_key`).
    A file that does not exist holds no records.
    """
    if text is None and not Path(path).exists():
        return []
    data, records = read_toml_records(path, table, text)
    errors: list[DataError] = []
    if set(data) - {table}:
        errors.append(DataError(SourceLocation(str(path)), None,
                                words.unknown_tables(sorted(set(data) - {table}))))
    good, seen = [], {}
    for entry, where in records:
        object_id = entry.get(id_key) if id_key and isinstance(entry.get(id_key), str) else None
        problems = [words.missing(what=k) for k in required if not isinstance(entry.get(k), str) or not entry[k].strip()]
        if unknown := sorted(set(entry) - {*required, *optional}):
            problems.append(words.unknown_keys(unknown))
        if not problems and check:
            problems += check(entry)
        identity = tuple(entry.get(k) for k in key) if key else None
        if not problems and identity in seen:
            problems.append(words.duplicate(first=seen[identity]))
        if problems:
            errors.extend(DataError(where, object_id, p) for p in problems)
            continue
        if identity is not None:
            seen[identity] = where
        good.append((entry, where))
    if errors:
        raise DataErrors(errors)
    return good
