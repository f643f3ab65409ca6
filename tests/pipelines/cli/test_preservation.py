"""The preservation commands: ``verify`` and ``export bagit``."""

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_lock
from pipelines.cli import main
from tests.pipelines.cli.conftest import invoke


def test_verify_then_export_a_bag_and_refuse_once_the_archive_is_damaged(digitized_archive: Archive, tmp_path: Path):
    root = str(digitized_archive.root)
    clean = CliRunner().invoke(main, ["verify", "--archive", root, "--json"])
    assert clean.exit_code == 0 and json.loads(clean.stdout)["files"] == 10
    exported = invoke("export", "bagit", "--collection", "Hán Nôm", tmp_path / "bag", "--archive", root)
    assert re.fullmatch(r"bagged 1 document: 11 files, [\d,]+ bytes in (.+)\n", exported.stdout)[1] == str(
        tmp_path / "bag"
    )

    with Catalog(digitized_archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
    text = digitized_archive.page_text_path(document.id, 1)
    text.write_bytes(b"X" + text.read_bytes()[1:])
    digitized_archive.page_alto_path(document.id, 1).unlink()
    damaged = CliRunner().invoke(main, ["verify", "--archive", root])
    assert damaged.exit_code == 1
    assert (
        "10 archived files of 1 documents checked: 1 changed, 1 missing, 0 with no recorded checksum" in damaged.stdout
    )
    assert f"  changed: documents/{document.id}/page-0001.txt\n" in damaged.stdout
    assert f"  missing: documents/{document.id}/page-0001.alto.xml\n" in damaged.stdout
    assert "1 sources checked: 0 moved or gone, 0 changed since they were digitized" in damaged.stdout
    refused = CliRunner().invoke(main, ["export", "bagit", "a.tif", str(tmp_path / "again"), "--archive", root])
    assert refused.exit_code == 1 and refused.stderr == (
        f"error: documents/{document.id}/page-0001.txt: changed since it was archived; "
        "2 problems in all (digitize verify lists them): nothing exported\n"
    )
    assert not (tmp_path / "again").exists()


def test_verify_checks_the_search_index_and_names_the_rebuild(digitized_archive: Archive):
    root = str(digitized_archive.root)
    sound = CliRunner().invoke(main, ["verify", "--archive", root])
    assert sound.exit_code == 0 and "search index: 2 pages, one per finished page\n" in sound.stdout
    (digitized_archive.index_dir / "meta.json").write_text("not json", encoding="utf-8")
    damaged = CliRunner().invoke(main, ["verify", "--archive", root, "--json"])
    assert damaged.exit_code == 1
    report = json.loads(damaged.stdout)
    assert (report["intact"], report["index_pages"]) == (False, None)
    assert report["index_problem"] == "the index is damaged (not the index's metadata): run: digitize index rebuild"
    shutil.rmtree(digitized_archive.index_dir)
    lost = CliRunner().invoke(main, ["verify", "--archive", root])
    assert lost.exit_code == 1 and "search index: no search index: run: digitize index rebuild\n" in lost.stdout
    assert invoke("index", "rebuild", "--archive", root).exit_code == 0
    assert CliRunner().invoke(main, ["verify", "--archive", root]).exit_code == 0


def test_verify_of_an_archive_with_nothing_digitized_yet_is_sound(tmp_path: Path):
    archive = tmp_path / "archive"
    assert invoke("collection", "add", "Hán Nôm", "--holdings", "5", "--archive", archive).exit_code == 0
    result = CliRunner().invoke(main, ["verify", "--archive", str(archive)])
    assert result.exit_code == 0 and not (archive / "index").exists()


def test_verify_reports_finished_documents_missing_from_the_search_index(digitized_archive: Archive):
    shutil.rmtree(digitized_archive.index_dir)  # a run stopped by a full disk before its index stage
    with Catalog(digitized_archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
        catalog.documents.set_stage(document.id, "index", "pending")
    result = invoke("verify", "--archive", digitized_archive.root)
    assert result.exit_code == 1
    assert "search index: 1 finished document is not in the search index: run: digitize index rebuild" in (
        result.output
    )
    assert invoke("index", "rebuild", "--archive", digitized_archive.root).exit_code == 0
    assert invoke("verify", "--archive", digitized_archive.root).exit_code == 0


def test_status_shows_pages_left_running_by_a_stopped_run_as_interrupted(digitized_archive: Archive):
    with Catalog(digitized_archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
        catalog.pages.start(document.id, 2)  # handed to a worker, then the run was killed
    stopped = invoke("status", "--archive", digitized_archive.root)
    assert "pages: 0 pending, 0 running, 1 done, 0 failed, 1 interrupted" in stopped.output
    assert "digitize retry reads it again" in stopped.output and "\nrunning:" not in stopped.output
    with writer_lock(digitized_archive.root):  # a run under way holds the lock
        under_way = invoke("status", "--archive", digitized_archive.root)
    assert "pages: 0 pending, 1 running, 1 done, 0 failed" in under_way.output and "running: " in under_way.output
