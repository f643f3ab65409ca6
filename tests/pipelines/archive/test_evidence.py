"""A handwritten number and day weighed against the archive: printed citations confirm them, the register bounds
them."""

from pathlib import Path

import pytest

from digitize.metadata.model import Field, Metadata, Reference
from pipelines.archive.catalog import Catalog
from pipelines.archive.evidence import CONFIRMED, reexamine, weigh

READ = "handwriting read (0.97) at 540,470,670,580 of page 1"


@pytest.fixture
def catalog(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as opened:
        opened.collections.ensure("UBND")
        yield opened


def decision(number: str, date: str, confidence: float = 0.7, references=()) -> Metadata:
    return Metadata(
        kind="administrative",
        type=Field("Quyết định", 0.95),
        number=Field(number, confidence, notes=(READ,)),
        date=Field(date, confidence, notes=(READ,)),
        references=tuple(references),
    )


def described(catalog: Catalog, doc_id: str, metadata: Metadata) -> None:
    catalog.documents.register(doc_id, f"sha-{doc_id}", f"{doc_id}.pdf", "UBND", page_count=1)
    catalog.documents.finish(doc_id, metadata)
    catalog.citations.record(doc_id, metadata.references)


def test_a_printed_citation_of_the_same_number_type_and_day_confirms_a_handwritten_reading(catalog):
    cites = Reference("Quyết định", "87/QĐ-UBND", "2025-01-16", 0.9)
    described(catalog, "later", decision("120/QĐ-UBND", "2025-02-03", 0.95, [cites]))
    weighed = weigh(catalog, "read", decision("87/QĐ-UBND", "2025-01-16"))
    assert weighed.number.confidence >= CONFIRMED and weighed.date.confidence >= CONFIRMED
    assert "cited by later as 87/QĐ-UBND of 2025-01-16" in weighed.number.provenance
    assert READ in weighed.number.provenance  # what was read stays said


def test_a_citation_of_another_day_or_type_confirms_nothing(catalog):
    other_day = Reference("Quyết định", "87/QĐ-UBND", "2025-01-17", 0.9)
    other_type = Reference("Chỉ thị", "87/QĐ-UBND", "2025-01-16", 0.9)
    described(catalog, "later", decision("120/QĐ-UBND", "2025-02-03", 0.95, [other_day, other_type]))
    assert weigh(catalog, "read", decision("87/QĐ-UBND", "2025-01-16")).number.confidence < CONFIRMED


def test_a_citation_gives_the_day_the_reader_could_not(catalog):
    described(
        catalog, "later", decision("9/QĐ-UBND", "2025-02-03", 0.95, [Reference(None, "87/QĐ-UBND", "2025-01-16", 0.7)])
    )
    weighed = weigh(catalog, "read", decision("87/QĐ-UBND", "2025-01"))
    assert weighed.date.value == "2025-01-16" and weighed.date.confidence >= CONFIRMED


def test_a_number_that_breaks_the_register_s_order_is_doubted(catalog):
    described(catalog, "earlier", decision("90/QĐ-UBND", "2025-01-16", 0.95))
    weighed = weigh(catalog, "read", decision("40/QĐ-UBND", "2025-02-05"))
    assert weighed.number.confidence < 0.5
    assert "breaks the register's order: earlier is 90/QĐ-UBND of 2025-01-16" in weighed.number.provenance


def test_a_number_in_order_is_bounded_by_its_neighbours(catalog):
    described(catalog, "before", decision("47/QĐ-UBND", "2025-01-17", 0.95))
    described(catalog, "after", decision("88/QĐ-UBND", "2025-02-05", 0.95))
    described(catalog, "elsewhere", decision("60/QĐ-BCĐ138", "2025-01-01", 0.95))
    weighed = weigh(catalog, "read", decision("84/QĐ-UBND", "2025-02-03"))
    assert weighed.number.confidence == 0.7
    assert "after before (47 of 2025-01-17), before after (88 of 2025-02-05)" in weighed.number.provenance


def test_a_trusted_number_is_not_weighed(catalog):
    printed = decision("84/QĐ-UBND", "2025-02-03", 0.95)
    assert weigh(catalog, "read", printed) == printed


def test_the_documents_a_new_one_cites_are_re_examined_until_confirmed(catalog):
    described(catalog, "old", decision("87/QĐ-UBND", "2025-01-16"))
    described(
        catalog, "new", decision("9/QĐ-UBND", "2025-02-03", 0.95, [Reference(None, "87/QĐ-UBND", "2025-01-16", 0.7)])
    )
    assert reexamine(catalog, "new") == ["old"]
    described(catalog, "old", decision("87/QĐ-UBND", "2025-01-16", 0.9))
    assert reexamine(catalog, "new") == []


def test_a_document_described_again_replaces_its_citations(catalog):
    described(catalog, "new", decision("9/QĐ-UBND", "2025-02-03", 0.95, [Reference(None, "87/QĐ-UBND", None, 0.7)]))
    catalog.citations.record("new", [Reference(None, "88/QĐ-UBND", None, 0.7)])
    assert [c.number for c in catalog.citations.cited_by("new")] == ["88/QĐ-UBND"]
    assert catalog.citations.citing("87/QĐ-UBND") == []
