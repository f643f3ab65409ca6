"""Each document's facet values, read once per version of the index: facets then count documents in Python."""

import threading
import time
from pathlib import Path

import pytest

from index.document_values import read_in_background, read_values, values_of
from index.facet_counts import FACETS
from index.store import PageRecord, add_pages, open_index


@pytest.fixture(autouse=True)
def _one_shot(monkeypatch):
    """Each test starts as a one-shot process would, whatever an earlier test (or server) turned on."""
    monkeypatch.setattr("index.document_values._BACKGROUND", threading.Event())


PAGES = [
    PageRecord("law", 1, "điều một", type="Luật", year=2024, provinces=("Huế", "Nghệ An")),
    PageRecord("law", 2, "điều hai", type="Luật", year=2024, provinces=("Huế", "Nghệ An")),
    PageRecord("note", 1, "ghi chú", type="Công văn", collection="Địa bạ"),
]


def test_each_document_holds_its_values_once_whatever_its_pages_and_empty_ones_are_left_out(tmp_path: Path):
    add_pages(tmp_path, PAGES)
    ix = open_index(tmp_path)
    values = read_values(ix.searcher(), ix.schema, FACETS)
    counts = values.documents_per_value(values.pairs)
    assert counts["type"] == {"Luật": 1, "Công văn": 1}
    assert counts["province"] == {"Huế": 1, "Nghệ An": 1}
    assert counts["year"] == {2024: 1}
    assert counts["agency"] == {}  # no document has one: the empty value is no value
    assert counts["collection"] == {"Địa bạ": 1}


def test_values_read_a_range_of_keys_at_a_time_are_the_same(tmp_path: Path, monkeypatch):
    add_pages(tmp_path, [*PAGES, *(PageRecord(f"d{n}", 1, "x", type="Tờ trình", year=n) for n in range(40))])
    ix = open_index(tmp_path)
    whole = read_values(ix.searcher(), ix.schema, FACETS)
    monkeypatch.setattr("index.document_values.PAGES_PER_READ", 5)
    assert read_values(ix.searcher(), ix.schema, FACETS) == whole
    assert len(whole.pairs) == 42


def test_values_are_read_once_per_version_and_in_the_background_for_a_large_index(tmp_path: Path, monkeypatch):
    add_pages(tmp_path, PAGES[:1])
    ix = open_index(tmp_path)
    first = values_of(ix, ix.searcher(), FACETS)
    assert values_of(ix, ix.searcher(), FACETS) is first
    add_pages(tmp_path, PAGES[1:])
    changed = open_index(tmp_path)
    assert values_of(changed, changed.searcher(), FACETS).documents_per_value([*first.pairs])["type"] == {"Luật": 1}
    assert len(values_of(changed, changed.searcher(), FACETS).pairs) == 2
    monkeypatch.setattr("index.document_values.AT_ONCE_PAGES", 2)
    read_in_background()  # as the reading room does when it starts
    add_pages(tmp_path, [PageRecord("third", 1, "y", type="Tờ trình")])
    larger = open_index(tmp_path)
    values_of(larger, larger.searcher(), FACETS)  # None until the thread has read them (or already read)
    deadline = time.monotonic() + 30
    while values_of(larger, larger.searcher(), FACETS) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert values_of(larger, larger.searcher(), FACETS) == read_values(larger.searcher(), larger.schema, FACETS)
    add_pages(tmp_path, [PageRecord("fourth", 1, "z")])
    warmed = open_index(tmp_path)  # a server warming up reads them before its first search, whatever the size
    assert len(values_of(warmed, warmed.searcher(), FACETS, at_once=True).pairs) == 3


def test_a_one_shot_search_of_a_large_index_starts_no_background_read(tmp_path: Path, monkeypatch):
    add_pages(tmp_path, PAGES)
    monkeypatch.setattr("index.document_values.AT_ONCE_PAGES", 2)
    ix = open_index(tmp_path)
    assert values_of(ix, ix.searcher(), FACETS) is None  # facets are counted in tantivy instead
    assert not [thread for thread in threading.enumerate() if thread.name == "document-values"]
    assert values_of(ix, ix.searcher(), FACETS, at_once=True) is not None  # a benchmark warming up still reads


def test_values_tantivy_cannot_list_whole_are_not_read_at_all(tmp_path: Path, monkeypatch):
    add_pages(tmp_path, PAGES)
    ix = open_index(tmp_path)
    monkeypatch.setattr("index.document_values.BUCKETS", 1)  # one document listed a value: the other is cut off
    assert read_values(ix.searcher(), ix.schema, FACETS) is None
