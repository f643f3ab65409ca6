"""The catalog's overrides: metadata values a person set, which stand over what the extractor read.

From a catalog CSV (``metadata import``, the file's name as their source) or
typed at the desk (``archivist NAME``); kept apart from the description, so a
document described again keeps them.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import nullcontext

from pipelines.archive.catalog.connection import Part


class Overrides(Part):
    def save(self, doc_id: str, values: dict[str, object], source: str, db: sqlite3.Connection | None = None) -> None:
        """Record ``values`` (field → value) for ``doc_id``, replacing earlier ones for the same fields; within the
        caller's transaction ``db`` when given."""
        now = self._connection.now()
        with nullcontext(db) if db is not None else self._connection.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO overrides (doc_id, field, value, source, updated_at) VALUES (?, ?, ?, ?, ?)",
                [(doc_id, name, json.dumps(value, ensure_ascii=False), source, now) for name, value in values.items()],
            )

    def values(self, doc_id: str) -> dict[str, object]:
        rows = self._db.execute("SELECT field, value FROM overrides WHERE doc_id = ? ORDER BY field", (doc_id,))
        return {name: json.loads(value) for name, value in rows}

    def sources(self, doc_id: str) -> dict[str, str]:
        """Who set each overridden field: a catalog file's name, or ``archivist NAME`` for a correction at the desk."""
        return dict(self._db.execute("SELECT field, source FROM overrides WHERE doc_id = ?", (doc_id,)).fetchall())

    def drop(self, db: sqlite3.Connection, doc_id: str, name: str) -> None:
        """The field back to the extractor's value, within the caller's transaction ``db``."""
        db.execute("DELETE FROM overrides WHERE doc_id = ? AND field = ?", (doc_id, name))
