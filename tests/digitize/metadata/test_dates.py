import pytest

from digitize.metadata.dates import CLEAN, MONTH, PARTIAL, REPAIRED, find_month_year, find_numeric, find_worded


@pytest.mark.parametrize(
    "line",
    [
        "Vĩnh Long, ngày 14 tháng 6 năm 2023",
        "Vĩnh Long, ngày 14 tháng 06 năm 2023",
        "Vinh Long, ngay 14 thang 6 nam 2023",
        "ngày 14 tháng6 năm 2023",
    ],
    ids=["plain", "zero-padded", "no diacritics", "glued"],
)
def test_worded_dates(line: str):
    found = find_worded(line)
    assert found.field.value == "2023-06-14" and found.field.confidence == CLEAN
    assert line[found.start : found.end].startswith(("ngày", "ngay"))


def test_look_alike_digits_are_read_with_less_confidence():
    assert find_worded("ngày l4 tháng 6 năm 2O23").field.value == "2023-06-14"
    assert find_worded("ngày l4 tháng 6 năm 2O23").field.confidence == REPAIRED


@pytest.mark.parametrize("day", ["", "..", "+/"], ids=["blank", "dots", "junk"])
def test_unreadable_day_leaves_month_and_year_with_low_confidence(day: str):
    found = find_worded(f"Quảng Trị, ngày {day} tháng 3 năm 2018").field
    assert (found.value, found.confidence) == ("2018-03", PARTIAL)


def test_impossible_date_gives_nothing():
    assert find_worded("Hà Nội, ngày 31 tháng 2 năm 2023").field.value is None


def test_numeric_dates_with_two_digit_years():
    assert find_numeric("CV ĐẾN Số 2352 Ngày 21/3/18").field.value == "2018-03-21"
    assert find_numeric("ngày 05/3/2020 của Chính phủ").field.value == "2020-03-05"


def test_month_written_without_a_day():
    found = find_month_year("Trung Sơn, tháng 7 năm 2024").field
    assert (found.value, found.confidence) == ("2024-07", MONTH)
