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

A block whose lines stand level with each other, apart (the two columns of a
header that a line finder put in one block), is broken into its lines too, and
lines the engine found apart count as side by side however narrow the gap
between them: ``digitize.ocr.columns`` cuts a crowded header's lines a few
pixels apart.

Lines broken out of one block and read one after another in the same column
are joined back into one block.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from digitize.ocr.page import Block, Box, Line, OcrPage, Word

#: A gap this many line heights wide always splits a line: no word space is that wide.
WIDE_GAP = 2.0
#: A gap this many line heights wide splits a line when it is also ``GAP_TO_SPACE`` times its usual word space.
LIKELY_GAP = 0.8
GAP_TO_SPACE = 3.0
#: A column gap must be this many (median) line heights wide.
MIN_GUTTER = 0.5
#: Columns may overlap by this share of a block's width (a wide agency line reaching under the motto).
MAX_INTRUSION = 0.25
#: ... and no block of either is wider than this share of both.
MAX_COLUMN_SHARE = 0.7
#: A strip joins the section above it when it is at most this many line heights below it.
JOIN_DISTANCE = 4.0


@dataclass(frozen=True)
class _Piece:
    """A block to be ordered, with the block of Tesseract's it came from and whether it was broken out of it."""

    block: Block
    origin: int
    broken: bool
    #: The line of the origin block it is (a piece of), and which piece of that line.
    line: int = 0
    part: int = 0

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
    """``line`` cut where two words are far further apart than a word space.

    Marks without a letter or digit (a rule or a speck read as ``_``, ``|``) do not bridge a gap: between two
    words far apart, the line is cut at the widest space, on either side of such marks.
    """
    words = line.words
    if len(words) < 2:
        return [line]
    height = line.box[3] - line.box[1]
    spaces = [b.left - (a.left + a.width) for a, b in pairwise(words)]  # spaces[i] is before words[i + 1]
    readable = [i for i, word in enumerate(words) if any(char.isalnum() for char in word.text)]
    # Gaps between neighbouring words with letters or digits, and the marks-only words at either end.
    spans = list(pairwise(readable))
    if readable:
        spans += [(i - 1, i) for i in range(1, readable[0] + 1)]
        spans += [(i, i + 1) for i in range(readable[-1], len(words) - 1)]
    gaps = {(a, b): _gap(words, a, b, height) for a, b in spans}
    cuts = set()
    for (a, b), gap in gaps.items():
        others = [other for span, other in gaps.items() if span != (a, b)]
        space = median(others) if others else height / 4
        if gap >= WIDE_GAP * height or (gap >= LIKELY_GAP * height and gap >= GAP_TO_SPACE * max(space, 1)):
            cuts.add(max(range(a, b), key=lambda i: spaces[i]) + 1)
    if not cuts:
        return [line]
    bounds = [0, *sorted(cuts), len(words)]
    return [Line(words[start:end], line.engine) for start, end in pairwise(bounds)]


def _gap(words: tuple[Word, ...], first: int, last: int, height: int) -> int:
    """The space between ``words[first]`` and ``words[last]``, less the marks narrower than a line is high between
    them (a dash in "Độc lập - Tự do" is text; a rule or a scribble is not)."""
    marks = sum(word.width for word in words[first + 1 : last] if word.width < height)
    return words[last].left - (words[first].left + words[first].width) - marks


def _split_block(block: Block, origin: int) -> list[_Piece]:
    """The block whole, or, when one of its lines splits, each line and piece of line a block of its own."""
    lines = [line for line in block.lines if line.words]
    split = [split_line(line) for line in lines]
    if all(len(pieces) == 1 for pieces in split) and not _level(lines):
        return [_Piece(Block(tuple(lines)), origin, broken=False)]
    return [
        _Piece(Block((piece,)), origin, True, line, part)
        for line, pieces in enumerate(split)
        for part, piece in enumerate(pieces)
    ]


