"""Handwritten numbers and days in a printed form, told from the print by the width of their strokes."""

import cv2
import numpy as np

from digitize.handwriting import handwritten_fields
from digitize.ocr.page import Block, Line, OcrPage, Word

FONT = cv2.FONT_HERSHEY_SIMPLEX


def form(number_by_hand: bool, day_by_hand: bool) -> tuple[np.ndarray, OcrPage]:
    """A header's number and date lines in print; the number and the day, when by hand, in a marker's wide strokes."""
    image = np.full((260, 1400), 255, np.uint8)
    rows = [
        [("So:", False), ("47", number_by_hand), ("/QD-UBND", False)],
        [("Quang", False), ("Ngai,", False), ("ngay", False), ("17", day_by_hand), ("thang", False), ("01", False)],
        [("Can", False), ("cu", False), ("Luat", False), ("Ban", False), ("hanh", False), ("van", False)],
    ]
    lines = []
    for row, words in enumerate(rows):
        x, baseline = 20, 60 + row * 80
        read = []
        for text, by_hand in words:
            (width, height), _ = cv2.getTextSize(text, FONT, 1.5, 2)
            cv2.putText(image, text, (x, baseline), FONT, 1.5, 0, 2, cv2.LINE_AA)
            word = Word(text, 90.0, x - 2, baseline - height - 4, width + 4, height + 10)
            if by_hand:  # the strokes widened: what a marker leaves beside the print
                left, top, right, bottom = word.box
                image[top:bottom, left:right] = cv2.erode(image[top:bottom, left:right], np.ones((7, 7), np.uint8))
            read.append(word)
            x += width + 30
        lines.append(Line(tuple(read)))
    return image, OcrPage((Block(tuple(lines)),))


def test_a_number_and_day_in_a_marker_s_wide_strokes_are_handwritten():
    assert handwritten_fields(*form(number_by_hand=True, day_by_hand=True)) == {"number", "day"}


def test_printed_numbers_and_days_are_not():
    assert handwritten_fields(*form(number_by_hand=False, day_by_hand=False)) == frozenset()


def test_only_the_field_written_by_hand_is_named():
    assert handwritten_fields(*form(number_by_hand=False, day_by_hand=True)) == {"day"}
