"""Documents in the order of their best pages, walked from ranked pages; their pages ranked among themselves."""

from dataclasses import replace
from pathlib import Path

import pytest

from index.document_order import first_documents, within
from index.query import parse_query, to_tantivy
from index.ranking import NEARNESS, ranked
from index.store import PageRecord, add_pages, open_index

PASSAGE = "thủ tục hành chính nội bộ"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A long document that mentions the words everywhere, scattered, one that holds the passage, and one that
    holds every pair of it but not the whole passage in order."""
    directory = tmp_path_factory.mktemp("order")
    scattered = "Thủ trưởng giao nhiệm vụ; thủ tục cấp phép; hành lang; chính quyền; nội quy; bộ máy. " * 3
    add_pages(
        directory,
        [PageRecord("long", page, scattered) for page in range(1, 31)]
        + [PageRecord("passage", 1, f"Rà soát {PASSAGE} năm nay."), PageRecord("other", 1, "Báo cáo ngân sách.")]
        + [PageRecord("pairs", 1, "Thủ tục mới; hành chính nội bộ.")]
        + [PageRecord(f"d{n}", 1, f"Thủ tục hành chính số {n}; nội dung bộ phận.") for n in range(8)],
    )
    return directory


def ranking_of(directory: Path, query: str):
    ix = open_index(directory)
    parsed = parse_query(query)
    return ix, ranked(to_tantivy(parsed, ix.schema), parsed, ix.schema, NEARNESS)


def test_a_document_of_many_matching_pages_is_one_document(archive: Path):
    ix, ranking = ranking_of(archive, "thu tuc")
    documents = first_documents(ix.searcher(), ranking, "relevance", 20)
    assert documents.count("long") == 1
    assert sorted(documents) == sorted(["long", "passage", "pairs", *(f"d{n}" for n in range(8))])  # all, once
    assert first_documents(ix.searcher(), ranking, "relevance", 3) == documents[:3]
    assert first_documents(ix.searcher(), ranking, "relevance", 0) == []


def test_within_scores_the_pages_as_the_whole_ranking_does(archive: Path):
    ix, ranking = ranking_of(archive, "thu tuc hanh chinh noi bo")
    searcher = ix.searcher()
    everywhere = {
        (address.segment_ord, address.doc): score for score, address in searcher.search(ranking.query, 100).hits
    }
    inside = searcher.search(within(ranking, ["passage", "d3"], ix.schema), 100)
    assert inside.count == 2
    for score, address in inside.hits:
        assert score == pytest.approx(everywhere[(address.segment_ord, address.doc)])
        assert searcher.doc(address).get_first("doc_id") in ("passage", "d3")


@pytest.mark.parametrize(
    "query",
    [
        "thu tuc hanh chinh noi bo",  # the tier: pages holding the passage
        "thủ tục hành chính",
        "hanh chinh",  # two common words: their pair is the tier
        "thu tuc bao cao",  # no page holds the phrase: every page is ranked
        "thu tuc hanh chinh OR noi bo",  # not one run: no tier
    ],
)
def test_the_tier_finds_the_documents_ranking_every_page_finds(archive: Path, query: str):
    ix, ranking = ranking_of(archive, query)
    searcher = ix.searcher()
    for wanted in (1, 3, 20):
        assert first_documents(searcher, ranking, "relevance", wanted) == first_documents(
            searcher, replace(ranking, tier=None), "relevance", wanted
        )


def test_a_tier_is_asked_for_one_run_of_words_with_an_indexed_pair(archive: Path):
    assert ranking_of(archive, "thu tuc hanh chinh noi bo")[1].tier is not None
    assert ranking_of(archive, "hanh chinh")[1].tier is not None
    assert ranking_of(archive, "thu tuc hanh chinh OR noi bo")[1].tier is None
    assert ranking_of(archive, '"thu tuc" hanh chinh')[1].tier is None
    assert ranking_of(archive, "xoang xoang")[1].tier is None  # no common words: no pair
