"""Mirador in headless Chromium on the archive the pipeline made: the page drawn, the search's hits listed and
outlined on it. Nothing is fetched from another site: the browser runs without a network of its own."""

import os
import signal
import subprocess
import threading
from pathlib import Path

import pytest
from PIL import Image

from index.web import SearchServer
from pipelines.archive.layout import Archive
from pipelines.cli.searching import archive_site

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
    # Virtual time waits for the page's requests (manifest, search, tiles) before the budget runs out.
    "--virtual-time-budget=20000",
]


def chromium(url: str, profile: Path, *action: str) -> bytes:
    """What headless Chromium prints for ``url`` after running its scripts (``--dump-dom``, ``--screenshot=…``)."""
    command = ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *action, url]
    browser = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        out, _ = browser.communicate(timeout=240)
    finally:
        if browser.poll() is None:
            os.killpg(browser.pid, signal.SIGKILL)  # the browser's own helpers go with it
    return out


@pytest.fixture(scope="module")
def rendered(digitized_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """``/viewer/DOC?q=chuyen+doi+so`` in Chromium, once: the DOM after its scripts ran, and a screenshot."""
    archive = Archive(digitized_folder / "archive")
    (doc_id,) = [folder.name for folder in archive.documents_dir.iterdir()]
    folder = tmp_path_factory.mktemp("chromium")
    screenshot = folder / "viewer.png"
    with SearchServer(archive_site(archive), port=0) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_port}/viewer/{doc_id}?q=chuyen+doi+so"
        dom = chromium(url, folder / "profile", "--dump-dom", f"--screenshot={screenshot}").decode()
        httpd.shutdown()
    return dom, screenshot


def test_mirador_draws_the_page_and_lists_the_searchs_hits(rendered):
    dom, _ = rendered
    assert "Chuyển đổi số - từ nhận thức đến hành động" in dom  # the manifest's label, as the window's title
    assert "<canvas" in dom  # OpenSeadragon's drawing of the page
    assert ">1 trong 2<" in dom and "• Trang 1" in dom  # Vietnamese: page 1 of 2
    assert ">1 trong 7<" in dom  # the hits: title's and sentence's "Chuyển đổi số" (6), and "số 505" (1)
    assert "Lỗi đã xuất hiện" not in dom  # Mirador's error panel


def test_the_hits_are_outlined_on_the_page(rendered):
    """The page is grey; Mirador outlines the current hit in yellow, the others in blue."""
    _, screenshot = rendered
    page_area = Image.open(screenshot).convert("RGB").crop((300, 60, 1280, 690))
    coloured = [(r, g, b) for r, g, b in page_area.get_flattened_data() if max(r, g, b) - min(r, g, b) > 60]
    yellow = sum(1 for r, g, b in coloured if r > 200 and g > 200 and b < 200)
    blue = sum(1 for r, g, b in coloured if b > 200 and r < 200)
    assert yellow > 500 and blue > 6 * 500
