"""The ceiling of term clauses: no page scores more on them, whether a term is bounded by its best page or by BM25."""

from pathlib import Path

import pytest
import tantivy

from index.score_ceiling import Clause, ceiling, scored_pages
from index.store import PageRecord, add_pages, open_index, schema

SCHEMA = schema()


@pytest.fixture(scope="module")
def searcher(tmp_path_factory) -> tantivy.Searcher:
    directory: Path = tmp_path_factory.mktemp("ceiling")
    pages = [PageRecord(f"d{n}", 1, "Dữ liệu " * (1 + n % 5) + f"báo cáo số {n}. Hồ sơ lưu trữ.") for n in range(60)]
    add_pages(directory, [*pages, PageRecord("rare", 1, "Xoảng xoảng dữ liệu.")])
    return open_index(directory).searcher()


def clause(field: str, term: str, weight: float) -> Clause:
    return Clause(field, term, weight, tantivy.Query.boost_query(tantivy.Query.term_query(SCHEMA, field, term), weight))


def best_score(searcher: tantivy.Searcher, clauses: list[Clause]) -> float:
    """The highest score any page really gets from the clauses together."""
    query = tantivy.Query.boolean_query([(tantivy.Occur.Should, each.query) for each in clauses])
    return searcher.search(query, 1).hits[0][0]


def test_no_page_scores_above_the_ceiling_of_common_and_rare_terms(searcher: tantivy.Searcher):
    common = [clause("text", "dữ", 3.0), clause("text_folded", "lieu", 1.0)]
    rare = [clause("text", "xoảng", 3.0)]
    pages = searcher.num_docs
    for clauses in (common, rare, common + rare):
        assert best_score(searcher, clauses) <= ceiling(searcher, clauses, pages)


def test_a_rare_term_is_bounded_by_its_best_page_a_common_one_by_bm25_s_limit(searcher: tantivy.Searcher):
    rare = clause("text", "xoảng", 3.0)
    assert ceiling(searcher, [rare], searcher.num_docs) == pytest.approx(best_score(searcher, [rare]))
    common = clause("text_folded", "lieu", 1.0)
    assert ceiling(searcher, [common], searcher.num_docs) > best_score(searcher, [common])
    assert ceiling(searcher, [clause("text", "absent", 5.0)], searcher.num_docs) == 0.0


def test_the_page_count_is_the_one_tantivy_scores_with(searcher: tantivy.Searcher):
    query = tantivy.Query.term_query(SCHEMA, "text_folded", "lieu")
    assert scored_pages(query, searcher, searcher.search(query, 1).hits[0][1]) == 61
