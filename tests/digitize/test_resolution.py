"""Text size measured on the ink, and the enlargement each engine gets."""

from __future__ import annotations

import numpy as np
import pytest

from digitize import preprocess
from digitize.evaluation import score
from digitize.ink import find_ink
from digitize.ocr.engines import recognize
from digitize.ocr.options import OcrOptions
from digitize.ocr.registry import ENGINES
from digitize.resolution import TextSize, resample, resample_factor, text_size
from pipelines.demo.synthetic import scanned_pages

TEXT = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; "
    "xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 47/TTr-SNV, "
    "Ủy ban nhân dân tỉnh quyết định ban hành Quy chế làm việc và phân công nhiệm vụ. "
) * 3


def page(dpi: int, font_pt: float = 12.0) -> np.ndarray:
    rendered = scanned_pages(TEXT, [0.0], dpi=dpi, font_pt=font_pt, page_mm=(150.0, 90.0))[0]
    return np.asarray(rendered.image.convert("L"))


@pytest.mark.parametrize("dpi", [100, 150, 300])
def test_x_height_follows_the_resolution(dpi):
    size = text_size(page(dpi))
    assert size is not None and size.components > 100
    # 12-pt type: the x-height is about half the em, 0.5 × 12 / 72 inch.
    assert size.x_height == pytest.approx(0.5 * 12 / 72 * dpi, rel=0.2)


def test_x_height_follows_the_type_size():
    small, large = text_size(page(200, 9.0)), text_size(page(200, 18.0))
    assert large.x_height / small.x_height == pytest.approx(2.0, rel=0.15)


def test_the_ink_a_caller_found_already_measures_the_same():
    grey = page(150)
    ink = find_ink(grey)
    assert text_size(grey, ink) == text_size(grey)


def test_a_blank_page_has_no_text_size():
    assert text_size(np.full((1200, 900), 235, np.uint8)) is None


def test_small_text_is_enlarged_to_the_engine_target_and_large_text_left_alone():
    for engine, target in ((e.name, e.target_x_height) for e in ENGINES.values() if e.target_x_height):
        assert resample_factor(TextSize(target / 2, 500), engine) == pytest.approx(2.0)
        assert resample_factor(TextSize(target * 1.5, 500), engine) == 1.0
    assert resample_factor(TextSize(2.0, 500), "tesseract") == 4.0
    assert resample_factor(None, "tesseract") == 1.0
    assert resample_factor(TextSize(6.0, 500), "trueocr") == 1.0  # it scales each line itself


def test_resample_scales_the_image():
    grey = np.full((100, 80), 255, np.uint8)
    assert resample(grey, 2.0).shape == (200, 160)
    assert resample(grey, 1.0) is grey


def test_small_text_is_enlarged_before_it_is_read_and_reads_better():
    small = page(50)  # 12-pt type at 50 dpi: a phone photo of a page
    prepared = preprocess.prepare(small)
    assert prepared.scale > 2 and prepared.steps[0].startswith("enlarge-")
    truth = " ".join(TEXT.split())
    tesseract = OcrOptions(engine="tesseract")  # the engine the enlargement is for
    enlarged, as_is = (recognize(image, tesseract).text for image in (prepared.image, small))
    assert score(truth, enlarged).cer < score(truth, as_is).cer
    assert preprocess.prepare(small, "trueocr").scale == 1  # it scales each line itself
