import numpy as np

from digitize.evaluation import score
from digitize.ocr.combined import TESSERACT_ALONE, TRUEOCR_MARGIN, vote
from digitize.ocr.engines import recognize
from digitize.ocr.options import OcrOptions
from digitize.ocr.page import Line, Word
from tests.conftest import render_strip


def _line(engine: str, *words: tuple[str, float]) -> Line:
    return Line(tuple(Word(text, confidence, 60 * i, 0, 50, 20) for i, (text, confidence) in enumerate(words)), engine)


def test_where_both_engines_agree_the_tesseract_word_and_box_are_kept():
    tesseract = _line("tesseract", ("Quyết", 96.0), ("định", 95.0))
    trueocr = _line("trueocr", ("Quyết", 99.0), ("định", 99.0))
    assert vote(tesseract, trueocr).words == tesseract.words


def test_a_word_goes_to_trueocr_only_when_it_is_clearly_surer():
    tesseract = _line("tesseract", ("Số:", 90.0), ("4F", 40.0), ("/QĐ-UBND", 91.0))
    trueocr = _line("trueocr", ("Số:", 99.0), ("47", 40.0 + TRUEOCR_MARGIN + 1), ("/QĐ-UBND", 95.0))
    line = vote(tesseract, trueocr)
    assert line.text == "Số: 47 /QĐ-UBND" and line.engine == "tesseract+trueocr"
    unsure = _line("trueocr", ("Số:", 99.0), ("47", 40.0 + TRUEOCR_MARGIN), ("/QĐ-UBND", 95.0))
    assert vote(tesseract, unsure).text == "Số: 4F /QĐ-UBND"


def test_words_run_together_by_one_engine_go_by_mean_confidence():
    tesseract = _line("tesseract", ("nhiệm", 93.0), ("vụ", 92.0))
    merged = _line("trueocr", ("nhiệmvụ", 97.0))
    assert vote(tesseract, merged).text == "nhiệm vụ"


def test_words_only_tesseract_saw_need_its_confidence_and_words_only_trueocr_saw_are_dropped():
    both = (("Điều", 95.0), ("1.", 94.0))
    assert vote(_line("tesseract", *both, ("~~", TESSERACT_ALONE - 1)), _line("trueocr", *both)).text == "Điều 1."
    assert vote(_line("tesseract", *both, ("Phạm", TESSERACT_ALONE)), _line("trueocr", *both)).text == "Điều 1. Phạm"
    assert vote(_line("tesseract", *both), _line("trueocr", *both, ("ĐÓNG", 99.0))).text == "Điều 1."
    trueocr = _line("trueocr", *both)
    assert vote(Line(()), trueocr) is trueocr


def test_a_word_trueocr_ran_into_its_neighbour_is_not_written_twice():
    tesseract = _line("tesseract", ("43/2023/NĐ-CB", 60.0), ("ngày", 93.0), ("30/6/2023", 95.0))
    trueocr = _line("trueocr", ("43/2023/NĐ-CP_ngày", 98.0), ("30/6/2023", 99.0))
    assert vote(tesseract, trueocr).text == "43/2023/NĐ-CP_ngày 30/6/2023"


def test_tesseract_keeps_its_word_breaks_where_trueocr_ran_two_words_together():
    tesseract = _line("tesseract", ("THƯ", 88.0), ("VIỆN", 92.0), ("QUỐC", 93.0), ("GIA", 91.0))
    trueocr = _line("trueocr", ("THƯVIỆN", 100.0), ("QUỐC", 100.0), ("GIA", 100.0))
    assert vote(tesseract, trueocr).text == "THƯ VIỆN QUỐC GIA"


def test_auto_reads_a_page_with_both_engines():
    page = render_strip(text="Ủy ban nhân dân tỉnh Quảng Ngãi quyết định phê duyệt kế hoạch chuyển đổi số")
    image = np.asarray(page.image)
    result = recognize(image, OcrOptions(engine="auto"))
    assert [s.name for s in result.software] == ["Tesseract", "trueocr"]
    assert score(page.text, result.text).cer < 0.03
    height, width = image.shape[:2]
    assert all(min(w.box) >= 0 and w.box[2] <= width and w.box[3] <= height for w in result.words)
