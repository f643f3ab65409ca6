"""The archive's SQLite catalog: collections, documents, pages and the figures of progress.

``Catalog`` is one open catalog in parts over one connection, so each
caller sees the part it uses::

    with Catalog(archive.catalog_path) as catalog:
        catalog.collections   # definitions, targets, items digitized outside the tool   (collections.py)
        catalog.documents     # documents, the files written for them, their stages       (documents.py)
        catalog.overrides     # metadata values a person set, over the extractor's        (overrides.py)
        catalog.described     # finished documents with their descriptions, as harvested  (described.py)
        catalog.pages         # page status, text and measures, provenance, review        (pages.py)
        catalog.progress      # what counts as digitized, snapshots, page statistics      (progress.py)
        catalog.citations     # which documents cite which: the archive's citation index (citations.py)
        catalog.accounts      # who may sign in, with which role                          (accounts.py)
        catalog.corrections   # lines of text an archivist corrected                      (corrections.py)
        catalog.audit         # every change a person made, append-only                   (audit.py)

What counts as digitized is written once, in ``counting``; the schema is a list
of ordered steps, in ``schema``; what the parts hand out is in ``records``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from digitize.errors import ArchiveError, DiskFullError
from pipelines.archive.catalog import schema
from pipelines.archive.catalog.accounts import Accounts
from pipelines.archive.catalog.audit import Audit
from pipelines.archive.catalog.citations import Citations
from pipelines.archive.catalog.collections import Collections
from pipelines.archive.catalog.connection import Connection, utc_now
from pipelines.archive.catalog.corrections import Corrections
from pipelines.archive.catalog.described import Described
from pipelines.archive.catalog.documents import Documents
from pipelines.archive.catalog.overrides import Overrides
from pipelines.archive.catalog.pages import Pages
from pipelines.archive.catalog.progress import Progress
from pipelines.archive.catalog.records import (
    Account,
    ArchivedFile,
    AuditRecord,
    Baseline,
    Collection,
    CorrectionTally,
    DescribedDocument,
    DigitizedDocument,
    Document,
    LineCorrection,
    OutsideRecord,
    PageRow,
    PageState,
    PageStats,
    Snapshot,
    Target,
)
from pipelines.archive.space import is_disk_full

__all__ = [
    "Account",
    "ArchivedFile",
    "AuditRecord",
    "Baseline",
    "Catalog",
    "Collection",
    "CorrectionTally",
    "DescribedDocument",
    "DigitizedDocument",
    "Document",
    "LineCorrection",
    "OutsideRecord",
    "PageRow",
    "PageState",
    "PageStats",
    "Snapshot",
    "Target",
]


#: The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"
_RESTORE = "restore catalog.sqlite from a backup, or move it aside to start a new archive"


def check_catalog_file(path: Path) -> None:
    """Refuse a catalog file that exists but is empty or not a SQLite database.

    SQLite takes an empty file for a new database and would quietly make a
    fresh, empty catalog over one that was truncated, so that the archive's
    record of its documents vanishes and ``index rebuild`` then empties the
    index; a file of another kind would only fail later, deep in a query.
    """
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ArchiveError(path, f"cannot read the catalog ({error.strerror or error})") from None
    if not header:
        raise ArchiveError(path, f"the catalog is empty (0 bytes): {_RESTORE}")
    if header != SQLITE_HEADER:
        raise ArchiveError(path, f"the catalog is damaged (not a SQLite database): {_RESTORE}")


def _open_reading(path: Path) -> sqlite3.Connection | None:
    """The catalog opened read-only, for commands that only read; None when its schema must first be brought up to
    date (a writable open does that once).

    Reading a catalog in WAL mode needs its shared-memory file, which a full
    disk may not let SQLite make: then, if no write is waiting in the WAL, the
    database file alone is the whole catalog and is read as it stands
    (``immutable``), so that status, progress and verify still answer.
    """
    uri = path.absolute().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30)
    try:
        current = schema.version(db)
    except sqlite3.OperationalError:
        db.close()
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise
        db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
        current = schema.version(db)
    if current != schema.LATEST:
        db.close()
        if current > schema.LATEST:
            raise schema.NewerSchemaError(current)
        return None
    db.execute("PRAGMA foreign_keys=ON")
    return db


class Catalog:
    """One open catalog; use as a context manager so the connection closes.

    ``clock`` stamps every write; tests pass a fixed one to build a dated history. ``read_only`` is for commands
    that only read: the catalog must exist, and is read even while its disk is full.
    """

    def __init__(self, path: Path, clock: Callable[[], datetime] = utc_now, read_only: bool = False) -> None:
        if read_only:
            check_catalog_file(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                check_catalog_file(path)
        db = None
        try:
            if read_only:
                db = _open_reading(path)
            if db is None:
                db = sqlite3.connect(path, timeout=30)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA foreign_keys=ON")
                schema.migrate(db)
        except sqlite3.DatabaseError as error:
            if is_disk_full(error, path.parent):
                raise DiskFullError(path.parent) from None
            raise ArchiveError(path, f"not a usable catalog ({error})") from None
        except schema.NewerSchemaError as error:
            if db is not None:
                db.close()
            raise ArchiveError(path, f"made by a newer release of digitize: {error}") from None
        db.row_factory = sqlite3.Row
        self._connection = Connection(db, clock, path.parent)
        self.path = path
        self.collections = Collections(self._connection)
        self.documents = Documents(self._connection)
        self.overrides = Overrides(self._connection)
        self.described = Described(self._connection)
        self.pages = Pages(self._connection, self.collections)
        self.progress = Progress(self._connection, self.collections)
        self.citations = Citations(self._connection)
        self.accounts = Accounts(self._connection)
        self.corrections = Corrections(self._connection)
        self.audit = Audit(self._connection)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One transaction across the parts (a change and its audit record land together, or neither does)."""
        return self._connection.transaction()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()
