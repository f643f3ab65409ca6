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
  phrase of pairs when every word is common, else of folded words, quick
  since it needs every word of the run.

Both are asked of the folded field, so a query typed without diacritics gains
as much as one typed with them; the exact field's weight (``index.query``)
still puts the page as typed first between pages equally near. Pages inside a
document are ranked by the same query, so the page shown is the passage's.
Weights were tuned on the tune half of ``benchmarks/relevance.py`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy

from index.analysis import PAIR_JOINT, common_phrase, folded_word, word_pairs
from index.query import AllOf, ParsedQuery, Words


@dataclass(frozen=True)
class Nearness:
    """Weights of the nearness clauses; zero weights leave BM25 on words alone."""

    #: Boost of each adjacent pair of the query's common words found side by side.
    pairs: float
    #: Boost of the whole run of words found in order within ``slop`` gaps.
    phrase: float
    slop: int

    @property
    def inert(self) -> bool:
        return self.pairs == 0 and self.phrase == 0


#: Tuned on the tune split of ``benchmarks/relevance.py`` (docs/benchmarks.md, Relevance): slop 0 beat 1 and 2 there.
NEARNESS = Nearness(pairs=4.0, phrase=16.0, slop=0)
#: BM25 on words with the exact field weighing more: the ranking before nearness, for comparison.
PLAIN = Nearness(pairs=0.0, phrase=0.0, slop=0)
#: Runs longer than this are boosted on their first words only: no one remembers a passage of 30 words exactly.
MAX_RUN = 12


def ranked(words: tantivy.Query, parsed: ParsedQuery, schema: tantivy.Schema, nearness: Nearness) -> tantivy.Query:
    """``words`` (what must match) with optional nearness clauses for each run of unquoted words."""
    runs = unquoted_runs(parsed)
    if nearness.inert or not runs:
        return words
    clauses = [clause for run in runs for clause in _nearness_clauses(run, schema, nearness)]
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


def _nearness_clauses(run: list[str], schema: tantivy.Schema, nearness: Nearness) -> list[tantivy.Query]:
    clauses = []
    if nearness.pairs:
        pairs = [pair for pair in word_pairs(run) if pair != PAIR_JOINT]
        clauses += [
            tantivy.Query.boost_query(tantivy.Query.term_query(schema, "text_pairs", pair), nearness.pairs)
            for pair in pairs
        ]
    if nearness.phrase:
        clauses.append(tantivy.Query.boost_query(_in_order(run, schema, nearness.slop), nearness.phrase))
    return clauses


def _in_order(run: list[str], schema: tantivy.Schema, slop: int) -> tantivy.Query:
    if common_phrase(run):
        pairs = word_pairs(run)
        if len(pairs) == 1:
            return tantivy.Query.term_query(schema, "text_pairs", pairs[0])
        return tantivy.Query.phrase_query(schema, "text_pairs", pairs, slop=slop)
    return tantivy.Query.phrase_query(schema, "text_folded", run, slop=slop)
