import numpy as np

from digitize.evaluation import score
from digitize.ocr.combined import better
from digitize.ocr.engines import recognize
from digitize.ocr.options import OcrOptions
from digitize.ocr.page import Line, Word
from tests.conftest import render_strip


def _line(text: str, confidence: float, engine: str) -> Line:
    return Line(tuple(Word(word, confidence, 10 * i, 0, 9, 20) for i, word in enumerate(text.split())), engine)


def test_the_reading_with_more_well_formed_syllables_wins_whatever_its_confidence():
    junk = _line("CONG Hcok xA HQI CHiJ NGHiA", 96.0, "tesseract")
    vietnamese = _line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 80.0, "trueocr")
    assert better(junk, vietnamese) is vietnamese
    assert better(vietnamese, junk) is vietnamese


def test_between_equally_well_formed_readings_the_more_confident_wins():
    sure = _line("Quyết định số", 95.0, "tesseract")
    unsure = _line("Quyết đinh số", 70.0, "trueocr")
    assert better(sure, unsure) is sure and better(unsure, sure) is sure


def test_an_empty_reading_never_wins():
    read = _line("Số: 47/QĐ-UBND", 60.0, "trueocr")
    assert better(Line(()), read) is read and better(read, Line(())) is read


def test_auto_reads_a_page_with_both_engines_and_keeps_tesseract_layout():
    page = render_strip(text="Ủy ban nhân dân tỉnh Quảng Ngãi quyết định phê duyệt kế hoạch chuyển đổi số")
    result = recognize(np.asarray(page.image), OcrOptions(engine="auto"))
    tesseract = recognize(np.asarray(page.image), OcrOptions(engine="tesseract"))
    assert [s.name for s in result.software] == ["Tesseract", "trueocr"]
    assert len(result.lines) == len(tesseract.lines)
    assert {line.engine for line in result.lines} <= {"tesseract", "trueocr"}
    assert score(page.text, result.text).cer < 0.05
    height, width = np.asarray(page.image).shape[:2]
    assert all(min(w.box) >= 0 and w.box[2] <= width and w.box[3] <= height for w in result.words)
