"""Nearness in ranking: pages that hold the words of an unquoted query side by side rank above scattered ones.

BM25 on words alone cannot tell ``thu tuc hanh chinh noi bo`` written as one
passage from the same six common words strewn over a page, and lost the
passage a researcher remembered (issue 29). As Solr's edismax ``pf2``/``pf``
with ``ps``, or Elasticsearch's ``match_phrase`` in a ``should`` clause, the
words' query stays the one that decides what matches; optional clauses only
add to the score of pages that hold

- each adjacent pair of common words side by side (``pairs``): a term of
  ``text_pairs``, whose postings are short. Pairs with a rarer word are left
  to the phrase: as two-word phrases of the folded field they doubled the
  CPU of a search at 100,000 pages (6 → 13 ms) for 3 points of success@1;
- all the words of a run in order within ``slop`` gaps (``phrase``): a
  phrase of pairs when every word is common, else of folded words, asked
  with the pairs of its common neighbours when it has some
  (``index.query.folded_phrase``), so positions are read only where they stand.

The phrase reads the positions of every page holding the run's words (at a
million pages 30 to 75 ms of CPU a query). Asking it only of the first 50
documents the words and pairs rank (a rescore window) was tried and dropped:
at 100,000 pages it lost three-word windows whose words and pairs left their
document further down (success@1 50% against 100%, docs/decisions.md).

Both are asked of the folded field, so a query typed without diacritics gains
as much as one typed with them; the exact field's weight (``index.query``)
still puts the page as typed first between pages equally near. Pages inside a
document are ranked by the same query, so the page shown is the passage's.
Weights were tuned on the tune half of ``benchmarks/relevance.py`` only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import tantivy

from index.analysis import PAIR_JOINT, folded_word, word_pairs
from index.query import FIELD_BOOSTS, AllOf, ParsedQuery, Words, folded_phrase
from index.score_ceiling import Clause


@dataclass(frozen=True)
class Nearness:
    """Weights of the nearness clauses; zero weights leave BM25 on words alone."""

    #: Boost of each adjacent pair of the query's common words found side by side.
    pairs: float
    #: Boost of the whole run of words found in order within ``slop`` gaps.
    phrase: float
    slop: int


#: Tuned on the tune split of ``benchmarks/relevance.py`` (docs/benchmarks.md, Relevance): slop 0 beat 1 and 2 there.
NEARNESS = Nearness(pairs=4.0, phrase=16.0, slop=0)
#: BM25 on words with the exact field weighing more: the ranking before nearness, for comparison.
PLAIN = Nearness(pairs=0.0, phrase=0.0, slop=0)
#: Runs longer than this are boosted on their first words only: no one remembers a passage of 30 words exactly.
MAX_RUN = 12


@dataclass(frozen=True)
class Tier:
    """The pages holding a run's phrase (of two common words, their pair), scored as the whole ranking scores them.

    A page outside lacks the phrase's clause, the heaviest: it scores at most
    the ceiling of the other clauses (``index.score_ceiling``). Pages of the
    tier scoring above that come first in the whole ranking too, and the tier
    is cheaper to rank: tantivy scores every page holding all the words
    (``du lieu``: 514,000 of a million), the tier only those where the
    phrase's pairs stand (147,000).
    """

    query: tantivy.Query
    #: Every clause a page outside the tier may score on.
    outside: tuple[Clause, ...]


@dataclass(frozen=True)
class Ranking:
    """How a query's pages are ranked: ``words`` decide what matches, the nearness clauses add to the score."""

    words: tantivy.Query
    #: Terms of ``text_pairs``: short postings.
    pairs: tuple[tantivy.Query, ...] = ()
    #: Phrases, which read positions.
    phrases: tuple[tantivy.Query, ...] = ()
    #: Where to look first for the best pages (``index.document_order``); None to rank them all.
    tier: Tier | None = None

    @property
    def query(self) -> tantivy.Query:
        """Every clause: the ranking itself."""
        return _with_clauses(self.words, [*self.pairs, *self.phrases])

    def restricted(self, to: Callable[[tantivy.Query], tantivy.Query]) -> tantivy.Query:
        """``query`` with its words and each clause restricted by ``to`` (to a few documents' pages).

        Restricting the whole would let the clauses look past the pages it
        keeps: tantivy seeks an optional phrase to the next page that holds it,
        reading the positions of every page between (40 ms for 35 pages at a
        million); each clause inside its own restriction is only asked about those pages.
        """
        return _with_clauses(to(self.words), [to(clause) for clause in (*self.pairs, *self.phrases)])


