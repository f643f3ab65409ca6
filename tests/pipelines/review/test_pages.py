"""What waits for review, how a person clears it, and when a document held for review counts as digitized."""

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from digitize.errors import ArchiveError
from digitize.metadata.model import Metadata
from pipelines.archive.catalog import Catalog, Collection, PageRow
from pipelines.archive.catalog.counting import ReviewPolicy
from pipelines.review.pages import accept, pages_to_review
from tests.conftest import FixedClock

DAY = date(2031, 4, 7)


def _page(number: int, source: str, confidence: float | None, share: float | None) -> PageRow:
    return PageRow("d1", number, source, "…", 0.0, confidence, (), syllable_share=share)


GOOD = _page(1, "ocr", 93.0, 0.98)
DOUBTFUL = _page(2, "ocr", 48.5, 0.97)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DAY)


@pytest.fixture
def catalog(tmp_path: Path, clock: FixedClock):
    with Catalog(tmp_path / "catalog.sqlite", clock=clock) as opened:
        opened.collections.ensure("Lưu trữ")
        yield opened


def finish(catalog: Catalog, doc_id: str, *pages: PageRow) -> None:
    """A document of ``pages`` (numbered as given) finished by the pipeline now."""
    catalog.documents.register(doc_id, f"sha-{doc_id}", f"/scans/{doc_id}.pdf", "Lưu trữ", len(pages))
    for page in pages:
        catalog.pages.save(replace(page, doc_id=doc_id), len(pages))
    catalog.documents.finish(doc_id, Metadata())


def counted(catalog: Catalog) -> list[tuple[str, date]]:
    return [(d.id, d.since.astimezone().date()) for d in catalog.progress.digitized_documents("Lưu trữ")]


def test_pages_under_a_threshold_are_listed_with_why(catalog: Catalog):
    catalog.documents.register("d1", "sha", "/scans/công-văn.pdf", "Lưu trữ", 4)
    for page in (GOOD, DOUBTFUL, _page(3, "text-layer", None, 0.5), _page(4, "blank", None, None)):
        catalog.pages.save(page, 4)
    listed = pages_to_review(catalog)
    relaxed = pages_to_review(catalog, min_confidence=40, min_syllable_share=0.4)
    assert [(item.page, item.reasons) for item in listed] == [
        (2, ("mean word confidence 48 < 70",)),
        (3, ("50% well-formed syllables < 80%",)),
    ]
    assert listed[0].source_path == "/scans/công-văn.pdf" and listed[1].source == "text-layer"
    assert relaxed == []


def test_reasons_name_each_threshold_missed():
    policy = ReviewPolicy()
    assert policy.reasons(_page(1, "ocr", 91.0, 0.97)) == []
    assert policy.reasons(_page(1, "ocr", 55.4, 0.5)) == [
        "mean word confidence 55 < 70",
        "50% well-formed syllables < 80%",
    ]
    assert policy.reasons(_page(1, "ocr", None, None)) == []
    assert policy.reasons(_page(1, "blank", 12.0, 0.1)) == []


def test_a_document_with_a_doubtful_page_counts_from_the_day_it_is_accepted(catalog: Catalog, clock: FixedClock):
    finish(catalog, "d1", GOOD, DOUBTFUL)
    finish(catalog, "d2", GOOD)
    assert counted(catalog) == [("d2", DAY)]
    assert catalog.progress.held_for_review("Lưu trữ", before=clock.now + timedelta(hours=1)) == 1

    clock.set(DAY + timedelta(days=9))
    done = accept(catalog, "d1.pdf")
    assert (done.document.id, done.pages, done.counts, done.waiting) == ("d1", 2, True, 0)
    assert counted(catalog) == [("d2", DAY), ("d1", DAY + timedelta(days=9))]
    assert pages_to_review(catalog) == []
    assert catalog.progress.held_for_review("Lưu trữ", before=clock.now) == 1  # as things stood just before
    assert catalog.progress.held_for_review("Lưu trữ", before=clock.now + timedelta(hours=1)) == 0
    assert catalog.progress.snapshots("Lưu trữ")[-1].items == 2  # the curve steps up on the day of the acceptance


