from datetime import date, timedelta

from pipelines.archive.catalog import Target
from pipelines.collections.chart import progress_chart
from pipelines.collections.forecast import weekly_paces
from pipelines.collections.progress import CollectionProgress, assess

AS_OF = date(2026, 12, 7)
START = AS_OF - timedelta(weeks=13)
#: The target: half the holdings by the end of June.
HALF = (Target(50, date(2027, 6, 30)),)
#: A baseline of 1,205 of 4,820 items, then 20 to 42 items a week for 13 weeks.
HISTORY = tuple((START + timedelta(weeks=n), 1205 + sum(20 + (7 * w) % 23 for w in range(1, n + 1))) for n in range(14))


def collection(history: tuple, holdings: int | None = 4820, targets=HALF):
    digitized = history[-1][1] if history else 0
    weekly = weekly_paces(history, AS_OF)
    assessed = tuple(assess(t, holdings, digitized, 31.5, AS_OF, weekly) for t in targets)
    return CollectionProgress("Sách cổ", holdings, digitized, 0, targets=assessed, history=history)


def numbers(points: str) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in point.split(",")) for point in points.split()]


def test_the_curve_runs_from_the_start_to_today_inside_the_plot():
    chart = progress_chart(collection(HISTORY), AS_OF, "vi")
    curve = numbers(chart.actual)
    assert curve[0][0] == chart.left and curve[-1] == chart.now
    assert all(chart.left <= x <= chart.right and chart.top <= y <= chart.bottom for x, y in curve)
    assert [y for _, y in curve] == sorted((y for _, y in curve), reverse=True)  # a count only grows: y falls


def test_labels_are_in_the_readers_language():
    vietnamese = progress_chart(collection(HISTORY), AS_OF, "vi")
    assert [tick.label for tick in vietnamese.x_ticks] == ["T11/2026", "T1/2027", "T3/2027", "T5/2027"]
    assert vietnamese.today.label == "07/12/2026"
    assert (vietnamese.targets[0].pct, vietnamese.targets[0].day) == ("50", "30/06/2027")
    assert [tick.label for tick in vietnamese.y_ticks][-1] == "60%"
    english = progress_chart(collection(HISTORY), AS_OF, "en")
    assert english.x_ticks[0].label == "Nov 2026" and english.today.label == "2026-12-07"


def test_a_small_share_has_a_decimal_comma_on_its_axis():
    small = collection(((START, 10), (AS_OF, 40)), holdings=2000, targets=(Target(2.5, date(2027, 3, 31)),))
    labels = [tick.label for tick in progress_chart(small, AS_OF, "vi").y_ticks]
    assert "0,5%" in labels and "2,5%" in labels


def test_the_forecast_is_a_fan_from_today_with_the_likely_day_written_where_it_meets_the_target():
    row = collection(HISTORY)
    chart = progress_chart(row, AS_OF, "vi")
    fan = numbers(chart.fan)
    assert fan[0] == chart.now and len(fan) >= 3
    assert all(x <= chart.right for x, _ in fan)
    likely = row.next_target.forecast.likely
    assert chart.likely_label.day == likely.strftime("%d/%m/%Y") and numbers(chart.likely)[-1][0] > chart.now[0]


def test_a_pace_that_never_reaches_the_target_is_cut_at_the_right_edge():
    # Ten weeks of nothing, then three of 30: the slow and typical weeks never get there, the fast ones do.
    stalled = tuple((START + timedelta(weeks=n), 1205 + 30 * max(0, n - 10)) for n in range(14))
    chart = progress_chart(collection(stalled), AS_OF, "vi")
    fan = numbers(chart.fan)
    assert max(x for x, _ in fan) == chart.right
    assert min(y for _, y in fan) < chart.now[1] and chart.likely_label is None


def test_no_chart_without_holdings_or_with_a_single_count():
    assert progress_chart(collection(HISTORY, holdings=None), AS_OF, "vi") is None
    assert progress_chart(collection(((AS_OF, 12),)), AS_OF, "vi") is None
    assert progress_chart(collection(()), AS_OF, "vi") is None


def test_a_deadline_before_the_start_stays_on_the_chart():
    late = collection(HISTORY, targets=(Target(20, START - timedelta(weeks=4)), *HALF))
    chart = progress_chart(late, AS_OF, "vi")
    assert all(chart.left <= label.x <= chart.right for label in chart.targets)
