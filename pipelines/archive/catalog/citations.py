"""The archive's citation index: which documents cite which, by type, number with its symbol, and date.

A number or day written by hand is read by one model from one pen; another
document that cites ``Quyết định số 87/QĐ-UBND ngày 16/01/2025`` in print is
independent evidence of both. Each described document's references are kept
here (``record``), and looked up by the number they cite (``citing``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from digitize.metadata.model import Reference
from pipelines.archive.catalog.connection import Part


@dataclass(frozen=True)
class Citation:
    """One document's reference to another, as printed in the citing one."""

    doc_id: str  # the citing document
    type: str | None
    number: str
    date: str | None


class Citations(Part):
    def record(self, doc_id: str, references: Iterable[Reference]) -> None:
        """``doc_id``'s references, in place of those recorded before (a document described again)."""
        rows = [(doc_id, r.type, r.number, _symbol(r.number), r.date) for r in references if r.number]
        with self._connection.transaction() as db:
            db.execute("DELETE FROM citations WHERE doc_id = ?", (doc_id,))
            db.executemany("INSERT INTO citations (doc_id, type, number, symbol, date) VALUES (?, ?, ?, ?, ?)", rows)

    def citing(self, number: str) -> list[Citation]:
        """Every citation of ``number`` (``87/QĐ-UBND``), whatever date it gives, citing document first by id."""
        rows = self._db.execute(
            "SELECT doc_id, type, number, date FROM citations WHERE number = ? ORDER BY doc_id", (number,)
        )
        return [Citation(**row) for row in rows]

    def cited_by(self, doc_id: str) -> list[Citation]:
        """What ``doc_id`` cites."""
        rows = self._db.execute("SELECT doc_id, type, number, date FROM citations WHERE doc_id = ?", (doc_id,))
        return [Citation(**row) for row in rows]


def _symbol(number: str) -> str | None:
    """The symbol after a number's digits: ``QĐ-UBND`` of ``87/QĐ-UBND``, ``2021/QĐ-TTg`` of ``12/2021/QĐ-TTg``."""
    _, slash, rest = number.partition("/")
    return rest if slash else None
