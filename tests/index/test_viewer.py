"""The reading room in a real browser: a search, then a page view whose hit boxes lie over the right words.

The archive is built by the pipeline from a generated scan (the conftest's
sample page), so the boxes come from the ALTO that OCR wrote. Screenshots go
to the test's folder, or to ``docs/images`` with ``SAVE_SCREENSHOTS=1``.
"""

import os
from pathlib import Path

import pytest

from index.hit_boxes import hit_boxes
from pipelines.archive.layout import Archive
from pipelines.archive.reading_room import reading_room
from tests.index.test_web import serve

#: Pixels a drawn box may be off the word's ALTO box, once scaled to the image as shown.
TOLERANCE = 3
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


@pytest.fixture
def archive(digitized_folder: Path) -> Archive:
    return Archive(digitized_folder / "archive")


def screenshots(tmp_path: Path) -> Path:
    return DOCS_IMAGES if os.environ.get("SAVE_SCREENSHOTS") else tmp_path


DRAWN = """() => {
  const image = document.getElementById("page-image").getBoundingClientRect();
  const natural = document.getElementById("page-image").naturalWidth;
  return {
    scale: image.width / natural,
    boxes: [...document.querySelectorAll("#hits rect.hit")].map(rect => {
      const box = rect.getBoundingClientRect();
      return {text: rect.dataset.text, x: box.left - image.left, y: box.top - image.top, w: box.width, h: box.height};
    }),
  };
}"""


def assert_drawn_over(drawn: dict, expected: list) -> None:
    scale = drawn["scale"]
    assert [box["text"] for box in drawn["boxes"]] == [box.text for box in expected]
    for box, word in zip(drawn["boxes"], expected, strict=True):
        for got, want in ((box["x"], word.left), (box["y"], word.top), (box["w"], word.width), (box["h"], word.height)):
            assert abs(got - want * scale) <= TOLERANCE, (box, word, scale)


def test_a_search_without_diacritics_finds_the_document_once_and_its_page_shows_the_hits(archive, browser, tmp_path):
    (doc_id,) = [folder.name for folder in archive.documents_dir.iterdir()]
    expected = hit_boxes(archive.page_words(doc_id, 1), "chuyen doi so")
    assert len(expected) >= 6  # Chuyển đổi số, twice, and "Quyết định số"
    folder = screenshots(tmp_path)
    with serve(reading_room(archive)) as url:
        page = browser.new_page()
        page.goto(f"{url}/?q=chuyen+doi+so")
        assert page.locator("article.document").count() == 1
        assert "1 tài liệu" in page.locator("p.total").inner_text()
        assert page.locator("article.document mark").first.inner_text() == "Chuyển"
        page.screenshot(path=str(folder / "reading-room-search.png"), full_page=True)

        page.locator("a.page-link").first.click()
        page.wait_for_url(f"{url}/page/{doc_id}/1?q=chuyen+doi+so*")
        page.wait_for_function("document.getElementById('page-image').complete")
        fitted = page.evaluate(DRAWN)
        assert_drawn_over(fitted, expected)
        assert page.locator("#hit-count").inner_text() == f"{len(expected)} chỗ khớp trên trang này"
        page.screenshot(path=str(folder / "reading-room-page.png"))

        page.click("#zoom-in")
        page.click("#zoom-in")
        zoomed = page.evaluate(DRAWN)
        assert zoomed["scale"] == pytest.approx(fitted["scale"] * 2.25, rel=0.01)
        assert_drawn_over(zoomed, expected)
        page.click("#next-hit")
        assert page.locator("rect.hit.current").count() == 1


def test_the_page_view_speaks_english_to_an_english_browser_and_offers_the_downloads(archive, tmp_path):
    from tests.browser import chromium

    (doc_id,) = [folder.name for folder in archive.documents_dir.iterdir()]
    with serve(reading_room(archive)) as url, chromium(tmp_path / "profile", locale="en-US") as browser:
        page = browser.new_page()
        page.goto(f"{url}/page/{doc_id}/1?q=so")
        assert page.locator("header .home").inner_text() == "Reading room"
        downloads = page.locator("ul.downloads a")
        assert downloads.all_inner_texts() == [
            "Searchable PDF",
            "Dublin Core description",
            "ALTO of this page",
            "hOCR of this page",
            "Text of this page",
        ]
        with page.expect_download() as download:
            downloads.nth(2).click()
        assert download.value.suggested_filename == f"{doc_id}-0001.alto.xml"
        assert Path(download.value.path()).read_bytes() == archive.page_alto_path(doc_id, 1).read_bytes()
        page.click("#next-page")
        page.wait_for_url(f"{url}/page/{doc_id}/2?q=so*")
