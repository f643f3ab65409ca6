import cv2
import numpy as np

from digitize import preprocess
from digitize.evaluation import score
from digitize.ocr.engines import engine_for, recognize
from digitize.ocr.options import OcrOptions
from digitize.ocr.tesseract import TesseractEngine
from tests.conftest import render_strip
from tests.digitize.ocr.test_trueocr import dark_blurred_photo, words_right


def test_auto_reads_a_page_with_both_engines():
    page = render_strip(text="Ủy ban nhân dân tỉnh Quảng Ngãi quyết định phê duyệt kế hoạch chuyển đổi số")
    image = np.asarray(page.image)
    result = recognize(image, OcrOptions(engine="auto"))
    assert [s.name for s in result.software] == ["Tesseract", "trueocr", "asterocr"]
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


def _with_a_signature_below(image: np.ndarray) -> np.ndarray:
    """``image`` with a signature's strokes (a wandering line, loops) under its text: ink, but no letters."""
    height, width = image.shape
    page = np.full((height + 120, width), 255, np.uint8)
    page[:height] = image
    stroke = np.cumsum(np.random.default_rng(3).normal(0, 9, (60, 2)), axis=0) + np.array([width * 0.35, height + 60])
    cv2.polylines(page, [stroke.astype(np.int32)], False, 0, 3)
    for k in range(8):
        cv2.ellipse(page, (int(width * 0.3) + 40 * k, height + 55), (14, 22), 20 * k, 0, 300, 0, 2)
    return page


def test_lines_trueocrs_detector_missed_are_read_by_both_engines_and_kept_only_where_they_read_alike():
    strip = render_strip(text="Ủy ban nhân dân tỉnh Quảng Ngãi\nQuyết định phê duyệt kế hoạch chuyển đổi số")
    page = _with_a_signature_below(np.asarray(strip.image))
    engine = engine_for(OcrOptions(engine="auto"))
    [top], [bottom], [signature] = TesseractEngine().line_boxes(page)
    assert signature[1] > bottom[3]  # Tesseract's layout takes the signature for a line of its own
    # As if trueocr's detector had found the first line only: the second is text, the signature is not.
    missed = engine._missed_lines(page, page, [top])
    assert [[pair[0].box for pair in block] for block in missed] == [[bottom]]
    [[(tesseract, trueocr)]] = missed
    assert words_right("Quyết định phê duyệt kế hoạch chuyển đổi số", f"{tesseract.text} {trueocr.text}") >= 0.8