def ranked(words: tantivy.Query, parsed: ParsedQuery, schema: tantivy.Schema, nearness: Nearness) -> Ranking:
    """``words`` (what must match) with optional nearness clauses for each run of unquoted words."""
    pairs: list[Clause] = []
    phrases: list[tantivy.Query] = []
    for run in unquoted_runs(parsed):
        run_pairs = [pair for pair in word_pairs(run) if pair != PAIR_JOINT] if nearness.pairs else []
        if len(run) == 2 and run_pairs and nearness.phrase:
            # Two common words: the pair and the phrase are the same term, asked once with both weights.
            pairs.append(_clause("text_pairs", run_pairs[0], nearness.pairs + nearness.phrase, schema))
            continue
        pairs += [_clause("text_pairs", pair, nearness.pairs, schema) for pair in run_pairs]
        if nearness.phrase:
            phrases.append(tantivy.Query.boost_query(folded_phrase(run, schema, nearness.slop), nearness.phrase))
    tier = _tier(words, parsed, pairs, phrases, schema)
    return Ranking(words, tuple(pair.query for pair in pairs), tuple(phrases), tier)


def _tier(
    words: tantivy.Query,
    parsed: ParsedQuery,
    pairs: list[Clause],
    phrases: list[tantivy.Query],
    schema: tantivy.Schema,
) -> Tier | None:
    """The tier of a query that is one run of words and nothing else, when some of its pairs are indexed.

    Then the words' clauses are known (each word in both text fields) and the
    phrase is found through its pairs' short postings; a run of rarer words
    reads positions on every page holding them, tier or not.
    """
    runs = unquoted_runs(parsed)
    if parsed.fuzzy or len(runs) != 1 or not pairs or not isinstance(parsed.words, AllOf):
        return None
    if not all(isinstance(part, Words) and len(part.words) == 1 for part in parsed.words.parts):
        return None
    exact = [part.words[0] for part in parsed.words.parts if isinstance(part, Words)]
    outside = [
        _clause(field, term, FIELD_BOOSTS[field], schema)
        for word in exact
        for field, term in (("text", word), ("text_folded", folded_word(word)))
    ]
    must = tantivy.Occur.Must
    if not phrases:  # two common words: their one pair is the phrase
        return Tier(tantivy.Query.boolean_query([(must, words), (must, pairs[0].query)]), tuple(outside))
    outside += pairs
    clauses = [(must, words), (must, phrases[0]), *((tantivy.Occur.Should, pair.query) for pair in pairs)]
    return Tier(tantivy.Query.boolean_query(clauses), tuple(outside))


def _with_clauses(words: tantivy.Query, clauses: list[tantivy.Query]) -> tantivy.Query:
    if not clauses:
        return words
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, words), *((tantivy.Occur.Should, q) for q in clauses)])


def unquoted_runs(parsed: ParsedQuery) -> list[list[str]]:
    """The folded words of each run of two or more single words joined by AND at the query's top level.

    ``thu tuc hanh chinh`` is one run; a quoted phrase, OR, NOT or a
    parenthesis ends one, since its words need not stand together.
    """
    node = parsed.words
    if not isinstance(node, AllOf):
        return []
    runs: list[list[str]] = [[]]
    for part in node.parts:
        if isinstance(part, Words) and len(part.words) == 1:
            runs[-1].append(folded_word(part.words[0]))
        elif runs[-1]:
            runs.append([])
    return [run[:MAX_RUN] for run in runs if len(run) > 1]


def _clause(field: str, term: str, weight: float, schema: tantivy.Schema) -> Clause:
    return Clause(field, term, weight, tantivy.Query.boost_query(tantivy.Query.term_query(schema, field, term), weight))
