"""Vietnamese words for the index and for queries: one form that keeps diacritics, one that folds them away.

Both forms put tone marks in one place (``hoà`` and ``hòa`` are one word);
queries go through the same analyzers, so they match whichever placement
they use. An index made before that rule needs ``digitize index rebuild``.

Pages are indexed twice, in ``text`` (exact) and ``text_folded``, so that a
query typed without diacritics (``chuyen doi so``) finds ``chuyển đổi số``
while exact matches, which hit both fields, rank first. Folding merges real
words (``những``/``nhưng``, ``số``/``sở``), which is why the exact field stays.
A third field, ``text_pairs``, holds the folded pairs of common words, for
phrases of them (``word_pairs``).

Work is split for speed: Python does what tantivy cannot (NFC, look-alike
letters, moving tone marks: ``prepared``), then tantivy's analyzers split
words, lowercase and fold (``đ`` → ``d``) in Rust, at indexing and for the
query's words alike. Tantivy's ASCII folding agrees with
``digitize.textnorm.fold`` on every Vietnamese letter (it goes further on
others: ``ø`` → ``o``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise
from typing import NamedTuple

import tantivy

from digitize.textnorm import normalize, unify_tone_marks
from index.common_words import COMMON_WORDS

#: The pairs analyzer's name carries the common words' count: another list is another index layout.
EXACT, FOLDED, PAIRS = "vi_exact", "vi_folded", f"vi_pairs_{len(COMMON_WORDS)}"
#: Joins the two folded words of a pair, and alone stands for a pair not indexed; never inside a word, which is
#: letters and digits only.
PAIR_JOINT = "_"
#: A word is a run of letters and digits, as tantivy's simple tokenizer has it
#: (twice as fast as its regex tokenizer); the pattern finds the same words here.
WORD = r"[^\W_]+"
_LETTER = re.compile(r"[^\W_]")


def _analyzer(folded: bool) -> tantivy.TextAnalyzer:
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
    return (builder.filter(tantivy.Filter.ascii_fold()) if folded else builder).build()


#: Registered by name on every index opened (tantivy keeps only the names in the index). Pairs are made in Python
#: (``word_pairs``: tantivy has no shingle filter) and only split on spaces here.
ANALYZERS = {
    EXACT: _analyzer(folded=False),
    FOLDED: _analyzer(folded=True),
    PAIRS: tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build(),
}


class Word(NamedTuple):
    """A word of a text: where it lies, and its two indexed forms.

    A named tuple, made three times as fast as a frozen dataclass: a results
    page makes a thousand of them for its snippets.
    """

    start: int
    end: int
    exact: str
    folded: str


def prepared(text: str) -> str:
    """NFC, look-alike letters mapped, one tone-mark placement: the text both text fields receive."""
    return unify_tone_marks(normalize(text))


def exact_words(text: str) -> list[str]:
    """Words as the exact field holds them: lower case, diacritics kept."""
    return ANALYZERS[EXACT].analyze(prepared(text))


def word_pairs(words: list[str]) -> list[str]:
    """Each word joined to the next (``chuyen_doi doi_so``) when both are common words, else ``PAIR_JOINT`` alone
    to keep the place: a phrase of common words is then a phrase of pairs, whose postings are far shorter than its
    words' (docs/decisions.md, A million pages)."""
    return [
        first + PAIR_JOINT + second if first in COMMON_WORDS and second in COMMON_WORDS else PAIR_JOINT
        for first, second in pairwise(words)
    ]


def common_phrase(folded_words: list[str]) -> bool:
    """True when every word of a phrase is common, so that its pairs find it."""
    return len(folded_words) > 1 and all(word in COMMON_WORDS for word in folded_words)


def folded_pairs(prepared_text: str) -> str:
    """The ``text_pairs`` field's text for a page's prepared text: its folded word pairs, space-separated."""
    return " ".join(word_pairs(ANALYZERS[FOLDED].analyze(prepared_text)))


def folded_word(word: str) -> str:
    """An exact word as the folded field holds it: the word as typed on a bare keyboard."""
    return "".join(ANALYZERS[FOLDED].analyze(word))


def _word(match: re.Match) -> Word:
    return Word(*match.span(), *_forms(match.group()))


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str]:
    """A word's exact and folded forms; kept, since a page repeats its words and a query's hits share them."""
    exact = "".join(exact_words(word))
    return exact, folded_word(exact)


def words(text: str) -> list[Word]:
    """Every word of ``text`` with its character offsets (for highlighting fuzzy matches)."""
    return [_word(match) for match in re.finditer(WORD, text)]


def find_words(text: str, folded: set[str]) -> list[Word]:
    """The words of ``text`` whose folded form is in ``folded``, found in one regular-expression pass.

    The pattern does not begin with the look-behind that a word must not
    follow a letter: ``re`` then skips to the characters a match can start
    with, twice as fast on a page (a snippet's main cost). A match inside a
    longer word is dropped after; it ends where that word ends, so it hides
    no other match.
    """
    if not folded:
        return []
    matches = _folded_pattern(frozenset(folded)).finditer(text)
    return [_word(match) for match in matches if not (match.start() and _LETTER.match(text, match.start() - 1))]


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by at most one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    return a[start + (len(a) == len(b)) :] == b[start + 1 :]


@cache
def _letters() -> dict[str, str]:
    """ASCII letter → a character class of every letter that folds to it (``d`` → ``[dDđĐðÐ]``)."""
    variants: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        letter = chr(code)
        base = "".join(ANALYZERS[FOLDED].analyze(letter))
        if letter.isalpha() and len(base) == 1 and base.isascii():
            variants.setdefault(base, set()).add(letter)
    return {base: "[" + "".join(sorted(found)) + "]" for base, found in variants.items()}


@lru_cache(maxsize=256)
def _folded_pattern(folded: frozenset[str]) -> re.Pattern:
    letters = _letters()
    spelled = ("".join(letters.get(char, re.escape(char)) for char in word) for word in sorted(folded, key=len))
    return re.compile(r"(?:" + "|".join(reversed(list(spelled))) + r")(?![^\W_])")
