"""One writer per archive: a second run, retry or index rebuild refuses at once, naming the archive."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from digitize.errors import ArchiveBusyError
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_lock
from pipelines.cli import main

HOLD = """
import sys, time
from pathlib import Path
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_lock
with writer_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_a_second_lock_on_the_archive_refuses_at_once_naming_the_holder(tmp_path: Path):
    archive = tmp_path / "archive"
    with writer_lock(archive):
        with pytest.raises(ArchiveBusyError) as refused, writer_lock(archive):
            pass
        assert str(refused.value) == f"{archive}: another digitize run is writing to this archive (pid {os.getpid()})"
    with writer_lock(archive):  # released when the first writer ends
        pass


@pytest.fixture
def held(tmp_path: Path):
    """The archive's lock held by another process, as by a run in another terminal."""
    archive = tmp_path / "archive"
    with Catalog(Archive(archive).catalog_path):  # an archive, empty
        pass
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(archive)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        yield archive, holder.pid
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(
    "command",
    [["run", "scans", "--collection", "Hán Nôm"], ["retry"], ["index", "rebuild"]],
    ids=["run", "retry", "index rebuild"],
)
def test_run_retry_and_index_rebuild_refuse_while_another_process_writes(held, command: list[str]):
    archive, pid = held
    result = CliRunner().invoke(main, [*command, "--archive", str(archive)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {archive}: another digitize run is writing to this archive (pid {pid})\n"
