"""A damaged search index as the archivist meets it: ``run`` finishes, ``search`` says one line, ``rebuild`` repairs."""

from pathlib import Path

from click.testing import CliRunner

from pipelines.cli import main
from tests.pipelines.batch.test_damaged_index import damage_meta


def test_run_on_a_damaged_index_finishes_its_pages_and_says_to_rebuild(tmp_path: Path, scans: Path):
    archive = tmp_path / "archive"
    runner = CliRunner()
    first = runner.invoke(main, ["run", str(scans / "cds.pdf"), "--collection", "Địa chí", "--archive", str(archive)])
    assert first.exit_code == 0, first.output
    damage_meta(archive / "index")
    second = runner.invoke(main, ["run", str(scans), "--collection", "Địa chí", "--archive", str(archive)])
    assert second.exit_code == 1
    assert second.exception is None or isinstance(second.exception, SystemExit)
    assert "1 documents and 1 pages digitized, 1 already in the archive, 0 failed" in second.output
    assert "search index not updated:" in second.output and "run: digitize index rebuild" in second.output
    searched = runner.invoke(main, ["search", "sac phong", "--archive", str(archive)])
    assert searched.exit_code == 1
    assert searched.output.startswith("error: ") and searched.output.endswith("run: digitize index rebuild\n")
    assert searched.output.count("\n") == 1
    assert runner.invoke(main, ["index", "rebuild", "--archive", str(archive)]).output.startswith("indexed 2")
    assert runner.invoke(main, ["search", "sac phong phuoc tich", "--archive", str(archive)]).output.startswith(
        "1 document (1 page)"
    )


def test_search_of_a_lost_index_says_so_and_makes_no_empty_one(tmp_path: Path):
    archive = tmp_path / "archive"
    runner = CliRunner()
    assert (
        runner.invoke(main, ["collection", "add", "Địa chí", "--holdings", "3", "--archive", str(archive)]).exit_code
        == 0
    )
    lost = runner.invoke(main, ["search", "sach", "--archive", str(archive)])
    assert lost.exit_code == 1
    assert lost.output == f"error: {archive / 'index'}: no search index: run: digitize index rebuild\n"
    assert not (archive / "index").exists()
    assert runner.invoke(main, ["index", "rebuild", "--archive", str(archive)]).exit_code == 0
    assert runner.invoke(main, ["search", "sach", "--archive", str(archive)]).output.startswith("0 documents")
