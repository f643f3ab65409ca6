"""A character-level vote among several readings of one line by trueocr's recognizer.

On a blurred or tiny line the recognizer's reading changes with a pixel more
or less of margin around the line: one reading writes ``điếm``, another
``điểm``, and which is right varies from word to word, so keeping the reading
it is surer of (its confidences) loses as often as it wins. A vote letter by
letter does better: every other reading is aligned to the first one (edit
operations); where a stretch of the same length differs, each of its letters
votes for the letter it reads there, where they agree, for the first
reading's; the most voted letter is kept, the first reading's on a tie.
Letters only some readings have (insertions, deletions) do not vote, so the
first reading's letters, spaces and places stay, and so do the word boxes
made from them.

Which lines are worth reading again is ``doubtful``'s rule: on the ``--quick``
TUNE pages of ``benchmarks/generalization.py`` it sends 59% of the blurred
photos' lines and 16–18% of the scans' to the vote (``docs/decisions.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

if TYPE_CHECKING:
    from digitize.ocr.trueocr import Glyph

#: A glyph read with less than this confidence is a doubt ...
UNSURE = 0.9
#: ... and a line with this many doubts is read again and voted.
DOUBTS = 5


def doubtful(glyphs: Sequence[Glyph]) -> bool:
    """Whether a line read as ``glyphs`` has enough unsure letters to be worth reading again."""
    return sum(glyph.confidence < UNSURE for glyph in glyphs) >= DOUBTS


def vote(readings: Sequence[Sequence[Glyph]]) -> tuple[Glyph, ...]:
    """The first reading with each letter replaced by the one most readings give at its place.

    A replaced glyph keeps the first reading's place and takes the mean confidence of the letters that voted for
    the winner.
    """
    first = list(readings[0])
    text = "".join(glyph.char for glyph in first)
    votes = [Counter({glyph.char: 1}) for glyph in first]
    sure = [{glyph.char: [glyph.confidence]} for glyph in first]
    for other in readings[1:]:
        other_text = "".join(glyph.char for glyph in other)
        for tag, start, end, other_start, other_end in Levenshtein.opcodes(text, other_text):
            if tag not in ("equal", "replace") or end - start != other_end - other_start:
                continue
            for k in range(end - start):
                glyph = other[other_start + k]
                votes[start + k][glyph.char] += 1
                sure[start + k].setdefault(glyph.char, []).append(glyph.confidence)
    kept = []
    for glyph, counts, confidences in zip(first, votes, sure, strict=True):
        char = max(counts, key=lambda c: (counts[c], c == glyph.char))
        if char == glyph.char:
            kept.append(glyph)
        else:
            kept.append(replace(glyph, char=char, confidence=sum(confidences[char]) / len(confidences[char])))
    return tuple(kept)
