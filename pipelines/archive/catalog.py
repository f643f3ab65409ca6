"""The archive's SQLite catalog: collections, documents, pages and stage status.

Documents are identified by the SHA-256 of their source file, so the same scan
fed twice, under any name, is one document. The catalog is written only by the
batch's main process, one short transaction per finished page, which is what
lets a killed run resume exactly where it stopped.

Progress tracking keeps, beside the collections, their targets, the items
digitized outside this tool (dated records) and dated snapshots of what the
pipeline had digitized, so a collection's history survives later changes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from digitize.errors import ArchiveError
from digitize.provenance import StageRun
from pipelines.review.pages import PAGE_WAITS_SQL, ReviewPolicy

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
    orientation INTEGER NOT NULL DEFAULT 0,
    orientation_confidence REAL,
    confidence  REAL,
    dpi         INTEGER,
    syllable_share REAL,
    steps       TEXT NOT NULL,
    done_at     TEXT NOT NULL,
    PRIMARY KEY (doc_id, number)
);
CREATE TABLE IF NOT EXISTS page_status (
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    number      INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    stage       TEXT,
    error       TEXT,
    seconds     REAL,
    started_at  TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (doc_id, number)
);
CREATE INDEX IF NOT EXISTS page_status_by_status ON page_status(status);
CREATE TABLE IF NOT EXISTS page_stages (
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    number      INTEGER NOT NULL,
    stage       TEXT NOT NULL,
    tool        TEXT NOT NULL,
    version     TEXT NOT NULL,
    parameters  TEXT NOT NULL,
    seconds     REAL NOT NULL,
    PRIMARY KEY (doc_id, number, stage)
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
CREATE INDEX IF NOT EXISTS documents_by_source ON documents(source_path);
CREATE TABLE IF NOT EXISTS targets (
    collection  TEXT NOT NULL REFERENCES collections(name),
    pct         REAL NOT NULL,
    due         TEXT
);
CREATE TABLE IF NOT EXISTS outside_records (
    collection  TEXT NOT NULL REFERENCES collections(name),
    on_date     TEXT NOT NULL,
    items       INTEGER NOT NULL,
    pages       INTEGER,
    recorded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
    collection  TEXT NOT NULL REFERENCES collections(name),
    taken_at    TEXT NOT NULL,
    items       INTEGER NOT NULL,
    pages       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path        TEXT PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    sha256      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_by_document ON files(doc_id);
"""
#: Columns added since the first release, table by table: archives made before get them on open.
_ADDED_COLUMNS = {
    "pages": {
        "orientation": "INTEGER NOT NULL DEFAULT 0",
        "orientation_confidence": "REAL",
        "dpi": "INTEGER",
        "syllable_share": "REAL",
        "reviewed_at": "TEXT",  # when a person accepted the page, so it no longer waits for review
    },
    "collections": {
        "description": "TEXT",
        "holdings_pages": "INTEGER",
        "baseline_items": "INTEGER",
        "baseline_date": "TEXT",
        "review_hold": "INTEGER",  # NULL (collections from before): the ReviewPolicy defaults
        "review_min_confidence": "REAL",
        "review_min_syllables": "REAL",
    },
}

#: What counts as digitized: a document whose pages are all done (status 'done') and, when its collection holds
#: documents for review, none of whose pages waits for it; counted from the later of its last update and the last
#: acceptance of a page that waited. The one rule behind digitized_documents, snapshots and page statistics.
_COUNTED_DOCUMENTS = f"""
    SELECT d.id, d.page_count,
           CASE WHEN :hold THEN MAX(d.updated_at, COALESCE(waiting.accepted, '')) ELSE d.updated_at END AS since
    FROM documents d LEFT JOIN (
        SELECT p.doc_id, MAX(p.reviewed_at) AS accepted, SUM(p.reviewed_at IS NULL) AS unaccepted
        FROM pages p JOIN documents pd ON pd.id = p.doc_id AND pd.collection = :collection
        WHERE {PAGE_WAITS_SQL} GROUP BY p.doc_id
    ) waiting ON waiting.doc_id = d.id
    WHERE d.collection = :collection AND d.status = 'done' AND NOT (:hold AND COALESCE(waiting.unaccepted, 0) > 0)"""


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Target:
    """``pct`` percent of the holdings digitized by the end of ``due`` (no deadline when None)."""

    pct: float
    due: date | None


