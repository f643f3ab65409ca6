import numpy as np

from digitize import preprocess
from digitize.evaluation import score
from digitize.ocr.engines import engine_for, recognize
from digitize.ocr.options import OcrOptions
from tests.conftest import render_strip
from tests.digitize.ocr.test_trueocr import dark_blurred_photo, words_right


def test_auto_reads_a_page_with_both_engines():
    page = render_strip(text="Ủy ban nhân dân tỉnh Quảng Ngãi quyết định phê duyệt kế hoạch chuyển đổi số")
    image = np.asarray(page.image)
    result = recognize(image, OcrOptions(engine="auto"))
    assert [s.name for s in result.software] == ["Tesseract", "trueocr"]
    assert score(page.text, result.text).cer < 0.03
    height, width = image.shape[:2]
    assert all(min(w.box) >= 0 and w.box[2] <= width and w.box[3] <= height for w in result.words)


def test_auto_reads_a_dark_blurred_photo_with_trueocr_on_the_unflattened_page():
    photo, truth = dark_blurred_photo()
    prepared = preprocess.prepare(photo, "auto")
    engine = engine_for(OcrOptions(engine="auto"))
    pairs = [pair for block in engine.readings(prepared.image, prepared.unflattened) for pair in block]
    neural = " ".join(trueocr.text for _, trueocr in pairs)
    assert words_right(truth, neural) >= 0.7  # its grey paper taken for ink, it read under half
    result = recognize(prepared.image, OcrOptions(engine="auto"), prepared.unflattened)
    assert words_right(truth, result.text) >= 0.7
    height, width = prepared.image.shape
    assert all(0 <= w.left < w.box[2] <= width and 0 <= w.top < w.box[3] <= height for w in result.words)
