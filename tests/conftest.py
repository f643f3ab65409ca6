"""Shared fixtures: small scanned-looking Vietnamese pages rendered on the fly, a fixed clock, a digitized archive.

Pages are a 150 × 72 mm strip at 300 DPI, big enough for Tesseract to read
like a real scan and small enough to OCR in a fraction of a second. The clock
lets a test build a catalog's dated history without waiting for it. The
archive is digitized once per session; each test that asks for it gets its
own copy, free to damage.
"""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime, time
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from digitize.pdf import FONT_PATH, PdfPage, write_pdf
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from pipelines.demo.synthetic import LIGHT, Degradation, SyntheticPage, TextBlock, render_blocks, scan, scanned_pages

STRIP_MM = (150.0, 72.0)

SAMPLE_TEXT = (
    "Chuyển đổi số - từ nhận thức đến hành động\n"
    "Ngày 22/4/2022, Thủ tướng ký Quyết định số 505/QĐ-TTg về Ngày Chuyển đổi số quốc gia."
)


def render_strip(
    text: str = SAMPLE_TEXT, skew: float = 0.0, degradation: Degradation = LIGHT, seed: int = 0
) -> SyntheticPage:
    return scanned_pages(text, [skew], degradation=degradation, seed=seed, font_pt=12, page_mm=STRIP_MM)[0]


def decree_30_header(
    agency: str,
    number: str,
    heading: str = "QUYẾT ĐỊNH",
    summary: str = "Về việc chỉnh lý tài liệu tồn đọng năm 2024",
    number_by_hand: bool = False,
) -> Image.Image:
    """The header of a Decree 30 document of Vĩnh Long, lightly scanned; its number's digits, when by hand, in a
    marker's strokes (twice the print's width)."""
    left = TextBlock(("UBND TỈNH VĨNH LONG", agency, "", f"Số: {number}"), (0.0, 0.42), centered=True, font_pt=12)
    national = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "")
    right = TextBlock((*national, "Vĩnh Long, ngày 05 tháng 9 năm 2024"), (0.4, 1.0), centered=True, font_pt=12)
    title = TextBlock((heading, summary), centered=True, font_pt=13, bold=True)
    page = render_blocks([[left, right], [title]], page_mm=(210, 150), margins_mm=(10, 20, 5, 15))
    image = page.image.copy()
    if number_by_hand:
        [line] = [placed for placed in page.lines if placed.text.startswith("Số:")]
        digits = number.split("/")[0]
        left_x = line.box[0] + round(line.font.getlength("Số: "))
        right_x = line.box[0] + round(line.font.getlength(f"Số: {digits}"))
        pixels = np.asarray(image.convert("L")).copy()
        region = pixels[line.box[1] - 4 : line.box[3] + 4, left_x - 2 : right_x + 2]
        region[:] = cv2.erode(region, np.ones((5, 5), np.uint8))
        image = Image.fromarray(pixels)
    return scan(image, 0.4, LIGHT, seed=5)


def pdf_bytes(pages: list[PdfPage], pdfa: bool = False) -> bytes:
    """``pages`` as a PDF in memory, as ``write_pdf`` writes a document's to its file."""
    out = io.BytesIO()
    write_pdf(pages, out, pdfa=pdfa)
    return out.getvalue()


def save_pages(path: Path, pages: list[Image.Image]) -> Path:
    """Several pages in one file: a multi-page TIFF or a scanned PDF, by suffix."""
    first, *rest = pages
    if path.suffix == ".pdf":
        first.save(path, "PDF", save_all=True, append_images=rest, resolution=300.0)
    else:
        first.save(path, save_all=True, append_images=rest, dpi=(300, 300))
    return path


@pytest.fixture(scope="session")
def strip() -> SyntheticPage:
    return render_strip()


class FixedClock:
    """A catalog clock that stands still until moved: ``clock.set(date(2024, 12, 9))``.

    Times are local noon, so a moment falls on the day it was set to in any time zone.
    """

    def __init__(self, day: date) -> None:
        self.set(day)

    def set(self, day: date) -> None:
        self.now = datetime.combine(day, time(12)).astimezone()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def digitized_folder(tmp_path_factory: pytest.TempPathFactory, strip: SyntheticPage) -> Path:
    """A folder with ``scans/a.tif`` (the sample page and a blank back) digitized into ``archive/`` as "Hán Nôm"."""
    folder = tmp_path_factory.mktemp("digitized")
    (folder / "scans").mkdir()
    save_pages(folder / "scans" / "a.tif", [strip.image, Image.new("L", strip.image.size, 240)])
    run_batch([folder / "scans"], "Hán Nôm", Archive(folder / "archive"), QUIET)
    return folder


@pytest.fixture
def digitized_archive(digitized_folder: Path, tmp_path: Path) -> Archive:
    """A copy of the digitized archive, this test's own; its source stays where it was digitized."""
    return Archive(Path(shutil.copytree(digitized_folder / "archive", tmp_path / "archive")))


def born_digital_pdf(path: Path, text: str, font: str = "DejaVuSans") -> Path:
    """A one-page PDF whose text is drawn visibly in DejaVu Sans (or a standard ``font``), as a word processor
    exports it."""
    if font == "DejaVuSans":
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_PATH)))
    canvas = Canvas(str(path), pagesize=(STRIP_MM[0] / 25.4 * 72, STRIP_MM[1] / 25.4 * 72))
    lines = canvas.beginText(20, STRIP_MM[1] / 25.4 * 72 - 30)
    lines.setFont(font, 11, leading=16)
    for line in text.splitlines():
        lines.textLine(line)
    canvas.drawText(lines)
    canvas.save()
    return path


def handmade_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF written byte by byte from its numbered ``objects`` (object 1 the catalog), with a correct xref table:
    how to make the malformed files no PDF library would write, such as a page tree listing non-page objects."""
    data = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(data)
    return path


#: A page whose MediaBox holds a non-number, and a page tree whose /Kids are not pages: pdfminer raises its own
#: exceptions on both as soon as the pages are counted.
MALFORMED_PDFS = {
    "mediabox.pdf": [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 (x) -5] >>",
    ],
    "kids.pdf": [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 7 9] /Count 3 >>"],
}


def legacy_font_pdf(path: Path, text: str, font: str = "Times-Roman") -> Path:
    """A one-page PDF typed in a pre-Unicode Vietnamese font: ``text`` holds the font's codes as Latin-1
    (``Céng hßa`` in TCVN3), drawn in a standard font (whose reader loses TCVN3's ư, a soft hyphen) or an
    embedded one (which keeps it), so its text layer reads as a ``.VnTime`` file's does."""
    return born_digital_pdf(path, text, font=font)


@pytest.fixture
def browser(tmp_path: Path):
    """Headless Chromium on a fresh profile (``tests/browser.py``): open pages with ``browser.new_page()``."""
    from tests.browser import chromium  # Playwright is loaded only by the tests that use a browser

    with chromium(tmp_path / "chromium-profile") as context:
        yield context
