"""Every kind of reader's page in Chromium at a desktop's and a phone's width: layout, keys, and axe-core's audit.

axe-core comes from npm (``node_modules/axe-core``, ``make setup``) and is
evaluated in the page by the test (through the DevTools protocol, so the
pages' own CSP, which allows no inline script, stays as it is).
"""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.archive.layout import Archive
from pipelines.archive.reading_room import reading_room
from tests.browser import chromium
from tests.index.test_web import serve

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def site(digitized_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The digitized archive, copied: the home page reads its catalog (each collection's progress), and a reader
    of a catalog in WAL mode leaves SQLite's -wal and -shm files beside it, which the shared archive must not get."""
    copy = tmp_path_factory.mktemp("browsed") / "archive"
    archive = Archive(Path(shutil.copytree(digitized_folder / "archive", copy)))
    (doc_id,) = [folder.name for folder in archive.documents_dir.iterdir()]
    with serve(reading_room(archive)) as url:
        yield url, doc_id


def audited(page) -> list[str]:
    """axe-core's serious and critical violations on the page as drawn."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in ("serious", "critical")]


def sized(browser, width: int):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    return page


def pages(url: str, doc_id: str) -> dict[str, str]:
    return {
        "home": f"{url}/",
        "results": f"{url}/?q=chuyen+doi+so",
        "page view": f"{url}/page/{doc_id}/1?q=chuyen+doi+so",
        "error": f"{url}/?q=%28chuyen",
    }


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_fits_the_width_and_axe_finds_nothing_serious(site, tmp_path: Path, width: int):
    url, doc_id = site
    with chromium(tmp_path / "profile") as browser:
        page = sized(browser, width)
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        for name, address in pages(url, doc_id).items():
            page.goto(address)
            assert page.locator("h1").count() == 1, name
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name  # no sideways scroll
            assert audited(page) == [], name
        assert [error for error in errors if "400" not in error] == []  # the error page's own status aside


def test_on_a_phone_results_come_before_facets_and_the_scan_before_the_description(site, tmp_path: Path):
    url, doc_id = site
    with chromium(tmp_path / "profile") as browser:
        page = sized(browser, 390)
        page.goto(f"{url}/?q=chuyen+doi+so")
        assert page.locator(".results").bounding_box()["y"] < page.locator(".facets").bounding_box()["y"]
        page.goto(f"{url}/page/{doc_id}/1?q=chuyen+doi+so")
        assert page.locator(".image-pane").bounding_box()["y"] < page.locator(".document-info").bounding_box()["y"]


def test_the_page_view_selects_the_first_hit_counts_them_and_keeps_the_keys_on_the_image(site, tmp_path: Path):
    url, doc_id = site
    with chromium(tmp_path / "profile") as browser:
        page = sized(browser, 1280)
        page.goto(f"{url}/page/{doc_id}/1?q=chuyen+doi+so")
        hits = page.locator("rect.hit").count()
        assert hits >= 2 and page.locator("rect.hit.current").count() == 1
        # The counter says where the hit is and how it matched (typed without diacritics: found only so).
        assert page.locator("#hit-position").inner_text() == f"1 / {hits} · Khớp khi bỏ qua dấu"
        assert page.locator("#hit-position").get_attribute("aria-live") == "polite"
        page.click("#next-hit")
        assert page.locator("#hit-position").inner_text() == f"2 / {hits} · Khớp khi bỏ qua dấu"
        assert page.locator("#zoom-in").get_attribute("aria-label") == "Phóng to"
        page.focus("#stage")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert page.url.startswith(f"{url}/page/{doc_id}/1")  # the image moved, the page stayed
        assert "page=1" in page.locator("#open-in-mirador").get_attribute("href")
        page.evaluate("document.activeElement.blur()")  # away from the image, the arrows turn the page
        page.keyboard.press("ArrowRight")
        page.wait_for_url(f"{url}/page/{doc_id}/2*")


def test_the_mirador_page_is_headed_by_the_documents_name_and_axe_finds_nothing_serious(site, tmp_path: Path):
    url, doc_id = site
    with chromium(tmp_path / "profile") as browser:
        page = sized(browser, 1280)
        page.goto(f"{url}/viewer/{doc_id}?page=2")
        page.wait_for_selector(".mirador-canvas-count")
        # The page's own heading, there before any script runs (Mirador adds a hidden "Bộ xem Mirador" of its own).
        heading = page.locator("h1.visually-hidden")
        assert heading.count() == 1 and heading.inner_text().endswith("— Trình xem tài liệu (Mirador)")
        assert heading.inner_text().split(" — ")[0] in page.title()
        assert audited(page) == []
