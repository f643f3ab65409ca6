import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitize import ingest
from digitize.errors import (
    CorruptFileError,
    EncryptedFileError,
    ImageTooLargeError,
    UnsupportedFileError,
)
from digitize.pdf import PdfPage
from tests.conftest import MALFORMED_PDFS, born_digital_pdf, handmade_pdf, pdf_bytes, save_pages

DECISION = (
    "QUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ năm 2023,\n"
    "căn cứ Quyết định số 505/QĐ-TTg của Thủ tướng Chính phủ."
)


def test_detects_kind_by_content_not_name(tmp_path: Path, strip):
    disguised = tmp_path / "scan.jpg"
    save_pages(tmp_path / "real.pdf", [strip.image]).rename(disguised)
    assert ingest.detect_kind(disguised) == "pdf"


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"", CorruptFileError), (b"just some notes\n", UnsupportedFileError)],
)
def test_refuses_empty_and_wrong_type_files_naming_them(tmp_path: Path, content: bytes, error):
    path = tmp_path / "page.png"
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        ingest.count_pages(path)
    assert str(path) in str(raised.value)


def test_truncated_image_fails_with_reason(tmp_path: Path, strip):
    whole = tmp_path / "whole.png"
    strip.image.save(whole)
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole.read_bytes()[:4000])
    with pytest.raises(CorruptFileError, match=r"cut\.png"):
        ingest.load_page(cut, 1)


def test_one_pixel_image_is_refused(tmp_path: Path):
    path = tmp_path / "dot.png"
    Image.new("L", (1, 1)).save(path)
    with pytest.raises(CorruptFileError, match="1×1"):
        ingest.load_page(path, 1)


