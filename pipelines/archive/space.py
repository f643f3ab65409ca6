"""A full disk under the archive: recognized whatever raised it, and told as one line with the space needed.

The file system, SQLite and tantivy each say "no space" their own way (an
``OSError`` ENOSPC, ``sqlite3.OperationalError: database or disk is full``, a
``ValueError`` quoting the OS error). A run stops at the first of them:
nothing half-written is counted (files are renamed into place whole, catalog
writes are transactions), and the pages left stay unfinished for ``retry``
once space is freed.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from digitize.errors import DiskFullError

if TYPE_CHECKING:
    from pipelines.archive.layout import Archive

#: What a page takes in the archive when none is done yet to measure: a 300-DPI JPEG, its text, ALTO, hOCR and
#: its share of the document's PDF (measured on the sample strips: about 0.2 MB; real A4 scans about 1.5 MB).
BYTES_PER_PAGE_GUESS = 2_000_000
_NO_SPACE_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_NO_SPACE_WORDS = ("no space left", "database or disk is full", "disk quota exceeded", "os error 28")


#: Less free space than this under a folder: SQLite's "disk I/O error" there means it could not grow its shared memory.
_SQLITE_SHM_ROOM = 64 * 1024


def is_disk_full(error: BaseException, folder: Path | None = None) -> bool:
    """Whether ``error`` (from the OS, SQLite or tantivy) says the disk or the user's quota is full; or, given the
    ``folder`` written to, is an SQLite error on a disk with next to no space left (SQLite then says "disk I/O
    error")."""
    if isinstance(error, OSError) and error.errno in _NO_SPACE_ERRNOS:
        return True
    if not isinstance(error, (sqlite3.Error, ValueError, OSError)):
        return False
    if any(words in str(error).lower() for words in _NO_SPACE_WORDS):
        return True
    return folder is not None and isinstance(error, sqlite3.Error) and _free_space(folder) < _SQLITE_SHM_ROOM


def _free_space(folder: Path) -> int:
    try:
        return shutil.disk_usage(_existing(folder)).free
    except OSError:
        return _SQLITE_SHM_ROOM


def disk_full_error(archive: Archive, pages_left: int) -> DiskFullError:
    """The one line a run ends with on a full disk: the archive, the space free and about how much more is needed."""
    free = _megabytes(shutil.disk_usage(_existing(archive.root)).free)
    if pages_left == 0:  # every page is in: what found the disk full was the index (or a last catalog write)
        reason = f"the disk is full ({free} free): free space, then run: digitize index rebuild"
        return DiskFullError(archive.root, reason)
    needed = _megabytes(pages_left * _bytes_per_page(archive))
    reason = (
        f"the disk is full ({free} free; about {needed} more needed for the {pages_left} "
        f"page{'s' if pages_left != 1 else ''} left): free space, then run: digitize retry"
    )
    return DiskFullError(archive.root, reason)


@contextmanager
def stop_when_full(archive: Archive, pages_left: Callable[[], int]) -> Iterator[None]:
    """A full disk met inside becomes one ``DiskFullError``; ``pages_left()`` counts what remains to do."""
    try:
        yield
    except (DiskFullError, OSError, sqlite3.OperationalError, ValueError) as error:
        if not isinstance(error, DiskFullError) and not is_disk_full(error):
            raise
        raise disk_full_error(archive, _count(pages_left)) from error


def _count(pages_left: Callable[[], int]) -> int:
    try:
        return pages_left()
    except sqlite3.Error:  # the catalog may be as stuck as the disk: say what can be said
        return 0


def _bytes_per_page(archive: Archive) -> int:
    """What a page has taken in this archive (its files, its share of the catalog and index), measured on what is
    there; a guess when no page is done yet."""
    sizes, pages = 0, 0
    if archive.root.is_dir():
        for path in archive.root.rglob("*"):
            if path.is_file():
                sizes += path.stat().st_size
                pages += path.name.endswith(".txt") and path.parent.parent == archive.documents_dir
    return sizes // pages if pages else BYTES_PER_PAGE_GUESS


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size < 10_000_000 else f"{size / 1_000_000:.0f} MB"
