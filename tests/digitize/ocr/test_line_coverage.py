import numpy as np

from digitize.ocr.line_coverage import coverage, extra_lines, letter_centres
from digitize.ocr.tesseract import TesseractEngine
from tests.conftest import render_strip

TWO_LINES = "Ủy ban nhân dân tỉnh Quảng Ngãi\nQuyết định phê duyệt kế hoạch chuyển đổi số"


def test_the_lines_of_a_finder_that_missed_half_the_page_cover_half_its_letters():
    image = np.asarray(render_strip(TWO_LINES).image)
    centres = letter_centres(image)
    height, width = image.shape
    assert coverage(centres, [(0, 0, width, height)]) == 1.0
    [top, bottom] = [line for block in TesseractEngine().line_boxes(image) for line in block]
    assert 0.3 < coverage(centres, [top]) < 0.7
    assert coverage(centres, [top, bottom]) > 0.95


def test_the_other_finders_lines_are_taken_where_the_first_missed_ink_and_only_there():
    image = np.asarray(render_strip(TWO_LINES).image)
    centres = letter_centres(image)
    top, bottom = (line for block in TesseractEngine().line_boxes(image) for line in block)
    assert extra_lines(centres, [top], [top, bottom]) == [bottom]
    assert extra_lines(centres, [top, bottom], [top, bottom]) == []
    # A line box mostly over lines already found is not taken again, even where it holds a missed letter.
    wide = (top[0], top[1], bottom[2], bottom[3])
    assert extra_lines(centres, [top], [wide]) == [wide]
    assert extra_lines(centres, [top, bottom], [wide]) == []
