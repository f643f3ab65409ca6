from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image

from digitize.evaluation import score
from digitize.ocr.options import OcrOptions
from digitize.page import process_page
from digitize.provenance import StageLog
from pipelines.demo.rare_pages import FRENCH_TEXT, han_fonts, han_page, photograph
from pipelines.demo.synthetic import scanned_pages
from tests.conftest import born_digital_pdf, render_strip, save_pages

TYPED = "Thanh Hoá, ngày 14 tháng 6 năm 2023\nQUYẾT ĐỊNH về công tác thuỷ lợi và hoà giải ở cơ sở"


def test_scanned_page_is_deskewed_and_ocrd(tmp_path: Path):
    page = render_strip(skew=-8.0)
    path = save_pages(tmp_path / "scan.tif", [page.image])
    result = process_page(path, 1)
    assert result.source == "ocr"
    assert abs(result.skew_deg + 8.0) < 0.1
    assert "505/QĐ-TTg" in result.text
    assert result.steps[-1] == "ocr-auto-vie-psm3"
    sent_back = result.without_pixels()  # what a worker hands the coordinator once the files are written
    assert sent_back.image.size == 0 and sent_back.recognized is None
    assert (sent_back.text, sent_back.steps, sent_back.dpi) == (result.text, result.steps, result.dpi)


def test_pdf_text_layer_is_used_instead_of_ocr(tmp_path: Path, strip):
    path = tmp_path / "searchable.pdf"
    path.write_bytes(pytesseract.image_to_pdf_or_hocr(strip.image, lang="vie", extension="pdf"))
    result = process_page(path, 1)
    assert result.source == "text-layer" and result.confidence is None
    assert "Chuyển đổi số" in result.text


def test_the_load_stage_names_the_library_that_read_the_page(tmp_path: Path, strip):
    scanned = save_pages(tmp_path / "scanned.pdf", [strip.image])
    typed = born_digital_pdf(tmp_path / "typed.pdf", TYPED)
    image = save_pages(tmp_path / "scan.png", [strip.image])
    loads = {}
    for path in (scanned, typed, image):
        log = StageLog()
        process_page(path, 1, log=log)
        loads[path.name] = (log.runs[0].stage, log.runs[0].tool, log.runs[0].parameters)
    assert loads["scanned.pdf"][:2] == ("load", "pypdfium2") and loads["scanned.pdf"][2]["render_dpi"] >= 150
    assert loads["typed.pdf"][:2] == ("load", "pdfplumber") and "render_dpi" in loads["typed.pdf"][2]
    assert loads["scan.png"] == ("load", "pillow", {"mode": "skip"})


def test_blank_back_of_a_sheet_is_marked_not_read(tmp_path: Path, strip):
    path = save_pages(tmp_path / "two-sided.tif", [strip.image, Image.new("L", strip.image.size, 238)])
    back = process_page(path, 2)
    assert back.source == "blank" and back.text == ""
    assert isinstance(back.image, np.ndarray)


def test_forced_mode_ocrs_even_a_born_digital_page(tmp_path: Path):
    path = born_digital_pdf(tmp_path / "typed.pdf", TYPED)
    kept = process_page(path, 1)
    forced = process_page(path, 1, OcrOptions(mode="force", psm=6))
    assert kept.source == "text-layer" and kept.text == TYPED
    assert forced.source == "ocr" and forced.steps[-1] == "ocr-auto-vie-psm6"
    assert "QUYẾT ĐỊNH" in forced.text


def test_text_layers_get_the_new_tone_marks_when_asked(tmp_path: Path):
    path = born_digital_pdf(tmp_path / "typed.pdf", TYPED)
    text = process_page(path, 1, OcrOptions(unify_tones=True)).text
    assert "Thanh Hóa" in text and "thủy lợi và hòa giải" in text


def test_a_french_page_is_found_french_and_read_again_with_french(tmp_path: Path):
    french = scanned_pages(FRENCH_TEXT, [0.0], page_mm=(180, 130), seed=4)[0]
    path = save_pages(tmp_path / "rapport.png", [french.image])
    result = process_page(path, 1)
    assert (result.script, result.languages, result.engine) == ("Latin", ("fra", "vie"), "tesseract")
    assert result.steps[-1] == "ocr-fra+vie-psm3"
    assert score(french.text, result.text).cer <= 0.01
    assert "légèrement" in result.text and "Quảng Ngãi" in result.text


def test_a_han_page_is_kept_as_an_image_for_a_specialist_unread(tmp_path: Path):
    path = save_pages(tmp_path / "sac-phong.png", [han_page(han_fonts()[0], vertical=True, paper=0.8).image])
    result = process_page(path, 1)
    assert (result.source, result.script, result.text, result.flags) == ("image", "Han", "", ("han-for-specialist",))
    assert result.steps[-1] == "script-han"


def test_a_photograph_is_an_illustration_without_text(tmp_path: Path):
    path = tmp_path / "photo.jpg"
    photograph(7).save(path)
    result = process_page(path, 1)
    assert (result.source, result.script, result.text, result.recognized) == ("illustration", "none", "", None)


def test_han_ocr_reads_a_page_in_columns_with_the_vertical_model_flagged_approximate(tmp_path: Path):
    decree = han_page(han_fonts()[0], vertical=True)
    path = save_pages(tmp_path / "sac-phong.png", [decree.image])
    result = process_page(path, 1, OcrOptions(han_ocr=True))
    assert (result.source, result.script, result.languages, result.flags) == (
        "ocr",
        "Han",
        ("chi_tra_vert",),
        ("approximate",),
    )
    assert score(decree.text, "".join(result.text.split())).cer < 0.3  # approximate: 9-20% on such renders


def test_a_negative_scan_is_turned_positive_and_its_text_read(tmp_path: Path, strip):
    path = tmp_path / "microfilm.png"
    Image.fromarray(255 - np.asarray(strip.image.convert("L"))).save(path, dpi=(300, 300))
    result = process_page(path, 1, OcrOptions(engine="tesseract"))
    assert result.source == "ocr" and "invert-negative" in result.steps
    assert score(strip.text, result.text).cer < 0.05


def test_a_page_black_all_over_is_not_blank_but_unreadable(tmp_path: Path):
    path = tmp_path / "black.png"
    Image.new("L", (1200, 900), 8).save(path, dpi=(300, 300))
    result = process_page(path, 1)
    assert (result.source, result.text, result.steps) == ("unreadable", "", ("tone-check",))
