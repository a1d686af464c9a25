"""Fiscal years and dates: the era names, 年度 and date wording, and what a year may be typed as.

The words and the messages that only fill in their parts are data (fiscal.toml); the
messages here choose their words."""

from __future__ import annotations

from dxplan.core import labels as shared_words
from dxplan.core.labels.catalogue import load

#: The words and templates of fiscal.toml; callers read them as this module's names.
words = load("fiscal")
globals().update(words.entries())


def era_year(era: str, number: int | str) -> str:
    """令和7, 令和元: a year within its era, 元 for the first."""
    return f"{era}{shared_words.FIRST_YEAR if number == 1 else number}"


def calendar_date(year_text: str | int, month: int, day: int) -> str:
    return f"{words.calendar_month(year_text=year_text, month=month)}{day}{words.DAY}"


def not_a_fiscal_year(value: object, why: str = "") -> str:
    """A value that cannot be read as a fiscal year, with why (or the spellings accepted)."""
    return f"年度として解釈できません: 「{value}」{why}"
