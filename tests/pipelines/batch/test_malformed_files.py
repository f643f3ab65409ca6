"""A malformed file fails alone, named with its reason, whatever library raised it; the good files are finished."""

import logging
from pathlib import Path

import pytest

from digitize import ingest
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import retry_unfinished, run_batch
from tests.conftest import MALFORMED_PDFS, handmade_pdf


@pytest.fixture
def batch(tmp_path: Path, strip) -> Path:
    """One good scan beside each malformed PDF."""
    folder = tmp_path / "scans"
    folder.mkdir()
    strip.image.save(folder / "good.png")
    for name, objects in MALFORMED_PDFS.items():
        handmade_pdf(folder / name, objects)
    return folder


def test_malformed_pdfs_fail_alone_named_and_the_good_file_is_finished(tmp_path: Path, batch: Path):
    archive = Archive(tmp_path / "archive")
    summary = run_batch([batch], "Hán Nôm", archive, QUIET)
    assert (summary.documents, summary.pages) == (1, 1)
    reasons = {Path(failure.path).name: failure.reason for failure in summary.failures}
    assert set(reasons) == set(MALFORMED_PDFS)
    assert all(reason.startswith("not a readable PDF (") for reason in reasons.values())
    with Catalog(archive.catalog_path) as catalog:
        status = {Path(d.source_path).name: d.status for d in catalog.documents.all()}
    assert status == {"good.png": "done", "kids.pdf": "failed", "mediabox.pdf": "failed"}
    again = retry_unfinished(archive, QUIET)  # retry names them again, as it sees them failed
    assert {Path(failure.path).name: failure.reason for failure in again.failures} == reasons


def test_an_unexpected_failure_while_planning_fails_the_file_alone_and_logs_its_traceback(
    tmp_path: Path, batch: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    counted = ingest.count_pages

    def failing_on_kids(path: Path) -> int:
        if path.name == "kids.pdf":
            raise KeyError("Kids")  # as a library might, on a file nobody foresaw
        return counted(path)

    monkeypatch.setattr(ingest, "count_pages", failing_on_kids)
    with caplog.at_level(logging.ERROR):
        summary = run_batch([batch], "Hán Nôm", Archive(tmp_path / "archive"), QUIET)
    assert summary.documents == 1
    reasons = {Path(failure.path).name: failure.reason for failure in summary.failures}
    assert reasons["kids.pdf"] == "cannot be read (KeyError: 'Kids')"
    [record] = [r for r in caplog.records if "kids.pdf" in r.getMessage()]
    assert record.exc_info is not None and "failing_on_kids" in caplog.text
