import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from index.search import search
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET, BatchSettings
from pipelines.batch.discovery import discover
from pipelines.batch.run import retry_unfinished, run_batch
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
    assert [p.name for p in discover([scans]).files] == ["a.tif", "b.png", "notes.png"]


def test_batch_digitizes_good_files_and_names_the_bad_one(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    summary = run_batch([scans], "Hán Nôm", archive, BatchSettings(jobs=2, show_progress=False))
    assert (summary.documents, summary.pages, summary.indexed) == (2, 3, 2)
    [failure] = summary.failures
    assert failure.path.endswith("notes.png") and "not a PDF or a PNG" in failure.reason

    with Catalog(archive.catalog_path) as catalog:
        documents = {Path(d.source_path).name: d for d in catalog.documents.all()}
        tif_pages = catalog.pages.of_document(documents["a.tif"].id)
        [snapshot] = catalog.progress.snapshots("Hán Nôm")  # the run's end, for the progress history
    assert (snapshot.items, snapshot.pages) == (2, 3)
    assert [p.source for p in tif_pages] == ["ocr", "blank"]
    record = json.loads(archive.metadata_path(documents["a.tif"].id).read_text(encoding="utf-8"))
    assert record["references"][0]["number"] == "505/QĐ-TTg"
    assert record["confidence"]["title"] > 0 and record["provenance"]["title"] == "extracted"
    assert archive.dublin_core_path(documents["a.tif"].id).is_file()
    assert record["pages"][0]["steps"][-1] == "ocr-auto-vie-psm3"
    assert record["pages"][0]["orientation"] == 0 and record["pages"][0]["orientation_confidence"] > 0.65
    assert "Hán Nôm" in archive.page_text_path(documents["b.png"].id, 1).read_text(encoding="utf-8")
    assert archive.page_image_path(documents["b.png"].id, 1).is_file()
    assert [(h.doc_id, h.page) for h in search(archive.index_dir, "han nom").hits] == [(documents["b.png"].id, 1)]


def test_ocr_pages_get_alto_and_hocr_and_each_document_a_searchable_pdf(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    run_batch([scans / "a.tif"], "Hán Nôm", archive, QUIET)
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
        front, back = catalog.pages.of_document(document.id)
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
    run_batch([scans], "Hán Nôm", archive, QUIET)
    again = run_batch([scans, scans / "b.png"], "Hán Nôm", archive, QUIET)
    assert (again.documents, again.pages, again.skipped, again.indexed) == (0, 0, 2, 0)
    assert len(search(archive.index_dir, "so hoa").hits) == 1


def test_killed_run_resumes_at_the_first_unfinished_page(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    run_batch([scans / "a.tif"], "Hán Nôm", archive, QUIET)
    # What the catalog holds when a run is killed after page 1 of 2.
    with sqlite3.connect(archive.catalog_path) as db:
        db.execute("DELETE FROM pages WHERE number = 2")
        db.execute("DELETE FROM stages WHERE stage = 'index'")
        db.execute("UPDATE documents SET status = 'pending'")
    resumed = run_batch([scans / "a.tif"], "Hán Nôm", archive, QUIET)
    assert (resumed.documents, resumed.pages, resumed.indexed) == (1, 1, 1)
    assert len(search(archive.index_dir, "chuyen doi so").hits) == 1


def test_missing_file_fails_alone(tmp_path: Path, scans: Path):
    summary = run_batch([tmp_path / "gone.tif", scans / "b.png"], "X", Archive(tmp_path / "a"), QUIET)
    assert summary.documents == 1
    assert [(Path(f.path).name, f.reason) for f in summary.failures] == [("gone.tif", "no such file")]


def test_each_page_keeps_the_tools_versions_and_settings_of_its_stages(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    run_batch([scans / "b.png"], "Hán Nôm", archive, QUIET)
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
        stages = catalog.pages.provenance(document.id, 1)
        [state] = catalog.pages.states()
    assert [(run.stage, run.tool) for run in stages] == [
        ("load", "pillow"),
        ("preprocess", "digitize"),
        ("ocr", "tesseract + trueocr + asterocr"),
        ("outputs", "digitize"),
        ("header", "digitize"),  # the first page checked for the metadata, by the other engine if need be
    ]
    assert stages[4].parameters == {"second_engine": "tesseract"}
    assert stages[2].parameters["lang"] == "vie" and stages[2].parameters["lines"] == "trueocr"
    tesseract, trueocr, asterocr = stages[2].version.split(" + ")
    assert tesseract[0].isdigit() and trueocr.startswith("0.") and asterocr.startswith("1.0.2 (asternet.onnx)")
    assert stages[0].parameters == {"mode": "skip"}
    assert (state.status, state.attempts) == ("done", 1) and state.seconds == pytest.approx(
        sum(run.seconds for run in stages), abs=1e-3
    )


def test_a_bad_file_stays_failed_in_the_catalog_until_a_new_scan_replaces_it(tmp_path: Path, scans: Path):
    archive = Archive(tmp_path / "archive")
    bad = scans / "notes.png"
    first = run_batch([bad], "Hán Nôm", archive, QUIET)
    assert [Path(f.path).name for f in first.failures] == ["notes.png"]
    with Catalog(archive.catalog_path) as catalog:
        [failed] = catalog.documents.all()
    assert (failed.status, failed.page_count) == ("failed", 0) and "not a PDF or a PNG" in failed.error

    render_strip(OTHER_TEXT, seed=4).image.save(bad, format="PNG")  # the archivist scans the sheet again
    again = retry_unfinished(archive, QUIET)
    assert (again.documents, again.pages, again.failures) == (1, 1, [])
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
    assert document.status == "done" and document.id != failed.id
    assert not archive.document_dir(failed.id).exists()


def _done_pages(catalog_path: Path) -> dict[tuple[str, int], tuple[str, int]]:
    """(doc_id, page) → (done_at, attempts) of every finished page, read as a second process would."""
    if not catalog_path.exists():
        return {}
    with closing(sqlite3.connect(catalog_path, timeout=30)) as db:
        try:
            rows = db.execute(
                "SELECT p.doc_id, p.number, p.done_at, s.attempts FROM pages p "
                "JOIN page_status s USING (doc_id, number)"
            ).fetchall()
        except sqlite3.OperationalError:  # the run has not made its tables yet
            return {}
    return {(doc_id, number): (done_at, attempts) for doc_id, number, done_at, attempts in rows}


def test_a_run_killed_midway_finishes_when_run_again_losing_and_redoing_nothing(tmp_path: Path):
    scans = tmp_path / "scans"
    scans.mkdir()
    texts = [f"{OTHER_TEXT} Trang {number}." for number in range(1, 13)]
    pages = [render_strip(text, seed=number).image for number, text in enumerate(texts)]
    save_pages(scans / "register.tif", pages[:6])
    save_pages(scans / "letters.pdf", pages[6:10])
    pages[10].save(scans / "note-1.png")
    pages[11].save(scans / "note-2.png")
    archive = Archive(tmp_path / "archive")
    command = [str(Path(sys.executable).with_name("digitize")), "run", str(scans), "--collection", "Hán Nôm"]
    command += ["--archive", str(archive.root), "--jobs", "2"]

    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    while len(_done_pages(archive.catalog_path)) < 3 and run.poll() is None:
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)  # the coordinator and its workers, as a power cut would
    run.wait()
    before_kill = _done_pages(archive.catalog_path)
    assert 3 <= len(before_kill) < 12, "the run was not stopped midway"
    with Catalog(archive.catalog_path) as catalog:
        assert catalog.pages.status_counts()["running"] <= 4  # only pages handed to the 2 workers (2 each in flight)

    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert f"{12 - len(before_kill)} pages digitized" in finished.stdout  # no page done twice
    after = _done_pages(archive.catalog_path)
    assert len(after) == 12 and all(after[key] == before_kill[key] for key in before_kill)
    with Catalog(archive.catalog_path) as catalog:
        assert catalog.pages.status_counts() == {"pending": 0, "running": 0, "done": 12, "failed": 0}
        assert {d.status for d in catalog.documents.all()} == {"done"} and catalog.documents.to_index() == []
    found = search(archive.index_dir, '"Thư viện tỉnh Quảng Trị"', limit=50)
    assert sorted((hit.doc_id, hit.page) for hit in found.hits) == sorted(after)  # the index holds each page once
    assert not list(archive.root.rglob("*.partial"))


def test_the_same_scan_under_two_names_is_one_document_read_once(tmp_path: Path, scans: Path):
    copy = tmp_path / "copy-of-b.png"
    copy.write_bytes((scans / "b.png").read_bytes())
    archive = Archive(tmp_path / "archive")
    summary = run_batch([scans / "b.png", copy], "Hán Nôm", archive, QUIET)
    assert (summary.documents, summary.pages, summary.skipped) == (1, 1, 1)
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
        [state] = catalog.pages.states()
    assert state.attempts == 1 and Path(document.source_path).name == "b.png"


def test_an_unexpected_page_failure_is_logged_with_its_traceback_beside_its_reason(
    tmp_path: Path, scans: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def broken_stage(*args, **kwargs):
        raise ZeroDivisionError("a bug in a stage")

    monkeypatch.setattr("pipelines.batch.run.process_page", broken_stage)
    with caplog.at_level(logging.ERROR, logger="pipelines.batch.run"):
        summary = run_batch([scans / "b.png"], "Hán Nôm", Archive(tmp_path / "archive"), QUIET)
    [failure] = summary.failures
    assert failure.reason == "page 1: ZeroDivisionError: a bug in a stage"  # the one line, as before
    [logged] = caplog.records
    message = logged.getMessage()
    assert message.startswith(f"{scans / 'b.png'}: page 1: ZeroDivisionError: a bug in a stage\n")
    assert "Traceback (most recent call last)" in message and "in broken_stage" in message


def test_a_page_failing_as_expected_logs_no_traceback(tmp_path: Path, scans: Path, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.ERROR, logger="pipelines.batch.run"):
        run_batch([scans / "notes.png"], "Hán Nôm", Archive(tmp_path / "archive"), QUIET)
    assert caplog.records == []
