"""Marks the recognizer was unsure of, re-chosen by how Vietnamese is written.

trueocr's recognizer gives each letter it emits a confidence. On blurred and
tiny lines the letters it is unsure of are mostly tone and vowel marks
(``đám báo`` for ``đảm bảo``, ``cùa`` for ``của``), and what it wrote is
then often a syllable Vietnamese hardly writes, or two syllables that make no
word. ``respelled`` tries, in each word, its least sure letters as their
look-alikes (``lexicon.look_alikes``: the same vowel under another tone or
hat, ``d``/``đ``) and chooses the spellings of the whole line at once (a
Viterbi pass over its words): a spelling scores its syllable's log-frequency
(``lexicon.log_frequency``), less ``MARGIN`` + ``WEIGHT`` × the log-odds
(base 10) of each letter it changes, plus ``TOGETHER`` for each neighbour it
makes a word with (``lexicon.in_a_word``: ``cổ phần``, not ``có phần``). A
sure letter is never changed, nor a word with anything but letters between
its edge punctuation. Figures: ``docs/benchmarks.md``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import product
from typing import TYPE_CHECKING

from digitize.ocr.lexicon import in_a_word, log_frequency, look_alikes

if TYPE_CHECKING:
    from digitize.ocr.trueocr import Glyph

#: A letter read with less confidence than this may be respelled ...
UNSURE = 0.99
#: ... at most this many of a word's least sure letters ...
TRIED = 2
#: ... each change costing this much log10 frequency ...
MARGIN = 1.0
#: ... plus this many times the letter's log10 odds of being right as read.
WEIGHT = 0.5
#: What two neighbouring syllables that make a word are worth, in log10 frequency.
TOGETHER = 2.0
#: Spellings of one word kept for the line's choice (the likeliest by their own score, the reading always).
KEPT = 6


@dataclass(frozen=True)
class _Spelling:
    text: str
    changes: tuple[tuple[int, str], ...]  # (letter's index in the line, its new char)
    score: float


def respelled(glyphs: Sequence[Glyph]) -> tuple[Glyph, ...]:
    """``glyphs`` (a line, spaces included) with its unsure marks re-chosen (see the module's docstring)."""
    words = _words(glyphs)
    if not any(len(spellings) > 1 for _, spellings in words):
        return tuple(glyphs)
    # Viterbi over the words: best[k][j] is the best score of a line ending in spelling j of word k.
    best: list[list[float]] = []
    back: list[list[int]] = []
    for k, (joined, spellings) in enumerate(words):
        if k == 0:
            best.append([s.score for s in spellings])
            back.append([0] * len(spellings))
            continue
        before = words[k - 1][1]
        row, links = [], []
        for spelling in spellings:
            scores = [
                best[k - 1][i] + (TOGETHER if joined and in_a_word(prior.text, spelling.text) else 0.0)
                for i, prior in enumerate(before)
            ]
            i = max(range(len(scores)), key=scores.__getitem__)
            row.append(scores[i] + spelling.score)
            links.append(i)
        best.append(row)
        back.append(links)
    result = list(glyphs)
    j = max(range(len(best[-1])), key=best[-1].__getitem__)
    for k in range(len(words) - 1, -1, -1):
        for index, char in words[k][1][j].changes:
            result[index] = replace(glyphs[index], char=char)
        j = back[k][j]
    return tuple(result)


def _words(glyphs: Sequence[Glyph]) -> list[tuple[bool, list[_Spelling]]]:
    """Each word of the line with its spellings (the reading first), and whether it follows the word before with
    nothing but a space between (only then can the two make one word)."""
    words = []
    start, joined = 0, False
    for end in [*(i for i, glyph in enumerate(glyphs) if glyph.char == " "), len(glyphs)]:
        first, last = start, end
        while first < last and not glyphs[first].char.isalnum():
            first += 1
        while last > first and not glyphs[last - 1].char.isalnum():
            last -= 1
        if last > first:
            letters = glyphs[first:last]
            if all(glyph.char.isalpha() for glyph in letters):
                words.append((joined and first == start, _spellings(letters, first)))
                joined = last == end
                start = end + 1
                continue
        joined = False
        start = end + 1
    return words


def _spellings(letters: Sequence[Glyph], offset: int) -> list[_Spelling]:
    read = [glyph.char for glyph in letters]
    spellings = [_Spelling("".join(read), (), log_frequency("".join(read)))]
    unsure = sorted(
        (i for i, glyph in enumerate(letters) if glyph.confidence < UNSURE and len(look_alikes(glyph.char)) > 1),
        key=lambda i: letters[i].confidence,
    )[:TRIED]
    for spelling in product(*(look_alikes(letters[i].char) for i in unsure)):
        changed = [(i, char) for i, char in zip(unsure, spelling, strict=True) if char != read[i]]
        if not changed:
            continue
        word = list(read)
        for i, char in changed:
            word[i] = char
        text = "".join(word)
        cost = sum(_cost(letters[i].confidence) for i, _ in changed)
        spellings.append(_Spelling(text, tuple((offset + i, c) for i, c in changed), log_frequency(text) - cost))
    return [spellings[0], *sorted(spellings[1:], key=lambda s: -s.score)[: KEPT - 1]]


def _cost(confidence: float) -> float:
    """What changing a letter read with ``confidence`` costs, in log10 frequency."""
    sure = min(max(confidence, 0.01), 0.99)
    return MARGIN + WEIGHT * math.log10(sure / (1.0 - sure))
