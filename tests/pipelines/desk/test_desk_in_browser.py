"""An archivist's afternoon at the desk, in Chromium: sign in, type a handwritten number over its crop with the
keyboard alone, fix a misread line, find the fixed word, undo, sign out; and a reader who may not write."""

from dataclasses import replace
from pathlib import Path

import pytest

from index.reading_room.app import app
from index.reading_room.server import in_thread
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.archive.reading_room import reading_room
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from pipelines.desk.accounts import add_account
from pipelines.desk.site import desk_for, session_key
from tests.conftest import decree_30_header

PASSWORD = "mật khẩu dài"
HOSTILE = 'Điều 1 <script>document.body.dataset.pwned="x"</script><svg onload="alert(1)">'


@pytest.fixture(scope="module")
def handwritten_archive(tmp_path_factory) -> Archive:
    """A decision whose number is written by hand: the desk's queue holds it."""
    folder = tmp_path_factory.mktemp("desk")
    (folder / "scans").mkdir()
    decree_30_header("SỞ NỘI VỤ", "47/QĐ-SNV", number_by_hand=True).save(folder / "scans" / "by-hand.png")
    archive = Archive(folder / "archive")
    run_batch([folder / "scans"], "Lưu trữ", archive, QUIET)
    with Catalog(archive.catalog_path) as catalog:
        add_account(catalog, "lan", "archivist", PASSWORD)
        add_account(catalog, "doc", "reader", PASSWORD)
    session_key(archive, create=True)
    return archive


@pytest.fixture
def served(handwritten_archive: Archive):
    site = replace(reading_room(handwritten_archive), desk=desk_for(handwritten_archive))
    with in_thread(app(site)) as url:
        yield url


def sign_in(page, url: str, user: str) -> None:
    page.goto(url + "/login")
    page.locator("#user").focus()
    page.keyboard.type(user)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_archivist_corrects_with_the_keyboard_then_undoes_and_signs_out(served: str, browser, tmp_path: Path):
    page = browser.new_page()
    sign_in(page, served, "lan")
    assert page.url.endswith("/desk")
    assert page.locator("h1").inner_text() == "Bàn làm việc của lưu trữ viên"
    with page.expect_navigation():
        page.locator("ol.queue a").first.click()
    at_desk = page.url

    number = page.locator("form.field[data-field=number] input")
    assert page.locator("form.field[data-field=number] img.crop").evaluate("i => i.complete && i.naturalWidth > 0")
    number.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("47/QĐ-SNV")
    page.keyboard.press("Enter")
    page.locator("form.field[data-field=number] output").filter(has_text="✓").wait_for()

    first = page.locator(".lines .line-text").first
    first.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(HOSTILE)
    page.keyboard.press("Enter")
    page.locator(".lines output").first.filter(has_text="✓").wait_for()

    page.goto(served + "/?q=number:47/QĐ-SNV")
    assert page.locator(".document").count() == 1
    page.goto(served + "/?q=dieu 1")
    assert "Điều 1 <script>" in page.locator(".results").inner_text()
    assert page.evaluate("document.body.dataset.pwned") is None
    page.goto(at_desk)  # the desk page again, the hostile line in its field as typed
    assert page.locator(".lines .line-text").first.input_value() == " ".join(HOSTILE.split())
    page.goto(at_desk.replace("/desk/", "/page/"))  # the reading room's page view
    assert "<svg onload=" in page.locator(".text-pane .text").inner_text()
    assert page.evaluate("document.body.dataset.pwned") is None and page.locator("svg[onload]").count() == 0

    audit = page.request.get(served + "/api/audit").json()
    assert [change["target"].split(":")[0] for change in audit] == ["field", "line"]
    page.goto(at_desk)
    assert page.locator("form.field[data-field=number]").count() == 0  # a person's value is no longer doubted
    with page.expect_navigation():
        page.locator("#changes button.undo").last.click()  # the oldest change: the number
    assert page.locator("form.field[data-field=number]").count() == 1  # the machine's reading, doubted again
    assert page.request.get(served + "/api/audit").json()[-1]["undoes"] == audit[0]["id"]
    page.goto(served + "/desk")
    with page.expect_navigation():
        page.locator("button", has_text="Đăng xuất").click()
    assert page.request.get(served + "/api/audit").status == 401


def test_a_reader_may_not_open_the_desk_nor_change_anything(served: str, browser):
    page = browser.new_page()
    sign_in(page, served, "doc")
    assert page.goto(served + "/desk").status == 403
    answer = page.request.post(served + "/api/documents/x/fields", data={"field": "title", "value": "y"})
    assert answer.status == 403
