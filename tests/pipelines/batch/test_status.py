import shutil
from pathlib import Path

from PIL import Image

from index.store import PageRecord, add_pages
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from pipelines.batch.status import archive_status, format_status
from tests.conftest import render_strip, save_pages


def test_the_morning_status_names_every_failure_and_what_is_left(tmp_path: Path):
    scans = tmp_path / "scans"
    scans.mkdir()
    save_pages(scans / "good.tif", [render_strip().image, Image.new("L", (600, 300), 245)])
    (scans / "empty.pdf").write_bytes(b"")
    (scans / "torn.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    archive = Archive(tmp_path / "archive")
    run_batch([scans], "Châu bản", archive, QUIET)

    with Catalog(archive.catalog_path) as catalog:
        state = archive_status(catalog, archive)
    assert state.documents == {"pending": 0, "done": 1, "failed": 2}
    assert state.pages == {"pending": 0, "running": 0, "done": 2, "failed": 0}
    assert [(Path(d.source_path).name, d.reason) for d in state.failed] == [
        ("empty.pdf", "empty file"),
        ("torn.jpg", "not a readable image (Truncated File Read)"),
    ]
    assert state.running == () and state.not_indexed == 0

    text = format_status(state)
    assert "documents: 0 pending, 1 done, 2 failed" in text
    assert f"failed: {scans / 'empty.pdf'}: empty file" in text


def test_status_checks_the_search_index_lost_damaged_or_short(tmp_path: Path):
    scans = tmp_path / "scans"
    scans.mkdir()
    save_pages(scans / "good.tif", [render_strip().image, Image.new("L", (600, 300), 245)])
    archive = Archive(tmp_path / "archive")
    run_batch([scans], "Châu bản", archive, QUIET)
    with Catalog(archive.catalog_path) as catalog:
        sound = archive_status(catalog, archive)
        assert (sound.indexed_pages, sound.index_problem) == (2, None)
        assert "search index: 2 pages, 0 finished documents not yet indexed" in format_status(sound)
        (archive.index_dir / "meta.json").write_text("{", encoding="utf-8")
        damaged = archive_status(catalog, archive)
        assert damaged.indexed_pages is None
        assert damaged.index_problem == "the index is damaged (not the index's metadata): run: digitize index rebuild"
        assert f"search index: {damaged.index_problem}" in format_status(damaged)
        assert "search index: 0 finished documents not yet indexed" in format_status(damaged)
        shutil.rmtree(archive.index_dir)
        lost = archive_status(catalog, archive)
        assert lost.index_problem == "no search index: run: digitize index rebuild"
        assert not archive.index_dir.exists()
        add_pages(archive.index_dir, [PageRecord("other", 1, "sách")])
        short = archive_status(catalog, archive)
        assert short.index_problem == "the index holds 1 pages, the catalog 2 finished: run: digitize index rebuild"


def test_a_file_name_with_a_newline_cannot_forge_a_line_of_status(tmp_path: Path):
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "torn\nfailed: forged.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    archive = Archive(tmp_path / "archive")
    run_batch([scans], "Châu bản", archive, QUIET)
    with Catalog(archive.catalog_path) as catalog:
        text = format_status(archive_status(catalog, archive))
    [failed] = [line for line in text.splitlines() if line.startswith("failed:")]
    assert failed.startswith(f"failed: {scans}/torn\\nfailed: forged.jpg: not a readable image")
