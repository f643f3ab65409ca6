"""The catalog's figures of progress: the documents that count as digitized, dated snapshots, page statistics.

Snapshots keep what the pipeline had digitized in a collection at a moment, so
a collection's history survives later changes (a document forgotten, a review
policy changed). What counts is the one rule of ``counting``.
"""

from __future__ import annotations

from datetime import datetime

from pipelines.archive.catalog.collections import Collections
from pipelines.archive.catalog.connection import Connection, Part, stamp
from pipelines.archive.catalog.counting import COUNTED_DOCUMENTS, PAGE_WAITS_SQL, ReviewPolicy
from pipelines.archive.catalog.records import DigitizedDocument, PageStats, Snapshot


class Progress(Part):
    def __init__(self, connection: Connection, collections: Collections) -> None:
        super().__init__(connection)
        self._collections = collections

    def digitized_documents(self, collection: str, review: ReviewPolicy | None = None) -> list[DigitizedDocument]:
        """The documents of ``collection`` that count as digitized (``COUNTED_DOCUMENTS``), oldest first.

        ``review`` replaces the collection's review policy, to see what a change of it would count.
        """
        rows = self._db.execute(
            f"SELECT id, page_count, since FROM ({COUNTED_DOCUMENTS}) ORDER BY since, id",
            self._collections.review_rule(collection, review),
        )
        return [DigitizedDocument(row[0], row[1], datetime.fromisoformat(row[2])) for row in rows]

    def held_for_review(self, collection: str, before: datetime) -> int:
        """Documents finished before ``before`` that did not count then because a page waited for review."""
        if not (rule := self._collections.review_rule(collection))["hold"]:
            return 0
        return self._db.execute(
            f"""SELECT COUNT(DISTINCT d.id) FROM documents d JOIN pages p ON p.doc_id = d.id
                WHERE d.collection = :collection AND d.status = 'done' AND d.updated_at < :before
                  AND (p.reviewed_at IS NULL OR p.reviewed_at >= :before) AND {PAGE_WAITS_SQL}""",
            {**rule, "before": stamp(before)},
        ).fetchone()[0]

    def failed_count(self, collection: str) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM documents WHERE collection = ? AND status = 'failed'", (collection,)
        ).fetchone()[0]

    def save_snapshot(self, collection: str) -> None:
        """Record what the pipeline has digitized in ``collection`` now, so later changes keep this history."""
        with self._connection.transaction() as db:
            db.execute(
                "INSERT INTO snapshots (collection, taken_at, items, pages) "
                f"SELECT :collection, :now, COUNT(*), COALESCE(SUM(page_count), 0) FROM ({COUNTED_DOCUMENTS})",
                {**self._collections.review_rule(collection), "now": self._connection.now()},
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
                FROM pages WHERE doc_id IN (SELECT id FROM ({COUNTED_DOCUMENTS})) GROUP BY source ORDER BY source""",
            {**self._collections.review_rule(collection), "low": low_confidence},
        ).fetchall()
        total, measured, low = (sum(row[column] or 0 for row in rows) for column in (2, 3, 4))
        return PageStats({row[0]: row[1] for row in rows}, round(total / measured, 1) if measured else None, low)
