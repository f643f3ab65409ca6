"""The catalog's audit trail: every change a person made, append-only.

Each record says who changed what, when, from which value to which. The
table refuses updates and deletes (schema step 6), so undoing a change is a
new record that names the one it undoes.
"""

from __future__ import annotations

import sqlite3

from pipelines.archive.catalog.connection import Part
from pipelines.archive.catalog.records import AuditRecord, CorrectionTally

_COLUMNS = "id, at, author, doc_id, target, before, after, before_source, undoes"


class Audit(Part):
    def record(
        self,
        db: sqlite3.Connection,
        author: str,
        doc_id: str,
        target: str,
        before: str | None,
        after: str | None,
        before_source: str | None = None,
        undoes: int | None = None,
    ) -> int:
        """Append a record within the caller's transaction ``db`` (the change and its record land together)."""
        cursor = db.execute(
            "INSERT INTO audit (at, author, doc_id, target, before, after, before_source, undoes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (self._connection.now(), author, doc_id, target, before, after, before_source, undoes),
        )
        return int(cursor.lastrowid or 0)

    def get(self, record_id: int) -> AuditRecord | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM audit WHERE id = ?", (record_id,)).fetchone()
        return AuditRecord(*row) if row else None

    def entries(self, doc_id: str | None = None) -> list[AuditRecord]:
        """The changes to ``doc_id`` (every document's when None), oldest first."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM audit WHERE :doc_id IS NULL OR doc_id = :doc_id ORDER BY id", {"doc_id": doc_id}
        )
        return [AuditRecord(*row) for row in rows]

    def undone(self, record_id: int) -> bool:
        """Whether a later record undoes ``record_id``."""
        return self._db.execute("SELECT 1 FROM audit WHERE undoes = ?", (record_id,)).fetchone() is not None

    def tallies(self, collection: str | None = None) -> list[CorrectionTally]:
        """How much each person changed, per collection (``collection``'s alone when given), by collection and name."""
        rows = self._db.execute(
            "SELECT documents.collection, audit.author, COUNT(*), SUM(audit.target LIKE 'field:%'), "
            "SUM(audit.target LIKE 'line:%'), SUM(audit.undoes IS NOT NULL), COUNT(DISTINCT audit.doc_id) "
            "FROM audit JOIN documents ON documents.id = audit.doc_id "
            "WHERE :collection IS NULL OR documents.collection = :collection "
            "GROUP BY documents.collection, audit.author ORDER BY documents.collection, audit.author",
            {"collection": collection},
        )
        return [CorrectionTally(*row) for row in rows]