def test_accepting_one_page_leaves_the_others_waiting(catalog: Catalog):
    finish(catalog, "d1", GOOD, DOUBTFUL, _page(3, "ocr", 30.0, 0.9))
    done = accept(catalog, "d1", page=2)
    assert (done.pages, done.counts, done.waiting) == (1, False, 1)
    assert [item.page for item in pages_to_review(catalog)] == [3]
    assert accept(catalog, "d1", page=2).pages == 0  # accepted already: its date stays
    with pytest.raises(ArchiveError, match="no page 9 read yet"):
        accept(catalog, "d1", page=9)


def test_accepting_a_page_that_did_not_wait_leaves_the_count_as_it_was(catalog: Catalog, clock: FixedClock):
    finish(catalog, "d1", GOOD)
    clock.set(DAY + timedelta(days=3))
    accept(catalog, "d1")
    assert counted(catalog) == [("d1", DAY)]


def test_blank_pages_never_wait_and_text_layers_are_judged_by_their_syllables(catalog: Catalog):
    finish(catalog, "d1", _page(1, "text-layer", None, 0.95), _page(2, "blank", None, None))
    finish(catalog, "d2", _page(1, "text-layer", None, 0.5))
    assert counted(catalog) == [("d1", DAY)]


def test_a_collection_that_counts_unreviewed_documents_counts_them_once_done(catalog: Catalog, clock: FixedClock):
    catalog.collections.save(Collection("Lưu trữ", 10, review=ReviewPolicy(hold=False)))
    finish(catalog, "d1", GOOD, DOUBTFUL)
    assert counted(catalog) == [("d1", DAY)]
    assert catalog.progress.held_for_review("Lưu trữ", before=clock.now + timedelta(hours=1)) == 0
    assert [item.page for item in pages_to_review(catalog)] == [2]  # still worth a look


def test_each_collection_has_its_own_thresholds(catalog: Catalog):
    catalog.collections.save(Collection("Lưu trữ", 10, review=ReviewPolicy(min_confidence=40)))
    finish(catalog, "d1", GOOD, DOUBTFUL)
    assert counted(catalog) == [("d1", DAY)]
    assert pages_to_review(catalog) == []
    assert [item.page for item in pages_to_review(catalog, min_confidence=70)] == [2]


def test_a_page_read_again_waits_again(catalog: Catalog):
    finish(catalog, "d1", DOUBTFUL)
    accept(catalog, "d1")
    catalog.documents.register("d1", "sha-d1", "/scans/d1.pdf", "Lưu trữ", 1)
    finish(catalog, "d1", DOUBTFUL)
    assert counted(catalog) == []


def test_a_document_is_found_by_id_start_of_id_or_file_name(catalog: Catalog):
    finish(catalog, "3f9a2c", GOOD)
    finish(catalog, "3f0b11", GOOD)
    assert catalog.documents.find("3f9").id == "3f9a2c"
    assert catalog.documents.find("3f0b11.pdf").id == "3f0b11"
    with pytest.raises(ArchiveError, match="2 documents match '3f'"):
        catalog.documents.find("3f")
    with pytest.raises(ArchiveError, match=r"no document 'x\.pdf'"):
        catalog.documents.find("x.pdf")


def test_a_page_dark_all_over_waits_for_a_person_and_its_document_does_not_count(catalog: Catalog):
    finish(catalog, "d1", GOOD, _page(2, "unreadable", None, None))
    assert counted(catalog) == []
    [item] = pages_to_review(catalog, min_confidence=0, min_syllable_share=0)
    assert (item.page, item.reasons) == (
        2,
        ("dark all over: nothing could be read (check the scan's exposure, or rescan)",),
    )
