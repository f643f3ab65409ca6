"""Results by document: each document once, its best pages inside, paging by documents."""

from pathlib import Path

import pytest

from index.search import search_documents
from index.store import PageRecord, add_pages

LAW = {"type": "Luật", "agency": "QUỐC HỘI", "collection": "Văn bản", "number": "20/2023/QH15", "date": "2023-06-22"}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    """A 40-page law whose every page speaks of digital transformation, and three one-page documents."""
    directory = tmp_path_factory.mktemp("shelf")
    law = [
        PageRecord(
            "luat", n, f"Điều {n}. Chuyển đổi số " + ("trong giao dịch điện tử. " * (n % 5)), title="Luật", **LAW
        )
        for n in range(1, 41)
    ]
    others = [
        PageRecord("cv1", 1, "Công văn về chuyển đổi số tại xã", title="Công văn 1", year=2022, date="2022-01-05"),
        PageRecord("cv2", 1, "Chuyển đổi số, chuyển đổi số và chuyển đổi số", title="Công văn 2", date="2024-03-01"),
        PageRecord("cv3", 1, "Thư viện tỉnh", title="Công văn 3"),
    ]
    add_pages(directory, [*law, *others])
    return directory


def test_each_document_comes_once_with_its_best_pages_inside(shelf: Path):
    results = search_documents(shelf, "chuyen doi so")
    assert (results.total_documents, results.total_pages) == (3, 42)
    assert sorted(document.doc_id for document in results.documents) == ["cv1", "cv2", "luat"]
    law = next(document for document in results.documents if document.doc_id == "luat")
    assert (law.page_count, law.matching_pages, len(law.pages), law.more_pages) == (40, 40, 3, 37)
    assert (law.type, law.number, law.date, law.agency, law.collection) == (
        "Luật",
        "20/2023/QH15",
        "2023-06-22",
        "QUỐC HỘI",
        "Văn bản",
    )
    first = law.pages[0]
    assert [first.snippet[a:b] for a, b in first.highlights] == ["Chuyển", "đổi", "số"]
    assert [page.score for page in law.pages] == sorted((page.score for page in law.pages), reverse=True)


def test_paging_goes_by_documents(shelf: Path):
    everything = [document.doc_id for document in search_documents(shelf, "chuyen doi so").documents]
    pages = [search_documents(shelf, "chuyen doi so", limit=1, offset=n).documents for n in range(4)]
    assert [document.doc_id for page in pages for document in page] == everything
    assert pages[3] == []
    assert search_documents(shelf, "chuyen doi so", limit=1, offset=2).total_documents == 3


def test_sorted_by_date_newest_document_first(shelf: Path):
    results = search_documents(shelf, "chuyen doi so", sort="date")
    assert [document.doc_id for document in results.documents] == ["cv2", "luat", "cv1"]
    assert all(page.score is None for document in results.documents for page in document.pages)


def test_facets_count_documents_and_filters_narrow_documents(shelf: Path):
    results = search_documents(shelf, 'chuyen doi so type:"Luật"', pages_shown=1)
    assert [(document.doc_id, len(document.pages)) for document in results.documents] == [("luat", 1)]
    assert results.facets["type"] == [("Luật", 1)]  # one law of 40 matching pages
    assert not results.estimated


def test_results_serialize_for_json_grouped_by_document(shelf: Path):
    as_dict = search_documents(shelf, '"thu vien"', little=1).to_dict()  # no approximate matches after it
    assert (as_dict["total_documents"], as_dict["total_pages"]) == (1, 1)
    (document,) = as_dict["documents"]
    assert document["doc_id"] == "cv3" and document["title"] == "Công văn 3" and document["more_pages"] == 0
    assert document["approximate"] is False
    assert document["pages"] == [
        {"page": 1, "score": document["pages"][0]["score"], "snippet": "Thư viện tỉnh", "highlights": [[0, 3], [4, 8]]}
    ]
    assert set(as_dict) == {
        "total_documents",
        "total_pages",
        "offset",
        "estimated",
        "approximate",
        "approximate_documents",
        "suggestion",
        "documents",
        "facets",
    }
    assert (as_dict["approximate"], as_dict["suggestion"]) == (False, None)


def test_a_snippet_never_shows_the_same_words_twice(tmp_path: Path):
    text = (
        "Chuyển đổi số - từ nhận thức đến hành động\n"
        "Ngày 22/4/2022, Thủ tướng ký Quyết định số 505/QĐ-TTg về Ngày Chuyển đổi số quốc gia."
    )
    add_pages(tmp_path, [PageRecord("qd", 1, text)])
    (page,) = search_documents(tmp_path, "chuyen doi so").documents[0].pages
    assert page.snippet.count("Quyết định") == 1 and " … " not in page.snippet
    assert [page.snippet[a:b] for a, b in page.highlights] == ["Chuyển", "đổi", "số", "số", "Chuyển", "đổi", "số"]


def test_documents_are_counted_exactly_when_few_and_estimated_when_many(tmp_path: Path):
    add_pages(tmp_path, [PageRecord(f"d{n}", page, "sách cổ") for n in range(1200) for page in (1, 2)])
    add_pages(tmp_path, [PageRecord("rare", 1, "sách quý hiếm"), PageRecord("rare", 2, "sách quý")])
    assert search_documents(tmp_path, "quy").total_documents == 1
    many = search_documents(tmp_path, "sach")
    assert many.total_pages == 2402 and abs(many.total_documents - 1201) < 1201 * 0.03
