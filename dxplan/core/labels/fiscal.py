"""Fiscal years and dates: the era names, 年度 and date wording, and what a year may be typed as."""

from __future__ import annotations

from dxplan.core import labels as shared_words

HEISEI = "平成"
#: The short forms a source or a secretariat types (R7, H30), each for its era.
ERA_ABBREVIATIONS = {"R": shared_words.REIWA, "H": HEISEI}
#: A calendar year, month and day, after their numbers.
YEAR = "年"
MONTH = "月"
DAY = "日"
#: The spellings a fiscal year is accepted in, for the reader who typed another.
FISCAL_YEAR_EXAMPLES = "R7, 令和7年度, 2025, FY2025"


def era_year(era: str, number: int | str) -> str:
    """令和7, 令和元: a year within its era, 元 for the first."""
    return f"{era}{shared_words.FIRST_YEAR if number == 1 else number}"


#: 令和7年度 (from 令和7), or 1980年度 for a year before the eras the plan knows.
fiscal_year = f"{{year}}{shared_words.FISCAL_YEAR}".format
#: 令和7（2025）年度: 和暦 for reading, 西暦 beside it where years are compared.
fiscal_year_with_western = f"{{era_year_text}}（{{year}}）{shared_words.FISCAL_YEAR}".format
calendar_month = f"{{year_text}}{YEAR}{{month}}{MONTH}".format


def calendar_date(year_text: str | int, month: int, day: int) -> str:
    return f"{calendar_month(year_text=year_text, month=month)}{day}{DAY}"


def not_a_fiscal_year(value: object, why: str = "") -> str:
    """A value that cannot be read as a fiscal year, with why (or the spellings accepted)."""
    return f"年度として解釈できません: 「{value}」{why}"


#: Why 令和0年度 is no year.
NO_YEAR_ZERO = "（0年はありません）"
accepted_spellings = f"（例: {FISCAL_YEAR_EXAMPLES}）".format
fiscal_year_out_of_range = f"年度が範囲外です: 「{{value}}」（{{first}}{shared_words.RANGE}{{last}}）".format
not_a_reiwa_year = "令和の年度ではありません: {year}".format
