import pytest

from digitize.ocr.line_text import refit
from digitize.ocr.page import Line, Word

LINE = Line((Word("Sổ", 61.0, 100, 10, 40, 30), Word("tay", 90.0, 150, 12, 50, 28)), "tesseract")


def test_the_same_number_of_words_keeps_each_words_box():
    fixed = refit(LINE, "Số tay")
    assert [w.text for w in fixed.words] == ["Số", "tay"]
    assert [w.box for w in fixed.words] == [w.box for w in LINE.words]
    assert {w.confidence for w in fixed.words} == {100.0}


def test_other_words_share_out_the_lines_box_by_their_length():
    fixed = refit(LINE, "Sổ tay ghi chép")
    assert fixed.box[0] == LINE.box[0] and fixed.box[2] == LINE.box[2]
    lefts = [w.left for w in fixed.words]
    assert lefts == sorted(lefts) and len(set(lefts)) == 4
    widths = {w.text: w.width for w in fixed.words}
    assert widths["chép"] > widths["Sổ"]


def test_a_line_needs_a_word():
    with pytest.raises(ValueError, match="at least one word"):
        refit(LINE, "  ")
