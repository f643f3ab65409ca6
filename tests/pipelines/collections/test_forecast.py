from datetime import date, timedelta

import numpy as np
import pytest

from pipelines.collections.forecast import (
    forecast,
    items_on,
    percentile,
    reached_at,
    required_pace,
    weekly_paces,
)

MONDAY = date(2026, 9, 7)


def week(n: int) -> date:
    return MONDAY + timedelta(weeks=n)


#: A baseline of 100, then 10, 20, nothing and 30 items in four weeks: steps on the days the count changed.
HISTORY = ((MONDAY, 100), (week(1), 110), (week(2), 130), (week(4), 160))


def test_the_count_on_a_day_is_the_last_step_by_then():
    assert items_on(HISTORY, MONDAY - timedelta(days=1)) == 0
    assert [items_on(HISTORY, week(n)) for n in range(5)] == [100, 110, 130, 130, 160]
    assert items_on(HISTORY, week(3) + timedelta(days=3)) == 130


def test_weekly_paces_are_the_whole_weeks_back_from_the_report_day_oldest_first():
    assert weekly_paces(HISTORY, week(4)) == (10, 20, 0, 30)
    # Weeks end on the report's day: three days later, the three days after the start (no change) are left out.
    assert weekly_paces(HISTORY, week(4) + timedelta(days=3)) == (10, 20, 0, 30)
    assert weekly_paces(HISTORY, week(5)) == (10, 20, 0, 30, 0)


def test_a_history_shorter_than_a_week_gives_its_pace_scaled_to_a_week_and_one_day_gives_none():
    assert weekly_paces(((MONDAY, 100), (MONDAY + timedelta(days=2), 104)), MONDAY + timedelta(days=2)) == (14.0,)
    assert weekly_paces(((MONDAY, 12),), MONDAY) == ()
    assert weekly_paces((), MONDAY) == ()


@pytest.mark.parametrize("q", [0, 10, 37.5, 50, 90, 100])
def test_percentiles_are_interpolated_as_numpy_does(q: float):
    paces = [12.0, 0.0, 31.0, 18.5, 22.0, 7.0, 40.0]
    assert percentile(paces, q) == pytest.approx(np.percentile(paces, q))
    assert percentile([5.0], q) == 5.0


def test_the_forecast_is_the_days_at_the_slow_typical_and_fast_weeks_pace():
    paces = [10.0, 20.0, 0.0, 30.0, 20.0]
    outlook = forecast(paces, week(4), left=200, due=week(4) + timedelta(weeks=20))
    assert outlook.weeks == 5
    assert outlook.paces == pytest.approx((4.0, 20.0, 26.0))
    assert outlook.likely == week(14)  # 200 items at 20 a week
    assert outlook.early == week(4) + timedelta(days=54)  # 200 / 26 weeks, rounded up to a day
    assert outlook.late == week(54)  # 200 / 4 weeks
    assert outlook.early < outlook.likely < outlook.late
    assert outlook.required_pace == pytest.approx(10.0)


def test_a_pace_that_never_gets_there_has_no_day_and_no_weeks_give_no_forecast():
    outlook = forecast([0.0, 0.0, 0.0, 5.0], week(4), left=20, due=None)
    assert outlook.late is None and outlook.likely is None and outlook.early is not None
    assert outlook.required_pace is None
    assert forecast([], week(4), left=20, due=week(8)) is None


def test_the_required_pace_counts_the_deadline_day_and_stops_after_it():
    assert required_pace(35, week(1), MONDAY) == 35.0
    assert required_pace(3, MONDAY, MONDAY) == 21.0  # the deadline's own day still counts
    assert required_pace(3, MONDAY - timedelta(days=1), MONDAY) is None
    assert required_pace(3, None, MONDAY) is None
    assert reached_at(10.0, 0, MONDAY) == MONDAY and reached_at(-2.0, 5, MONDAY) is None
