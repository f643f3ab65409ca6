from pathlib import Path

import numpy as np
import pytest

from digitize.errors import OcrEngineError
from digitize.ocr import tesseract
from digitize.ocr.engines import engine_for, recognize
from digitize.ocr.options import OcrOptions
from tests.conftest import render_strip

TESSERACT = OcrOptions(engine="tesseract")


def test_reads_vietnamese_with_every_diacritic(strip):
    result = recognize(np.asarray(strip.image), TESSERACT)
    assert " ".join(result.text.split()) == " ".join(strip.text.split())


def test_words_carry_confidence_and_position(strip):
    result = recognize(np.asarray(strip.image), TESSERACT)
    first = result.words[0]
    assert first.text == "Chuyển"
    assert 50 < first.confidence <= 100
    assert first.width > 0 and first.height > 0
    assert 50 < result.mean_confidence <= 100
    assert result.software[0].name == "Tesseract" and result.lines[0].engine == "tesseract"


def test_paragraphs_are_blocks_separated_by_a_blank_line(strip):
    result = recognize(np.asarray(strip.image), TESSERACT)
    assert result.text.split("\n\n")[0] == "Chuyển đổi số - từ nhận thức đến hành động"
    assert result.blocks[0].text == "Chuyển đổi số - từ nhận thức đến hành động"


def test_blank_image_reads_as_nothing():
    result = recognize(np.full((300, 600), 255, np.uint8), TESSERACT)
    assert result.text == "" and result.words == () and result.mean_confidence is None


def test_missing_language_data_says_which_package_to_install():
    with pytest.raises(OcrEngineError, match="tesseract-ocr-xyz"):
        tesseract.check_engine("vie+xyz")


def test_combined_languages_are_accepted():
    page = render_strip(text="Thư viện tỉnh - Provincial library")
    assert "Provincial" in recognize(np.asarray(page.image), OcrOptions(engine="tesseract", lang="vie+eng")).text


def test_one_engine_per_language_serves_every_page(strip):
    first = engine_for(TESSERACT)
    recognize(np.asarray(strip.image), TESSERACT)
    recognize(np.asarray(render_strip(text="Trang hai").image), TESSERACT)
    assert engine_for(TESSERACT) is first
    assert engine_for(OcrOptions(engine="tesseract", lang="vie+eng")) is not first


def test_page_segmentation_mode_is_applied(strip):
    """psm 6 takes the page as one block of text: the title is no longer a block of its own."""
    one_block = recognize(np.asarray(strip.image), OcrOptions(engine="tesseract", psm=6))
    assert len(one_block.blocks) == 1
    assert "\n\n" not in one_block.text
    assert len(recognize(np.asarray(strip.image), TESSERACT).blocks) == 2


def test_modes_that_read_no_text_are_refused(strip):
    with pytest.raises(OcrEngineError, match="mode 0"):
        recognize(np.asarray(strip.image), OcrOptions(engine="tesseract", psm=0))


def test_old_tone_mark_placement_can_be_unified():
    page = render_strip(text="Thanh Hoá thuỷ lợi hoà bình")
    kept = recognize(np.asarray(page.image), TESSERACT)
    unified = recognize(np.asarray(page.image), OcrOptions(engine="tesseract", unify_tones=True))
    assert "Hoá" in kept.text and "thuỷ" in kept.text
    assert unified.text == "Thanh Hóa thủy lợi hòa bình"
    assert [w.text for w in unified.words][:2] == ["Thanh", "Hóa"]


def test_options_are_named_in_the_page_steps():
    assert OcrOptions().step == "ocr-auto-vie-psm3"
    assert TESSERACT.step == "ocr-vie-psm3"
    assert OcrOptions(lang="vie+fra", psm=4, unify_tones=True).step == "ocr-auto-vie+fra-psm4-new-tones"


def test_an_unknown_engine_is_refused_by_name():
    with pytest.raises(OcrEngineError, match="no OCR engine called 'abbyy'"):
        engine_for(OcrOptions(engine="abbyy"))


def test_language_data_is_found_without_configuration():
    assert Path(tesseract.tessdata_dir(), "vie.traineddata").is_file()
