"""OCR-tolerant search: garbled words still find their page, marked approximate, with a suggestion."""

from pathlib import Path

import pytest

from index.approximate import confused_forms, misreadings, one_edit, suggestion
from index.search import search_documents
from index.store import PageRecord, add_pages, open_index


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("ocr")
    add_pages(
        directory,
        [
            # As OCR read it: "ể" as "ế", "q" as "o".
            PageRecord("garbled", 1, "Kế hoạch phát triến nông nghiệp vùng núi, ouyết định ngày mùa gặt."),
            *(
                PageRecord(f"clean{n}", 1, "Kế hoạch phát triển nông nghiệp; mùa gặt; phát triển vùng núi.")
                for n in range(4)
            ),
            *(PageRecord(f"decision{n}", 1, "Quyết định về mùa gặt.") for n in range(10)),
        ],
    )
    return directory


def test_words_found_as_typed_are_not_approximate(archive: Path):
    results = search_documents(archive, "phát triển")
    assert not results.approximate and results.suggestion is None
    assert results.total_documents == 5  # "triến" folds to "trien" too


def test_a_phrase_garbled_by_ocr_is_found_approximately(archive: Path):
    results = search_documents(archive, '"phát triển nông nghiệp vùng núi quyết định ngày mùa"')
    assert results.approximate
    assert results.documents[0].doc_id == "garbled"
    assert results.to_dict()["approximate"] is True


def test_little_found_as_typed_is_followed_by_approximate_matches_marked_and_paged(archive: Path):
    # "quyết" read "ouyết" on one page, ten times rarer than "quyết": taken for a misreading of it.
    results = search_documents(archive, "ouyet dinh", little=3)
    assert results.documents[0].doc_id == "garbled" and results.documents[1].doc_id.startswith("decision")
    assert [document.approximate for document in results.documents] == [False] + [True] * 9
    assert (results.approximate, results.total_documents, results.approximate_documents) == (True, 11, 10)
    paged = [search_documents(archive, "ouyet dinh", limit=1, offset=n, little=3).documents for n in range(3)]
    assert paged == [results.documents[:1], results.documents[1:2], results.documents[2:3]]
    assert search_documents(archive, "ouyet dinh", little=1).total_documents == 1


def test_nothing_like_the_words_is_nothing_and_not_approximate(archive: Path):
    results = search_documents(archive, "xyzzyq")
    assert (results.total_documents, results.approximate, results.suggestion) == (0, False, None)


def test_a_word_the_index_lacks_is_offered_its_frequent_neighbour(archive: Path):
    searcher = open_index(archive).searcher()
    assert suggestion("ke hoach nong nghiep mua gst", searcher) == "ke hoach nong nghiep mua gat"
    assert suggestion('nông nghiệp type:"Quyết định" AND vùng núi', searcher) is None
    assert search_documents(archive, "nông nghiệp vùng núl").suggestion == "nông nghiệp vùng núi"


def test_confusions_are_made_and_undone_and_edits_are_one_letter():
    assert "triến" in confused_forms("triển", bare=False)
    assert "ouyet" in confused_forms("quyet", bare=True)
    assert "quyet" in confused_forms("ouyet", bare=True)
    assert {"ua", "nua", "mun", "muaa"} <= one_edit("mua", "abcdefghijklmnopqrstuvwxyz")
    assert "mua" not in one_edit("mua", "abc")


def test_a_misread_word_ranks_the_passage_it_stands_for_first(tmp_path: Path):
    add_pages(
        tmp_path,
        [
            PageRecord("passage", 1, "Báo cáo UBND tỉnh trước ngày 20 tháng 2."),
            *(
                PageRecord(f"scattered{n}", 1, "UBND tỉnh trực tiếp chỉ đạo; báo cáo trước hết về tỉnh.")
                for n in range(30)
            ),
            *(PageRecord(f"other{n}", 1, "Trực ban trực tiếp, trực thuộc.") for n in range(60)),
        ],
    )
    found = misreadings("tru0c", open_index(tmp_path).searcher(), bare=True)
    assert found.meant[:2] == ("truc", "truoc")  # "trực" is commoner, "trước" what was meant here
    results = search_documents(tmp_path, "ubnd tinh tru0c")
    assert results.approximate and results.documents[0].doc_id == "passage"
