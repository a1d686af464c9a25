"""Errors that name where the bad input is: file, line (or row and column), object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLocation:
    file: str
    line: int | None = None
    column: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where += f" [{self.sheet}]"
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f" 列{self.column}"
        return where


class DataError(ValueError):
    """Bad input data: the message names the location and the object."""

    def __init__(self, location: SourceLocation, object_id: str | None, message: str):
        self.location = location
        self.object_id = object_id
        self.message = message
        obj = f" {object_id}:" if object_id else ""
        super().__init__(f"{location}:{obj} {message}")


class DataErrors(ValueError):
    """Every error found in one input, reported at once."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