def _png_claiming(width: int, height: int) -> bytes:
    """A valid PNG header for a huge image, with no pixel data behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (12_000, 10_000)])
def test_huge_image_is_refused_before_decoding(tmp_path: Path, width: int, height: int):
    path = tmp_path / "huge.png"
    path.write_bytes(_png_claiming(width, height))
    with pytest.raises(ImageTooLargeError, match=r"huge.png: .*limit of 100,000,000"):
        ingest.load_page(path, 1)


@pytest.mark.parametrize(
    ("mode", "suffix"),
    [("I;16", ".tif"), ("CMYK", ".jpg"), ("P", ".png"), ("RGBA", ".png"), ("LA", ".png"), ("1", ".tif")],
)
def test_every_image_mode_becomes_8_bit_grey(tmp_path: Path, strip, mode: str, suffix: str):
    grey = strip.image
    image = Image.fromarray(np.asarray(grey, dtype=np.uint16) * 257) if mode == "I;16" else grey.convert(mode)
    path = tmp_path / f"page{suffix}"
    image.save(path)
    page = ingest.load_page(path, 1)
    assert page.image.dtype == np.uint8 and page.image.shape == (grey.height, grey.width)
    # Ink stays dark and paper light whatever the encoding.
    assert page.image.min() < 80 and np.median(page.image) > 180


def test_transparent_background_counts_as_paper(tmp_path: Path):
    image = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    path = tmp_path / "alpha.png"
    image.save(path)
    assert ingest.load_page(path, 1).image.min() == 255


def test_multipage_tiff_pages_are_read_one_at_a_time(tmp_path: Path, strip):
    blank = Image.new("L", strip.image.size, 255)
    path = save_pages(tmp_path / "two.tif", [strip.image, blank])
    assert ingest.count_pages(path) == 2
    assert ingest.load_page(path, 2).image.min() == 255
    with pytest.raises(CorruptFileError, match="no page 3"):
        ingest.load_page(path, 3)


def test_scanned_pdf_page_is_rendered_for_ocr(tmp_path: Path, strip):
    path = save_pages(tmp_path / "scan.pdf", [strip.image])
    page = ingest.load_page(path, 1)
    assert page.text_layer is None
    assert page.dpi == ingest.RENDER_DPI
    assert abs(page.image.shape[1] - strip.image.width) <= 2


def test_pdf_text_layer_is_kept(tmp_path: Path, strip):
    import pytesseract

    path = tmp_path / "searchable.pdf"
    path.write_bytes(pytesseract.image_to_pdf_or_hocr(strip.image, lang="vie", extension="pdf"))
    page = ingest.load_page(path, 1)
    assert page.text_layer is not None
    assert "Quyết định" in page.text_layer


@pytest.mark.parametrize(
    "text",
    [
        "Ký bởi: Ủy ban Nhân dân tỉnh Vĩnh Long\nEmail: ubnd@vinhlong.gov.vn\nCơ quan: Tỉnh Vĩnh Long\n"
        "Thời gian ký: 14.06.2023 08:15:02 +07:00",
        "CONG Hcok xA HQI CHiJ NGHiA VIET NAM\nDOc lap - TV do - HAnh phUc\nSo: 1287/QD-UBND VInh Long, ngAy",
    ],
    ids=["signature caption", "broken OCR"],
)
def test_text_layers_of_real_scans_that_are_not_the_page_are_not_used(text: str):
    assert not ingest.usable_text_layer(text)


def test_a_text_layer_that_is_the_page_is_used_even_with_a_caption():
    text = (
        "Ký bởi: Sở Nội vụ\nQUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ năm 2023; "
        "căn cứ Quyết định số 505/QĐ-TTg của Thủ tướng Chính phủ."
    )
    assert ingest.usable_text_layer(text)


def test_password_protected_pdf_is_refused(tmp_path: Path, strip):
    from pypdf import PdfReader, PdfWriter

    plain = save_pages(tmp_path / "plain.pdf", [strip.image])
    writer = PdfWriter()
    writer.append(PdfReader(plain))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    with pytest.raises(EncryptedFileError, match=r"locked\.pdf: PDF is password-protected"):
        ingest.count_pages(locked)


def test_damaged_pdf_is_refused(tmp_path: Path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage")
    with pytest.raises(CorruptFileError, match=r"damaged\.pdf"):
        ingest.load_page(path, 1)


def test_sha256_identifies_content(tmp_path: Path):
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    a.write_bytes(b"same")
    b.write_bytes(b"same")
    assert ingest.sha256_file(a) == ingest.sha256_file(b) != ingest.sha256_file(__file__ and Path(__file__))


def _scan_with_ocr_layer(tmp_path: Path, strip) -> Path:
    """A scan under an invisible text layer, as an earlier OCR (a scanner's, or ours) leaves it."""
    image = tmp_path / "scan.jpg"
    strip.image.save(image)
    path = tmp_path / "scan-ocr.pdf"
    path.write_bytes(pdf_bytes([PdfPage(image, 300, loose_text=strip.text)]))
    return path


@pytest.mark.parametrize(
    ("mode", "kept"), [("skip", {"born digital", "OCR layer"}), ("redo", {"born digital"}), ("force", set())]
)
def test_mode_says_which_text_layers_are_kept(tmp_path: Path, strip, mode: str, kept: set[str]):
    files = {
        "born digital": born_digital_pdf(tmp_path / "typed.pdf", DECISION),
        "OCR layer": _scan_with_ocr_layer(tmp_path, strip),
    }
    pages = {name: ingest.load_page(path, 1, mode) for name, path in files.items()}
    assert {name for name, page in pages.items() if page.text_layer is not None} == kept
    assert all(page.dpi == ingest.RENDER_DPI for name, page in pages.items() if name not in kept)


def test_unknown_mode_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="skip"):
        ingest.load_page(born_digital_pdf(tmp_path / "typed.pdf", DECISION), 1, "keep")


@pytest.mark.parametrize("name", sorted(MALFORMED_PDFS))
def test_a_malformed_page_tree_is_a_corrupt_file_named_with_its_reason(tmp_path: Path, name: str):
    path = handmade_pdf(tmp_path / name, MALFORMED_PDFS[name])
    for read in (ingest.count_pages, lambda p: ingest.load_page(p, 1)):
        with pytest.raises(CorruptFileError, match="not a readable PDF") as caught:
            read(path)
        assert caught.value.path == str(path)
