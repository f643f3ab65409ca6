"""Facets count documents: exactly when few match, on a sample of documents, said to be estimates, when many."""

import random
from pathlib import Path

import pytest
import tantivy

from index.document_values import read_values
from index.facet_counts import COUNTED, FACETS, facet_counts, summed
from index.query import parse_query, to_tantivy
from index.search import search_documents
from index.store import PageRecord, add_pages, open_index

PROVINCES = ("Huế", "Vĩnh Long", "Nghệ An")


def shelf(directory: Path, documents: int, seed: int = 25) -> list[PageRecord]:
    """``documents`` documents of 1 to 5 pages, their type, year and provinces drawn at random."""
    rng = random.Random(seed)
    records = []
    for n in range(documents):
        kind, year = rng.choice(("Quyết định", "Công văn", "Báo cáo")), rng.choice((1998, 2010, 2024))
        provinces = tuple(rng.sample(PROVINCES, rng.randint(0, 2)))
        for page in range(1, rng.randint(1, 5) + 1):
            words = "hồ sơ lưu trữ" if rng.random() < 0.5 else "sổ địa bạ"
            records.append(PageRecord(f"d{n}", page, words, type=kind, year=year, provinces=provinces))
    add_pages(directory, records)
    return records


def by_hand(records: list[PageRecord], word: str) -> dict[str, dict]:
    """Documents per value, counted in Python over the pages that hold ``word``."""
    seen: dict[str, PageRecord] = {record.doc_id: record for record in records if word in record.text}
    counts: dict[str, dict] = {"type": {}, "year": {}, "province": {}}
    for record in seen.values():
        for field, values in (("type", [record.type]), ("year", [record.year]), ("province", record.provinces)):
            for value in values:
                counts[field][value] = counts[field].get(value, 0) + 1
    return counts


def counted(directory: Path, query: str):
    ix = open_index(directory)
    return facet_counts(ix.searcher(), ix.schema, to_tantivy(parse_query(query), ix.schema, scored=False))


def test_few_documents_are_counted_exactly_whatever_their_pages(tmp_path: Path):
    records = shelf(tmp_path, 300)
    found = counted(tmp_path, "lưu trữ")
    expected = by_hand(records, "lưu trữ")
    assert not found.estimated
    for field in ("type", "year", "province"):
        assert dict(found.facets[field]) == expected[field]
    assert found.documents == len({record.doc_id for record in records if "lưu trữ" in record.text})
    assert [count for _, count in found.facets["type"]] == sorted(dict(found.facets["type"]).values(), reverse=True)


def test_many_documents_are_estimated_from_a_sample_and_said_to_be(tmp_path: Path):
    records = shelf(tmp_path, 4 * COUNTED)
    found = counted(tmp_path, "hồ sơ")
    expected = by_hand(records, "hồ sơ")
    assert found.estimated
    for field in ("type", "year", "province"):
        estimates = dict(found.facets[field])
        assert set(estimates) == set(expected[field])  # no value lost to the sample
        for value, documents in expected[field].items():
            assert abs(estimates[value] - documents) < 0.15 * documents, (field, value)
    truth = len({record.doc_id for record in records if "hồ sơ" in record.text})
    assert abs(found.documents - truth) < 0.1 * truth


class Passes:
    """A searcher that counts the aggregations asked of it: each is a pass over every matching page."""

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self.searcher, self.asked = searcher, 0

    def aggregate(self, query: tantivy.Query, request: dict) -> dict:
        self.asked += 1
        return self.searcher.aggregate(query, request)


@pytest.mark.parametrize(("probe", "passes"), [(64, 2), (4, 1)])
def test_a_broad_search_is_answered_in_one_pass_when_its_first_sample_is_large(
    tmp_path: Path, monkeypatch, probe: int, passes: int
):
    records = shelf(tmp_path, 4 * COUNTED)
    # 1/64 of 4,000 documents is too few to answer from; 1/4 is a thousand, as a search of 64,000 would sample.
    monkeypatch.setattr("index.facet_counts.PROBE", probe)
    ix = open_index(tmp_path)
    searcher = Passes(ix.searcher())
    found = facet_counts(searcher, ix.schema, to_tantivy(parse_query("hồ sơ"), ix.schema, scored=False))
    assert searcher.asked == passes and found.estimated
    assert found.pages == sum("hồ sơ" in record.text for record in records)  # pages are counted, not sampled
    expected = by_hand(records, "hồ sơ")
    for value, documents in expected["type"].items():
        assert abs(dict(found.facets["type"])[value] - documents) < 0.15 * documents


def test_a_value_on_a_document_of_many_pages_counts_once(tmp_path: Path):
    add_pages(
        tmp_path,
        [PageRecord("law", page, "điều khoản", type="Luật", provinces=("Huế",)) for page in range(1, 41)]
        + [PageRecord("note", 1, "điều khoản", type="Công văn", provinces=("Huế", "Nghệ An"))],
    )
    found = search_documents(tmp_path, "dieu khoan")
    assert found.facets["type"] == [("Công văn", 1), ("Luật", 1)]
    assert found.facets["province"] == [("Huế", 2), ("Nghệ An", 1)]
    assert found.to_dict()["facets"]["province"][0] == {"value": "Huế", "count": 2}


def test_counts_of_separate_documents_add_up():
    assert summed({"type": [("Luật", 2)]}, {"type": [("Luật", 1), ("Công văn", 3)]})["type"] == [
        ("Công văn", 3),
        ("Luật", 3),
    ]


@pytest.mark.parametrize("query", ['type:"Luật"', "year:2024"])
def test_filters_alone_count_the_documents_they_select(tmp_path: Path, query: str):
    add_pages(tmp_path, [PageRecord("a", p, "x", type="Luật", year=2024) for p in (1, 2, 3)])
    ix = open_index(tmp_path)
    matching = to_tantivy(parse_query(query), ix.schema, scored=False)
    assert facet_counts(ix.searcher(), ix.schema, matching).documents == 1
    assert facet_counts(ix.searcher(), ix.schema, tantivy.Query.all_query()).facets["year"] == [(2024, 1)]


@pytest.mark.parametrize(("documents", "query"), [(300, "lưu trữ"), (4 * COUNTED, "hồ sơ"), (4 * COUNTED, "sổ địa bạ")])
def test_counting_with_the_documents_values_gives_tantivys_counts(tmp_path: Path, documents: int, query: str):
    shelf(tmp_path, documents)
    ix = open_index(tmp_path)
    searcher = ix.searcher()
    matching = to_tantivy(parse_query(query), ix.schema, scored=False)
    values = read_values(searcher, ix.schema, FACETS)
    assert facet_counts(searcher, ix.schema, matching, values) == facet_counts(searcher, ix.schema, matching)
