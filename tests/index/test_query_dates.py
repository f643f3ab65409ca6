"""Dates in a query as bounds of the index's date order: partial dates cover their month or year."""

import pytest

from index.query_dates import date_bounds
from index.query_errors import QueryError


def test_a_partial_date_covers_its_month_or_year_and_a_range_its_ends():
    assert date_bounds("2020-03-05") == (20200305, 20200305)
    assert date_bounds("2018-03") == (20180300, 20180399)
    assert date_bounds("2019..2020-06-30") == (20190000, 20200630)


@pytest.mark.parametrize(
    ("value", "said"), [("2020-13", "no month 13"), ("2021-02-30", "no day 30"), ("x", "needs a date")]
)
def test_a_date_no_calendar_has_is_refused_in_words(value: str, said: str):
    with pytest.raises(QueryError) as refused:
        date_bounds(value)
    assert said in str(refused.value) and refused.value.message.in_language("vi") != str(refused.value)
