"""Several readings of one line, voted letter by letter."""

from __future__ import annotations

import pytest

from digitize.ocr.glyph_vote import DOUBTS, UNSURE, doubtful, vote
from digitize.ocr.trueocr import Glyph


def glyphs(text: str, confidence: float = 0.95) -> tuple[Glyph, ...]:
    return tuple(Glyph(char, confidence, 4.0 * k) for k, char in enumerate(text))


def text(read: tuple[Glyph, ...]) -> str:
    return "".join(glyph.char for glyph in read)


def test_a_tone_mark_most_readings_agree_on_replaces_the_first_readings():
    readings = [glyphs("trọng điếm chuyến"), glyphs("trọng điểm chuyển"), glyphs("trọng điểm chuyến")]
    read = vote(readings)
    assert text(read) == "trọng điểm chuyến"  # ể: two votes to one; ế of chuyến: two to one the other way
    assert [glyph.x for glyph in read] == [glyph.x for glyph in readings[0]]  # places are the first reading's


def test_on_a_tie_the_first_reading_stays():
    assert text(vote([glyphs("cố phần"), glyphs("cổ phần")])) == "cố phần"


def test_a_replaced_letter_takes_the_confidence_of_its_voters():
    first = glyphs("điếm", 0.6)
    read = vote([first, glyphs("điểm", 0.8), glyphs("điểm", 0.9)])
    assert read[2].char == "ể" and read[2].confidence == pytest.approx(0.85)
    assert read[0] is first[0]


def test_letters_only_some_readings_have_do_not_vote():
    read = vote([glyphs("Số: 04"), glyphs("Số:04"), glyphs("Sở: 04 /")])
    assert text(read) == "Số: 04"


def test_a_line_is_doubtful_from_enough_unsure_letters():
    sure = glyphs("Quảng Ngãi")
    unsure = tuple(Glyph(g.char, UNSURE - 0.1 if k < DOUBTS else 0.99, g.x) for k, g in enumerate(sure))
    assert not doubtful(sure)
    assert doubtful(unsure)
    assert not doubtful(unsure[1:])  # one doubt short
