import cv2
import numpy as np

from digitize import preprocess, resolution
from digitize.evaluation import score
from digitize.ocr.engines import recognize
from tests.conftest import render_strip


def _shrunk(image: np.ndarray, factor: float) -> np.ndarray:
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def test_letter_height_follows_the_scale_of_the_page(strip):
    full = resolution.letter_height(np.asarray(strip.image))
    quarter = resolution.letter_height(_shrunk(np.asarray(strip.image), 0.25))
    assert 20 <= full <= 40  # 12 pt at 300 dpi
    assert abs(quarter - full / 4) <= 2


def test_pages_at_300_dpi_are_left_alone_and_photo_sized_ones_enlarged(strip):
    page = np.asarray(strip.image)
    assert resolution.enlargement(page) == 1
    small = _shrunk(page, 0.25)  # 12 pt at 75 dpi: a phone photo of an A4 sheet
    factor = resolution.enlargement(small)
    assert 2.5 <= factor <= resolution.MAX_FACTOR
    assert resolution.enlarge(small, factor).shape[1] == round(small.shape[1] * factor)


def test_a_blank_page_has_no_letter_height():
    assert resolution.letter_height(np.full((400, 600), 250, np.uint8)) is None
    assert resolution.enlargement(np.full((400, 600), 250, np.uint8)) == 1


def test_small_text_is_enlarged_before_it_is_read_and_reads_better():
    page = render_strip(text="Quyết định về việc phê duyệt kế hoạch chuyển đổi số của tỉnh Quảng Ngãi năm 2025")
    small = _shrunk(np.asarray(page.image), 0.17)  # 12 pt at 50 dpi
    prepared = preprocess.prepare(small)
    assert prepared.scale > 2 and prepared.steps[0].startswith("enlarge-")
    assert score(page.text, recognize(prepared.image).text).cer < score(page.text, recognize(small).text).cer
