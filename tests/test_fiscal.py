import pytest

from dxplan.core.fiscal import FiscalYearError, format_fiscal_year, format_fiscal_year_short, parse_fiscal_year


@pytest.mark.parametrize(
    "text",
    ["R7", "r7", "令和7年度", "令和７年度", "令和 7 年度", "2025", "２０２５", "FY2025", "fy2025", "ＦＹ２０２５", "2025年度", "R７", 2025],
)
def test_every_accepted_spelling_is_2025(text):
    assert parse_fiscal_year(text) == 2025


def test_gannen_and_heisei():
    assert parse_fiscal_year("令和元年度") == 2019
    assert parse_fiscal_year("H30") == 2018
    assert parse_fiscal_year("平成14年度") == 2002


@pytest.mark.parametrize("text", ["", "R", "令和", "来年", "2025年度目標", "R0", "FY25", "20255", "1800", "R7.5", True])
def test_nonsense_is_rejected_naming_the_input(text):
    with pytest.raises(FiscalYearError) as err:
        parse_fiscal_year(text)
    assert f"「{text}」" in str(err.value) and "'" not in str(err.value)  # no Python quoting


def test_display_in_wareki():
    assert format_fiscal_year(2025) == "令和7年度"
    assert format_fiscal_year(2024) == "令和6年度"
    assert format_fiscal_year(2019) == "令和元年度"
    assert format_fiscal_year(2018) == "平成30年度"
    assert format_fiscal_year_short(2022) == "R4"


def test_round_trip_over_the_plan_years():
    for year in range(2019, 2031):
        assert parse_fiscal_year(format_fiscal_year(year)) == year
        assert parse_fiscal_year(format_fiscal_year_short(year)) == year


def test_days_are_dated_in_the_wareki_calendar_year():
    import datetime as dt

    from dxplan.core.fiscal import format_date

    assert format_date(dt.date(2026, 12, 2)) == "令和8年12月2日"
    assert format_date(dt.date(2026, 3, 31)) == "令和8年3月31日"  # a calendar year, not 令和7年度
    assert format_date(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert format_date(dt.date(2019, 4, 30)) == "平成31年4月30日"


def test_build_date_reads_as_wareki():
    from dxplan.site import BUILD_DATE

    assert BUILD_DATE.startswith("令和") and "-" not in BUILD_DATE


@pytest.mark.parametrize(("label", "words"), [
    ("R2 7月", "令和2年7月"), ("R3 1月", "令和3年1月"), ("Ｒ２　１２月", "令和2年12月"),
    ("令和2年8月", "令和2年8月"), ("H31 4月", "平成31年4月"),
    ("上旬", "上旬"), ("R2", "R2"),  # not a month: kept as written
])
def test_source_months_in_words(label, words):
    from dxplan.core.fiscal import month_words

    assert month_words(label) == words


def test_time_stamps_read_as_wareki():
    from dxplan.core.fiscal import format_timestamp

    assert format_timestamp("2026-12-02T16:40+09:00") == "令和8年12月2日 16:40"
    assert format_timestamp("—") == "—"
