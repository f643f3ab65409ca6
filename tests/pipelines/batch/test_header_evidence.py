"""A batch describes its documents as ``digitize metadata FILE`` does: with what the first page's image tells."""

import json
from pathlib import Path

import pytest

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.description import write_description
from tests.conftest import born_digital_pdf, decree_30_header
from tests.pipelines.cli.conftest import invoke
from tests.pipelines.cli.test_metadata import UNSIGNED


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    scans = tmp_path_factory.mktemp("scans")
    decree_30_header("SỞ NỘI VỤ", "47/QĐ-SNV", number_by_hand=True).save(scans / "by-hand.png")
    decree_30_header("SỞ NỘI VỤ", "88/QĐ-SNV").save(scans / "checked.png")
    # Its symbol does not give the agency's initials (TTLTLS): read again, and the second reading agrees.
    decree_30_header("TRUNG TÂM LƯU TRỮ LỊCH SỬ", "125/QĐ-TTLT").save(scans / "read-again.png")
    root = tmp_path_factory.mktemp("archive")
    invoke("run", scans, "--collection", "Lưu trữ", "--archive", root)
    return Archive(root)


def record(archive: Archive, name: str) -> dict:
    with Catalog(archive.catalog_path) as catalog:
        [document] = [d for d in catalog.documents.all() if d.source_path.endswith(name)]
    return json.loads(archive.metadata_path(document.id).read_text(encoding="utf-8"))


def first_page(archive: Archive, name: str):
    with Catalog(archive.catalog_path) as catalog:
        [document] = [d for d in catalog.documents.all() if d.source_path.endswith(name)]
        return catalog.pages.of_document(document.id)[0]


def test_a_number_written_by_hand_is_marked_so_in_the_archive_and_listed_for_review(archive: Archive):
    found = record(archive, "by-hand.png")
    assert found["confidence"]["number"] < 0.5 and "handwritten" in found["provenance"]["number"]
    assert first_page(archive, "by-hand.png").handwritten == ("number",)
    listed = invoke("review", "fields", "--archive", archive.root).output
    assert "by-hand.png" in listed and "handwritten" in listed and "checked.png" not in listed


def test_a_header_both_readings_agree_on_keeps_its_trusted_values_and_its_number_is_searchable(archive: Archive):
    found = record(archive, "checked.png")
    assert (found["number"], found["date"]) == ("88/QĐ-SNV", "2024-09-05")
    assert min(found["confidence"]["number"], found["confidence"]["date"], found["confidence"]["summary"]) >= 0.8
    assert "SỞ NỘI VỤ" in first_page(archive, "checked.png").header_again  # read again: every Decree 30 header is
    hits = json.loads(invoke("search", "number:88/QĐ-SNV", "--archive", archive.root, "--json").output)
    assert [hit["number"] for hit in hits["documents"]] == ["88/QĐ-SNV"]


def test_a_header_read_again_and_confirmed_keeps_its_trusted_values(archive: Archive):
    found = record(archive, "read-again.png")
    assert "125/QĐ-TTLT" in first_page(archive, "read-again.png").header_again  # the second reading ran
    assert (found["number"], found["date"]) == ("125/QĐ-TTLT", "2024-09-05")
    assert min(found["confidence"]["number"], found["confidence"]["date"]) >= 0.8


def test_describing_again_from_the_catalog_keeps_what_the_image_told(archive: Archive):
    with Catalog(archive.catalog_path) as catalog:
        [document] = [d for d in catalog.documents.all() if d.source_path.endswith("by-hand.png")]
        described = write_description(catalog, archive, document)  # as importing catalog rows does: no OCR
        stored = catalog.documents.metadata(document.id)
    assert "handwritten" in described.number.provenance and described.number.confidence < 0.5
    assert stored.number == described.number


def test_a_pdf_of_its_own_text_leaves_blank_what_it_leaves_blank(tmp_path: Path):
    scans = tmp_path / "scans"
    scans.mkdir()
    born_digital_pdf(scans / "unsigned.pdf", UNSIGNED)
    invoke("run", scans, "--collection", "Lưu trữ", "--archive", tmp_path / "archive")
    found = record(Archive(tmp_path / "archive"), "unsigned.pdf")
    assert (found["date"], found["confidence"]["date"]) == ("2025-01", 0.7)
    assert "left blank" in found["provenance"]["date"] and found["number"] is None
