"""Marks the recognizer was unsure of, re-chosen by how Vietnamese is written.

trueocr's recognizer gives each letter it emits a confidence. On blurred and
tiny lines the letters it is unsure of are mostly tone and vowel marks
(``đám báo`` for ``đảm bảo``, ``cùa`` for ``của``), and what it wrote is
then often a syllable Vietnamese hardly writes. ``respelled`` tries, in each
word, its least sure letters as their look-alikes (``lexicon.look_alikes``:
the same vowel under another tone or hat, ``d``/``đ``) and keeps a spelling
when the syllable is commoner by more than the recognizer's certainty says
it is wrong: each changed letter costs ``MARGIN`` + ``WEIGHT`` × its log-odds
(base 10), and the spelling must gain more than that in log-frequency
(``lexicon.log_frequency``). A sure letter (``lexicon`` or not) is never
changed, nor a word with anything but letters between its edge punctuation.
Figures on the TUNE, HELD-OUT and FRESH pages: ``docs/benchmarks.md``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from itertools import product
from typing import TYPE_CHECKING

from digitize.ocr.lexicon import log_frequency, look_alikes

if TYPE_CHECKING:
    from digitize.ocr.trueocr import Glyph

#: A letter read with less confidence than this may be respelled ...
UNSURE = 0.99
#: ... at most this many of a word's least sure letters ...
TRIED = 2
#: ... each change costing this much log10 frequency ...
MARGIN = 1.0
#: ... plus this many times the letter's log10 odds of being right as read.
WEIGHT = 1.0


def respelled(glyphs: Sequence[Glyph]) -> tuple[Glyph, ...]:
    """``glyphs`` (a line, spaces included) with each word's unsure marks re-chosen (see the module's docstring)."""
    result = list(glyphs)
    start = 0
    for end in [*(i for i, glyph in enumerate(glyphs) if glyph.char == " "), len(glyphs)]:
        first, last = start, end
        while first < last and not result[first].char.isalnum():
            first += 1
        while last > first and not result[last - 1].char.isalnum():
            last -= 1
        if last > first:
            result[first:last] = _respelled_word(result[first:last])
        start = end + 1
    return tuple(result)


def _respelled_word(letters: list[Glyph]) -> list[Glyph]:
    if not all(glyph.char.isalpha() for glyph in letters):
        return letters
    unsure = sorted(
        (i for i, glyph in enumerate(letters) if glyph.confidence < UNSURE and len(look_alikes(glyph.char)) > 1),
        key=lambda i: letters[i].confidence,
    )[:TRIED]
    if not unsure:
        return letters
    read = [glyph.char for glyph in letters]
    as_read = log_frequency("".join(read))
    best, best_gain = None, 0.0
    for spelling in product(*(look_alikes(letters[i].char) for i in unsure)):
        changed = [(i, char) for i, char in zip(unsure, spelling, strict=True) if char != read[i]]
        if not changed:
            continue
        word = list(read)
        for i, char in changed:
            word[i] = char
        gain = log_frequency("".join(word)) - as_read - sum(_cost(letters[i].confidence) for i, _ in changed)
        if gain > best_gain:
            best, best_gain = changed, gain
    if best is None:
        return letters
    respelled_letters = list(letters)
    for i, char in best:
        respelled_letters[i] = replace(letters[i], char=char, confidence=1.0 - letters[i].confidence)
    return respelled_letters


def _cost(confidence: float) -> float:
    """What changing a letter read with ``confidence`` costs, in log10 frequency."""
    sure = min(max(confidence, 0.01), 0.99)
    return MARGIN + WEIGHT * math.log10(sure / (1.0 - sure))
