"""Unsure marks re-chosen by how often the syllable is written."""

from __future__ import annotations

from digitize.ocr.respelling import UNSURE, respelled
from digitize.ocr.trueocr import Glyph


def glyphs(text: str, unsure: str = "", confidence: float = 0.5) -> tuple[Glyph, ...]:
    """A line read with every letter sure but those at the places ``unsure`` marks with ``^``."""
    marks = unsure.ljust(len(text))
    return tuple(Glyph(char, confidence if marks[k] == "^" else 0.999, 4.0 * k) for k, char in enumerate(text))


def text(read: tuple[Glyph, ...]) -> str:
    return "".join(glyph.char for glyph in read)


def test_an_unsure_mark_that_makes_a_rare_syllable_is_respelled():
    assert text(respelled(glyphs("Ủy ban cùa tỉnh", "        ^"))) == "Ủy ban của tỉnh"


def test_a_sure_letter_stays_however_rare_its_syllable():
    assert text(respelled(glyphs("Ủy ban cùa tỉnh"))) == "Ủy ban cùa tỉnh"


def test_a_mark_that_makes_a_common_syllable_stays():
    assert text(respelled(glyphs("năm", " ^"))) == "năm"


def test_punctuation_around_a_word_is_kept_and_places_do_not_move():
    read = glyphs("(cùa),", "  ^")
    again = respelled(read)
    assert text(again) == "(của),"
    assert [glyph.x for glyph in again] == [glyph.x for glyph in read]
    assert again[2].confidence == 1 - read[2].confidence


def test_a_word_with_digits_or_hyphens_is_left_alone():
    assert text(respelled(glyphs("cùa1 cùa-cùa", "^^^^^^^^^^^^"))) == "cùa1 cùa-cùa"


def test_unsure_means_under_the_threshold():
    assert text(respelled(glyphs("cùa", " ^ ", UNSURE))) == "cùa"


def test_neighbours_that_make_a_word_outweigh_a_commoner_syllable():
    # ``có`` is written far more often than ``cổ`` or ``cố``, but ``cổ phần`` is a word and ``có phần`` is not
    assert text(respelled(glyphs("cố phần hóa", " ^"))) == "cổ phần hóa"
    assert text(respelled(glyphs("đám báo chất lượng", " ^   ^"))) == "đảm bảo chất lượng"


def test_a_comma_between_two_syllables_keeps_them_from_making_a_word():
    assert text(respelled(glyphs("cố, phần", " ^"))) == "có, phần"
