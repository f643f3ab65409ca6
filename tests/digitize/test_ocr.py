from pathlib import Path

import numpy as np
import pytest

from digitize import ocr
from digitize.errors import OcrEngineError
from tests.conftest import render_strip


def test_reads_vietnamese_with_every_diacritic(strip):
    result = ocr.recognize(np.asarray(strip.image))
    assert " ".join(result.text.split()) == " ".join(strip.text.split())


def test_words_carry_confidence_and_position(strip):
    result = ocr.recognize(np.asarray(strip.image))
    first = result.words[0]
    assert first.text == "Chuyển"
    assert 50 < first.confidence <= 100
    assert first.width > 0 and first.height > 0
    assert 50 < result.mean_confidence <= 100


def test_paragraphs_are_separated_by_a_blank_line(strip):
    text = ocr.recognize(np.asarray(strip.image)).text
    assert text.split("\n\n")[0] == "Chuyển đổi số - từ nhận thức đến hành động"


def test_blank_image_reads_as_nothing():
    result = ocr.recognize(np.full((300, 600), 255, np.uint8))
    assert result.text == "" and result.words == () and result.mean_confidence is None


def test_missing_language_data_says_which_package_to_install():
    with pytest.raises(OcrEngineError, match="tesseract-ocr-xyz"):
        ocr.check_engine("vie+xyz")


def test_combined_languages_are_accepted():
    page = render_strip(text="Thư viện tỉnh - Provincial library")
    assert "Provincial" in ocr.recognize(np.asarray(page.image), ocr.OcrOptions(lang="vie+eng")).text


def test_one_engine_per_language_serves_every_page(strip):
    first = ocr.engine("vie")
    ocr.recognize(np.asarray(strip.image))
    ocr.recognize(np.asarray(render_strip(text="Trang hai").image))
    assert ocr.engine("vie") is first
    assert ocr.engine("vie+eng") is not first


def test_page_segmentation_mode_is_applied(strip):
    """psm 6 takes the page as one block of text: the title is no longer a block of its own."""
    one_block = ocr.recognize(np.asarray(strip.image), ocr.OcrOptions(psm=6))
    assert {word.block for word in one_block.words} == {0}
    assert "\n\n" not in one_block.text
    assert {word.block for word in ocr.recognize(np.asarray(strip.image)).words} == {0, 1}


def test_modes_that_read_no_text_are_refused(strip):
    with pytest.raises(OcrEngineError, match="mode 0"):
        ocr.recognize(np.asarray(strip.image), ocr.OcrOptions(psm=0))


def test_old_tone_mark_placement_can_be_unified():
    page = render_strip(text="Thanh Hoá thuỷ lợi hoà bình")
    kept = ocr.recognize(np.asarray(page.image))
    unified = ocr.recognize(np.asarray(page.image), ocr.OcrOptions(unify_tones=True))
    assert "Hoá" in kept.text and "thuỷ" in kept.text
    assert unified.text == "Thanh Hóa thủy lợi hòa bình"
    assert [w.text for w in unified.words][:2] == ["Thanh", "Hóa"]


def test_options_are_named_in_the_page_steps():
    assert ocr.OcrOptions().step == "ocr-vie-psm3"
    assert ocr.OcrOptions(lang="vie+fra", psm=4, unify_tones=True).step == "ocr-vie+fra-psm4-new-tones"


def test_language_data_is_found_without_configuration():
    assert Path(ocr.tessdata_dir(), "vie.traineddata").is_file()
