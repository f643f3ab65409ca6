"""kill -9 at every stage boundary of the commands that write an archive, then the same command again.

Each case runs a command in a process that kills itself at one boundary
(``DIGITIZE_FAULT``, ``digitize.faults``), checks that it did die there, runs
the same command again, and asks of the archive what a clean run of that
command leaves: ``verify`` clean (every file intact, every finished page in the
index once) and the same search counts, so no document is lost or counted twice.

The documents are two one-page PDFs with a text layer of their own: no OCR
runs, since the reading is not what is tested, yet every stage after it
(page image, text, the document's PDF, metadata, index) does. The start
states and the clean runs are made once for the module.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import bagit
import pytest

from digitize import faults
from index.backend import page_index
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.preservation.fixity import verify_archive
from tests.conftest import SAMPLE_TEXT, born_digital_pdf

COLLECTION = "Thử lỗi"
OTHER_TEXT = (
    "Thư viện tỉnh Quảng Trị số hóa tư liệu Hán Nôm quý hiếm.\nSắc phong thời Nguyễn được lưu giữ tại đình làng."
)
#: The queries whose document and page counts must equal a clean run's.
QUERIES = (f'collection:"{COLLECTION}"', "chuyen doi so", "han nom", 'agency:"SỞ THỬ NGHIỆM"', "number:7/QĐ-TN")
ROWS = "file,agency,number\na.pdf,SỞ THỬ NGHIỆM,7/QĐ-TN\nb.pdf,SỞ THỬ NGHIỆM,\n"
READING = ("--engine", "tesseract", "--jobs", "1")

#: The boundaries each command crosses, in order (``@2``: the second crossing, e.g. after the second page).
RUN = (
    "run-planned",
    "run-page-files-recorded",
    "run-page-saved",
    "run-document-finished",
    "run-page-saved@2",
    "run-pages-done",
    "index-chunk-added",
    "run-indexed",
)
CASES = [
    *(("run", boundary) for boundary in RUN),
    *(("retry", boundary) for boundary in RUN),
    *(("repair", boundary) for boundary in ("repair-reopened", *RUN, "repair-remade")),
    *(("index rebuild", boundary) for boundary in ("rebuild-built", "rebuild-old-moved-aside", "rebuild-swapped")),
    *(
        ("metadata import", boundary)
        for boundary in ("import-values-saved", "import-described", "import-before-index", "index-chunk-added")
    ),
    *(("export bagit", boundary) for boundary in ("bag-files-copied", "bag-made")),
]


def digitize(folder: Path, command: str, fault: str | None = None) -> subprocess.CompletedProcess:
    """``digitize COMMAND`` on the case's folder (``scans/``, ``archive/``, ``rows.csv``), as a user runs it."""
    archive = str(folder / "archive")
    arguments = {
        "run": ["run", str(folder / "scans"), "--collection", COLLECTION, "--archive", archive, *READING],
        "retry": ["retry", "--archive", archive, *READING],
        "repair": ["repair", "--archive", archive, *READING],
        "index rebuild": ["index", "rebuild", "--archive", archive],
        "metadata import": ["metadata", "import", str(folder / "rows.csv"), "--archive", archive],
        "export bagit": ["export", "bagit", "--collection", COLLECTION, str(folder / "bag"), "--archive", archive],
    }[command]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    env.pop(faults.ENV_VAR, None)
    if fault is not None:
        env[faults.ENV_VAR] = fault
    executable = str(Path(sys.executable).with_name("digitize"))
    return subprocess.run([executable, *arguments], env=env, capture_output=True, text=True, timeout=600)


def counts(archive: Archive) -> dict[str, tuple[int, int]]:
    """Documents and pages each query finds, and the catalog's documents by status."""
    index = page_index(archive.index_dir)
    found = {query: index.search_documents(query, limit=50) for query in QUERIES}
    with Catalog(archive.catalog_path, read_only=True) as catalog:
        statuses = sorted(document.status for document in catalog.documents.all())
    return {query: (r.total_documents, r.total_pages) for query, r in found.items()} | {"statuses": statuses}


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The folder each command starts from, and the clean run's archive beside it."""
    base = tmp_path_factory.mktemp("faults")
    fresh = base / "fresh"
    (fresh / "scans").mkdir(parents=True)
    born_digital_pdf(fresh / "scans" / "a.pdf", SAMPLE_TEXT)
    born_digital_pdf(fresh / "scans" / "b.pdf", OTHER_TEXT)
    (fresh / "rows.csv").write_text(ROWS, encoding="utf-8")

    unfinished = _copy(fresh, base / "unfinished")  # what a run stopped after planning leaves, for retry
    assert digitize(unfinished, "run", fault="run-planned").returncode == -signal.SIGKILL
    clean = _copy(fresh, base / "clean")
    assert digitize(clean, "run").returncode == 0
    imported = _copy(clean, base / "imported")
    assert digitize(imported, "metadata import").returncode == 0
    damaged = _copy(clean, base / "damaged")  # a page's text changed, another's image gone, for repair
    documents = sorted(Archive(damaged / "archive").documents_dir.iterdir())
    (documents[0] / "page-0001.txt").write_text("bị sửa\n", encoding="utf-8")
    (documents[1] / "page-0001.jpg").unlink()
    return {"fresh": fresh, "unfinished": unfinished, "clean": clean, "imported": imported, "damaged": damaged}


def _copy(folder: Path, to: Path) -> Path:
    """A copy of a case's folder; the archive's sources stay the original scans, which are never changed."""
    shutil.copytree(folder, to, symlinks=True)
    return to


@pytest.mark.parametrize(("command", "boundary"), CASES, ids=[f"{c}:{b}" for c, b in CASES])
def test_a_command_killed_at_a_boundary_is_completed_by_running_it_again(
    start: dict[str, Path], tmp_path: Path, command: str, boundary: str
):
    begins_at = {"run": "fresh", "retry": "unfinished", "repair": "damaged", "metadata import": "clean"}
    folder = _copy(start[begins_at.get(command, "clean")], tmp_path / "case")
    expected = counts(Archive(start["imported" if command == "metadata import" else "clean"] / "archive"))

    killed = digitize(folder, command, fault=boundary)
    assert killed.returncode == -signal.SIGKILL, f"never reached {boundary}: {killed.stdout}{killed.stderr}"
    again = digitize(folder, command)
    assert again.returncode == 0, again.stdout + again.stderr

    archive = Archive(folder / "archive")
    report = verify_archive(archive)
    assert report.intact, (report.changed, report.missing, report.index_problem)
    assert counts(archive) == expected
    if command == "export bagit":
        assert bagit.Bag(str(folder / "bag")).is_valid()
        assert [entry.name for entry in folder.iterdir() if entry.name.endswith(".partial")] == []
