"""Where a query's hits lie on a page image: the boxes of the OCR words that match it, as search matches them.

A reader who searched ``chuyen doi so`` expects every ``chuyển``, ``đổi`` and
``số`` on the scan outlined, and for the phrase ``"chuyển đổi số"`` only the
words that stand together as the phrase. The words and their boxes are the
ones the archive's ALTO holds (``digitize.alto.read_page``), in pixels of
the page image; the matching is the index's: each OCR word split into words
as the analyzers split it (``505/QĐ-TTg`` is ``505``, ``qđ``, ``ttg``), a
query typed without diacritics matching every accented form, one typed with
them matching as typed unless only the folded form is on the page, ``fuzzy``
one edit away, excluded (``NOT``) words never outlined.
"""

from __future__ import annotations

from dataclasses import dataclass

from digitize.ocr.page import OcrPage
from digitize.ocr.page import Word as OcrWord
from index.analysis import folded_word, within_one_edit, words
from index.query import AllOf, AnyOf, Node, ParsedQuery, Words, parse_query


@dataclass(frozen=True)
class HitBox:
    """One matching OCR word: its text and its box in pixels of the page image."""

    text: str
    left: int
    top: int
    width: int
    height: int

    def to_dict(self) -> dict:
        return {"text": self.text, "x": self.left, "y": self.top, "w": self.width, "h": self.height}


def hit_boxes(page: OcrPage, query: str | ParsedQuery) -> list[HitBox]:
    """The boxes of the words of ``page`` that ``query`` matches, in reading order, each word once.

    A query string that cannot be parsed raises ``QueryError``; a query of
    filters alone matches no word.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    return [_box(word) for word in hit_words(page, parsed)]


def hit_words(page: OcrPage, parsed: ParsedQuery) -> list[OcrWord]:
    """The OCR words ``parsed`` matches, in reading order."""
    sequences = _asked_sequences(parsed.words) if parsed.words is not None else []
    if not sequences:
        return []
    ocr_words = page.words
    # Every analyzed word of the page, in order, with the OCR word it came from: phrases run across OCR words.
    tokens = [(n, token) for n, word in enumerate(ocr_words) for token in words(word.text)]
    matched: set[int] = set()
    if not parsed.typed_bare:
        matched = _matching(tokens, sequences, lambda token, asked: token.exact == asked)
    if not matched:
        folded = [tuple(folded_word(word) for word in sequence) for sequence in sequences]
        if parsed.fuzzy:
            matched = _matching(tokens, folded, lambda token, asked: within_one_edit(token.folded, asked))
        else:
            matched = _matching(tokens, folded, lambda token, asked: token.folded == asked)
    return [ocr_words[n] for n in sorted(matched)]


def _matching(tokens, sequences, same) -> set[int]:
    """The OCR words holding each run of tokens equal (by ``same``) to one of ``sequences``."""
    found: set[int] = set()
    for sequence in sequences:
        length = len(sequence)
        for start in range(len(tokens) - length + 1):
            if all(same(tokens[start + k][1], sequence[k]) for k in range(length)):
                found.update(tokens[start + k][0] for k in range(length))
    return found


def _asked_sequences(node: Node) -> list[tuple[str, ...]]:
    """The words and phrases the query asks for (not those it excludes), as tuples of exact words."""
    if isinstance(node, Words):
        return [node.words] if node.words else []
    if isinstance(node, AllOf | AnyOf):
        return [sequence for part in node.parts for sequence in _asked_sequences(part)]
    return []  # Not: excluded words are not hits


def _box(word: OcrWord) -> HitBox:
    return HitBox(word.text, word.left, word.top, word.width, word.height)
