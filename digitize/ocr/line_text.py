"""A line of a page given new text by a person: its words laid again over the line's box.

A correction changes the words, not where the line stands on the scan, so the
new words share out the old line's width: each old word keeps its box when the
count is unchanged (the usual fix of a misread letter), otherwise the width is
divided by the words' lengths. Corrected words are certain (confidence 100),
and the line is marked as a person's reading.
"""

from __future__ import annotations

from dataclasses import replace

from digitize.ocr.page import Line, OcrPage, Word

#: The ``Line.engine`` of a line a person corrected.
PERSON = "person"


def refit(line: Line, text: str) -> Line:
    """``line`` reading ``text`` (at least one word) instead, its words fitted into the old line's box."""
    tokens = text.split()
    if not tokens:
        raise ValueError("a line's text needs at least one word")
    if len(tokens) == len(line.words):
        return Line(
            tuple(replace(word, text=token, confidence=100.0) for word, token in zip(line.words, tokens, strict=True)),
            PERSON,
        )
    left, top, right, bottom = line.box
    space = max(round((right - left) / max(sum(map(len, tokens)) + len(tokens) - 1, 1)), 1)
    width_left = right - left - space * (len(tokens) - 1)
    letters = sum(map(len, tokens))
    words, x = [], left
    for n, token in enumerate(tokens):
        width = right - x if n == len(tokens) - 1 else max(round(width_left * len(token) / letters), 1)
        words.append(Word(token, 100.0, x, top, max(width, 1), bottom - top))
        x += width + space
    return Line(tuple(words), PERSON)


def with_line(page: OcrPage, block: int, line: int, new: Line) -> OcrPage:
    """``page`` with line ``line`` of block ``block`` (indexes into ``page.blocks``) replaced by ``new``."""
    blocks = list(page.blocks)
    lines = list(blocks[block].lines)
    lines[line] = new
    blocks[block] = replace(blocks[block], lines=tuple(lines))
    return replace(page, blocks=tuple(blocks))
