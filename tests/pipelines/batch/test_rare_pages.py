"""A rare collection's batch: a Hán-Nôm page, a photograph and a French report among Vietnamese scans."""

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from digitize.alto import NAMESPACE
from index.search import search
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from pipelines.batch.status import archive_status, format_status
from pipelines.cli import main
from pipelines.collections import report
from pipelines.collections.progress import progress_report
from pipelines.demo.rare_pages import FRENCH_TEXT, han_fonts, han_page, photograph
from pipelines.demo.synthetic import scanned_pages
from pipelines.review.pages import pages_to_review
from tests.conftest import render_strip

COLLECTION = "Tài liệu cổ, quý hiếm"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    folder = tmp_path_factory.mktemp("rare")
    scans = folder / "scans"
    scans.mkdir()
    han_page(han_fonts()[0], vertical=True, paper=0.8, page_mm=(148, 210), font_pt=20).image.save(scans / "sac.png")
    photograph(3, size=(1240, 1754), dpi=150).save(scans / "photo.jpg")
    render_strip().image.save(scans / "strip.png")
    scanned_pages(FRENCH_TEXT, [0.0], page_mm=(180, 100), seed=4)[0].image.save(scans / "rapport.png")
    archive = Archive(folder / "archive")
    summary = run_batch([scans], COLLECTION, archive, QUIET)
    assert not summary.failures and summary.pages == 4
    return archive


def _pages(archive: Archive) -> dict[str, object]:
    with Catalog(archive.catalog_path) as catalog:
        return {
            Path(document.source_path).name: catalog.pages.of_document(document.id)[0]
            for document in catalog.documents.all()
        }


def test_each_page_is_stored_with_its_script(archive: Archive):
    pages = _pages(archive)
    assert {name: (page.source, page.script) for name, page in pages.items()} == {
        "sac.png": ("image", "Han"),
        "photo.jpg": ("illustration", "none"),
        "strip.png": ("ocr", "Latin"),
        "rapport.png": ("ocr", "Latin"),
    }
    assert pages["strip.png"].languages == ("vie",) and pages["sac.png"].flags == ("han-for-specialist",)
    assert pages["rapport.png"].languages == ("fra", "vie") and pages["rapport.png"].syllable_share is None


def test_a_french_page_keeps_both_its_readings_provenance(archive: Archive):
    with Catalog(archive.catalog_path) as catalog:
        [report_page] = [d for d in catalog.documents.all() if d.source_path.endswith("rapport.png")]
        stages = [run.stage for run in catalog.pages.provenance(report_page.id, 1)]
    assert stages[-4:] == ["ocr", "ocr-fra", "outputs", "header"]  # header: the first page checked for metadata


def test_the_han_page_waits_for_a_specialist_and_the_photograph_for_no_one(archive: Archive):
    with Catalog(archive.catalog_path) as catalog:
        review = pages_to_review(catalog)
        status = format_status(archive_status(catalog, archive))
    assert [(Path(item.source_path).name, item.reasons, item.script) for item in review] == [
        ("sac.png", ("Hán-Nôm page: for a specialist to read",), "Han")
    ]
    assert "scripts: 1 Han, 2 Latin, 1 no text" in status
    assert "sac.png page 1 (Han): Hán-Nôm page" in status


def test_the_progress_report_counts_pages_by_script(archive: Archive):
    with Catalog(archive.catalog_path) as catalog:
        table = report.format_table(progress_report(catalog, date.today()))
    assert f"{COLLECTION}: pages by script: 1 Han, 2 Latin, 1 no text" in table


def test_no_text_is_indexed_from_the_han_page(archive: Archive):
    pages = _pages(archive)
    assert pages["sac.png"].text == "" and pages["photo.jpg"].text == ""
    hits = search(archive.index_dir, "chuyen doi so", limit=10).hits
    assert {hit.page for hit in hits} == {1} and len(hits) == 1


def test_the_photograph_has_an_alto_illustration_block(archive: Archive):
    with Catalog(archive.catalog_path) as catalog:
        [photo] = [d for d in catalog.documents.all() if d.source_path.endswith("photo.jpg")]
    root = ET.parse(archive.page_alto_path(photo.id, 1)).getroot()
    assert len(root.findall(f".//{{{NAMESPACE}}}Illustration")) == 1
    assert not root.findall(f".//{{{NAMESPACE}}}String")


def test_a_collection_may_count_han_pages_once_kept(archive: Archive):
    runner = CliRunner()
    result = runner.invoke(main, ["collection", "set", COLLECTION, "--han-counts", "--archive", str(archive.root)])
    assert result.exit_code == 0, result.output
    with Catalog(archive.catalog_path) as catalog:
        assert pages_to_review(catalog) == []
        assert len(catalog.progress.digitized_documents(COLLECTION)) == 4
