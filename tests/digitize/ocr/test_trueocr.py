"""trueocr as an engine: real Vietnamese read from small rendered pages, with boxes and confidences that fit."""

from __future__ import annotations

from collections import Counter

import cv2
import numpy as np
import pytest

from digitize import preprocess
from digitize.evaluation import score
from digitize.ocr.engines import engine_for
from digitize.ocr.options import ENGINE_NAMES, OcrOptions
from digitize.ocr.trueocr import TrueOcrEngine
from digitize.textnorm import fold
from pipelines.demo.synthetic import scanned_pages

# The page of tests/conftest.py's render_strip: a 150 × 72 mm strip at 300 DPI.
TEXT = (
    "Chuyển đổi số - từ nhận thức đến hành động\n"
    "Ngày 22/4/2022, Thủ tướng ký Quyết định số 505/QĐ-TTg về Ngày Chuyển đổi số quốc gia."
)


def render(text: str = TEXT, skew: float = 0.0, page_mm: tuple[float, float] = (150.0, 72.0)):
    page = scanned_pages(text, [skew], font_pt=12, page_mm=page_mm)[0]
    return np.asarray(page.image.convert("L")), page.text


@pytest.fixture(scope="module")
def engine() -> TrueOcrEngine:
    return TrueOcrEngine(straighten=True)  # these pages come unprepared, some tilted


def words_right(truth: str, read: str) -> float:
    expected, got = Counter(truth.split()), Counter(read.split())
    return sum((expected & got).values()) / sum(expected.values())


def test_reads_most_words_of_a_vietnamese_page(engine):
    image, truth = render()
    page = engine.read(image)
    assert words_right(truth, page.text) >= 0.8
    assert score(truth, page.text).cer < 0.06
    assert page.words[0].text == "Chuyển"
    assert page.software[0].name == "trueocr"


def test_lines_and_words_carry_boxes_inside_the_image_and_confidences(engine):
    image, _ = render()
    page = engine.read(image)
    height, width = image.shape
    assert page.lines and all(line.engine == "trueocr" for line in page.lines)
    for word in page.words:
        left, top, right, bottom = word.box
        assert 0 <= left < right <= width and 0 <= top < bottom <= height
        assert 0 <= word.confidence <= 100
        assert (image[top:bottom, left:right] < 128).any(), f"no ink under {word}"
    assert 80 < page.mean_confidence <= 100
    for line in page.lines:
        lefts = [word.left for word in line.words]
        assert lefts == sorted(lefts), line.text


def test_the_title_and_the_paragraph_are_blocks_of_their_own(engine):
    image, _ = render()
    page = engine.read(image)
    assert page.blocks[0].text == "Chuyển đổi số - từ nhận thức đến hành động"
    assert len(page.blocks) == 2 and len(page.blocks[1].lines) == 2


def test_a_tilted_page_is_read_with_boxes_on_the_image_given(engine):
    image, truth = render(skew=3.0)
    page = engine.read(image)
    assert words_right(truth, page.text) >= 0.8
    height, width = image.shape
    first = page.words[0]
    assert fold(first.text) == "Chuyen"  # its tone mark may come out as ế: trueocr's known weakness
    assert first.left >= 0 and first.box[2] <= width and first.box[3] <= height
    assert (image[first.top : first.box[3], first.left : first.box[2]] < 128).mean() > 0.05


def dark_blurred_photo() -> tuple[np.ndarray, str]:
    """The strip as a phone would shoot it in a dim room: small, out of focus, grey paper, sensor noise."""
    image, truth = render()
    small = cv2.resize(image, None, fx=0.35, fy=0.35, interpolation=cv2.INTER_AREA).astype(np.float32)
    noise = np.random.default_rng(1).normal(0, 7, small.shape)
    return np.clip(cv2.GaussianBlur(small, (0, 0), 0.8) * 0.6 + noise, 0, 255).astype(np.uint8), truth


def test_a_dark_blurred_photo_is_read_on_its_unflattened_page():
    photo, truth = dark_blurred_photo()
    prepared = preprocess.prepare(photo, "auto")
    assert np.median(prepared.unflattened) < 200 <= np.median(prepared.image)  # grey paper, and flattened
    page = TrueOcrEngine().read(prepared.image, prepared.unflattened)
    assert words_right(truth, page.text) >= 0.7
    height, width = prepared.image.shape
    assert all(0 <= w.left < w.box[2] <= width and 0 <= w.top < w.box[3] <= height for w in page.words)


def test_a_tone_mark_the_line_box_clips_is_still_read(engine):
    """The detector's box cuts a pixel or two off a tone mark stacked over a circumflex; read without a margin,
    this line comes back as ``Kiếm điếm việc chuyến đối`` (ể → ế)."""
    text = "Kiểm điểm việc chuyển đổi, kể cả những người thẩm định"
    small = np.asarray(scanned_pages(text, [0.0], font_pt=12, page_mm=(150.0, 72.0), dpi=110)[0].image.convert("L"))
    x0, y0, x1, y1 = engine._line_boxes(small)[0]
    clipped = (x0, y0 + 2, x1, y1)  # the top of the stacked marks left out
    (reading,) = engine.recognize_boxes(small, [clipped])
    assert reading.text.startswith("Kiểm điểm việc chuyển")


def test_blank_page_reads_as_nothing(engine):
    page = engine.read(np.full((600, 800), 250, np.uint8))
    assert page.text == "" and page.words == () and page.mean_confidence is None


def test_is_an_engine_of_the_seam():
    assert "trueocr" in ENGINE_NAMES
    engine = engine_for(OcrOptions(engine="trueocr"))
    assert isinstance(engine, TrueOcrEngine)
    assert engine.settings()["threads"] == 1


def test_unsure_marks_respelled_by_the_lexicon_lose_no_word_on_a_dark_blurred_photo():
    photo, truth = dark_blurred_photo()
    prepared = preprocess.prepare(photo, "auto")
    plain = TrueOcrEngine(respell=False)
    assert plain.settings()["respell"] is False
    as_read = plain.read(prepared.image, prepared.unflattened).text
    respelled = TrueOcrEngine().read(prepared.image, prepared.unflattened).text
    assert words_right(truth, respelled) >= words_right(truth, as_read)
