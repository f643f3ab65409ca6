"""The word vote between two readings of the same line, and the pass that keeps any word from being written twice.

The two readings (Tesseract's and trueocr's) are aligned word by word (an
edit-distance alignment over words). Each word carries the probability that it
is right, which a judge gives; the engine's is ``by_confidence``: the engine's
confidence, trueocr's ``TRUEOCR_MARGIN`` points lower (its confidence is 97–99
on nearly every word, right or wrong). A logistic map of confidence, page
condition and syllable shape fitted on the TUNE split did not pay on the
held-out pages (``benchmarks/fit_calibration.py``), so it is not used:

- where both read the same word, Tesseract's is kept (its box is the tighter);
- where they read one word each differently, the likelier wins, except that a
  Tesseract word that is a whole syllable found inside trueocr's (``THƯ`` in
  ``THƯVIỆN``: trueocr runs words together) stays, for word breaks are
  Tesseract's strength; a fragment that is no syllable (``T`` of ``Thông``
  read ``T hông``, ``2`` of ``25/11/2024``) does not;
- where only trueocr's word of the two is well-formed Vietnamese (``QUYẾT``
  against ``QUYÉT``), trueocr's is kept when it is likelier right than wrong;
- where the two differ only in their marks (``đảm``/``đám``), the syllable
  Vietnamese writes ``COMMONER`` times as often (``lexicon.log_frequency``)
  wins whatever the confidences: a mark is what both engines read least well
  and judge least well;
- a word neither engine is likelier right than wrong on (``ALONE``) is left out:
  the ink of a seal or a signature, which both read as junk;
- a word only Tesseract saw is kept when it is likelier right than wrong
  (``ALONE``) and is not already part of a trueocr word beside it; a word only
  trueocr saw is left out (seal and stamp fragments more often than text), and
  so is a word of a line only trueocr read when it is likelier wrong.

On a page where the two engines read fewer than ``DISAGREEING`` of their words
alike (``agreement``: a blurred photo, where Tesseract reads most words wrong
and is sure of many), there is nothing to vote between: trueocr's lines are
kept as they are (``trueocr_line``).

A third reader settles the words the two engines read differently
(``disputes``: one word for one word in their alignment): asterocr reads the
box over both words, and where it reads one of them letter for letter, that one
stands wherever the vote kept the other (a ``Verdict``; ``vote_page(...,
verdicts=...)``). A reading merely nearer one of them in edits settled less
well on TUNE pages. Only pages the vote votes on are settled (``to_settle``):
on blurred photos asterocr read worse than either engine
(``benchmarks/third_reader.py``). And only the words whose two readings are the
same letters but for tone marks or case (``Dispute.over_marks``: ``tôi`` against
``tội``): on the TUNE pages of ``--quick`` those were 70% of the referee's reads
and 47 of the 62 that changed the kept word, and settling only them left the CER
as it was (real pages TUNE 1.15% → 1.14%, held-out 3.87% → 3.86%, FRESH 2.19% →
2.20%) for 38% less of its CPU (58% on held-out pages; ``docs/benchmarks.md``).

Every kept word keeps its own engine's box. ``without_doubles`` then drops,
across the page, a word whose box lies over a kept word's box and whose text is
the same or nearly (``ngày ngày``, ``/SGDĐT-CTrTT /SGDDT-CTrTT``): the same ink
read twice, by the two engines or by two overlapping line boxes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Levenshtein

from digitize.ocr.lexicon import log_frequency
from digitize.ocr.page import Block, Box, Line, Word
from digitize.quality import is_syllable
from digitize.textnorm import fold

#: The probability a word has of being right, given which engine read it ("tesseract" or "trueocr").
Judge = Callable[[Word, str], float]
#: trueocr's word replaces Tesseract's only when it is this many confidence points (0–100) surer.
TRUEOCR_MARGIN = 5.0
#: Of two readings of a word that differ only in marks, one written this many times more often (log10) wins.
COMMONER = 2.0
#: A word only Tesseract saw is kept when its probability of being right is at least this.
ALONE = 0.5
#: Below this share of words read alike by the two engines on a page, trueocr's lines are kept unvoted.
DISAGREEING = 0.65
#: Two words are the same ink when the overlap of their boxes is this share of the smaller box …
SAME_INK = 0.5
#: … and their texts, without diacritics, are at least this similar (or one is inside the other).
SAME_TEXT = 0.5
_EDGES = re.compile(r"^\W+|\W+$")


def by_confidence(word: Word, engine: str) -> float:
    """The engine's confidence as a probability, trueocr's ``TRUEOCR_MARGIN`` points lower."""
    return (word.confidence - (TRUEOCR_MARGIN if engine == "trueocr" else 0.0)) / 100


def vote(tesseract: Line, trueocr: Line, judge: Judge = by_confidence) -> Line:
    """One line from Tesseract's and trueocr's readings of it, word by word (see the module's docstring)."""
    first, second = tesseract.words, trueocr.words
    if not first or not second:
        if first:
            return tesseract
        return Line(tuple(word for word in second if judge(word, "trueocr") >= ALONE), trueocr.engine)
    mine = [judge(word, "tesseract") for word in first]
    theirs = [judge(word, "trueocr") for word in second]
    kept: list[tuple[Word, str]] = []  # each word with the engine it came from, "alone" if only Tesseract saw it
    for op in Levenshtein.opcodes([w.text for w in first], [w.text for w in second]):
        ours, others = slice(op.src_start, op.src_end), slice(op.dest_start, op.dest_end)
        if op.tag == "equal":
            kept += [(word, "tesseract") for word in first[ours]]
        elif op.tag == "delete":
            kept += [(w, "alone") for w, p in zip(first[ours], mine[ours], strict=True) if p >= ALONE]
        elif op.tag == "replace":  # one word for one word: rapidfuzz's replace blocks are never uneven
            for a, b, pa, pb in zip(first[ours], second[others], mine[ours], theirs[others], strict=True):
                if max(pa, pb) >= ALONE:
                    kept.append((b, "trueocr") if _trueocr_wins(a, b, pa, pb) else (a, "tesseract"))
    words = [word for i, (word, engine) in enumerate(kept) if not (engine == "alone" and _inside_neighbour(kept, i))]
    engines = {"tesseract" if engine == "alone" else engine for _, engine in kept}
    return Line(tuple(words), "+".join(sorted(engines)))


def vote_page(
    readings: Sequence[Sequence[tuple[Line, Line]]],
    judge: Judge = by_confidence,
    verdicts: Sequence[Verdict] = (),
    agreeing: float | None = None,
) -> tuple[Block, ...]:
    """A page's blocks from the two readings of each of its lines (Tesseract's, trueocr's), voted line by line, or
    trueocr's lines kept where the readings disagree too much to vote (see the module's docstring); then each
    word a third reader settled (``verdicts``) is the one it chose. ``agreeing`` is the page's
    ``page_agreement`` when the caller has it already."""
    agreeing = page_agreement(readings) if agreeing is None else agreeing
    if agreeing < DISAGREEING:
        blocks = [Block(tuple(trueocr_line(*pair) for pair in block)) for block in readings]
    else:
        blocks = [Block(tuple(vote(*pair, judge) for pair in block)) for block in readings]
    chosen = {id(verdict.loser): verdict.winner for verdict in verdicts}
    if chosen:
        blocks = [Block(tuple(_settled(line, chosen) for line in block.lines)) for block in blocks]
    return without_doubles(blocks)


def _settled(line: Line, chosen: dict[int, Word]) -> Line:
    return Line(tuple(chosen.get(id(word), word) for word in line.words), line.engine)


def trueocr_line(tesseract: Line, trueocr: Line) -> Line:
    """trueocr's reading of a line, or Tesseract's where trueocr read nothing: for a page whose readings disagree
    too much to vote (``agreement``)."""
    return trueocr if trueocr.words else tesseract


def agreement(pairs: Iterable[tuple[Line, Line]]) -> float:
    """The share of words two readings of each line read alike, over all the lines (1 when nothing was read)."""
    alike = total = 0
    for first, second in pairs:
        texts = [word.text for word in first.words], [word.text for word in second.words]
        total += max(map(len, texts))
        alike += sum(op.src_end - op.src_start for op in Levenshtein.opcodes(*texts) if op.tag == "equal")
    return alike / total if total else 1.0


def page_agreement(readings: Sequence[Sequence[tuple[Line, Line]]]) -> float:
    """``agreement`` over all the lines of a page's blocks."""
    return agreement(pair for block in readings for pair in block)


def same_but_marks(one: str, other: str) -> bool:
    """Whether two readings are the same letters, told apart only by tone marks, hats and horns, or case."""
    return fold(one).casefold() == fold(other).casefold()


def _trueocr_wins(tesseract: Word, trueocr: Word, mine: float, theirs: float) -> bool:
    """Whether trueocr's reading replaces Tesseract's different reading of one word (see the module's docstring)."""
    if syllables(tesseract.text) and tesseract.text in trueocr.text:
        return False
    if syllables(trueocr.text) and not syllables(tesseract.text) and theirs >= ALONE:
        return True
    if syllables(tesseract.text) and same_but_marks(tesseract.text, trueocr.text):
        commoner = log_frequency(_EDGES.sub("", trueocr.text)) - log_frequency(_EDGES.sub("", tesseract.text))
        if abs(commoner) > COMMONER:
            return commoner > 0
    return theirs > mine


def syllables(text: str) -> bool:
    """Whether a word is written Vietnamese: syllables (joined by hyphens), punctuation around them aside."""
    core = _EDGES.sub("", text)
    return bool(core) and all(is_syllable(part) for part in core.split("-"))


def _inside_neighbour(kept: list[tuple[Word, str]], index: int) -> bool:
    """Whether a word only Tesseract saw is already part of a trueocr word beside it (``NĐ-CP ngày`` read by
    trueocr as one word ``NĐ-CP_ngày``), so keeping it would write it twice."""
    text = kept[index][0].text
    neighbours = (kept[j] for j in (index - 1, index + 1) if 0 <= j < len(kept))
    return any(engine == "trueocr" and text in word.text for word, engine in neighbours)


def without_doubles(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """``blocks`` with every word that repeats a word before it on the same ink left out (see the module's
    docstring); lines and blocks left empty are dropped."""
    seen: list[Word] = []
    boxes = np.empty((sum(len(line.words) for block in blocks for line in block.lines), 4), np.float64)
    result = []
    for block in blocks:
        lines = []
        for line in block.lines:
            words = []
            for word in line.words:
                if not _repeats(word, seen, boxes[: len(seen)]):
                    words.append(word)
                    boxes[len(seen)] = word.box
                    seen.append(word)
            if words:
                lines.append(Line(tuple(words), line.engine))
        if lines:
            result.append(Block(tuple(lines)))
    return tuple(result)


def _repeats(word: Word, seen: list[Word], boxes: np.ndarray) -> bool:
    if not seen:
        return False
    left, top, right, bottom = word.box
    width = np.minimum(boxes[:, 2], right) - np.maximum(boxes[:, 0], left)
    height = np.minimum(boxes[:, 3], bottom) - np.maximum(boxes[:, 1], top)
    smaller = np.minimum((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]), word.width * word.height)
    overlapping = np.flatnonzero((width > 0) & (height > 0) & (width * height >= SAME_INK * smaller))
    return any(same_text(word.text, seen[i].text) for i in overlapping)


def same_text(first: str, second: str) -> bool:
    """Whether two readings are of the same word: one inside the other, or close once diacritics are set aside."""
    a, b = fold(first).casefold(), fold(second).casefold()
    return a in b or b in a or Levenshtein.normalized_similarity(a, b) >= SAME_TEXT


@dataclass(frozen=True)
class Dispute:
    """One word the two engines read differently (a one-for-one replacement in their alignment), and the box a
    third reader reads to settle it: both words' extent across, their line's height."""

    tesseract: Word
    trueocr: Word
    box: Box

    def settle(self, third: str) -> Verdict | None:
        """The engine's word the third reading is, letter for letter, over the other's; None when it is neither
        (a reading merely nearer one of them settled less well: ``benchmarks/third_reader.py``)."""
        if third == self.tesseract.text:
            return Verdict(self.tesseract, self.trueocr)
        if third == self.trueocr.text:
            return Verdict(self.trueocr, self.tesseract)
        return None

    @property
    def over_marks(self) -> bool:
        """Whether the two readings are the same letters told apart only by tone marks or case (``tôi``,
        ``tội``): the disputes the referee settles (see the module's docstring)."""
        return same_but_marks(self.tesseract.text, self.trueocr.text)


@dataclass(frozen=True)
class Verdict:
    """A third reader's word: ``winner`` stands wherever the vote kept ``loser`` (that very word object)."""

    winner: Word
    loser: Word


def to_settle(readings: Sequence[Sequence[tuple[Line, Line]]], agreeing: float | None = None) -> list[Dispute]:
    """The disputes a third reader settles on a page: those over marks (``Dispute.over_marks``) on a page the vote
    votes on, none where the two readings disagree too much to vote (``DISAGREEING``: blurred photos, where
    trueocr's lines are kept and asterocr read worse than either engine). ``agreeing`` is the page's
    ``page_agreement`` when the caller has it already."""
    agreeing = page_agreement(readings) if agreeing is None else agreeing
    return [dispute for dispute in disputes(readings) if dispute.over_marks] if agreeing >= DISAGREEING else []


def disputes(readings: Iterable[Sequence[tuple[Line, Line]]]) -> list[Dispute]:
    """Every word of a page the two engines read differently, line by line in reading order."""
    found = []
    for tesseract, trueocr in (pair for block in readings for pair in block):
        if not tesseract.words or not trueocr.words:
            continue
        both = (*tesseract.words, *trueocr.words)
        top, bottom = min(word.top for word in both), max(word.box[3] for word in both)
        first, second = tesseract.words, trueocr.words
        for op in Levenshtein.opcodes([w.text for w in first], [w.text for w in second]):
            if op.tag == "replace":
                for a, b in zip(first[op.src_start : op.src_end], second[op.dest_start : op.dest_end], strict=True):
                    found.append(Dispute(a, b, (min(a.left, b.left), top, max(a.box[2], b.box[2]), bottom)))
    return found


def verdicts(found: Sequence[Dispute], thirds: Sequence[str]) -> list[Verdict]:
    """The disputes a third reader's readings of their boxes (``thirds``, in order) settle."""
    return [verdict for dispute, third in zip(found, thirds, strict=True) if (verdict := dispute.settle(third))]
