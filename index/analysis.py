"""Whoosh analyzers for Vietnamese: one that keeps diacritics, one that folds them away.

Both put tone marks in one place (``hoà`` and ``hòa`` are one word); queries
go through the same analyzers, so they match whichever placement they use.
An index made before that rule needs ``digitize index rebuild``.

Pages are indexed twice, in ``text`` (exact) and ``text_folded``, so that a
query typed without diacritics (``chuyen doi so``) finds ``chuyển đổi số``
while exact matches, which hit both fields, rank first. Folding merges real
words (``những``/``nhưng``, ``số``/``sở``), which is why the exact field stays.

The filters are module-level classes: Whoosh pickles the schema, analyzers
included, into the index.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, Token

from digitize.textnorm import fold, normalize, unify_tone_marks

_WORD = r"\w+"


class NormalizeFilter(Filter):
    """NFC, look-alike letters and one tone-mark placement, so tokens from any source compare equal."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = unify_tone_marks(normalize(token.text))
            yield token


class FoldFilter(Filter):
    """Diacritics stripped and ``đ`` → ``d``: the word as typed on a bare keyboard."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold(token.text)
            yield token


def exact_analyzer():
    return RegexTokenizer(_WORD) | NormalizeFilter() | LowercaseFilter()


def folded_analyzer():
    return RegexTokenizer(_WORD) | NormalizeFilter() | LowercaseFilter() | FoldFilter()
