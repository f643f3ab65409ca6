"""The reading room's progress page, as the web server will be handed it."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from pipelines.archive.catalog import Baseline, Catalog, Collection, OutsideRecord, Target
from pipelines.collections.progress_page import archive_progress_page
from pipelines.collections.report_html import STYLES
from tests.conftest import FixedClock

AS_OF = date(2026, 12, 7)
#: What the reading room's base.html asks of a request today.
BASE = {
    "params": {},
    "link": lambda path, **changes: f"{path}?lang={changes.get('lang', '')}",
    "here": "/progress",
    "path": lambda *parts: "/" + "/".join(map(str, parts)),
    "static": lambda name: f"/static/{name}",
}


@pytest.fixture
def catalog_path(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.sqlite"
    with Catalog(path, clock=FixedClock(AS_OF)) as catalog:
        start = AS_OF - timedelta(weeks=8)
        catalog.collections.save(
            Collection("Sách cổ", 4820, (Target(50, date(2027, 6, 30)),), baseline=Baseline(1205, start))
        )
        for week in range(7, -1, -1):
            catalog.collections.add_outside_record("Sách cổ", OutsideRecord(AS_OF - timedelta(weeks=week), 30 + week))
        catalog.collections.save(Collection("Mộc bản", 300, (Target(20, date(2027, 12, 31)),)))
        catalog.collections.add_outside_record("Mộc bản", OutsideRecord(AS_OF, 12))
    return path


def test_the_page_shows_each_collections_chart_in_the_reading_rooms_frame(catalog_path: Path):
    page = archive_progress_page(catalog_path, today=lambda: AS_OF)("vi", **BASE)
    assert '<html lang="vi">' in page and 'class="top"' in page  # the reading room's header, from its base.html
    assert "<h1>Tiến độ số hóa</h1>" in page and "Tính đến ngày 07/12/2026" in page
    assert page.count("<svg viewBox=") == 1 and 'role="img"' in page
    assert "Mới có một lần đếm, 12 tài liệu vào ngày 07/12/2026" in page  # Mộc bản: no dot, words
    assert "nhiều khả năng đạt vào" in page
    english = archive_progress_page(catalog_path, today=lambda: AS_OF)("en", **BASE)
    assert "<h1>Digitization progress</h1>" in english and "As of 2026-12-07" in english


def test_the_page_is_read_afresh_on_each_request(catalog_path: Path):
    page = archive_progress_page(catalog_path, today=lambda: AS_OF)
    assert page("vi", **BASE).count("<svg viewBox=") == 1
    with Catalog(catalog_path, clock=FixedClock(AS_OF)) as catalog:  # a count three days back: Mộc bản can be drawn
        catalog.collections.add_outside_record("Mộc bản", OutsideRecord(AS_OF - timedelta(days=3), 5))
    assert page("vi", **BASE).count("<svg viewBox=") == 2


def test_the_page_does_not_scroll_sideways_on_a_phone(catalog_path: Path, browser):
    tab = browser.new_page()
    tab.set_viewport_size({"width": 390, "height": 800})
    tab.set_content(archive_progress_page(catalog_path, today=lambda: AS_OF)("vi", **BASE))
    tab.add_style_tag(path=str(STYLES / "progress.css"))  # the sheet the page links to, which the room serves
    # Tables and charts scroll in their own boxes; the reading room's header is its base template's.
    too_wide = tab.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > 390.5 && !e.parentElement.closest('.scroll, figure'))
            .map(e => e.tagName)"""
    )
    assert too_wide == []
    assert tab.evaluate("document.querySelector('main').scrollWidth") <= 390
