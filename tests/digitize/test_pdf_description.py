"""A searchable PDF names its document: title, authors, subject and language, alike in Info and XMP."""

import io
from pathlib import Path

import pikepdf
import pytest
from pikepdf.pdfa import validate_written
from PIL import Image

from digitize.pdf import PdfPage, write_pdf
from digitize.pdf_description import PdfDescription, read_description, redescribe

DECISION = PdfDescription(
    "Quyết định 505/QĐ-TTg", ("Thủ tướng Chính phủ", "Nguyễn Văn A & B <C>"), "Về Ngày Chuyển đổi số quốc gia"
)


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("described") / "page-0001.jpg"
    Image.new("RGB", (850, 1100), "white").save(path, dpi=(100, 100))
    return path


def written(image: Path, pdfa: bool, description: PdfDescription | None = DECISION) -> bytes:
    out = io.BytesIO()
    write_pdf([PdfPage(image, 100, loose_text="Ủy ban nhân dân")], out, pdfa=pdfa, description=description)
    return out.getvalue()


def test_a_pdfa_says_its_title_authors_subject_and_language_in_info_and_xmp_and_stays_valid(image: Path):
    pdf = written(image, pdfa=True)
    assert validate_written(io.BytesIO(pdf), "2b").passed
    with pikepdf.open(io.BytesIO(pdf)) as document:
        info = document.trailer.Info
        assert str(info.Title) == "Quyết định 505/QĐ-TTg" and str(info.Subject) == DECISION.subject
        assert str(info.Author) == "Thủ tướng Chính phủ; Nguyễn Văn A & B <C>" and str(document.Root.Lang) == "vi"
        with document.open_metadata() as xmp:
            assert xmp["dc:title"] == "Quyết định 505/QĐ-TTg" and xmp["dc:description"] == DECISION.subject
            assert xmp["dc:creator"] == list(DECISION.authors) and xmp["dc:language"] == {"vi"}
            assert xmp["pdfaid:part"] == "2"


def test_a_plain_pdf_is_described_too_and_a_pdfa_without_a_description_has_no_info(image: Path):
    with pikepdf.open(io.BytesIO(written(image, pdfa=False))) as document:
        assert str(document.trailer.Info.Title) == DECISION.title and "/OutputIntents" not in document.Root
    with pikepdf.open(io.BytesIO(written(image, pdfa=True, description=None))) as document:
        assert "/Info" not in document.trailer


def test_a_described_pdf_described_again_says_only_the_new_description_and_stays_valid(image: Path, tmp_path: Path):
    path = tmp_path / "document.pdf"
    path.write_bytes(written(image, pdfa=True))
    renamed = PdfDescription("Công văn 12/UBND")
    out = io.BytesIO()
    redescribe(path, renamed, out)
    path.write_bytes(out.getvalue())
    assert read_description(path) == renamed
    assert validate_written(io.BytesIO(out.getvalue()), "2b").passed
    with pikepdf.open(path) as document, document.open_metadata() as xmp:
        assert xmp.pdfa_status == "2B"
        assert "/Subject" not in document.trailer.Info and "dc:description" not in xmp
        assert xmp["dc:title"] == "Công văn 12/UBND"
