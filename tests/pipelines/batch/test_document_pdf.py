import hashlib
from pathlib import Path

import numpy as np
import pdfplumber

from digitize import alto
from digitize.ocr.engines import recognize
from pipelines.archive.catalog import Document, PageRow
from pipelines.archive.layout import Archive, write_image, write_text
from pipelines.batch.document_pdf import write_document_pdf

DOCUMENT = Document("d1", "sha", "/scans/d1.pdf", "Lưu trữ", 3, "pending", None, None)


def test_pdf_is_assembled_from_page_images_and_alto_files(tmp_path: Path, strip):
    archive = Archive(tmp_path)
    image = np.asarray(strip.image)
    result = recognize(image)
    for number in (1, 2, 3):
        write_image(archive.page_image_path("d1", number), image)
    write_text(archive.page_alto_path("d1", 1), alto.to_xml(result, image.shape[1], image.shape[0], "page-0001.jpg"))
    pages = [
        PageRow("d1", 1, "ocr", result.text, 0.0, 90.0, (), dpi=300),
        PageRow("d1", 2, "text-layer", "Thời gian ký: 15/03/2024", None, None, (), dpi=150),
        # OCR'd before ALTO files were written: its text is laid over it unplaced.
        PageRow("d1", 3, "ocr", "Sắc phong thời Nguyễn", 0.0, 90.0, ()),
    ]
    write_document_pdf(archive, DOCUMENT, pages)
    with pdfplumber.open(archive.pdf_path("d1")) as pdf:
        texts = [" ".join(p.extract_text().split()) for p in pdf.pages]
        widths = [round(p.width) for p in pdf.pages]
    assert texts == [" ".join(result.text.split()), "Thời gian ký: 15/03/2024", "Sắc phong thời Nguyễn"]
    assert widths == [425, 851, 425]  # 1772 pixels at 300, 150, and the default 300 DPI
    assert sorted(p.name for p in archive.document_dir("d1").iterdir() if p.suffix == ".pdf") == ["document.pdf"]


def test_a_long_document_is_written_in_chunks_with_its_pages_in_order(tmp_path: Path, strip):
    """More pages than one chunk: the file holds them all, in order, hashed as written, and no chunk is left."""
    archive = Archive(tmp_path)
    image = np.asarray(strip.image)
    pages = []
    for number in range(1, 24):
        write_image(archive.page_image_path("d1", number), image)
        pages.append(PageRow("d1", number, "text-layer", f"Trang {number}", None, None, (), dpi=300))
    [(relative, sha256)] = write_document_pdf(archive, DOCUMENT, pages, pdfa=True).items()
    path = archive.root / relative
    assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with pdfplumber.open(path) as pdf:
        assert [p.extract_text() for p in pdf.pages] == [f"Trang {n}" for n in range(1, 24)]
    assert not [p.name for p in archive.document_dir("d1").iterdir() if p.name.startswith(".")]


def test_the_chunks_a_killed_run_left_are_cleared_when_the_pdf_is_written_again(tmp_path: Path, strip):
    archive = Archive(tmp_path)
    write_image(archive.page_image_path("d1", 1), np.asarray(strip.image))
    left = archive.document_dir("d1") / ".pdf-chunks-killed"
    left.mkdir()
    (left / "000000.pdf").write_bytes(b"%PDF-1.4 half")
    write_document_pdf(archive, DOCUMENT, [PageRow("d1", 1, "text-layer", "Trang 1", None, None, (), dpi=300)])
    assert not left.exists() and archive.pdf_path("d1").is_file()
