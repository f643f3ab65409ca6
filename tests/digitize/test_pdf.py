import io
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pytest
from pikepdf.pdfa import validate_written
from pypdf import PdfReader

from digitize.ocr.engines import recognize
from digitize.ocr.page import OcrPage
from digitize.pdf import PdfPage, draw_pages, replace_page, write_pdf
from tests.conftest import pdf_bytes


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def page(strip, tmp_path_factory) -> tuple[Path, OcrPage]:
    image = np.asarray(strip.image)
    path = tmp_path_factory.mktemp("pdf") / "page-0001.jpg"
    cv2.imwrite(str(path), image)
    return path, recognize(image)


def test_text_pulled_out_of_the_pdf_is_the_ocr_text(page):
    image, result = page
    with pdfplumber.open(io.BytesIO(pdf_bytes([PdfPage(image, 300, recognized=result)]))) as pdf:
        [pdf_page] = pdf.pages
        assert _words(pdf_page.extract_text()) == _words(result.text)
        assert "Quyết định số" in pdf_page.extract_text()  # precomposed Vietnamese letters survive the round trip


def test_pages_are_their_images_at_their_resolution(page):
    image, result = page
    written = pdf_bytes([PdfPage(image, 300, recognized=result), PdfPage(image, 150)])
    with pdfplumber.open(io.BytesIO(written)) as pdf:
        sizes = [(round(p.width, 1), round(p.height, 1)) for p in pdf.pages]
        assert len(pdf.pages[0].images) == 1
        assert pdf.pages[1].extract_text() == ""
    # 1772 × 850 pixels are 150 × 72 mm at 300 DPI, twice that at 150 DPI.
    assert sizes == [(425.3, 204.0), (850.6, 408.0)]


def test_words_sit_on_their_boxes(page):
    image, result = page
    with pdfplumber.open(io.BytesIO(pdf_bytes([PdfPage(image, 300, recognized=result)]))) as pdf:
        first = pdf.pages[0].extract_words()[0]
    word = result.words[0]
    points = 72 / 300
    assert first["text"] == word.text
    assert first["x0"] == pytest.approx(word.left * points, abs=1)
    assert first["x1"] == pytest.approx((word.left + word.width) * points, abs=1)


def test_a_text_layer_without_boxes_is_still_searchable(page):
    image, _ = page
    written = pdf_bytes([PdfPage(image, 150, loose_text="Ủy ban nhân dân\ntỉnh Vĩnh Long")])
    with pdfplumber.open(io.BytesIO(written)) as pdf:
        assert pdf.pages[0].extract_text().splitlines() == ["Ủy ban nhân dân", "tỉnh Vĩnh Long"]


def test_a_long_text_layer_is_squeezed_onto_the_page(page):
    image, _ = page
    lines = [f"Dòng {n}: " + "Ủy ban nhân dân tỉnh Vĩnh Long " * 20 for n in range(80)]
    with pdfplumber.open(io.BytesIO(pdf_bytes([PdfPage(image, 150, loose_text="\n".join(lines))]))) as pdf:
        pdf_page = pdf.pages[0]
        extracted = pdf_page.extract_text().splitlines()
        assert all(c["x0"] >= 0 and c["x1"] <= pdf_page.width and c["top"] >= 0 for c in pdf_page.chars)
        assert all(c["bottom"] <= pdf_page.height for c in pdf_page.chars)
    assert [" ".join(line.split()) for line in extracted] == [" ".join(line.split()) for line in lines]