@dataclass(frozen=True)
class Baseline:
    """Where a collection stood on a day: ``items`` digitized by any means by the end of ``on``."""

    items: int
    on: date


@dataclass(frozen=True)
class Collection:
    name: str
    holdings: int | None
    targets: tuple[Target, ...] = ()
    description: str | None = None
    holdings_pages: int | None = None
    baseline: Baseline | None = None
    review: ReviewPolicy = field(default_factory=ReviewPolicy)


@dataclass(frozen=True)
class OutsideRecord:
    """Items (and optionally pages) digitized outside this tool on day ``on``."""

    on: date
    items: int
    pages: int | None = None


@dataclass(frozen=True)
class Snapshot:
    """Items and pages the pipeline had digitized in a collection at ``taken_at``."""

    taken_at: datetime
    items: int
    pages: int


@dataclass(frozen=True)
class DigitizedDocument:
    """A document that counts as digitized, and since when it counts."""

    id: str
    pages: int
    since: datetime


@dataclass(frozen=True)
class PageStats:
    """The pages of a collection's digitized documents: how each was read and how well."""

    by_source: dict[str, int]
    mean_confidence: float | None
    low_confidence: int


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
    orientation: int = 0
    orientation_confidence: float | None = None
    dpi: int | None = None  # of the page image kept; None in catalogs from before it was recorded
    syllable_share: float | None = None  # share of well-formed Vietnamese syllables (digitize.quality)


@dataclass(frozen=True)
class PageState:
    """Where one page of a document stands: ``stage`` and ``error`` say what stopped a failed page."""

    doc_id: str
    source_path: str
    number: int
    status: str
    attempts: int
    stage: str | None = None
    error: str | None = None
    seconds: float | None = None


@dataclass(frozen=True)
class ArchivedFile:
    """A file written into the archive for a document, with the SHA-256 it had when written."""

    doc_id: str
    path: str  # relative to the archive's root, with forward slashes
    sha256: str


