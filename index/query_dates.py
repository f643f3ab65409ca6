"""Dates in a query (``date:2020-03``, ``date:2019..2020-06-30``) as the bounds of the index's date order."""

from __future__ import annotations

import calendar
import re

from index.i18n import N_
from index.query_errors import QueryError

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_bounds(value: str) -> tuple[int, int]:
    """``2020-03-05``, ``2020-03``, ``2020`` or a range of them (``2019-06..2020-03-31``) as YYYYMMDD bounds.

    A partial date covers its whole month or year; a document dated only to a
    month (``2018-03``, stored as 20180300) falls inside any range over that month.
    """
    first, _, last = value.partition("..")
    bounds = _DATE.fullmatch(first), _DATE.fullmatch(last or first)
    if not all(bounds):
        raise QueryError(
            N_("date: needs a date such as 2020-03-05, 2020-03 or 2019..2020-06-30, not {value!r}"), value=value
        )
    for bound in bounds:
        _require_calendar_date(bound, value)
    low, high = (_date_number(bound, fill) for bound, fill in zip(bounds, ("00", "99"), strict=True))
    if low > high:
        raise QueryError(N_("date:{value} ends before it starts: give the earlier date first"), value=value)
    return low, high


def _require_calendar_date(date: re.Match, value: str) -> None:
    """Refuse a month or day no calendar has (``2020-13-45``), which would otherwise match nothing, silently."""
    year, month, day = int(date.group(1)), date.group(2), date.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        raise QueryError(N_("date:{value} has no month {month}: months are 01 to 12"), value=value, month=month)
    if day is not None and not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
        raise QueryError(
            N_("date:{value} has no day {day}: {year}-{month} has {days}"),
            value=value,
            day=day,
            year=year,
            month=month,
            days=calendar.monthrange(year, int(month))[1],
        )


def _date_number(date: re.Match, fill: str) -> int:
    year, month, day = date.group(1), date.group(2) or fill, date.group(3) or fill
    return int(year + month + day)
