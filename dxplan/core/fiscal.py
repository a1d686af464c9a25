"""Fiscal years (年度): parse every accepted spelling, display in 和暦.

A fiscal year is stored as its Western start year: 令和7年度 = 2025 (April 2025 – March 2026).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

REIWA_OFFSET = 2018  # 令和1年度 = 2019
HEISEI_OFFSET = 1988  # 平成1年度 = 1989
_ERAS = {"令和": REIWA_OFFSET, "R": REIWA_OFFSET, "平成": HEISEI_OFFSET, "H": HEISEI_OFFSET}
# Era first, then a number (元 = 1), then an optional 年度 / 年; or a Western year with FY.
_ERA_RE = re.compile(r"^(令和|平成|R|H)\s*(元|\d{1,2})\s*(年度|年)?$")
_WESTERN_RE = re.compile(r"^(?:FY)?\s*(\d{4})\s*(年度)?$")
MIN_YEAR, MAX_YEAR = 1989, 2100


class FiscalYearError(ValueError):
    """An input that is not a fiscal year; the message names the input."""


def parse_fiscal_year(value: str | int) -> int:
    """Return the Western start year of R7, 令和7年度, 令和７年度, 2025, FY2025 …"""
    if isinstance(value, bool):
        raise FiscalYearError(f"年度として解釈できません: 「{value}」")
    if isinstance(value, int):
        text = str(value)
    else:
        # NFKC folds full-width digits and letters (令和７年度, ＦＹ２０２５).
        text = unicodedata.normalize("NFKC", str(value)).strip().upper()
    match = _ERA_RE.match(text)
    if match:
        era, number = match.group(1), match.group(2)
        year = _ERAS[era] + (1 if number == "元" else int(number))
        if number != "元" and int(number) == 0:
            raise FiscalYearError(f"年度として解釈できません: 「{value}」（0年はありません）")
    else:
        match = _WESTERN_RE.match(text)
        if not match:
            raise FiscalYearError(
                f"年度として解釈できません: 「{value}」（例: R7, 令和7年度, 2025, FY2025）"
            )
        year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FiscalYearError(f"年度が範囲外です: 「{value}」（{MIN_YEAR}〜{MAX_YEAR}）")
    return year


def format_fiscal_year(year: int) -> str:
    """2025 → 令和7年度; 2019 → 令和元年度; years before 令和 → 平成N年度.

    Display never fails: a year outside 平成/令和 (bad input the checks report) shows as is.
    """
    if year >= REIWA_OFFSET + 1:
        number = year - REIWA_OFFSET
        return f"令和{'元' if number == 1 else number}年度"
    if year >= HEISEI_OFFSET + 1:
        number = year - HEISEI_OFFSET
        return f"平成{'元' if number == 1 else number}年度"
    return f"{year}年度"


def format_fiscal_year_short(year: int) -> str:
    """2025 → R7 (the plan's own short form, as in 「R7年度目標」)."""
    if year <= REIWA_OFFSET:
        raise FiscalYearError(f"令和の年度ではありません: {year}")
    return f"R{year - REIWA_OFFSET}"


def format_fiscal_year_western(year: int) -> str:
    """2025 → 令和7（2025）年度: 和暦 for reading, 西暦 beside it where years are compared."""
    label = format_fiscal_year(year)
    return label.replace("年度", f"（{year}）年度", 1) if label != f"{year}年度" else label


REIWA_START = dt.date(2019, 5, 1)
HEISEI_START = dt.date(1989, 1, 8)


def format_date(day: dt.date) -> str:
    """2026-12-02 → 令和8年12月2日: a day is dated in the 和暦 calendar year (not the 年度)."""
    for start, era in ((REIWA_START, "令和"), (HEISEI_START, "平成")):
        if day >= start:
            number = day.year - start.year + 1
            return f"{era}{'元' if number == 1 else number}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def format_timestamp(text: str) -> str:
    """An ISO time stamp (2026-12-02T16:40+09:00, as tools write it) as 令和8年12月2日 16:40;
    anything else is kept as written."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    return f"{format_date(moment.date())} {moment:%H:%M}"


_MONTH_LABEL_RE = re.compile(r"^(令和|平成|R|H)\s*(元|\d{1,2})\s*年?\s*(\d{1,2})\s*月$")
_ERA_NAMES = {"R": "令和", "H": "平成"}


def month_words(label: str) -> str:
    """A source's short month (「R2 7月」: 令和2年7月, a calendar month) in words a reader knows;
    anything else is kept as written."""
    match = _MONTH_LABEL_RE.match(unicodedata.normalize("NFKC", label).strip().upper())
    if not match:
        return label
    era, number, month = match.groups()
    return f"{_ERA_NAMES.get(era, era)}{number}年{int(month)}月"
