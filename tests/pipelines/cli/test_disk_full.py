"""A full disk under the archive: the run ends in one line saying how much space is needed, counts nothing
half-written, resumes once space is freed; the read-only commands answer all along.

The disk is a small tmpfs mounted for the test, which needs root (or CAP_SYS_ADMIN): elsewhere these tests skip.
"""

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.archive.layout import Archive
from tests.conftest import render_strip, save_pages
from tests.pipelines.cli.conftest import invoke


class SmallDisk:
    """A tmpfs of a given size at ``path``, which a test can grow as an archivist frees space."""

    def __init__(self, path: Path, size: str) -> None:
        self.path = path
        path.mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, text=True
        )
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): {mounted.stderr.strip()}")

    def resize(self, size: str) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(self.path)], check=True)

    def fill(self) -> None:
        """Take every byte left, as another program writing to the same disk would."""
        with (self.path / "filler").open("wb", buffering=0) as filler:
            for size in (1 << 20, 4096, 1):
                try:
                    while filler.write(b"\0" * size):
                        pass
                except OSError:
                    continue

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("tmpfs mounts are Linux's")
    disk = SmallDisk(tmp_path / "disk", "600k")
    yield disk
    disk.unmount()


@pytest.fixture
def six_scans(tmp_path: Path) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    for seed in range(6):
        save_pages(folder / f"scan-{seed}.tif", [render_strip(seed=seed).image])
    return folder


def test_a_run_that_fills_the_disk_ends_in_one_line_and_resumes_once_space_is_freed(small_disk, six_scans):
    archive = small_disk.path / "archive"
    result = invoke("run", six_scans, "--collection", "Công báo", "--archive", archive, "--jobs", "1")
    assert result.exit_code == 1
    lines = [line for line in result.output.split("\n") if line and "digitizing:" not in line]  # no progress bar
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith(f"error: {archive}: the disk is full (")
    assert "more needed for the" in lines[0] and lines[0].endswith("then run: digitize retry")
    assert not list(archive.rglob("*.partial"))  # no half-written file left behind

    small_disk.resize("20m")
    sound = invoke("verify", "--archive", archive)
    assert sound.exit_code == 0, sound.output  # every page counted done has all its files, intact
    assert invoke("retry", "--archive", archive, "--jobs", "1").exit_code == 0
    status = invoke("status", "--archive", archive, "--json")
    assert '"done": 6' in status.output and '"pending": 0' in status.output


def test_read_only_commands_answer_while_the_disk_is_full(small_disk, digitized_folder: Path):
    archive = small_disk.path / "archive"
    small_disk.resize("20m")
    shutil.copytree(digitized_folder / "archive", archive)
    assert not Archive(archive).catalog_path.with_name("catalog.sqlite-wal").exists()  # closed cleanly
    small_disk.fill()
    assert shutil.disk_usage(small_disk.path).free < 4096

    status = invoke("status", "--archive", archive)
    assert status.exit_code == 0, status.output
    assert "pages: 0 pending, 0 running, 2 done" in status.output
    assert "1 document (1 page)" in invoke("search", "chuyển đổi số", "--archive", archive).output
    for command in ("progress", "verify", "report", "review", "collection"):
        args = [command, "list"] if command in ("review", "collection") else [command]
        answered = invoke(*args, "--archive", archive)
        assert answered.exit_code == 0, f"{command}: {answered.output}"
        assert "disk" not in answered.output


def test_a_command_that_writes_outside_a_run_says_the_disk_is_full_in_one_line(small_disk, digitized_folder: Path):
    archive = small_disk.path / "archive"
    small_disk.resize("20m")
    shutil.copytree(digitized_folder / "archive", archive)
    invoke("status", "--archive", archive)  # the catalog's WAL and shared memory made while there is room
    small_disk.fill()
    result = invoke("collection", "add", "Châu bản", "--holdings", "9000", "--archive", archive)
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
    assert "the disk is full" in result.output