def _level(lines: list[Line]) -> bool:
    """Whether two of a block's lines stand side by side, level and apart (the two columns of a header a line
    finder put in one block): then it is not one paragraph. Columns of vertical text (Han read with
    ``chi_tra_vert``), taller than wide, are left in the engine's order."""
    boxes = [line.box for line in lines if line.box[2] - line.box[0] > line.box[3] - line.box[1]]
    return any(
        a[1] < b[3] and b[1] < a[3] and (a[2] <= b[0] or b[2] <= a[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


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
    """``pieces`` in columns, left to right: cut at every vertical gap at least ``MIN_GUTTER`` lines wide, else at
    the one place where a two-column layout whose columns overlap a little (a wide agency line reaching under the
    motto) divides (``_overlapping_columns``); one column when there is neither.
    """
    columns = _plain_columns(pieces, MIN_GUTTER * height)
    if len(columns) == 1:
        columns = _overlapping_columns(pieces, height)
    return [sorted(column, key=pieces.index) for column in columns]


def _overlapping_columns(pieces: list[_Piece], height: float) -> list[list[_Piece]]:
    """A left and a right column whose boxes overlap by at most ``MAX_INTRUSION`` of a block's width, with blocks
    side by side, a gutter apart, in some strip; ``[pieces]`` when there is no such cut.
    """
    if not any(_side_by_side(strip, height) for strip in _strips(pieces)):
        return [pieces]
    span = max(p.box[2] for p in pieces) - min(p.box[0] for p in pieces)
    if any(_width(p.box) > MAX_COLUMN_SHARE * span for p in pieces):
        return [pieces]  # a block across the region (a paragraph of the body) is in no column
    best: tuple[int, list[_Piece], list[_Piece]] | None = None
    for cut in sorted({piece.box[0] for piece in pieces}):
        left = [p for p in pieces if (p.box[0] + p.box[2]) / 2 < cut]
        right = [p for p in pieces if (p.box[0] + p.box[2]) / 2 >= cut]
        if not left or not right:
            continue
        intrusions = [max(0, p.box[2] - cut) for p in left] + [max(0, cut - p.box[0]) for p in right]
        widths = [p.box[2] - p.box[0] for p in left + right]
        if any(intrusion > MAX_INTRUSION * width for intrusion, width in zip(intrusions, widths, strict=True)):
            continue
        if any(_side_by_side_overlap(a, b) for a in left for b in right):
            continue
        if best is None or sum(intrusions) < best[0]:
            best = (sum(intrusions), left, right)
    return [pieces] if best is None else [best[1], best[2]]


def _side_by_side(strip: list[_Piece], height: float) -> bool:
    """Whether a strip has blocks side by side: a gutter ``WIDE_GAP`` lines wide apart when they are the pieces of
    one line (not a blank left in a date for the day); any gap at all between lines the engine found apart (a
    crowded header's columns, cut apart by ``digitize.ocr.columns``, stand a few pixels apart).
    """
    return len(_plain_columns(strip, WIDE_GAP * height if _one_line(strip) else 1)) > 1


def _one_line(strip: list[_Piece]) -> bool:
    """Whether ``strip`` is the pieces of one line."""
    return strip[0].broken and len({(piece.origin, piece.line) for piece in strip}) == 1


def _plain_columns(pieces: list[_Piece], gutter: float) -> list[list[_Piece]]:
    """``pieces`` cut at every vertical gap at least ``gutter`` pixels wide."""
    ranked = sorted(pieces, key=lambda piece: piece.box[0])
    columns: list[list[_Piece]] = [[ranked[0]]]
    right = ranked[0].box[2]
    for piece in ranked[1:]:
        if piece.box[0] - right >= gutter:
            columns.append([])
        columns[-1].append(piece)
        right = max(right, piece.box[2])
    return columns


def _side_by_side_overlap(left: _Piece, right: _Piece) -> bool:
    """Whether a block of the left column and one of the right, level with each other, overlap from left to right."""
    level = left.box[1] < right.box[3] and right.box[1] < left.box[3]
    return level and right.box[0] < left.box[2]


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
    """Strips joined into sections: from a strip with blocks side by side, the strips below it that share its gap.

    A line split at a narrower gap just above such a strip (a long agency name close to the national title) is
    taken in too when it shares the gap.
    """
    sections: list[list[_Piece]] = []
    columnar = False
    for strip in strips:
        if sections and columnar and _joins(sections[-1], strip, height):
            sections[-1] = sections[-1] + strip
            continue
        columnar = _side_by_side(strip, height)
        above = sections[-1] if sections else []
        if columnar and len(above) > 1 and _one_line(above) and _joins(above, strip, height):
            sections[-1] = above + strip
        else:
            sections.append(list(strip))
    return sections


def _joins(section: list[_Piece], strip: list[_Piece], height: float) -> bool:
    """Whether ``strip`` is close below ``section`` and shares a column gap with it."""
    below = min(p.box[1] for p in strip) - max(p.box[3] for p in section)
    return below <= JOIN_DISTANCE * height and len(_columns(section + strip, height)) > 1


def _rejoin(pieces: list[_Piece]) -> tuple[Block, ...]:
    """Blocks from ``pieces``: what was broken out of one block joined again where it is still read in a row.

    Pieces of one line read one after the other (``Số:`` and a symbol after a blank left for a handwritten
    number) are one line again; lines read one after the other down a column are one block again.
    """
    blocks: list[Block] = []
    previous: _Piece | None = None
    for piece in pieces:
        together = previous is not None and piece.broken and previous.broken and piece.origin == previous.origin
        if together and (piece.line, piece.part) == (previous.line, previous.part + 1):
            last = blocks[-1].lines[-1]
            blocks[-1] = Block((*blocks[-1].lines[:-1], Line(last.words + piece.block.lines[0].words, last.engine)))
        elif (
            together
            and piece.line > previous.line
            and _overlap(piece.box, blocks[-1].box) >= min(_width(piece.box), _width(blocks[-1].box)) / 2
        ):
            blocks[-1] = Block(blocks[-1].lines + piece.block.lines)
        else:
            blocks.append(piece.block)
        previous = piece
    return tuple(blocks)


def _overlap(first: Box, second: Box) -> int:
    """How far two boxes overlap from left to right."""
    return max(0, min(first[2], second[2]) - max(first[0], second[0]))


def _width(box: Box) -> int:
    return box[2] - box[0]
