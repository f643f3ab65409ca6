"""The OCR page model: blocks of lines of words with boxes and confidences, whatever engine read them.

Every engine returns an ``OcrPage`` and every reader of OCR results (ALTO,
hOCR, the PDF text layer, quality checks, metadata) takes one, so a new
engine or a new serializer is one module, not a change across the house.
Boxes are in pixels of the page image the archive keeps; confidences 0–100.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

Box = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int

    @property
    def box(self) -> Box:
        return (self.left, self.top, self.left + self.width, self.top + self.height)

    def scaled(self, factor: float) -> Word:
        left, top, right, bottom = (round(value * factor) for value in self.box)
        return replace(self, left=left, top=top, width=max(right - left, 1), height=max(bottom - top, 1))


@dataclass(frozen=True)
class Line:
    """A line of words in reading order; ``engine`` names the engine whose reading of it was kept."""

    words: tuple[Word, ...]
    engine: str = ""

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def box(self) -> Box:
        return bounding_box(self.words)


@dataclass(frozen=True)
class Block:
    """A paragraph or layout region: its lines are read one after the other, and blocks one after the other."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def box(self) -> Box:
        return bounding_box(word for line in self.lines for word in line.words)


@dataclass(frozen=True)
class Software:
    """An engine as the outputs name it (ALTO ``processingSoftware``, hOCR ``ocr-system``)."""

    name: str
    version: str


@dataclass(frozen=True)
class OcrPage:
    """One page's reading. ``software`` lists the engines that contributed to it."""

    blocks: tuple[Block, ...]
    software: tuple[Software, ...] = ()

    @property
    def text(self) -> str:
        """Lines one to a line, blocks separated by a blank line: the archive's page text."""
        return "\n\n".join(block.text for block in self.blocks if block.lines)

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for block in self.blocks for line in block.lines)

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(word for line in self.lines for word in line.words)

    @property
    def mean_confidence(self) -> float | None:
        """Mean of the word confidences (0–100); None when no word was read."""
        words = self.words
        if not words:
            return None
        return round(sum(w.confidence for w in words) / len(words), 2)

    def scaled(self, factor: float) -> OcrPage:
        """The same reading with every box multiplied by ``factor``: back to the kept image after a resample."""
        if factor == 1:
            return self
        blocks = tuple(
            Block(tuple(replace(line, words=tuple(w.scaled(factor) for w in line.words)) for line in block.lines))
            for block in self.blocks
        )
        return replace(self, blocks=blocks)


EMPTY_PAGE = OcrPage(blocks=())


def bounding_box(words: Iterable[Word]) -> Box:
    """The box around ``words``."""
    boxes = [word.box for word in words]
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )
