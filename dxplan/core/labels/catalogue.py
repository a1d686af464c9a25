"""Reading the catalogue: one TOML file per capability in this folder, every string a template.

- An UPPER_CASE key is a word, or a table or array of words.
- A lower_case key is a message: a template whose `{fields}` the caller fills by keyword
  (`words.unknown_target(target_id=...)`). An array of templates gives a list of lines.
- In any string, `{NAME}` is another word of the same file or of `shared.toml`, and `{file.NAME}`
  a word of another file. Such fields are filled when the file is read, so a wording written once
  is reused everywhere. Literal braces are doubled: `{{` and `}}`.

A wrong reference or a template field that is not a plain name is a CatalogueError at the first
use of the file; tests/test_internals.py reads every file, so it fails before any build does.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent
SHARED = "shared"
_FIELD = re.compile(r"[a-z_][a-z0-9_]*\Z")
_WORD = re.compile(r"(?:([a-z_]+)\.)?(_?[A-Z][A-Z0-9_]*)\Z")


class CatalogueError(ValueError):
    """A catalogue file that cannot be read as written (a developer's mistake, not a user's)."""


class Words:
    """One file of the catalogue: its words as attributes; its messages as functions of keywords."""

    def __init__(self, name: str, entries: dict[str, Any]):
        self.__dict__.update(entries)
        self.__dict__["_file_name"] = name
        self.__dict__["_entries"] = entries

    def __getattr__(self, key: str) -> Any:
        raise AttributeError(f"labels/{self._file_name}.toml has no entry {key!r}")

    def entries(self) -> dict[str, Any]:
        return dict(self._entries)


@cache
def _raw(name: str) -> dict[str, Any]:
    path = FOLDER / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{path}: {exc}") from None


def _word(reference: str, name: str, trail: tuple[str, ...]) -> str:
    """The resolved text of `{NAME}` or `{file.NAME}` as seen from the file `name`."""
    match = _WORD.match(reference)
    if not match:
        raise CatalogueError(f"labels/{name}.toml: {{{reference}}} is neither a word nor a plain field")
    files = [match[1]] if match[1] else [name, SHARED]
    for file in files:
        if match[2] in _raw(file):
            if (file, match[2]) in trail:
                raise CatalogueError(f"labels/{name}.toml: {match[2]} refers to itself")
            value = _resolve(_raw(file)[match[2]], file, (*trail, (file, match[2])))
            if not isinstance(value, str):
                raise CatalogueError(f"labels/{name}.toml: {{{reference}}} is not a text")
            return value.replace("{", "{{").replace("}", "}}")
    raise CatalogueError(f"labels/{name}.toml: no word {reference} (in {' or '.join(files)})")


def _resolve(value: Any, name: str, trail: tuple[str, ...] = ()) -> Any:
    """`value` with its words filled in; the caller's fields stay as `{field}`."""
    if isinstance(value, list):
        return [_resolve(item, name, trail) for item in value]
    if isinstance(value, dict):
        return {key: _resolve(item, name, trail) for key, item in value.items()}
    if not isinstance(value, str):
        return value
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(value):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is None:
            continue
        if spec or conversion or not field:
            raise CatalogueError(f"labels/{name}.toml: write {{{field}}} without a format or conversion")
        out.append("{" + field + "}" if _FIELD.match(field) else _word(field, name, trail))
    return "".join(out)


def _message(template: str | list[str]) -> Callable[..., Any]:
    if isinstance(template, list):
        return lambda **parts: [line.format(**parts) for line in template]
    return template.format


def _final(value: Any) -> Any:
    """A word as code uses it: the text itself, with doubled braces made single."""
    if isinstance(value, list):
        return tuple(_final(item) for item in value)
    if isinstance(value, dict):
        return {key: _final(item) for key, item in value.items()}
    if not isinstance(value, str):
        return value
    try:
        return value.format()
    except (KeyError, IndexError):
        raise CatalogueError(f"a word has a field to fill: {value}") from None


@cache
def load(name: str) -> Words:
    """The file labels/<name>.toml, read and checked."""
    entries = {}
    for key, value in _raw(name).items():
        resolved = _resolve(value, name, ((name, key),))
        if key.isupper():
            entries[key] = _final(resolved)
        elif _FIELD.match(key) and isinstance(resolved, (str, list)):
            entries[key] = _message(resolved)
        else:
            raise CatalogueError(f"labels/{name}.toml: {key} is neither a WORD nor a message of text")
    return Words(name, entries)


def files() -> list[str]:
    return sorted(path.stem for path in FOLDER.glob("*.toml"))