def test_pdfa_has_what_pdfa_2b_requires_and_the_same_text(page):
    """The structural PDF/A-2b requirements a validator such as veraPDF checks first."""
    image, result = page
    written = pdf_bytes([PdfPage(image, 300, recognized=result)], pdfa=True)
    reader = PdfReader(io.BytesIO(written))
    catalog = reader.trailer["/Root"]
    [intent] = catalog["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object()["/N"] == 3
    xmp = catalog["/Metadata"].get_object()
    assert xmp["/Subtype"] == "/XML" and "/Filter" not in xmp
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp.get_data()
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp.get_data()
    assert not reader.is_encrypted and "/ID" in reader.trailer and "/Info" not in reader.trailer
    assert written.startswith(b"%PDF-1.") and max(written[10:15]) > 127  # binary marker line
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert all("/FontFile2" in font.get_object()["/FontDescriptor"] for font in fonts.values())
    with pdfplumber.open(io.BytesIO(written)) as pdf:
        assert _words(pdf.pages[0].extract_text()) == _words(result.text)


def test_plain_pdf_is_not_marked_pdfa(page):
    image, result = page
    catalog = PdfReader(io.BytesIO(pdf_bytes([PdfPage(image, 300, recognized=result)]))).trailer["/Root"]
    assert "/OutputIntents" not in catalog


def test_a_document_drawn_in_chunks_is_the_document_drawn_whole(page, tmp_path):
    """Pages drawn a few at a time and joined read as the same pages drawn on one canvas, in order."""
    image, result = page
    pages = [PdfPage(image, 300, recognized=result)] + [
        PdfPage(image, 150 + n, loose_text=f"Trang {n}: Ủy ban nhân dân tỉnh Vĩnh Long") for n in range(6)
    ]
    whole = io.BytesIO()
    draw_pages(pages, whole)
    chunked = tmp_path / "document.pdf"
    with chunked.open("wb") as out:
        write_pdf(pages, out, scratch=tmp_path, chunk_pages=2)
    assert [path.name for path in tmp_path.iterdir()] == ["document.pdf"]  # the chunks are gone
    with pdfplumber.open(io.BytesIO(whole.getvalue())) as before, pdfplumber.open(chunked) as after:
        assert len(after.pages) == len(before.pages) == 7
        for old, new in zip(before.pages, after.pages, strict=True):
            assert (new.width, new.height) == (old.width, old.height)
            assert new.extract_text() == old.extract_text()
            assert [i["stream"].get_data() for i in new.images] == [i["stream"].get_data() for i in old.images]
        assert after.pages[-1].extract_text() == "Trang 5: Ủy ban nhân dân tỉnh Vĩnh Long"


def test_a_long_pdfa_document_is_marked_once(page, tmp_path):
    image, result = page
    out = io.BytesIO()
    write_pdf([PdfPage(image, 300, recognized=result)] * 5, out, pdfa=True, scratch=tmp_path, chunk_pages=2)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == 5 and "/Info" not in reader.trailer
    assert b"<pdfaid:part>2</pdfaid:part>" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert len(reader.trailer["/Root"]["/OutputIntents"]) == 1


def test_pdfa_passes_pikepdfs_pdfa_2b_validator(page):
    """An allowlist validator: it approves only what it has checked conforms (fonts, colour, metadata, structure)."""
    image, result = page
    pages = [PdfPage(image, 300, recognized=result), PdfPage(image, 150, loose_text="Ủy ban nhân dân tỉnh Vĩnh Long")]
    report = validate_written(io.BytesIO(pdf_bytes(pages, pdfa=True)), "2b")
    assert report.passed, report.findings
    assert not validate_written(io.BytesIO(pdf_bytes(pages)), "2b").passed


def test_one_page_drawn_anew_leaves_the_others_and_pdfa_as_they_were(page, tmp_path):
    image, result = page
    pages = [PdfPage(image, 300, loose_text=f"trang số {n}") for n in (1, 2, 3)]
    document = tmp_path / "document.pdf"
    document.write_bytes(pdf_bytes(pages, pdfa=True))
    out = io.BytesIO()
    replace_page(document, 2, PdfPage(image, 300, recognized=result), out, pdfa=True)

    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        texts = [_words(p.extract_text()) for p in pdf.pages]
    assert texts[0] == "trang số 1" and texts[2] == "trang số 3"
    assert texts[1] == _words(result.text)
    report = validate_written(io.BytesIO(out.getvalue()), "2b")
    assert report.passed, report.findings
