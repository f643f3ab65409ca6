"""The archive's SQLite catalog: collections, documents, pages and stage status.

Documents are identified by the SHA-256 of their source file, so the same scan
fed twice, under any name, is one document. The catalog is written only by the
batch's main process, one short transaction per finished page, which is what
lets a killed run resume exactly where it stopped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from digitize.errors import ArchiveError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    name        TEXT PRIMARY KEY,
    holdings    INTEGER,
    target_pct  REAL,
    target_date TEXT,
    created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id          TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    source_path TEXT NOT NULL,
    collection  TEXT NOT NULL REFERENCES collections(name),
    page_count  INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    error       TEXT,
    title       TEXT,
    metadata    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    number      INTEGER NOT NULL,
    source      TEXT NOT NULL,
    text        TEXT NOT NULL,
    skew_deg    REAL,
    confidence  REAL,
    steps       TEXT NOT NULL,
    done_at     TEXT NOT NULL,
    PRIMARY KEY (doc_id, number)
);
CREATE TABLE IF NOT EXISTS stages (
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    stage       TEXT NOT NULL,
    status      TEXT NOT NULL,
    detail      TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (doc_id, stage)
);
CREATE TABLE IF NOT EXISTS overrides (
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    source      TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (doc_id, field)
);
CREATE INDEX IF NOT EXISTS documents_by_collection ON documents(collection, status);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Collection:
    name: str
    holdings: int | None
    target_pct: float | None
    target_date: str | None


@dataclass(frozen=True)
class Document:
    id: str
    sha256: str
    source_path: str
    collection: str
    page_count: int
    status: str
    error: str | None
    title: str | None


@dataclass(frozen=True)
class PageRow:
    doc_id: str
    number: int
    source: str
    text: str
    skew_deg: float | None
    confidence: float | None
    steps: tuple[str, ...]


class Catalog:
    """One open catalog; use as a context manager so the connection closes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise ArchiveError(path, f"not a usable catalog ({error})") from None
        self._db.row_factory = sqlite3.Row
        self.path = path

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._db:
            yield self._db

    # Collections

    def save_collection(self, collection: Collection) -> bool:
        """Create or update; True when the collection is new."""
        existed = self.collection(collection.name) is not None
        with self._transaction() as db:
            db.execute(
                """INSERT INTO collections (name, holdings, target_pct, target_date, created_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(name) DO UPDATE SET holdings = excluded.holdings,
                       target_pct = excluded.target_pct, target_date = excluded.target_date""",
                (collection.name, collection.holdings, collection.target_pct, collection.target_date, _now()),
            )
        return not existed

    def ensure_collection(self, name: str) -> None:
        """Register ``name`` with unknown holdings unless it exists already."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)",
                (name, _now()),
            )

    def collection(self, name: str) -> Collection | None:
        row = self._db.execute(
            "SELECT name, holdings, target_pct, target_date FROM collections WHERE name = ?", (name,)
        ).fetchone()
        return Collection(**row) if row else None

    def collections(self) -> list[Collection]:
        rows = self._db.execute("SELECT name, holdings, target_pct, target_date FROM collections ORDER BY name")
        return [Collection(**row) for row in rows]

    def collection_counts(self, name: str) -> tuple[int, int, int]:
        """Documents done, their pages, and documents failed, in collection ``name``."""
        row = self._db.execute(
            """SELECT COALESCE(SUM(status = 'done'), 0),
                      COALESCE(SUM(CASE WHEN status = 'done' THEN page_count END), 0),
                      COALESCE(SUM(status = 'failed'), 0)
               FROM documents WHERE collection = ?""",
            (name,),
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    # Documents

    def document_by_sha(self, sha256: str) -> Document | None:
        row = self._db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return Document(**row) if row else None

    def document(self, doc_id: str) -> Document | None:
        row = self._db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document(**row) if row else None

    def documents(self, status: str | None = None) -> list[Document]:
        query = f"SELECT {_DOCUMENT_COLUMNS} FROM documents"
        rows = self._db.execute(query + " WHERE status = ?", (status,)) if status else self._db.execute(query)
        return [Document(**row) for row in rows]

    def register_document(self, doc_id: str, sha256: str, source_path: str, collection: str, page_count: int) -> None:
        """Add a document as pending, or set a known one back to pending for another try."""
        now = _now()
        with self._transaction() as db:
            db.execute(
                """INSERT INTO documents (id, sha256, source_path, collection, page_count, status, created_at,
                                          updated_at)
                   VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                   ON CONFLICT(id) DO UPDATE SET status = 'pending', error = NULL, source_path = excluded.source_path,
                       updated_at = excluded.updated_at""",
                (doc_id, sha256, source_path, collection, page_count, now, now),
            )

    def finish_document(self, doc_id: str, title: str | None, metadata: dict) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET status = 'done', error = NULL, title = ?, metadata = ?, updated_at = ? "
                "WHERE id = ?",
                (title, json.dumps(metadata, ensure_ascii=False), _now(), doc_id),
            )
            self._set_stage(db, doc_id, "metadata", "done")
            self._set_stage(db, doc_id, "outputs", "done")

    def fail_document(self, doc_id: str, stage: str, reason: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
                (reason, _now(), doc_id),
            )
            self._set_stage(db, doc_id, stage, "failed", reason)

    def metadata(self, doc_id: str) -> dict:
        row = self._db.execute("SELECT metadata FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    def documents_named(self, name: str) -> list[Document]:
        """Documents whose source is the file ``name``, given as its path or its bare name."""
        escaped = name.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        rows = self._db.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE source_path = ? OR source_path LIKE ? ESCAPE '!'",
            (name, f"%{escaped}"),
        )
        # LIKE ignores ASCII case and folder boundaries: keep exact names only.
        found = [Document(**row) for row in rows]
        return [d for d in found if d.source_path == name or d.source_path.endswith(("/" + name, "\\" + name))]

    # Values an archivist set, which override extracted metadata

    def save_overrides(self, doc_id: str, values: dict[str, object], source: str) -> None:
        """Record ``values`` (field → value) for ``doc_id``, replacing earlier ones for the same fields."""
        now = _now()
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO overrides (doc_id, field, value, source, updated_at) VALUES (?, ?, ?, ?, ?)",
                [(doc_id, name, json.dumps(value, ensure_ascii=False), source, now) for name, value in values.items()],
            )

    def overrides(self, doc_id: str) -> dict[str, object]:
        rows = self._db.execute("SELECT field, value FROM overrides WHERE doc_id = ? ORDER BY field", (doc_id,))
        return {name: json.loads(value) for name, value in rows}

    # Pages

    def save_page(self, page: PageRow, page_count: int) -> None:
        """Record a finished page; the ``pages`` stage is done once all ``page_count`` are in."""
        with self._transaction() as db:
            db.execute(
                """INSERT OR REPLACE INTO pages (doc_id, number, source, text, skew_deg, confidence, steps, done_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    page.doc_id,
                    page.number,
                    page.source,
                    page.text,
                    page.skew_deg,
                    page.confidence,
                    json.dumps(page.steps),
                    _now(),
                ),
            )
            done = db.execute("SELECT COUNT(*) FROM pages WHERE doc_id = ?", (page.doc_id,)).fetchone()[0]
            self._set_stage(
                db, page.doc_id, "pages", "done" if done >= page_count else "running", f"{done}/{page_count}"
            )

    def done_page_numbers(self, doc_id: str) -> set[int]:
        return {row[0] for row in self._db.execute("SELECT number FROM pages WHERE doc_id = ?", (doc_id,))}

    def pages(self, doc_id: str) -> list[PageRow]:
        rows = self._db.execute(
            "SELECT doc_id, number, source, text, skew_deg, confidence, steps FROM pages "
            "WHERE doc_id = ? ORDER BY number",
            (doc_id,),
        )
        return [PageRow(**{**dict(row), "steps": tuple(json.loads(row["steps"]))}) for row in rows]

    # Stages

    def stage_status(self, doc_id: str, stage: str) -> str | None:
        row = self._db.execute("SELECT status FROM stages WHERE doc_id = ? AND stage = ?", (doc_id, stage)).fetchone()
        return row[0] if row else None

    def set_stage(self, doc_id: str, stage: str, status: str, detail: str | None = None) -> None:
        with self._transaction() as db:
            self._set_stage(db, doc_id, stage, status, detail)

    def documents_to_index(self) -> list[Document]:
        rows = self._db.execute(
            f"""SELECT {_DOCUMENT_COLUMNS} FROM documents d WHERE status = 'done' AND NOT EXISTS (
                   SELECT 1 FROM stages s WHERE s.doc_id = d.id AND s.stage = 'index' AND s.status = 'done')"""
        )
        return [Document(**row) for row in rows]

    @staticmethod
    def _set_stage(db: sqlite3.Connection, doc_id: str, stage: str, status: str, detail: str | None = None) -> None:
        db.execute(
            "INSERT OR REPLACE INTO stages (doc_id, stage, status, detail, updated_at) VALUES (?, ?, ?, ?, ?)",
            (doc_id, stage, status, detail, _now()),
        )


_DOCUMENT_COLUMNS = "id, sha256, source_path, collection, page_count, status, error, title"
