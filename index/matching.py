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
from functools import lru_cache

from index.analysis import Word, exact_words, folded_word, within_one_edit
from index.query import AllOf, AnyOf, Node, ParsedQuery, Words


def asked_sequences(parsed: ParsedQuery) -> list[tuple[str, ...]]:
    """The words and phrases the query asks for (not those it excludes), as tuples of exact words."""
    return _sequences(parsed.words) if parsed.words is not None else []


@lru_cache(maxsize=1024)
def folded_sequence(sequence: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a word or phrase asked for, folded (kept: every snippet of a results page asks again)."""
    return tuple(folded_word(word) for word in sequence)


def typed_as_asked(word: str, parsed: ParsedQuery) -> bool:
    """True when ``word``, a word of the page a match marks, is one of the query's words as typed: a mark
    ``matches`` called exact, told from the text alone (a snippet keeps only where its marks lie)."""
    return "".join(exact_words(word)) in {asked for sequence in asked_sequences(parsed) for asked in sequence}


def matches(tokens: Sequence[Word], parsed: ParsedQuery, follows: Callable[[int], bool]) -> dict[int, bool]:
    """Index in ``tokens`` → True if that token matched as typed, for every token the query matches.

    ``follows(k)`` says whether token ``k`` comes right after token ``k - 1``
    in the text, with no other word between: a phrase runs only over such tokens.
    """
    exact_forms = [token.exact for token in tokens]
    folded_forms: list[str] | None = None
    found: dict[int, bool] = {}
    for sequence in asked_sequences(parsed):
        runs = [] if parsed.typed_bare else _runs(exact_forms, sequence, follows, fuzzy=False)
        if not runs:
            folded_forms = folded_forms or [token.folded for token in tokens]
            runs = _runs(folded_forms, folded_sequence(sequence), follows, parsed.fuzzy)
        for start in runs:
            for k, word in enumerate(sequence):
                found[start + k] = found.get(start + k, False) or exact_forms[start + k] == word
    return found


def _runs(forms: list[str], sequence: tuple[str, ...], follows: Callable[[int], bool], fuzzy: bool) -> list[int]:
    """Where in ``forms`` a run of adjacent forms equal to ``sequence`` (within one edit if ``fuzzy``) starts."""
    first, length = sequence[0], len(sequence)
    ends = range(len(forms) - length + 1)
    near = within_one_edit if fuzzy else str.__eq__
    starts = [k for k in ends if forms[k] == first] if not fuzzy else [k for k in ends if near(forms[k], first)]
    if length == 1:
        return starts
    return [
        start
        for start in starts
        if all(near(forms[start + k], sequence[k]) and follows(start + k) for k in range(1, length))
    ]


def _sequences(node: Node) -> list[tuple[str, ...]]:
    if isinstance(node, Words):
        return [node.words] if node.words else []
    if isinstance(node, AllOf | AnyOf):
        return [sequence for part in node.parts for sequence in _sequences(part)]
    return []  # Not: excluded words are not hits
