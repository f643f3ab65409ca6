"""The catalog's line corrections: the text an archivist gave a line of a page, beside the machine's reading of it.

The archive's page files (text, ALTO, hOCR, PDF) carry the corrected text;
these rows are what lets them be made again from a new reading of the page
without losing a person's work, and what undo restores from.
"""

from __future__ import annotations

import sqlite3

from pipelines.archive.catalog.connection import Part
from pipelines.archive.catalog.records import LineCorrection

_COLUMNS = "doc_id, number, line_id, text, machine_words, author"


class Corrections(Part):
    def of_page(self, doc_id: str, number: int) -> list[LineCorrection]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM line_corrections WHERE doc_id = ? AND number = ? ORDER BY line_id",
            (doc_id, number),
        )
        return [LineCorrection(*row) for row in rows]

    def get(self, doc_id: str, number: int, line_id: str) -> LineCorrection | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM line_corrections WHERE doc_id = ? AND number = ? AND line_id = ?",
            (doc_id, number, line_id),
        ).fetchone()
        return LineCorrection(*row) if row else None

    def pages(self, doc_id: str) -> set[int]:
        """The numbers of ``doc_id``'s pages that hold a correction."""
        rows = self._db.execute("SELECT DISTINCT number FROM line_corrections WHERE doc_id = ?", (doc_id,))
        return {row[0] for row in rows}

    def put(self, db: sqlite3.Connection, correction: LineCorrection) -> None:
        """Store ``correction`` within the caller's transaction ``db``; the machine's words of a line corrected
        before are kept as they were first recorded."""
        db.execute(
            f"""INSERT INTO line_corrections ({_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(doc_id, number, line_id) DO UPDATE SET text = excluded.text, author = excluded.author,
                    updated_at = excluded.updated_at""",
            (
                correction.doc_id,
                correction.number,
                correction.line_id,
                correction.text,
                correction.machine_words,
                correction.author,
                self._connection.now(),
            ),
        )

    def drop(self, db: sqlite3.Connection, doc_id: str, number: int, line_id: str) -> None:
        """The line back to the machine's reading, within the caller's transaction ``db``."""
        db.execute(
            "DELETE FROM line_corrections WHERE doc_id = ? AND number = ? AND line_id = ?", (doc_id, number, line_id)
        )
