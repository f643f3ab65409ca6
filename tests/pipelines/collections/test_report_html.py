"""The HTML report as Chromium lays it out for print: the tables stay inside an A4 page's column."""

from datetime import date, timedelta

import pytest

from pipelines.archive.catalog import Target
from pipelines.collections.forecast import weekly_paces
from pipelines.collections.progress import CollectionProgress, ProgressReport, assess, overall
from pipelines.collections.report_html import to_html

AS_OF = date(2026, 12, 7)
#: An A4 page less the report's 12 mm side margins (@page), in CSS pixels: 186 mm at 96 px an inch.
A4_COLUMN_PX = round(186 / 25.4 * 96)
#: The widest cells a report can have: long names, one without a space, eight-digit counts, long statuses.
NAMES = (
    "Châu bản triều Nguyễn — Bộ Lại, Bộ Hộ, Bộ Lễ, Bộ Binh, Bộ Hình, Bộ Công",
    "Tài_liệu_Hán_Nôm_của_Viện_Nghiên_cứu_Hán_Nôm_không_có_khoảng_trắng",
    "Mộc bản",
)


def widest_report() -> ProgressReport:
    rows = []
    for i, name in enumerate(NAMES):
        start = AS_OF - timedelta(weeks=20)
        history = tuple((start + timedelta(weeks=n), 1_234_567 + n * (3_000 + 977 * i)) for n in range(21))
        digitized = history[-1][1]
        targets = (Target(87.5, date(2027, 6, 30)), Target(100, AS_OF - timedelta(days=i)))
        assessed = tuple(
            assess(t, 12_345_678, digitized, 3_456.7, AS_OF, weekly_paces(history, AS_OF)) for t in targets
        )
        rows.append(CollectionProgress(name, 12_345_678, digitized, 98_765_432, targets=assessed, history=history))
    return ProgressReport(AS_OF, rows, overall(rows))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_tables_fit_the_column_of_an_a4_page(browser, lang: str):
    page = browser.new_page()
    page.set_viewport_size({"width": A4_COLUMN_PX, "height": 1100})
    page.emulate_media(media="print")
    page.set_content(to_html(widest_report(), lang))
    overflow = page.evaluate(
        """() => {
            const column = document.body.getBoundingClientRect();
            return [...document.querySelectorAll('table, figure, dl')].map(box => box.getBoundingClientRect())
                .filter(box => box.left < column.left - 0.5 || box.right > column.right + 0.5)
                .map(box => [box.left, box.right]);
        }"""
    )
    assert overflow == []
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_COLUMN_PX
    assert page.locator("table.summary tbody tr").count() == len(NAMES)
    assert page.pdf(format="A4")[:5] == b"%PDF-"  # what "print to PDF" makes of it
