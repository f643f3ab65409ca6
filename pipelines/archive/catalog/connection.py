"""The one connection the catalog's parts share: its clock, its transactions, and the stamp of a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from digitize.errors import DiskFullError
from pipelines.archive.space import is_disk_full

#: Tables of per-document records, emptied with the document when it is forgotten.
DOCUMENT_TABLES = (
    "page_stages",
    "page_status",
    "pages",
    "stages",
    "overrides",
    "files",
    "citations",
    "line_corrections",
)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def stamp(moment: datetime) -> str:
    """``moment`` as the catalog writes times (UTC, to the second), so times compare as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


class Connection:
    """An open catalog database; ``clock`` stamps every write (tests pass a fixed one to build a dated history).

    ``folder`` (the archive's) is named when a write finds the disk full.
    """

    def __init__(
        self, db: sqlite3.Connection, clock: Callable[[], datetime] = utc_now, folder: Path | None = None
    ) -> None:
        self.db = db
        self.clock = clock
        self.folder = folder

    def now(self) -> str:
        return stamp(self.clock())

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction, rolled back whole on any error; a full disk is a ``DiskFullError`` naming the archive."""
        try:
            with self.db:
                yield self.db
        except sqlite3.OperationalError as error:
            if not is_disk_full(error):
                raise
            raise DiskFullError(self.folder) from error

    def write_stage(
        self, db: sqlite3.Connection, doc_id: str, stage: str, status: str, detail: str | None = None
    ) -> None:
        """Where a document's ``stage`` stands, written within the caller's transaction ``db``."""
        db.execute(
            "INSERT OR REPLACE INTO stages (doc_id, stage, status, detail, updated_at) VALUES (?, ?, ?, ?, ?)",
            (doc_id, stage, status, detail, self.now()),
        )

    def close(self) -> None:
        self.db.close()


class Part:
    """One concern of the catalog (collections, documents, pages, progress) over the shared connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._db = connection.db
