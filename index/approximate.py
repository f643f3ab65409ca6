"""OCR-tolerant search, said openly: what to ask when the words as typed find nothing or very little.

OCR leaves words the researcher cannot guess: ``ể`` read ``ế``, ``m`` read
``rn``, ``l`` read ``I``. When a query finds fewer than ``LITTLE``
documents, ``index.search`` asks again with each word widened to the forms
one letter away (folded) or one of the project's own OCR confusions away
(``index.ocr_confusions``, counted on the real scans) that look like a
misreading of it, or it of them (``misreadings``), a quoted phrase loosened to
its words kept near (``index.ranking``). Those results are marked
approximate, never passed off as matches, and listed after the documents
holding the words as typed, which are never diluted by them. When fewer than ``FEW_DOCUMENTS`` match, ``suggestion``
offers the query with each word the index lacks replaced by its most
frequent neighbour in the index's own vocabulary ("Có phải bạn muốn tìm …").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import tantivy

from index.analysis import folded_word, words
from index.ocr_confusions import CONFUSIONS
from index.query import AllOf, AnyOf, Node, ParsedQuery, Words, asked_words

#: Fewer matching documents than this and the search suggests other words.
FEW_DOCUMENTS = 3
#: Fewer documents matching the words as typed than this, and approximate matches follow them (tuned by
#: ``python -m benchmarks.relevance --little`` on the tune split: docs/benchmarks.md).
LITTLE = 3
#: The letters of Vietnamese, lower case, and digits: what a one-letter edit of a word typed with diacritics tries.
VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ0123456789"
)
#: A word the index holds is still offered a neighbour this many times more frequent (an OCR misreading of it).
MORE_FREQUENT = 10
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
#: A field filter (``type:"Quyết định"``) or an operator: left as they are in a suggestion.
_NOT_WORDS = re.compile(r'(?<!\S)\w+:(?:"[^"]*"|\S*)|\b(?:AND|OR|NOT|ANDNOT)\b')


#: Forms a word may be a misreading of that nearness is ranked on, the commonest first.
MEANINGS = 3


@dataclass(frozen=True)
class Tolerant:
    """The approximate query: ``widened`` is what is asked; nearness is ranked on each of ``meanings`` (phrases
    loosened to their words, a word taken for a misreading replaced by a form it may misread)."""

    meanings: tuple[ParsedQuery, ...]
    widened: ParsedQuery


def tolerant(parsed: ParsedQuery, searcher: tantivy.Searcher) -> Tolerant:
    """``parsed`` with phrases loosened to their words and each word widened to the forms of it OCR made in the
    index, or to the forms it is a misreading of (``misreadings``).

    Nearness is ranked on the words as they were likely meant: a word taken
    for a misreading replaced by each of the forms it may misread in turn, so
    the page holding ``ubnd tinh truoc`` side by side ranks first for ``ubnd
    tinh tru0c`` (``truc`` is one letter from it too, and commoner).
    """
    if parsed.words is None:
        return Tolerant((parsed,), parsed)
    loosened = _loosened(parsed.words)
    found = {
        word: misreadings(word, searcher, parsed.typed_bare) for word in asked_words(replace(parsed, words=loosened))
    }
    readings = max((len(found_.meant) for found_ in found.values()), default=0)
    meanings = tuple(
        replace(parsed, words=_rewritten(loosened, lambda node, at=at: _meant(node, found, at)))
        for at in range(max(1, readings))
    )
    return Tolerant(meanings, replace(parsed, words=_rewritten(loosened, lambda node: _widened(node, found))))


def _loosened(node: Node) -> Node:
    if isinstance(node, Words) and len(node.words) > 1:
        return AllOf(tuple(Words((word,)) for word in node.words))
    if isinstance(node, AllOf):
        parts: list[Node] = []
        for part in map(_loosened, node.parts):
            parts.extend(part.parts if isinstance(part, AllOf) else (part,))
        return AllOf(tuple(parts))
    if isinstance(node, AnyOf):
        return AnyOf(tuple(map(_loosened, node.parts)))
    return node  # a negation stays as strict as it was typed


def _rewritten(node: Node, change: Callable[[Words], Node]) -> Node:
    """``node`` with each single word changed; a negation excludes what was typed, not its neighbours."""
    if isinstance(node, Words):
        return change(node) if len(node.words) == 1 else node
    if isinstance(node, AllOf | AnyOf):
        return type(node)(tuple(_rewritten(part, change) for part in node.parts))
    return node


def _widened(node: Words, found: dict[str, Misreadings]) -> Node:
    forms = sorted(found[node.words[0]].forms)
    return AnyOf((node, *(Words((form,)) for form in forms))) if forms else node


def _meant(node: Words, found: dict[str, Misreadings], at: int) -> Words:
    meant = found[node.words[0]].meant
    return Words((meant[min(at, len(meant) - 1)],)) if meant else node


@dataclass(frozen=True)
class Misreadings:
    #: The index's forms one confusion or letter away that are misreadings of the word, or that it misreads.
    forms: dict[str, int]
    #: Those the word looks like a misreading of, the commonest first, ``MEANINGS`` at most.
    meant: tuple[str, ...]


def misreadings(word: str, searcher: tantivy.Searcher, bare: bool) -> Misreadings:
    """The index's forms of ``word`` one OCR confusion or one letter away where one of the two is ``MORE_FREQUENT``
    times as frequent as the other: the rarer is taken for a misreading of the commoner. A word the index lacks
    takes every neighbour it holds.

    Not every neighbour: a common syllable is one letter from many others
    (``thu``: ``thi``, ``tho``, ``thư``), and asking for them all matched
    nearly every page and ranked the document sought among them by chance.
    Neighbours are looked up (``doc_freq``), not matched as tantivy's fuzzy
    terms, so the pages found highlight as plain words do.
    """
    folded = folded_word(word)
    field, form = ("text_folded", folded) if bare else ("text", word.lower())
    held = searcher.doc_freq(field, form)
    wanted = [(field, other) for other in confused_forms(form, bare)]
    wanted += [("text_folded", other) for other in one_edit(folded, _ASCII_LETTERS)]
    forms: dict[str, int] = {}
    for where, other in wanted:
        count = searcher.doc_freq(where, other)
        if count and (not held or count * MORE_FREQUENT <= held or count >= held * MORE_FREQUENT):
            forms[other] = count
    commoner = [other for other, count in forms.items() if count >= max(1, held) * MORE_FREQUENT]
    return Misreadings(forms, tuple(sorted(commoner, key=lambda other: (-forms[other], other))[:MEANINGS]))


def confused_forms(word: str, bare: bool) -> set[str]:
    """``word`` with one of the OCR confusions made or undone (folded on both sides when ``bare``)."""
    forms = set()
    for true, read, _ in CONFUSIONS:
        pairs = ((folded_word(true), folded_word(read)),) if bare else ((true.lower(), read.lower()),)
        for one, other in (*pairs, *((b, a) for a, b in pairs)):
            if not one or one == other:
                continue
            at = word.find(one)
            while at >= 0:
                forms.add(word[:at] + other + word[at + len(one) :])
                at = word.find(one, at + 1)
    forms.discard(word)
    return forms


def one_edit(word: str, letters: str) -> set[str]:
    """Every form of ``word`` one deleted, replaced or inserted letter away."""
    splits = [(word[:at], word[at:]) for at in range(len(word) + 1)]
    deleted = {head + tail[1:] for head, tail in splits if tail}
    replaced = {head + letter + tail[1:] for head, tail in splits if tail for letter in letters}
    inserted = {head + letter + tail for head, tail in splits for letter in letters}
    return (deleted | replaced | inserted) - {word, ""}


def suggestion(query: str, searcher: tantivy.Searcher, *, rare_too: bool = True) -> str | None:
    """``query`` with each word the index lacks, or holds only as a rare misreading, replaced by its most frequent
    neighbour; None when no word is.

    A word typed without diacritics is looked up folded, one typed with them
    as typed; a neighbour one OCR confusion away is preferred to one any
    letter away, and must be ``MORE_FREQUENT`` times as frequent as the word.
    """
    kept = [(match.start(), match.end()) for match in _NOT_WORDS.finditer(query)]
    changed, out, last = False, [], 0
    for word in words(query):
        if any(start <= word.start < end for start, end in kept):
            continue
        typed = query[word.start : word.end]
        bare = folded_word(typed) == typed.lower()
        field, form = ("text_folded", word.folded) if bare else ("text", word.exact)
        held = searcher.doc_freq(field, form)
        if held and (not rare_too or held * MORE_FREQUENT > searcher.num_docs):
            continue
        best = _neighbour(searcher, field, confused_forms(form, bare), held) or _neighbour(
            searcher, field, one_edit(form, _ASCII_LETTERS if bare else VIETNAMESE_LETTERS), held
        )
        if best is None:
            continue
        out += [query[last : word.start], best if typed.islower() else best.capitalize()]
        last, changed = word.end, True
    return "".join([*out, query[last:]]) if changed else None


def _neighbour(searcher: tantivy.Searcher, field: str, candidates: set[str], held: int) -> str | None:
    """The most frequent of ``candidates``, if ``MORE_FREQUENT`` times as frequent as the word (``held`` pages)."""
    counted = {candidate: searcher.doc_freq(field, candidate) for candidate in candidates}
    best = max(counted, key=lambda candidate: (counted[candidate], candidate), default=None)
    return best if best is not None and counted[best] >= max(1, held * MORE_FREQUENT) else None
