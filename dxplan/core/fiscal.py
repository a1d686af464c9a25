"""Fiscal years (年度): parse every accepted spelling, display in 和暦.

A fiscal year is stored as its Western start year: 令和7年度 = 2025 (April 2025 – March 2026).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dxplan.core.labels import fiscal as words
from dxplan.core import labels as shared_words

REIWA_OFFSET = 2018  # 令和1年度 = 2019
HEISEI_OFFSET = 1988  # 平成1年度 = 1989
_OFFSETS = {shared_words.REIWA: REIWA_OFFSET, words.HEISEI: HEISEI_OFFSET}
_ERAS = {**_OFFSETS, **{short: _OFFSETS[era] for short, era in words.ERA_ABBREVIATIONS.items()}}
_ERA = "|".join(map(re.escape, _ERAS))
_NUMBER_IN_ERA = rf"({re.escape(shared_words.FIRST_YEAR)}|\d{{1,2}})"
# Era first, then a number (元 = 1), then an optional 年度 / 年; or a Western year with FY.
_ERA_RE = re.compile(rf"^({_ERA})\s*{_NUMBER_IN_ERA}\s*({shared_words.FISCAL_YEAR}|{words.YEAR})?$")
_WESTERN_RE = re.compile(rf"^(?:FY)?\s*(\d{{4}})\s*({shared_words.FISCAL_YEAR})?$")
MIN_YEAR, MAX_YEAR = 1989, 2100


class FiscalYearError(ValueError):
    """An input that is not a fiscal year; the message names the input."""


def parse_fiscal_year(value: str | int) -> int:
    """Return the Western start year of R7, 令和7年度, 令和７年度, 2025, FY2025 …"""
    if isinstance(value, bool):
        raise FiscalYearError(words.not_a_fiscal_year(value))
    if isinstance(value, int):
        text = str(value)
    else:
        # NFKC folds full-width digits and letters (令和７年度, ＦＹ２０２５).
        text = unicodedata.normalize("NFKC", str(value)).strip().upper()
    match = _ERA_RE.match(text)
    if match:
        era, number = match.group(1), match.group(2)
        year = _ERAS[era] + (1 if number == shared_words.FIRST_YEAR else int(number))
        if number != shared_words.FIRST_YEAR and int(number) == 0:
            raise FiscalYearError(words.not_a_fiscal_year(value, words.NO_YEAR_ZERO))
    else:
        match = _WESTERN_RE.match(text)
        if not match:
            raise FiscalYearError(words.not_a_fiscal_year(value, words.accepted_spellings()))
        year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FiscalYearError(words.fiscal_year_out_of_range(value=value, first=MIN_YEAR, last=MAX_YEAR))
    return year


def format_fiscal_year(year: int) -> str:
    """2025 → 令和7年度; 2019 → 令和元年度; years before 令和 → 平成N年度.

    Display never fails: a year outside 平成/令和 (bad input the checks report) shows as is.
    """
    return words.fiscal_year(year=_era_year(year) or year)


def _era_year(year: int) -> str | None:
    """2025 → 令和7; None for a year before 平成."""
    for era, offset in _OFFSETS.items():
        if year >= offset + 1:
            return words.era_year(era, year - offset)
    return None


def format_fiscal_year_short(year: int) -> str:
    """2025 → R7 (the plan's own short form, as in 「R7年度目標」)."""
    if year <= REIWA_OFFSET:
        raise FiscalYearError(words.not_a_reiwa_year(year=year))
    return f"R{year - REIWA_OFFSET}"


def format_fiscal_year_western(year: int) -> str:
    """2025 → 令和7（2025）年度: 和暦 for reading, 西暦 beside it where years are compared."""
    era_year = _era_year(year)
    return words.fiscal_year_with_western(era_year_text=era_year, year=year) if era_year else words.fiscal_year(year=year)


REIWA_START = dt.date(2019, 5, 1)
HEISEI_START = dt.date(1989, 1, 8)


def format_date(day: dt.date) -> str:
    """2026-12-02 → 令和8年12月2日: a day is dated in the 和暦 calendar year (not the 年度)."""
    for start, era in ((REIWA_START, shared_words.REIWA), (HEISEI_START, words.HEISEI)):
        if day >= start:
            return words.calendar_date(words.era_year(era, day.year - start.year + 1), day.month, day.day)
    return words.calendar_date(day.year, day.month, day.day)


def format_timestamp(text: str) -> str:
    """An ISO time stamp (2026-12-02T16:40+09:00, as tools write it) as 令和8年12月2日 16:40;
    anything else is kept as written."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    return f"{format_date(moment.date())} {moment:%H:%M}"


_MONTH_LABEL_RE = re.compile(rf"^({_ERA})\s*{_NUMBER_IN_ERA}\s*{words.YEAR}?\s*(\d{{1,2}})\s*{words.MONTH}$")


def month_words(label: str) -> str:
    """A source's short month (「R2 7月」: 令和2年7月, a calendar month) in words a reader knows;
    anything else is kept as written."""
    match = _MONTH_LABEL_RE.match(unicodedata.normalize("NFKC", label).strip().upper())
    if not match:
        return label
    era, number, month = match.groups()
    return words.calendar_month(year_text=f"{words.ERA_ABBREVIATIONS.get(era, era)}{number}", month=int(month))
