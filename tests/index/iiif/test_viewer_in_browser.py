"""Mirador in headless Chromium on the archive the pipeline made: the page drawn, the search's hits listed and
outlined on it, nothing fetched from another site. Screenshots go to the test's folder, or to ``docs/images``
with ``SAVE_SCREENSHOTS=1``."""

import io
from pathlib import Path

from PIL import Image

from pipelines.archive.layout import Archive
from pipelines.archive.reading_room import reading_room
from tests.index.test_viewer import screenshots
from tests.index.test_web import serve

#: The page area of the window (left of it the search panel, below it the thumbnails), in screenshot pixels.
PAGE_AREA = (380, 70, 1400, 680)


def hit_colours(png: bytes) -> tuple[int, int]:
    """Pixels of Mirador's hit colours on the page: yellow (the current hit) and blue (the others)."""
    page = Image.open(io.BytesIO(png)).convert("RGB").crop(PAGE_AREA)
    pixels = [(r, g, b) for r, g, b in page.get_flattened_data() if max(r, g, b) - min(r, g, b) > 60]
    return sum(1 for r, g, b in pixels if r > 200 and g > 200 and b < 200), sum(1 for r, _, b in pixels if b > 200 > r)


def test_mirador_shows_the_page_with_the_searchs_hits_outlined(digitized_folder: Path, browser, tmp_path: Path):
    archive = Archive(digitized_folder / "archive")
    (doc_id,) = [folder.name for folder in archive.documents_dir.iterdir()]
    with serve(reading_room(archive)) as url:
        page = browser.new_page()
        elsewhere = []
        page.on("request", lambda request: request.url.startswith(url) or elsewhere.append(request.url))
        page.goto(f"{url}/viewer/{doc_id}?q=chuyen+doi+so")
        page.wait_for_selector("text='1 trong 3'")  # the hits: "Chuyển đổi số" twice and the "số" of "số 505"
        assert page.locator(".mirador-canvas-count").inner_text() == "1 trong 2"  # page 1 of 2, in Vietnamese
        assert page.locator(".openseadragon-canvas canvas").count() >= 1
        assert page.get_by_text("Chuyển đổi số - từ nhận thức đến hành động").first.is_visible()
        for _ in range(40):  # until the tiles and the outlines are drawn
            yellow, blue = hit_colours(page.screenshot())
            if yellow > 500 and blue > 3000:
                break
            page.wait_for_timeout(250)
        assert yellow > 500 and blue > 3000  # one yellow box, six blue ones, each a word's size
        page.screenshot(path=str(screenshots(tmp_path) / "mirador-search.png"))
        assert elsewhere == []
        assert page.locator("text=Lỗi đã xuất hiện").count() == 0  # Mirador's error panel
