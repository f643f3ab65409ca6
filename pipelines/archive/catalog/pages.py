"""The catalog's pages: their status through a run, their text and measures, what each stage did, their review.

The catalog is written only by the batch's main process, one short transaction
per finished page, which is what lets a killed run resume exactly where it stopped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from digitize.provenance import StageRun
from pipelines.archive.catalog.collections import Collections
from pipelines.archive.catalog.connection import Connection, Part
from pipelines.archive.catalog.counting import PAGE_WAITS_SQL, ReviewPolicy
from pipelines.archive.catalog.records import PageRow, PageState

_COLUMNS = (
    "p.doc_id, p.number, p.source, p.text, p.skew_deg, p.confidence, p.steps, p.orientation, "
    "p.orientation_confidence, p.dpi, p.syllable_share, p.script, p.languages, p.flags, p.header_again, p.handwritten, "
    "p.handwritten_read"
)


class Pages(Part):
    def __init__(self, connection: Connection, collections: Collections) -> None:
        super().__init__(connection)
        self._collections = collections

    # A page's status through a run: pending, running (one attempt more), done or failed

    def plan(self, doc_id: str, page_count: int) -> None:
        """Every page of the document gets a status row (pending) unless it has one."""
        now = self._connection.now()
        with self._connection.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO page_status (doc_id, number, status, updated_at) VALUES (?, ?, 'pending', ?)",
                [(doc_id, number, now) for number in range(1, page_count + 1)],
            )

    def start(self, doc_id: str, number: int) -> None:
        """The page is handed to a worker: running, one attempt more."""
        now = self._connection.now()
        with self._connection.transaction() as db:
            db.execute(
                """INSERT INTO page_status (doc_id, number, status, attempts, started_at, updated_at)
                   VALUES (?, ?, 'running', 1, ?, ?)
                   ON CONFLICT(doc_id, number) DO UPDATE SET status = 'running', attempts = attempts + 1, stage = NULL,
                       error = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at""",
                (doc_id, number, now, now),
            )

    def save(self, page: PageRow, page_count: int, stages: Sequence[StageRun] = ()) -> None:
        """Record a finished page and what its stages did; stage ``pages`` is done once all ``page_count`` are in."""
        now = self._connection.now()
        with self._connection.transaction() as db:
            db.execute(
                """INSERT OR REPLACE INTO pages (doc_id, number, source, text, skew_deg, orientation,
                                                   orientation_confidence, confidence, dpi, syllable_share, steps,
                                                   done_at, script, languages, flags, header_again, handwritten,
                                                   handwritten_read)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
                    page.script,
                    json.dumps(page.languages),
                    json.dumps(page.flags),
                    page.header_again,
                    json.dumps(page.handwritten),
                    json.dumps(page.handwritten_read),
                ),
            )
            self._end(db, page.doc_id, page.number, "done", stages, None, None)
            done = db.execute("SELECT COUNT(*) FROM pages WHERE doc_id = ?", (page.doc_id,)).fetchone()[0]
            self._connection.write_stage(
                db, page.doc_id, "pages", "done" if done >= page_count else "running", f"{done}/{page_count}"
            )

    def fail(self, doc_id: str, number: int, stage: str, reason: str, stages: Sequence[StageRun] = ()) -> None:
        """Record that ``stage`` stopped the page with ``reason``; ``stages`` are the ones it finished before."""
        with self._connection.transaction() as db:
            self._end(db, doc_id, number, "failed", stages, stage, reason)

    def _end(
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
        now = self._connection.now()
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

    def states(self, status: str | None = None) -> list[PageState]:
        """Pages by document and number, all or those with ``status``."""
        where = "WHERE s.status = ?" if status else ""
        rows = self._db.execute(
            "SELECT s.doc_id, d.source_path, s.number, s.status, s.attempts, s.stage, s.error, s.seconds "
            f"FROM page_status s JOIN documents d ON d.id = s.doc_id {where} ORDER BY d.source_path, s.number",
            (status,) if status else (),
        )
        return [PageState(*row) for row in rows]

    def reopen(self, doc_id: str, numbers: set[int]) -> None:
        """The pages ``numbers`` to be read again (their files damaged): no longer done, pending for the next run."""
        now = self._connection.now()
        with self._connection.transaction() as db:
            for number in sorted(numbers):
                db.execute("DELETE FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number))
                db.execute(
                    "UPDATE page_status SET status = 'pending', stage = NULL, error = NULL, updated_at = ? "
                    "WHERE doc_id = ? AND number = ?",
                    (now, doc_id, number),
                )

    def unfinished_count(self) -> int:
        """Pages planned and not done: pending, running or failed."""
        return self._db.execute("SELECT COUNT(*) FROM page_status WHERE status != 'done'").fetchone()[0]

    def status_counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT status, COUNT(*) FROM page_status GROUP BY status")
        return {status: 0 for status in ("pending", "running", "done", "failed")} | dict(rows.fetchall())

    def script_counts(self, collection: str | None = None) -> dict[str, int]:
        """Pages done by script (``digitize.script.SCRIPTS``; pages from before scripts were recorded are Latin),
        in one collection or all; blank pages are left out."""
        rows = self._db.execute(
            "SELECT COALESCE(p.script, 'Latin'), COUNT(*) FROM pages p JOIN documents d ON d.id = p.doc_id "
            "WHERE p.source != 'blank' AND (:collection IS NULL OR d.collection = :collection) GROUP BY 1 ORDER BY 1",
            {"collection": collection},
        )
        return dict(rows.fetchall())

    # Pages done: their text and measures, and what each stage did to them

    def of_document(self, doc_id: str) -> list[PageRow]:
        """The document's finished pages, by number."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM pages p WHERE doc_id = ? ORDER BY number", (doc_id,))
        return [_page_row(row) for row in rows]

    def set_text(self, doc_id: str, number: int, text: str) -> None:
        """A finished page's text as corrected by a person; the page counts as reviewed."""
        with self._connection.transaction() as db:
            db.execute(
                "UPDATE pages SET text = ?, reviewed_at = COALESCE(reviewed_at, ?) WHERE doc_id = ? AND number = ?",
                (text, self._connection.now(), doc_id, number),
            )

    def done_numbers(self, doc_id: str) -> set[int]:
        return {row[0] for row in self._db.execute("SELECT number FROM pages WHERE doc_id = ?", (doc_id,))}

    def provenance(self, doc_id: str, number: int) -> list[StageRun]:
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

    # Review

    def waiting_for_review(self, collection: str, review: ReviewPolicy | None = None) -> list[PageRow]:
        """Pages of ``collection`` under the thresholds of ``review`` (else its own) that no one accepted yet."""
        rows = self._db.execute(
            f"""SELECT {_COLUMNS} FROM pages p JOIN documents d ON d.id = p.doc_id
                WHERE d.collection = :collection AND p.reviewed_at IS NULL AND {PAGE_WAITS_SQL}
                ORDER BY d.rowid, p.number""",
            self._collections.review_rule(collection, review),
        )
        return [_page_row(row) for row in rows]

    def accept(self, doc_id: str, number: int | None = None) -> int:
        """Mark a document's pages (or page ``number``) as checked by a person; returns how many were not already."""
        with self._connection.transaction() as db:
            return db.execute(
                "UPDATE pages SET reviewed_at = :now WHERE doc_id = :doc_id AND reviewed_at IS NULL "
                "AND (:number IS NULL OR number = :number)",
                {"now": self._connection.now(), "doc_id": doc_id, "number": number},
            ).rowcount


def _page_row(row: sqlite3.Row) -> PageRow:
    lists = {
        name: tuple(json.loads(row[name] or "[]"))
        for name in ("steps", "languages", "flags", "handwritten", "handwritten_read")
    }
    return PageRow(**{**dict(row), **lists})
