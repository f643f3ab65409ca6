import numpy as np

from digitize.evaluation import score
from digitize.ocr.engines import recognize
from digitize.ocr.options import OcrOptions
from tests.conftest import render_strip


def test_auto_reads_a_page_with_both_engines():
    page = render_strip(text="Ủy ban nhân dân tỉnh Quảng Ngãi quyết định phê duyệt kế hoạch chuyển đổi số")
    image = np.asarray(page.image)
    result = recognize(image, OcrOptions(engine="auto"))
    assert [s.name for s in result.software] == ["Tesseract", "trueocr"]
    assert score(page.text, result.text).cer < 0.03
    height, width = image.shape[:2]
    assert all(min(w.box) >= 0 and w.box[2] <= width and w.box[3] <= height for w in result.words)
