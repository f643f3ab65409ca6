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
    assert "Provincial" in ocr.recognize(np.asarray(page.image), lang="vie+eng").text
