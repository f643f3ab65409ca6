"""Which words of a text a query's words and phrases match, and whether each matched as typed or only folded.

One rule for the snippets (``index.snippets``) and the boxes drawn on the
scan (``index.hit_boxes``), so a reader sees the same words marked in both:

- a phrase matches only where its words stand together, in order;
- each word or phrase the query asks for (not one it excludes) matches as
  typed, diacritics and all, where it can; only where it cannot does its
  folded form (``duong`` for ``đường``) count, and a query typed without
  diacritics means every accented form;
- a match is *exact* when the word on the page is the word as typed, else
  *folded*, so a page can say which of its marks are approximate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from index.analysis import Word, exact_words, folded_word, within_one_edit
from index.query import AllOf, AnyOf, Node, ParsedQuery, Words


def asked_sequences(parsed: ParsedQuery) -> list[tuple[str, ...]]:
    """The words and phrases the query asks for (not those it excludes), as tuples of exact words."""
    return _sequences(parsed.words) if parsed.words is not None else []


def typed_as_asked(word: str, parsed: ParsedQuery) -> bool:
    """True when ``word``, a word of the page a match marks, is one of the query's words as typed: a mark
    ``matches`` called exact, told from the text alone (a snippet keeps only where its marks lie)."""
    return "".join(exact_words(word)) in {asked for sequence in asked_sequences(parsed) for asked in sequence}


def matches(tokens: Sequence[Word], parsed: ParsedQuery, follows: Callable[[int], bool]) -> dict[int, bool]:
    """Index in ``tokens`` → True if that token matched as typed, for every token the query matches.

    ``follows(k)`` says whether token ``k`` comes right after token ``k - 1``
    in the text, with no other word between: a phrase runs only over such tokens.
    """
    found: dict[int, bool] = {}
    for sequence in asked_sequences(parsed):
        runs = [] if parsed.typed_bare else _runs(tokens, sequence, follows, lambda token, word: token.exact == word)
        if not runs:
            folded = tuple(folded_word(word) for word in sequence)
            same = _within_one_edit if parsed.fuzzy else _same_folded
            runs = _runs(tokens, folded, follows, same)
        for start in runs:
            for k, word in enumerate(sequence):
                found[start + k] = found.get(start + k, False) or tokens[start + k].exact == word
    return found


def _runs(tokens: Sequence[Word], sequence: tuple[str, ...], follows, same) -> list[int]:
    """Where in ``tokens`` a run of adjacent tokens equal (by ``same``) to ``sequence`` starts."""
    length = len(sequence)
    return [
        start
        for start in range(len(tokens) - length + 1)
        if all(same(tokens[start + k], sequence[k]) and (k == 0 or follows(start + k)) for k in range(length))
    ]


def _same_folded(token: Word, folded: str) -> bool:
    return token.folded == folded


def _within_one_edit(token: Word, folded: str) -> bool:
    return within_one_edit(token.folded, folded)


def _sequences(node: Node) -> list[tuple[str, ...]]:
    if isinstance(node, Words):
        return [node.words] if node.words else []
    if isinstance(node, AllOf | AnyOf):
        return [sequence for part in node.parts for sequence in _sequences(part)]
    return []  # Not: excluded words are not hits
