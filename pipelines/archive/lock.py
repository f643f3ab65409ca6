"""One writer per archive: an advisory lock on ``ARCHIVE/.lock``, held by ``run``, ``retry`` and ``index rebuild``.

Two runs on one archive both read every page (a night's compute lost) and
both report the full count; so the second refuses at once, naming the
archive and the process that holds it. The lock is ``flock``'s: the kernel
drops it when its holder exits, even when killed, so a dead run never leaves
the archive locked. The file stays; only the lock on it comes and goes, and it
holds the holder's process id, for the message.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from digitize.errors import ArchiveBusyError

LOCK_NAME = ".lock"


@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """Hold the archive's writer lock for the block; an ``ArchiveBusyError`` at once if another process holds it.

    Creates the archive's folder if need be: only commands that may create an archive call it on one not there.
    """
    root.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise ArchiveBusyError(root, f"another digitize run is writing to this archive (pid {holder})") from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
