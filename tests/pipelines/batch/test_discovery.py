"""Every path a run cannot read or follow is reported; symlinked folders are read once; the archive is not input."""

import os
from pathlib import Path

import pytest
from PIL import Image

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.discovery import discover
from pipelines.batch.run import run_batch


def _scan(path: Path) -> Path:
    """A small blank page, its size from its name so that two scans are two documents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (40 + len(path.name) + ord(path.name[0]), 30), 255).save(path)
    return path


def _names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_a_symlinked_folder_is_followed_once_and_a_link_back_up_is_reported_as_a_loop(tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    _scan(elsewhere / "x.png")
    scans = tmp_path / "scans"
    _scan(scans / "a.png")
    (scans / "linked").symlink_to(elsewhere)
    (scans / "again").symlink_to(elsewhere)  # the same folder twice: read once
    (scans / "sub").mkdir()
    (scans / "sub" / "up").symlink_to(scans)  # back to a folder being walked
    found = discover([scans])
    assert _names(found.files, scans) == ["a.png", "again/x.png"]
    assert found.problems == [(str(scans / "sub" / "up"), "symlink loop: leads back to a folder it is in")]


def test_dangling_and_looping_symlinks_are_reported_with_their_reason(tmp_path: Path):
    scans = tmp_path / "scans"
    _scan(scans / "a.png")
    (scans / "gone.png").symlink_to(tmp_path / "nowhere.png")
    (scans / "ping").symlink_to(scans / "pong")
    (scans / "pong").symlink_to(scans / "ping")
    (tmp_path / "named.tif").symlink_to(tmp_path / "lost.tif")
    found = discover([scans, tmp_path / "named.tif"])
    assert _names(found.files, scans) == ["a.png"]
    assert dict(found.problems) == {
        str(scans / "gone.png"): f"dangling symlink: {tmp_path / 'nowhere.png'} does not exist",
        str(scans / "ping"): "symlink loop: the link never reaches a file or folder",
        str(scans / "pong"): "symlink loop: the link never reaches a file or folder",
        str(tmp_path / "named.tif"): f"dangling symlink: {tmp_path / 'lost.tif'} does not exist",
    }


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder, whatever its permissions")
def test_an_unreadable_subfolder_is_reported(tmp_path: Path):
    scans = tmp_path / "scans"
    _scan(scans / "a.png")
    _scan(scans / "locked" / "b.png")
    (scans / "locked").chmod(0)
    try:
        found = discover([scans])
    finally:
        (scans / "locked").chmod(0o755)
    assert _names(found.files, scans) == ["a.png"]
    assert found.problems == [(str(scans / "locked"), "folder cannot be read (Permission denied)")]


def test_a_run_names_the_paths_it_could_not_follow_among_its_failures(tmp_path: Path):
    scans = tmp_path / "scans"
    _scan(scans / "a.png")
    (scans / "gone.png").symlink_to(tmp_path / "nowhere.png")
    summary = run_batch([scans], "Hán Nôm", Archive(tmp_path / "archive"), QUIET)
    assert summary.documents == 1
    assert [(f.path, f.reason) for f in summary.failures] == [
        (str(scans / "gone.png"), f"dangling symlink: {tmp_path / 'nowhere.png'} does not exist")
    ]


def test_the_archive_inside_the_folder_run_is_never_taken_as_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _scan(tmp_path / "a.png")
    _scan(tmp_path / "b.png")
    monkeypatch.chdir(tmp_path)
    archive = Archive(Path("archive"))
    for _ in range(3):  # `digitize run .` three times: the archive's page images are never read back
        summary = run_batch([Path(".")], "Hán Nôm", archive, QUIET)
        assert summary.failures == []
    with Catalog(archive.catalog_path) as catalog:
        assert sorted(Path(d.source_path).name for d in catalog.documents.all()) == ["a.png", "b.png"]
    found = discover([Path("."), Path("archive/documents")], archive)
    assert _names(found.files, Path(".")) == ["a.png", "b.png"]
    assert found.problems == [("archive/documents", "is the archive's own output (archive), not a source")]


def test_scans_kept_in_a_folder_of_the_archive_are_still_read(tmp_path: Path):
    archive = Archive(tmp_path)  # as the demo keeps its scans in OUT/scans, beside OUT's catalog
    _scan(tmp_path / "scans" / "a.png")
    summary = run_batch([tmp_path / "scans"], "Hán Nôm", archive, QUIET)
    assert (summary.documents, summary.failures) == (1, [])
    assert discover([tmp_path], archive).files == [tmp_path / "scans" / "a.png"]
