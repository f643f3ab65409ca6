import json
import sqlite3
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from index.search import search
from pipelines.archive import Archive
from pipelines.batch import discover, run_batch
from pipelines.catalog import Catalog
from tests.conftest import render_strip, save_pages

OTHER_TEXT = "Thư viện tỉnh Quảng Trị số hóa tư liệu Hán Nôm quý hiếm."


@pytest.fixture
def scans(tmp_path: Path, strip) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    save_pages(folder / "a.tif", [strip.image, Image.new("L", strip.image.size, 240)])
    render_strip(OTHER_TEXT, skew=5.0, seed=2).image.save(folder / "b.png")
    (folder / "notes.png").write_text("not an image", encoding="utf-8")
    (folder / "readme.txt").write_text("ignored: not a scan suffix", encoding="utf-8")
    return folder


def test_discover_walks_folders_for_scans_only(scans: Path):
    assert [p.name for p in discover([scans])] == ["a.tif", "b.png", "notes.png"]


def test_batch_digitizes_good_files_and_names_the_bad_one(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    summary = run_batch([scans], "Hán Nôm", archive, jobs=2, show_progress=False)
    assert (summary.documents, summary.pages, summary.indexed) == (2, 3, 2)
    [failure] = summary.failures
    assert failure.path.endswith("notes.png") and "not a PDF or a PNG" in failure.reason

    with Catalog(archive.catalog_path) as catalog:
        documents = {Path(d.source_path).name: d for d in catalog.documents()}
        tif_pages = catalog.pages(documents["a.tif"].id)
        [snapshot] = catalog.snapshots("Hán Nôm")  # the run's end, for the progress history
    assert (snapshot.items, snapshot.pages) == (2, 3)
    assert [p.source for p in tif_pages] == ["ocr", "blank"]
    record = json.loads(archive.metadata_path(documents["a.tif"].id).read_text(encoding="utf-8"))
    assert record["references"][0]["number"] == "505/QĐ-TTg"
    assert record["confidence"]["title"] > 0 and record["provenance"]["title"] == "extracted"
    assert archive.dublin_core_path(documents["a.tif"].id).is_file()
    assert record["pages"][0]["steps"][-1] == "ocr-vie-psm3"
    assert record["pages"][0]["orientation"] == 0 and record["pages"][0]["orientation_confidence"] > 0.65
    assert "Hán Nôm" in archive.page_text_path(documents["b.png"].id, 1).read_text(encoding="utf-8")
    assert archive.page_image_path(documents["b.png"].id, 1).is_file()
    assert [(h.doc_id, h.page) for h in search(archive.index_dir, "han nom").hits] == [(documents["b.png"].id, 1)]


def test_ocr_pages_get_alto_and_hocr_and_each_document_a_searchable_pdf(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    run_batch([scans / "a.tif"], "Hán Nôm", archive, show_progress=False)
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents()
        front, back = catalog.pages(document.id)
    assert archive.page_alto_path(document.id, 1).read_text(encoding="utf-8").count("<String ") > 10
    assert 'class="ocrx_word"' in archive.page_hocr_path(document.id, 1).read_text(encoding="utf-8")
    assert not archive.page_alto_path(document.id, 2).exists()  # the blank back was not read
    assert (front.dpi, back.dpi) == (300, 300)
    with pdfplumber.open(archive.pdf_path(document.id)) as pdf:
        assert len(pdf.pages) == 2
        assert " ".join(pdf.pages[0].extract_text().split()) == " ".join(front.text.split())
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (425, 204)  # 150 × 72 mm


def test_second_run_skips_finished_documents(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    run_batch([scans], "Hán Nôm", archive, show_progress=False)
    again = run_batch([scans, scans / "b.png"], "Hán Nôm", archive, show_progress=False)
    assert (again.documents, again.pages, again.skipped, again.indexed) == (0, 0, 2, 0)
    assert len(search(archive.index_dir, "so hoa").hits) == 1


def test_killed_run_resumes_at_the_first_unfinished_page(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    run_batch([scans / "a.tif"], "Hán Nôm", archive, show_progress=False)
    # What the catalog holds when a run is killed after page 1 of 2.
    with sqlite3.connect(archive.catalog_path) as db:
        db.execute("DELETE FROM pages WHERE number = 2")
        db.execute("DELETE FROM stages WHERE stage = 'index'")
        db.execute("UPDATE documents SET status = 'pending'")
    resumed = run_batch([scans / "a.tif"], "Hán Nôm", archive, show_progress=False)
    assert (resumed.documents, resumed.pages, resumed.indexed) == (1, 1, 1)
    assert len(search(archive.index_dir, "chuyen doi so").hits) == 1


def test_missing_file_fails_alone(tmp_path: Path, scans: Path):
    summary = run_batch([tmp_path / "gone.tif", scans / "b.png"], "X", Archive(tmp_path / "a"), show_progress=False)
    assert summary.documents == 1
    assert [(Path(f.path).name, f.reason) for f in summary.failures] == [("gone.tif", "no such file")]
