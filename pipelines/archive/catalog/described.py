"""The catalog's finished documents with their descriptions, as catalogues take them in: one by its id, or those
changed in a span, oldest change first, paged as OAI-PMH harvesters page (``exchange.oai``, ``exchange.marc``)."""

from __future__ import annotations

import json
from datetime import datetime

from digitize.metadata.model import Metadata
from pipelines.archive.catalog.connection import Part
from pipelines.archive.catalog.documents import COLUMNS
from pipelines.archive.catalog.records import DescribedDocument, Document


class Described(Part):
    def get(self, doc_id: str) -> DescribedDocument | None:
        """The finished document ``doc_id`` with its description; None when there is none or it is not done."""
        rows = self._db.execute(f"{_DESCRIBED} AND id = ?", (doc_id,))
        return next(map(_described, rows), None)

    def changed(
        self,
        since: str | None = None,
        until: str | None = None,
        collection: str | None = None,
        after: tuple[str, str] | None = None,
        limit: int = -1,
    ) -> list[DescribedDocument]:
        """Finished documents changed from ``since`` to ``until`` (catalog stamps, both included), oldest change first.

        ``after`` (a change stamp and a document id) starts the list past that document, so a harvester's next
        page goes on where the last ended even when documents changed meanwhile.
        """
        at, doc_id = after or (None, None)
        rows = self._db.execute(
            f"""{_DESCRIBED} AND (:since IS NULL OR updated_at >= :since) AND (:until IS NULL OR updated_at <= :until)
                AND (:collection IS NULL OR collection = :collection)
                AND (:at IS NULL OR (updated_at, id) > (:at, :doc_id))
                ORDER BY updated_at, id LIMIT :limit""",
            {"since": since, "until": until, "collection": collection, "at": at, "doc_id": doc_id, "limit": limit},
        )
        return [_described(row) for row in rows]

    def count_changed(self, since: str | None = None, until: str | None = None, collection: str | None = None) -> int:
        return self._db.execute(
            """SELECT COUNT(*) FROM documents WHERE status = 'done'
               AND (:since IS NULL OR updated_at >= :since) AND (:until IS NULL OR updated_at <= :until)
               AND (:collection IS NULL OR collection = :collection)""",
            {"since": since, "until": until, "collection": collection},
        ).fetchone()[0]

    def earliest_change(self) -> str | None:
        """The stamp of the oldest last change of a finished document (OAI-PMH's ``earliestDatestamp``)."""
        return self._db.execute("SELECT MIN(updated_at) FROM documents WHERE status = 'done'").fetchone()[0]


_DESCRIBED = f"SELECT {COLUMNS}, metadata, updated_at FROM documents WHERE status = 'done'"


def _described(row: tuple) -> DescribedDocument:
    *document, metadata, changed_at = row
    return DescribedDocument(
        Document(*document),
        Metadata.from_dict(json.loads(metadata) if metadata else {}),
        datetime.fromisoformat(changed_at),
    )
