"""The messages of bad input: a data file, the configuration or a command's argument that is wrong.

Each names what is wrong and, where the reader must act, ends with what to write instead.

The words and the messages that only fill in their parts are data (errors.toml); the
messages here choose their words."""

from __future__ import annotations

from collections.abc import Iterable
from dxplan.core.labels.catalogue import load

#: The words and templates of errors.toml; callers read them as this module's names.
words = load("errors")
globals().update(words.entries())


def in_cell(sheet: str, column: str, row: int) -> str:
    """A spreadsheet cell as the clerk sees it: シート「実績」 セルC4."""
    return f"{words.in_sheet(sheet=sheet)} セル{column}{row}"


def unknown_tables(names) -> str:
    return f"未知の表があります: {', '.join(names)}"


def unknown_keys(keys: Iterable[str]) -> str:
    return f"未知の項目があります: {', '.join(sorted(keys))}"


def write_as_not(type_name: str, found: str) -> str:
    return f"{words.write_as(type_name=type_name)}（{found} になっています）"


def write_as_value(type_name: str, value: object) -> str:
    return f"{words.write_as(type_name=type_name)}（値: {value}）"


def unknown_setting(key: str, allowed) -> str:
    return f"未知の設定「{key}」です（使える設定: {', '.join(allowed)}）"
