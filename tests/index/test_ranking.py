"""Nearness in ranking: the page holding the remembered words side by side comes before pages where they scatter."""

from pathlib import Path

import pytest

from digitize.textnorm import fold
from index.query import parse_query, to_tantivy
from index.ranking import NEARNESS, PLAIN, ranked, unquoted_runs
from index.search import search_documents
from index.store import PageRecord, add_pages
from index.store import schema as store_schema

PASSAGE = "Rà soát thủ tục hành chính nội bộ trong hệ thống hành chính nhà nước"
#: The same words, more often, but never side by side: BM25 on words alone ranks this page first.
SCATTERED = (
    "Thủ trưởng cơ quan báo cáo tiến độ; thủ tục cấp phép; hành vi vi phạm; chính sách mới; nội dung họp; "
    "bộ phận một cửa. Thủ tục, hành lang, chính quyền, nội quy, bộ máy, thủ tục, hành trình, chính phủ, nội vụ, bộ."
)


#: Words of the page holding the passage that the query does not ask for.
FILLER = " ".join(["Ngân sách cấp huyện được giao cho các xã theo tiến độ giải ngân năm sau."] * 4)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("near")
    add_pages(
        directory,
        [
            PageRecord("scattered", 1, SCATTERED),
            PageRecord("passage", 1, "Lời nói đầu của kế hoạch năm."),
            PageRecord("passage", 2, f"Kế hoạch: {PASSAGE}. {FILLER}"),
            PageRecord("folded", 1, fold(f"Kế hoạch: {PASSAGE}. {FILLER}")),  # typed without diacritics
        ],
    )
    return directory


def ranking(archive: Path, query: str, **options) -> list[str]:
    return [document.doc_id for document in search_documents(archive, query, **options).documents]


def test_words_typed_without_diacritics_find_the_passage_before_scattered_words(archive: Path):
    plain = ranking(archive, "thu tuc hanh chinh noi bo", nearness=PLAIN)
    assert plain.index("scattered") < plain.index("passage")
    near = ranking(archive, "thu tuc hanh chinh noi bo")
    assert near.index("passage") < near.index("scattered")


def test_exact_diacritics_still_come_first_between_pages_equally_near(archive: Path):
    exact = ranking(archive, "thủ tục hành chính nội bộ")
    assert exact[0] == "passage" and exact.index("folded") > 0


def test_the_page_shown_is_the_one_holding_the_passage(archive: Path):
    [passage] = [d for d in search_documents(archive, "thu tuc hanh chinh noi bo").documents if d.doc_id == "passage"]
    assert passage.pages[0].page == 2


def test_only_runs_of_unquoted_words_are_boosted():
    runs = unquoted_runs(parse_query('Thủ tục hành chính "nội bộ" type:"Quyết định" năm 2025 (a OR b) kế hoạch'))
    assert runs == [["thu", "tuc", "hanh", "chinh"], ["nam", "2025"], ["ke", "hoach"]]
    assert unquoted_runs(parse_query('"thu tuc hanh chinh"')) == []


def test_pairs_of_common_words_are_terms_and_other_runs_phrases():
    schema = store_schema()

    def ranking_of(query: str, nearness=NEARNESS):
        parsed = parse_query(query)
        return ranked(to_tantivy(parsed, schema), parsed, schema, nearness)

    passage = ranking_of("xay dung duong giao thong")  # duong is not common: a phrase of folded words
    assert len(passage.phrases) == 1 and len(passage.pairs) == 2  # xay_dung giao_thong
    two_common = ranking_of("du lieu")  # one pair, the phrase itself: one term with both weights
    assert len(two_common.pairs) == 1 and not two_common.phrases
    plain = ranking_of("thu tuc hanh chinh", PLAIN)
    assert not plain.pairs and not plain.phrases