class Catalog:
    """One open catalog; use as a context manager so the connection closes.

    ``clock`` stamps every write; tests pass a fixed one to build a dated history.
    """

    def __init__(self, path: Path, clock: Callable[[], datetime] = _utc_now) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            self._upgrade()
        except sqlite3.DatabaseError as error:
            raise ArchiveError(path, f"not a usable catalog ({error})") from None
        self._db.row_factory = sqlite3.Row
        self._clock = clock
        self.path = path

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._db.close()

    def _now(self) -> str:
        return _stamp(self._clock())

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._db:
            yield self._db

    def _upgrade(self) -> None:
        """Bring an archive made by an earlier release up to this schema.

        Tables get their newer columns; a target kept in the first release's
        ``target_pct``/``target_date`` columns moves to ``targets``.
        """
        with self._transaction() as db:
            for table, columns in _ADDED_COLUMNS.items():
                present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
                for column, kind in columns.items():
                    if column not in present:
                        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            db.execute(
                "INSERT INTO targets (collection, pct, due) "
                "SELECT name, target_pct, target_date FROM collections WHERE target_pct IS NOT NULL"
            )
            db.execute("UPDATE collections SET target_pct = NULL, target_date = NULL WHERE target_pct IS NOT NULL")
            if db.execute("SELECT NOT EXISTS (SELECT 1 FROM page_status)").fetchone()[0]:
                # Pages finished before page status was kept: done, at one attempt.
                db.execute(
                    "INSERT INTO page_status (doc_id, number, status, attempts, updated_at) "
                    "SELECT doc_id, number, 'done', 1, done_at FROM pages"
                )

    # Collections

    def save_collection(self, collection: Collection) -> bool:
        """Create or replace a collection's definition and targets; True when the collection is new."""
        existed = self.collection(collection.name) is not None
        baseline, review = collection.baseline, collection.review
        with self._transaction() as db:
            db.execute(
                """INSERT INTO collections (name, holdings, description, holdings_pages, baseline_items,
                                            baseline_date, review_hold, review_min_confidence, review_min_syllables,
                                            created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(name) DO UPDATE SET holdings = excluded.holdings,
                       description = excluded.description, holdings_pages = excluded.holdings_pages,
                       baseline_items = excluded.baseline_items, baseline_date = excluded.baseline_date,
                       review_hold = excluded.review_hold, review_min_confidence = excluded.review_min_confidence,
                       review_min_syllables = excluded.review_min_syllables""",
                (
                    collection.name,
                    collection.holdings,
                    collection.description,
                    collection.holdings_pages,
                    baseline.items if baseline else None,
                    baseline.on.isoformat() if baseline else None,
                    review.hold,
                    review.min_confidence,
                    review.min_syllable_share,
                    self._now(),
                ),
            )
            db.execute("DELETE FROM targets WHERE collection = ?", (collection.name,))
            db.executemany(
                "INSERT INTO targets (collection, pct, due) VALUES (?, ?, ?)",
                [
                    (collection.name, target.pct, target.due.isoformat() if target.due else None)
                    for target in collection.targets
                ],
            )
        return not existed

    def ensure_collection(self, name: str) -> None:
        """Register ``name`` with unknown holdings unless it exists already."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)",
                (name, self._now()),
            )

    def collection(self, name: str) -> Collection | None:
        return next(iter(self._collections("WHERE name = ?", (name,))), None)

    def collections(self) -> list[Collection]:
        return self._collections("ORDER BY name", ())

    def _collections(self, where: str, parameters: tuple) -> list[Collection]:
        rows = self._db.execute(
            "SELECT name, holdings, description, holdings_pages, baseline_items, baseline_date, review_hold, "
            f"review_min_confidence, review_min_syllables FROM collections {where}",
            parameters,
        ).fetchall()
        targets: dict[str, list[Target]] = {}
        for row in self._db.execute("SELECT collection, pct, due FROM targets ORDER BY due IS NULL, due, pct"):
            due = date.fromisoformat(row["due"]) if row["due"] else None
            targets.setdefault(row["collection"], []).append(Target(row["pct"], due))
        return [
            Collection(
                name=row["name"],
                holdings=row["holdings"],
                targets=tuple(targets.get(row["name"], ())),
                description=row["description"],
                holdings_pages=row["holdings_pages"],
                baseline=(
                    Baseline(row["baseline_items"], date.fromisoformat(row["baseline_date"]))
                    if row["baseline_date"]
                    else None
                ),
                review=_review_policy(row),
            )
            for row in rows
        ]

    def add_outside_record(self, collection: str, record: OutsideRecord) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO outside_records (collection, on_date, items, pages, recorded_at) VALUES (?, ?, ?, ?, ?)",
                (collection, record.on.isoformat(), record.items, record.pages, self._now()),
            )

    def remove_outside_record(self, collection: str, record: OutsideRecord) -> None:
        """Remove ``record`` (the one entered last, if it was entered twice)."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM outside_records WHERE rowid = (SELECT MAX(rowid) FROM outside_records "
                "WHERE collection = ? AND on_date = ? AND items = ? AND pages IS ?)",
                (collection, record.on.isoformat(), record.items, record.pages),
            )

    def outside_records(self, collection: str) -> list[OutsideRecord]:
        rows = self._db.execute(
            "SELECT on_date, items, pages FROM outside_records WHERE collection = ? ORDER BY on_date, rowid",
            (collection,),
        )
        return [OutsideRecord(date.fromisoformat(row["on_date"]), row["items"], row["pages"]) for row in rows]

    def _review_rule(self, collection: str, review: ReviewPolicy | None = None) -> dict[str, object]:
        """The parameters of ``_COUNTED_DOCUMENTS`` and ``PAGE_WAITS_SQL``: ``review``, else the collection's policy."""
        if review is None:
            found = self.collection(collection)
            review = found.review if found else ReviewPolicy()
        return {"collection": collection, **review.parameters()}

    def digitized_documents(self, collection: str, review: ReviewPolicy | None = None) -> list[DigitizedDocument]:
        """The documents of ``collection`` that count as digitized (``_COUNTED_DOCUMENTS``), oldest first.

        ``review`` replaces the collection's review policy, to see what a change of it would count.
        """
        rows = self._db.execute(
            f"SELECT id, page_count, since FROM ({_COUNTED_DOCUMENTS}) ORDER BY since, id",
            self._review_rule(collection, review),
        )
        return [DigitizedDocument(row[0], row[1], datetime.fromisoformat(row[2])) for row in rows]

    def held_for_review(self, collection: str, before: datetime) -> int:
        """Documents finished before ``before`` that did not count then because a page waited for review."""
        if not (rule := self._review_rule(collection))["hold"]:
            return 0
        return self._db.execute(
            f"""SELECT COUNT(DISTINCT d.id) FROM documents d JOIN pages p ON p.doc_id = d.id
                WHERE d.collection = :collection AND d.status = 'done' AND d.updated_at < :before
                  AND (p.reviewed_at IS NULL OR p.reviewed_at >= :before) AND {PAGE_WAITS_SQL}""",
            {**rule, "before": _stamp(before)},
        ).fetchone()[0]

    def failed_count(self, collection: str) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM documents WHERE collection = ? AND status = 'failed'", (collection,)
        ).fetchone()[0]

    def save_snapshot(self, collection: str) -> None:
        """Record what the pipeline has digitized in ``collection`` now, so later changes keep this history."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO snapshots (collection, taken_at, items, pages) "
                f"SELECT :collection, :now, COUNT(*), COALESCE(SUM(page_count), 0) FROM ({_COUNTED_DOCUMENTS})",
                {**self._review_rule(collection), "now": self._now()},
            )

    def snapshots(self, collection: str) -> list[Snapshot]:
        rows = self._db.execute(
            "SELECT taken_at, items, pages FROM snapshots WHERE collection = ? ORDER BY taken_at, rowid",
            (collection,),
        )
        return [Snapshot(datetime.fromisoformat(row[0]), row[1], row[2]) for row in rows]

    def page_stats(self, collection: str, low_confidence: float) -> PageStats:
        """Pages of the collection's digitized documents (those counted) by source; OCR confidence below
        ``low_confidence`` is low."""
        rows = self._db.execute(
            f"""SELECT source, COUNT(*), SUM(confidence), COUNT(confidence), COALESCE(SUM(confidence < :low), 0)
                FROM pages WHERE doc_id IN (SELECT id FROM ({_COUNTED_DOCUMENTS})) GROUP BY source ORDER BY source""",
            {**self._review_rule(collection), "low": low_confidence},
        ).fetchall()
        total, measured, low = (sum(row[column] or 0 for row in rows) for column in (2, 3, 4))
        return PageStats({row[0]: row[1] for row in rows}, round(total / measured, 1) if measured else None, low)

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
        now = self._now()
        with self._transaction() as db:
            db.execute(
                """INSERT INTO documents (id, sha256, source_path, collection, page_count, status, created_at,
                                          updated_at)
                   VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                   ON CONFLICT(id) DO UPDATE SET status = 'pending', error = NULL, source_path = excluded.source_path,
                       page_count = excluded.page_count, updated_at = excluded.updated_at""",
                (doc_id, sha256, source_path, collection, page_count, now, now),
            )

    def finish_document(self, doc_id: str, title: str | None, metadata: dict) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET status = 'done', error = NULL, title = ?, metadata = ?, updated_at = ? "
                "WHERE id = ?",
                (title, json.dumps(metadata, ensure_ascii=False), self._now(), doc_id),
            )
            self._set_stage(db, doc_id, "metadata", "done")
            self._set_stage(db, doc_id, "outputs", "done")

    def fail_document(self, doc_id: str, stage: str, reason: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
                (reason, self._now(), doc_id),
            )
            self._set_stage(db, doc_id, stage, "failed", reason)

    def forget_document(self, doc_id: str) -> None:
        """Remove a document and everything recorded of it, as when a failed scan was replaced by a new one."""
        with self._transaction() as db:
            for table in _DOCUMENT_TABLES:
                db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def metadata(self, doc_id: str) -> dict:
        row = self._db.execute("SELECT metadata FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    def failed_documents_at(self, source_path: str) -> list[Document]:
        """Failed documents whose source was exactly ``source_path``."""
        rows = self._db.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE source_path = ? AND status = 'failed'", (source_path,)
        )
        return [Document(**row) for row in rows]

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
        now = self._now()
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO overrides (doc_id, field, value, source, updated_at) VALUES (?, ?, ?, ?, ?)",
                [(doc_id, name, json.dumps(value, ensure_ascii=False), source, now) for name, value in values.items()],
            )

    def overrides(self, doc_id: str) -> dict[str, object]:
        rows = self._db.execute("SELECT field, value FROM overrides WHERE doc_id = ? ORDER BY field", (doc_id,))
        return {name: json.loads(value) for name, value in rows}

    # Pages

    def plan_pages(self, doc_id: str, page_count: int) -> None:
        """Every page of the document gets a status row (pending) unless it has one."""
        now = self._now()
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO page_status (doc_id, number, status, updated_at) VALUES (?, ?, 'pending', ?)",
                [(doc_id, number, now) for number in range(1, page_count + 1)],
            )

    def start_page(self, doc_id: str, number: int) -> None:
        """The page is handed to a worker: running, one attempt more."""
        now = self._now()
        with self._transaction() as db:
            db.execute(
                """INSERT INTO page_status (doc_id, number, status, attempts, started_at, updated_at)
                   VALUES (?, ?, 'running', 1, ?, ?)
                   ON CONFLICT(doc_id, number) DO UPDATE SET status = 'running', attempts = attempts + 1, stage = NULL,
                       error = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at""",
                (doc_id, number, now, now),
            )

    def save_page(self, page: PageRow, page_count: int, stages: Sequence[StageRun] = ()) -> None:
        """Record a finished page and what its stages did; stage ``pages`` is done once all ``page_count`` are in."""
        now = self._now()
        with self._transaction() as db:
            db.execute(
                """INSERT OR REPLACE INTO pages (doc_id, number, source, text, skew_deg, orientation,
                                                   orientation_confidence, confidence, dpi, syllable_share, steps,
                                                   done_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    page.doc_id,
                    page.number,
                    page.source,
                    page.text,
                    page.skew_deg,
                    page.orientation,
                    page.orientation_confidence,
                    page.confidence,
                    page.dpi,
                    page.syllable_share,
                    json.dumps(page.steps),
                    now,
                ),
            )
            self._end_page(db, page.doc_id, page.number, "done", stages, None, None)
            done = db.execute("SELECT COUNT(*) FROM pages WHERE doc_id = ?", (page.doc_id,)).fetchone()[0]
            self._set_stage(
                db, page.doc_id, "pages", "done" if done >= page_count else "running", f"{done}/{page_count}"
            )

    def fail_page(self, doc_id: str, number: int, stage: str, reason: str, stages: Sequence[StageRun] = ()) -> None:
        """Record that ``stage`` stopped the page with ``reason``; ``stages`` are the ones it finished before."""
        with self._transaction() as db:
            self._end_page(db, doc_id, number, "failed", stages, stage, reason)

    def _end_page(
        self,
        db: sqlite3.Connection,
        doc_id: str,
        number: int,
        status: str,
        stages: Sequence[StageRun],
        failed_stage: str | None,
        reason: str | None,
    ) -> None:
        seconds = round(sum(run.seconds for run in stages), 4) if stages else None
        now = self._now()
        db.execute(
            """INSERT INTO page_status (doc_id, number, status, attempts, stage, error, seconds, updated_at)
               VALUES (?, ?, ?, 1, ?, ?, ?, ?)
               ON CONFLICT(doc_id, number) DO UPDATE SET status = excluded.status, stage = excluded.stage,
                   error = excluded.error, seconds = excluded.seconds, updated_at = excluded.updated_at""",
            (doc_id, number, status, failed_stage, reason, seconds, now),
        )
        db.execute("DELETE FROM page_stages WHERE doc_id = ? AND number = ?", (doc_id, number))
        db.executemany(
            "INSERT INTO page_stages (doc_id, number, stage, tool, version, parameters, seconds) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, number, run.stage, run.tool, run.version, json.dumps(run.parameters), run.seconds)
                for run in stages
            ],
        )

    def page_states(self, status: str | None = None) -> list[PageState]:
        """Pages by document and number, all or those with ``status``."""
        where = "WHERE s.status = ?" if status else ""
        rows = self._db.execute(
            "SELECT s.doc_id, d.source_path, s.number, s.status, s.attempts, s.stage, s.error, s.seconds "
            f"FROM page_status s JOIN documents d ON d.id = s.doc_id {where} ORDER BY d.source_path, s.number",
            (status,) if status else (),
        )
        return [PageState(*row) for row in rows]

    def page_status_counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT status, COUNT(*) FROM page_status GROUP BY status")
        return {status: 0 for status in ("pending", "running", "done", "failed")} | dict(rows.fetchall())

    def page_provenance(self, doc_id: str, number: int) -> list[StageRun]:
        """What each stage did to the page, in the order they ran."""
        rows = self._db.execute(
            "SELECT stage, tool, version, parameters, seconds FROM page_stages WHERE doc_id = ? AND number = ? "
            "ORDER BY rowid",
            (doc_id, number),
        )
        return [
            StageRun(stage, tool, version, json.loads(parameters), seconds)
            for stage, tool, version, parameters, seconds in rows
        ]

    def done_page_numbers(self, doc_id: str) -> set[int]:
        return {row[0] for row in self._db.execute("SELECT number FROM pages WHERE doc_id = ?", (doc_id,))}

    def pages(self, doc_id: str) -> list[PageRow]:
        rows = self._db.execute(f"SELECT {_PAGE_COLUMNS} FROM pages p WHERE doc_id = ? ORDER BY number", (doc_id,))
        return [_page_row(row) for row in rows]

    def pages_waiting_for_review(self, collection: str, review: ReviewPolicy | None = None) -> list[PageRow]:
        """Pages of ``collection`` under the thresholds of ``review`` (else its own) that no one accepted yet."""
        rows = self._db.execute(
            f"""SELECT {_PAGE_COLUMNS} FROM pages p JOIN documents d ON d.id = p.doc_id
                WHERE d.collection = :collection AND p.reviewed_at IS NULL AND {PAGE_WAITS_SQL}
                ORDER BY d.rowid, p.number""",
            self._review_rule(collection, review),
        )
        return [_page_row(row) for row in rows]

    def accept_pages(self, doc_id: str, number: int | None = None) -> int:
        """Mark a document's pages (or page ``number``) as checked by a person; returns how many were not already."""
        with self._transaction() as db:
            return db.execute(
                "UPDATE pages SET reviewed_at = :now WHERE doc_id = :doc_id AND reviewed_at IS NULL "
                "AND (:number IS NULL OR number = :number)",
                {"now": self._now(), "doc_id": doc_id, "number": number},
            ).rowcount

    # Fixity: the checksum of every file written into the archive

    def record_files(self, doc_id: str, files: dict[str, str]) -> None:
        """Record ``files`` (path relative to the archive's root → SHA-256) written for ``doc_id``."""
        now = self._now()
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO files (path, doc_id, sha256, recorded_at) VALUES (?, ?, ?, ?)",
                [(path, doc_id, sha256, now) for path, sha256 in files.items()],
            )

    def files(self, doc_id: str) -> list[ArchivedFile]:
        """The files recorded for ``doc_id``, by path."""
        rows = self._db.execute("SELECT doc_id, path, sha256 FROM files WHERE doc_id = ? ORDER BY path", (doc_id,))
        return [ArchivedFile(*row) for row in rows]

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

    def _set_stage(
        self, db: sqlite3.Connection, doc_id: str, stage: str, status: str, detail: str | None = None
    ) -> None:
        db.execute(
            "INSERT OR REPLACE INTO stages (doc_id, stage, status, detail, updated_at) VALUES (?, ?, ?, ?, ?)",
            (doc_id, stage, status, detail, self._now()),
        )


#: Tables of per-document records, emptied with the document by ``forget_document``.
_DOCUMENT_TABLES = ("page_stages", "page_status", "pages", "stages", "overrides", "files")
_DOCUMENT_COLUMNS = "id, sha256, source_path, collection, page_count, status, error, title"
_PAGE_COLUMNS = (
    "p.doc_id, p.number, p.source, p.text, p.skew_deg, p.confidence, p.steps, p.orientation, "
    "p.orientation_confidence, p.dpi, p.syllable_share"
)


def _page_row(row: sqlite3.Row) -> PageRow:
    return PageRow(**{**dict(row), "steps": tuple(json.loads(row["steps"]))})


def _review_policy(row: sqlite3.Row) -> ReviewPolicy:
    """A collection's review policy; the defaults where it has none (collections from before review)."""
    default = ReviewPolicy()
    return ReviewPolicy(
        default.hold if row["review_hold"] is None else bool(row["review_hold"]),
        default.min_confidence if row["review_min_confidence"] is None else row["review_min_confidence"],
        default.min_syllable_share if row["review_min_syllables"] is None else row["review_min_syllables"],
    )


def _stamp(moment: datetime) -> str:
    """``moment`` as the catalog writes times (UTC, to the second), so times compare as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")
