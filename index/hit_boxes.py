"""Where a query's hits lie on a page image: the boxes of the OCR words that match it, as search matches them.

A reader who searched ``chuyen doi so`` expects every ``chuyển``, ``đổi`` and
``số`` on the scan outlined, and for the phrase ``"chuyển đổi số"`` only the
words that stand together as the phrase. The words and their boxes are the
ones the archive's ALTO holds (``digitize.alto.read_page``), in pixels of
the page image; the matching is ``index.matching``'s, the snippets' own, on
each OCR word split into words as the analyzers split it (``505/QĐ-TTg`` is
``505``, ``qđ``, ``ttg``). A box says whether its word matched as typed or
only folded, so the scan can draw the two apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from digitize.ocr.page import OcrPage
from digitize.ocr.page import Word as OcrWord
from index.analysis import words
from index.matching import matches
from index.query import ParsedQuery, parse_query


@dataclass(frozen=True)
class HitBox:
    """One matching OCR word: its text, its box in pixels of the page image, and whether it matched as typed."""

    text: str
    left: int
    top: int
    width: int
    height: int
    #: False when only the word's folded form matched (``dương`` for ``đường``): drawn apart on the scan.
    exact: bool = True

    def to_dict(self) -> dict:
        box = {"x": self.left, "y": self.top, "w": self.width, "h": self.height}
        return {"text": self.text, **box, "exact": self.exact}


def hit_boxes(page: OcrPage, query: str | ParsedQuery) -> list[HitBox]:
    """The boxes of the words of ``page`` that ``query`` matches, in reading order, each word once.

    A query string that cannot be parsed raises ``QueryError``; a query of
    filters alone matches no word.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    return [_box(word, exact) for word, exact in hit_words(page, parsed)]


def hit_words(page: OcrPage, parsed: ParsedQuery) -> list[tuple[OcrWord, bool]]:
    """The OCR words ``parsed`` matches, in reading order, each with whether all of it matched as typed."""
    ocr_words = page.words
    # Every analyzed word of the page, in order, with the OCR word it came from: phrases run across OCR words.
    owners, tokens = [], []
    for n, word in enumerate(ocr_words):
        for token in words(word.text):
            owners.append(n)
            tokens.append(token)
    exact: dict[int, bool] = {}
    for k, token_exact in matches(tokens, parsed, follows=lambda k: True).items():
        exact[owners[k]] = exact.get(owners[k], True) and token_exact
    return [(ocr_words[n], exact[n]) for n in sorted(exact)]


def _box(word: OcrWord, exact: bool) -> HitBox:
    return HitBox(word.text, word.left, word.top, word.width, word.height, exact)
