"""The number and day written into a printed form: their blanks placed from the printed words, their digits read."""

import cv2
import numpy as np

from digitize.handwritten_fields import blank_box, read_fields
from digitize.ocr.page import Block, Line, OcrPage, Word

PRINT, HAND = cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX


def form(number: str, day: str, glued: bool = False) -> tuple[np.ndarray, OcrPage]:
    """A header's number and date lines: the labels in print, the number and the day in a pen's script, each read
    by OCR as junk; with ``glued``, OCR joins the day to ``ngay`` as one word (``ngay4T``)."""
    image = np.full((300, 1500), 235, np.uint8)  # a grey scan's paper
    rows = [
        [("So:", None), (number, "4T"), ("/QD-UBND", None)],
        [("Quang", None), ("Ngai,", None), ("ngay", None), (day, "AT"), ("thang", None), ("01", None), ("nam", None)],
    ]
    lines = []
    for row, words in enumerate(rows):
        x, baseline = 30, 90 + row * 120
        read = []
        for text, ocr in words:
            font, scale, stroke = (PRINT, 1.4, 2) if ocr is None else (HAND, 2.0, 5)
            (width, _), _ = cv2.getTextSize(text, font, scale, stroke)
            cv2.putText(image, text, (x, baseline), font, scale, 20, stroke, cv2.LINE_AA)
            read.append(Word(ocr or text, 90.0, x - 2, baseline - 34, width + 4, 44))
            x += width + 30
        if glued and any(w.text == "ngay" for w in read):
            at = next(i for i, w in enumerate(read) if w.text == "ngay")
            a, b = read[at], read[at + 1]
            read[at : at + 2] = [Word(a.text + b.text, 60.0, a.left, a.top, b.left + b.width - a.left, a.height)]
        lines.append(Line(tuple(read)))
    return image, OcrPage((Block(tuple(lines)),))


def test_the_number_and_day_written_by_hand_are_read_with_their_boxes():
    image, page = form("47", "17")
    found = {r.field: r for r in read_fields(image, page)}
    assert found["number"].value == "47"
    assert found["day"].value == "17"
    left, _, right, _ = found["number"].box
    so, slash = page.lines[0].words[0], page.lines[0].words[2]
    assert so.left + so.width <= left < right <= slash.left


def test_a_day_ocr_glued_to_its_label_is_still_found_and_read():
    image, page = form("90", "23", glued=True)
    found = {r.field: r for r in read_fields(image, page)}
    assert found["day"].value == "23"


def test_a_blank_not_filled_in_reads_as_nothing():
    image, page = form("", "")
    assert all(r.value is None for r in read_fields(image, page))


def test_a_blank_is_placed_only_between_its_label_and_its_end():
    line = Line((Word("ngay", 90, 0, 0, 80, 40), Word("19/6/2015;", 90, 100, 0, 200, 40)))
    assert blank_box(line, "ngay", "thang") is None
