"""Reading order: a page's blocks put in the order a reader reads them.

Tesseract reads a Decree-30 header or foot (agency and number on the left;
motto, place and date on the right; *Nơi nhận* on the left, the signer on the
right) across both columns, often as one line ("ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM"), so the text interleaves the two columns line by
line. A reader, and the ground truth, takes the left block, then the right.

``in_reading_order`` does two things, changing only the grouping and order of
lines and words, never a word's box:

1. A line is split where the gap between two words is far wider than a word
   space (measured against the line's height), and the block holding it is
   broken into its lines so that each piece can go to its own column.
2. Blocks are ordered by a recursive XY-cut over their boxes. Where a vertical
   gap runs through a region from top to bottom, its columns are read left to
   right; otherwise the region is cut into horizontal strips, read top to
   bottom. Consecutive strips that share a column gap, starting with one that
   has blocks side by side (a two-column header, a newspaper's columns, the
   foot) are joined into one section first, so its left column is read to the
   end before the right one, instead of row by row.

Lines broken out of one block and read one after another in the same column
are joined back into one block.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from digitize.ocr.page import Block, Box, Line, OcrPage

#: A gap this many line heights wide always splits a line: no word space is that wide.
WIDE_GAP = 2.0
#: A gap this many line heights wide splits a line when it is also ``GAP_TO_SPACE`` times its usual word space.
LIKELY_GAP = 0.8
GAP_TO_SPACE = 3.0
#: A column gap must be this many (median) line heights wide.
MIN_GUTTER = 0.5
#: A strip joins the section above it when it is at most this many line heights below it.
JOIN_DISTANCE = 4.0


@dataclass(frozen=True)
class _Piece:
    """A block to be ordered, with the block of Tesseract's it came from and whether it was broken out of it."""

    block: Block
    origin: int
    broken: bool

    @property
    def box(self) -> Box:
        return self.block.box


def in_reading_order(page: OcrPage) -> OcrPage:
    """``page`` with wide-gapped lines split and its blocks in reading order; every word keeps its box."""
    blocks = [block for block in page.blocks if block.lines and any(line.words for line in block.lines)]
    if not blocks:
        return page
    height = median(line.box[3] - line.box[1] for block in blocks for line in block.lines if line.words)
    pieces = [piece for origin, block in enumerate(blocks) for piece in _split_block(block, origin)]
    ordered = _order(pieces, max(height, 1))
    return OcrPage(_rejoin(ordered), page.software)


def split_line(line: Line) -> list[Line]:
    """``line`` cut where two words are far further apart than a word space."""
    words = line.words
    if len(words) < 2:
        return [line]
    height = line.box[3] - line.box[1]
    gaps = [b.left - (a.left + a.width) for a, b in pairwise(words)]
    cuts = []
    for i, gap in enumerate(gaps):
        others = [g for j, g in enumerate(gaps) if j != i]
        space = median(others) if others else height / 4
        if gap >= WIDE_GAP * height or (gap >= LIKELY_GAP * height and gap >= GAP_TO_SPACE * max(space, 1)):
            cuts.append(i + 1)
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(words)]
    return [Line(words[start:end], line.engine) for start, end in pairwise(bounds)]


def _split_block(block: Block, origin: int) -> list[_Piece]:
    """The block whole, or, when one of its lines splits, each line and piece of line a block of its own."""
    lines = [line for line in block.lines if line.words]
    split = [split_line(line) for line in lines]
    if all(len(pieces) == 1 for pieces in split):
        return [_Piece(Block(tuple(lines)), origin, broken=False)]
    return [_Piece(Block((piece,)), origin, broken=True) for pieces in split for piece in pieces]


def _order(pieces: list[_Piece], height: float) -> list[_Piece]:
    if len(pieces) <= 1:
        return pieces
    columns = _columns(pieces, height)
    if len(columns) > 1:
        return [piece for column in columns for piece in _order(column, height)]
    strips = _strips(pieces)
    if len(strips) == 1:
        return pieces  # nothing to cut: the engine's order
    sections = _sections(strips, height)
    return [piece for section in sections for piece in _order(section, height)]


def _columns(pieces: list[_Piece], height: float) -> list[list[_Piece]]:
    """``pieces`` in columns, left to right, cut at every vertical gap at least ``MIN_GUTTER`` lines wide."""
    ranked = sorted(pieces, key=lambda piece: piece.box[0])
    columns: list[list[_Piece]] = [[ranked[0]]]
    right = ranked[0].box[2]
    for piece in ranked[1:]:
        if piece.box[0] - right >= MIN_GUTTER * height:
            columns.append([])
        columns[-1].append(piece)
        right = max(right, piece.box[2])
    return [sorted(column, key=pieces.index) for column in columns]


def _strips(pieces: list[_Piece]) -> list[list[_Piece]]:
    """``pieces`` in horizontal strips, top to bottom: runs of boxes that overlap from top to bottom."""
    ranked = sorted(pieces, key=lambda piece: piece.box[1])
    strips: list[list[_Piece]] = [[ranked[0]]]
    bottom = ranked[0].box[3]
    for piece in ranked[1:]:
        if piece.box[1] >= bottom:
            strips.append([])
        strips[-1].append(piece)
        bottom = max(bottom, piece.box[3])
    return [sorted(strip, key=pieces.index) for strip in strips]


def _sections(strips: list[list[_Piece]], height: float) -> list[list[_Piece]]:
    """Strips joined into sections: from a strip with blocks side by side, the strips below it that share its gap."""
    sections: list[list[_Piece]] = []
    columnar = False
    for strip in strips:
        if sections and columnar:
            joined = sections[-1] + strip
            below = min(p.box[1] for p in strip) - max(p.box[3] for p in sections[-1])
            if below <= JOIN_DISTANCE * height and len(_columns(joined, height)) > 1:
                sections[-1] = joined
                continue
        sections.append(list(strip))
        columnar = len(_columns(strip, height)) > 1
    return sections


def _rejoin(pieces: list[_Piece]) -> tuple[Block, ...]:
    """Blocks from ``pieces``, lines broken out of one block joined again while they follow each other down a column."""
    blocks: list[Block] = []
    previous: _Piece | None = None
    for piece in pieces:
        if (
            previous is not None
            and piece.broken
            and previous.broken
            and piece.origin == previous.origin
            and piece.box[1] >= previous.box[3] - (previous.box[3] - previous.box[1]) // 2
            and _overlaps(piece.box, blocks[-1].box)
        ):
            blocks[-1] = Block(blocks[-1].lines + piece.block.lines)
        else:
            blocks.append(piece.block)
        previous = piece
    return tuple(blocks)


def _overlaps(first: Box, second: Box) -> bool:
    """Whether two boxes overlap from left to right."""
    return first[0] < second[2] and second[0] < first[2]
