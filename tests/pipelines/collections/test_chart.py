from datetime import date

from pipelines.archive.catalog import Target
from pipelines.collections.chart import progress_chart
from pipelines.collections.progress import CollectionProgress, assess

AS_OF = date(2025, 1, 6)


def collection(holdings: int | None, history: tuple) -> CollectionProgress:
    target = assess(Target(50, date(2025, 12, 31)), holdings, 1265, 15.0, AS_OF)
    return CollectionProgress("Sách cổ", holdings, 1265, 0, targets=(target,), history=history)


def test_the_chart_is_a_png_sized_for_an_a4_page():
    png = progress_chart(collection(4820, ((date(2024, 12, 9), 1205), (AS_OF, 1265))), AS_OF)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1400, 560)  # 7 × 2.8 inches at 200 DPI: sharp across a printed page


def test_no_chart_without_holdings_or_history():
    assert progress_chart(collection(None, ((AS_OF, 3),)), AS_OF) is None
    assert progress_chart(collection(4820, ()), AS_OF) is None
