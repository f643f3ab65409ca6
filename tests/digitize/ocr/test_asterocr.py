"""asterocr as the third reader: its bundled model reads real Vietnamese lines found by trueocr."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from digitize.evaluation import score
from digitize.ocr.asterocr import AsterOcrReader, bundled_model
from digitize.ocr.trueocr import TrueOcrEngine
from pipelines.demo.synthetic import scanned_pages

TEXT = "Quyết định số 505/QĐ-TTg về Ngày Chuyển đổi số quốc gia\nĐộc lập - Tự do - Hạnh phúc"


@pytest.fixture(scope="module")
def reader() -> AsterOcrReader:
    return AsterOcrReader()


@pytest.fixture(scope="module")
def page():
    """A rendered strip, and trueocr's line boxes on it (asterocr has no line finder of its own)."""
    rendered = scanned_pages(TEXT, [0.0], font_pt=12, page_mm=(150.0, 72.0))[0]
    image = np.asarray(rendered.image.convert("L"))
    lines = TrueOcrEngine().read(image).lines
    return image, [line.box for line in lines], rendered.text


def test_the_model_that_loads_is_the_one_inside_the_wheel(reader):
    import asterocr

    assert reader.model == bundled_model() == Path(asterocr.__file__).parent / "assets" / "asternet.onnx"
    assert reader.model.stat().st_size > 40_000_000
    # Its library's only other source of a model is a hub download, which this project does not install.
    assert importlib.util.find_spec("huggingface_hub") is None
    assert reader.software[0].name == "asterocr"


def test_its_symbols_write_every_toned_vietnamese_vowel(reader):
    for vowel in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐỆỮ":
        assert vowel in reader.chars


def test_reads_the_lines_another_engine_found(reader, page):
    image, boxes, truth = page
    lines = reader.read_box_lines(image, boxes)
    text = "\n".join(line.text for line in lines)
    expected, got = Counter(truth.split()), Counter(text.split())
    assert sum((expected & got).values()) / sum(expected.values()) >= 0.8
    assert score(truth, text).cer < 0.08


def test_words_carry_boxes_inside_their_line_and_confidences(reader, page):
    image, boxes, _ = page
    for box, line in zip(boxes, reader.read_box_lines(image, boxes), strict=True):
        assert line.words and line.engine == "asterocr"
        for word in line.words:
            left, top, right, bottom = word.box
            assert box[0] <= left < right <= box[2] and (top, bottom) == (box[1], box[3])
            assert 0 <= word.confidence <= 100
        assert [w.left for w in line.words] == sorted(w.left for w in line.words)
