from datetime import date

from pipelines.collections.locale_format import (
    NONE,
    day,
    decimal,
    localized,
    month,
    number,
    percent,
    short_percent,
)


def test_vietnamese_groups_thousands_with_dots_and_writes_a_decimal_comma():
    assert number(1234567, "vi") == "1.234.567" and number(1234567, "en") == "1,234,567"
    assert decimal(1234.56, "vi") == "1.234,6" and decimal(1234.56, "en") == "1,234.6"
    assert percent(12.5, "vi") == "12,5%" and percent(12.5, "en") == "12.5%"
    assert short_percent(50.0, "vi") == "50%" and short_percent(12.5, "vi") == "12,5%"
    assert number(None, "vi") == percent(None, "vi") == NONE


def test_vietnamese_days_are_day_month_year_and_months_are_numbered():
    assert day(date(2026, 3, 7), "vi") == "07/03/2026" and day(date(2026, 3, 7), "en") == "2026-03-07"
    assert month(date(2026, 3, 1), "vi") == "T3/2026" and month(date(2026, 3, 1), "en") == "Mar 2026"


def test_values_of_a_message_are_written_by_their_kind_and_a_language_without_a_style_reads_english():
    assert [localized(v, "vi") for v in (4820, 31.75, date(2026, 12, 7), "Sách cổ", True)] == [
        "4.820",
        "31,8",
        "07/12/2026",
        "Sách cổ",
        True,
    ]
    assert number(4820, "fr") == "4,820"
