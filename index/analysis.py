"""Whoosh analyzers for Vietnamese: one that keeps diacritics, one that folds them away.

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

from digitize.textnorm import fold, normalize

_WORD = r"\w+"


class NormalizeFilter(Filter):
    """NFC and look-alike letters, so tokens from any source compare equal."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = normalize(token.text)
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
