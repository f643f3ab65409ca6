"""Vietnamese words for the index and for queries: one form that keeps diacritics, one that folds them away.

Both forms put tone marks in one place (``hoà`` and ``hòa`` are one word);
queries go through the same functions, so they match whichever placement
they use. An index made before that rule needs ``digitize index rebuild``.

Pages are indexed twice, in ``text`` (exact) and ``text_folded``, so that a
query typed without diacritics (``chuyen doi so``) finds ``chuyển đổi số``
while exact matches, which hit both fields, rank first. Folding merges real
words (``những``/``nhưng``, ``số``/``sở``), which is why the exact field stays.

The analysis runs here in Python, not in tantivy: tantivy's filters cannot
move a tone mark. The index receives the words already analyzed, joined by
spaces, and splits them at the spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from digitize.textnorm import fold, normalize, unify_tone_marks

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Word:
    """A word of a text: where it lies, and its two indexed forms."""

    start: int
    end: int
    exact: str
    folded: str


def exact_words(text: str) -> list[str]:
    """NFC, look-alike letters mapped, one tone-mark placement, lower case, split into words."""
    return _WORD.findall(unify_tone_marks(normalize(text)).lower())


def folded_word(word: str) -> str:
    """Diacritics stripped and ``đ`` → ``d``: the word as typed on a bare keyboard."""
    return fold(word)


def indexed_fields(text: str) -> tuple[str, str]:
    """The exact and the folded words of ``text``, each joined by spaces, as the index takes them."""
    exact = " ".join(exact_words(text))
    return exact, fold(exact)


def words(text: str) -> Iterator[Word]:
    """The words of ``text`` with their character offsets, for highlighting."""
    for match in _WORD.finditer(text):
        exact = unify_tone_marks(normalize(match.group())).lower()
        yield Word(match.start(), match.end(), exact, fold(exact))
