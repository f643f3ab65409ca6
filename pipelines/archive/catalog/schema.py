"""The catalog's schema as ordered steps: ``PRAGMA user_version`` is the number of steps an archive has taken.

Step 1 is the schema as it stood when steps began to be numbered. It also
brings up to it an archive made before (version 0), whatever release made it:
the columns added since the first release are probed for, table by table, a
target kept in the first release's ``collections`` columns moves to
``targets``, and pages finished before page status was kept get their status.
A later change to the schema is one more step at the end of ``STEPS``.

An archive opens by taking the steps it lacks, each in one transaction with
its version number, so a step is taken once, whole or not at all. An archive
whose version is past the last step was made by a newer release and is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_TABLES = """
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
#: Columns added, table by table, before the schema had versions: an archive of version 0 may lack any of them.
_COLUMNS_ADDED_UNVERSIONED = {
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


def _step_1(db: sqlite3.Connection) -> None:
    """The tables of the catalog; an unversioned archive's missing columns, old targets and page status."""
    for statement in _TABLES.split(";"):
        if statement.strip():
            db.execute(statement)
    _add_missing_columns(db, _COLUMNS_ADDED_UNVERSIONED)
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


def _step_2(db: sqlite3.Connection) -> None:
    """Finished documents in order of their last change, for harvesters (OAI-PMH ``from``/``until``, resumption).

    A document's last change is its ``updated_at``, stamped whenever it is described again, so no column is added.
    """
    db.execute("CREATE INDEX IF NOT EXISTS documents_by_change ON documents(status, updated_at, id)")


def _step_3(db: sqlite3.Connection) -> None:
    """Each page's script (Latin, Han, none), the languages it was read with, and its flags (a legacy encoding
    converted, a Han page for a specialist); each collection's rule for Han pages. Pages from before are Latin,
    read in the languages their steps name: NULL here, which readers take as that."""
    # A catalog set back to an earlier version by hand has them already.
    _add_missing_columns(
        db,
        {
            "pages": {"script": "TEXT", "languages": "TEXT", "flags": "TEXT"},  # languages, flags: JSON lists
            "collections": {"review_hold_han": "INTEGER"},  # NULL: the ReviewPolicy default
        },
    )


def _step_4(db: sqlite3.Connection) -> None:
    """What a document's first page image tells its metadata (``digitize.header_evidence``): its header read
    again, and the fields written by hand (a JSON list), kept so that describing it again needs no OCR. Pages
    from before have neither (NULL): their documents are described from their text alone, as they were."""
    _add_missing_columns(db, {"pages": {"header_again": "TEXT", "handwritten": "TEXT"}})


def _step_5(db: sqlite3.Connection) -> None:
    """The archive's citation index: the documents each document cites (type, number with its symbol, date), so
    that a number or day written by hand is confirmed by a document citing it (``pipelines.archive.evidence``);
    and the digits read in a first page's blanks (a JSON list, ``digitize.handwritten_fields``), kept so that
    describing a document again needs no image. Pages from before have none (NULL)."""
    db.execute(
        """CREATE TABLE IF NOT EXISTS citations (
               doc_id     TEXT NOT NULL REFERENCES documents(id),  -- the citing document
               type       TEXT,
               number     TEXT NOT NULL,
               symbol     TEXT,
               date       TEXT
           )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS citations_by_number ON citations(number, date)")
    db.execute("CREATE INDEX IF NOT EXISTS citations_by_doc ON citations(doc_id)")
    _add_missing_columns(db, {"pages": {"handwritten_read": "TEXT"}})


def _step_6(db: sqlite3.Connection) -> None:
    """The archivist's desk: accounts with roles, failed sign-ins (to throttle guessing), corrections of lines of
    text, and the audit trail of every change.

    The audit table is append-only: triggers refuse to change or delete a record, so an undo is a record of its own.
    A line correction keeps the machine's reading of the line beside the archivist's, so that a page read again
    can tell a correction still in place from one its new reading contradicts.
    """
    for statement in _DESK_TABLES.split(";;"):
        if statement.strip():
            db.execute(statement)


_DESK_TABLES = """
CREATE TABLE IF NOT EXISTS accounts (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('reader', 'archivist', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);;
CREATE TABLE IF NOT EXISTS line_corrections (
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    number        INTEGER NOT NULL,
    line_id       TEXT NOT NULL,
    text          TEXT NOT NULL,
    machine_words TEXT NOT NULL,
    author        TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (doc_id, number, line_id)
);;
CREATE TABLE IF NOT EXISTS audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    author     TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    target     TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    before_source TEXT,
    undoes     INTEGER REFERENCES audit(id)
);;
CREATE INDEX IF NOT EXISTS audit_by_document ON audit(doc_id, id);;
CREATE TABLE IF NOT EXISTS failed_sign_ins (
    name       TEXT NOT NULL,
    client     TEXT NOT NULL,
    at         TEXT NOT NULL
);;
CREATE INDEX IF NOT EXISTS failed_sign_ins_by_time ON failed_sign_ins(at);;
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
"""


def _add_missing_columns(db: sqlite3.Connection, added: dict[str, dict[str, str]]) -> None:
    for table, columns in added.items():
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for column, kind in columns.items():
            if column not in present:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


#: The steps in order: an archive at version N has taken ``STEPS[:N]``.
STEPS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _step_1,
    _step_2,
    _step_3,
    _step_4,
    _step_5,
    _step_6,
)
LATEST = len(STEPS)


class NewerSchemaError(Exception):
    """The catalog was made by a newer release: its version is past this release's last step."""

    def __init__(self, version: int) -> None:
        super().__init__(f"its schema is version {version}, this release knows up to {LATEST}: upgrade digitize")


def version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection) -> None:
    """Take the steps ``db`` lacks, one transaction each; another process opening it meanwhile waits its turn."""
    if version(db) == LATEST:  # the common case, with no write lock
        return
    while True:
        db.execute("BEGIN IMMEDIATE")  # the write lock first: the version read is then the one the step follows
        try:
            current = version(db)
            if current > LATEST:
                raise NewerSchemaError(current)
            if current == LATEST:
                db.commit()
                return
            STEPS[current](db)
            db.execute(f"PRAGMA user_version = {current + 1}")
            db.commit()
        except BaseException:
            db.rollback()
            raise
