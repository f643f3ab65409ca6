"""The catalog's documents: their status, the files written for them, their stages.

Documents are identified by the SHA-256 of their source file, so the same scan
fed twice, under any name, is one document.
"""

from __future__ import annotations

import json

from digitize.errors import ArchiveError
from digitize.metadata.model import Metadata
from pipelines.archive.catalog.connection import DOCUMENT_TABLES, Part
from pipelines.archive.catalog.records import ArchivedFile, Document

COLUMNS = "id, sha256, source_path, collection, page_count, status, error, title"


class Documents(Part):
    def get(self, doc_id: str) -> Document | None:
        row = self._db.execute(f"SELECT {COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document(**row) if row else None

    def by_sha(self, sha256: str) -> Document | None:
        row = self._db.execute(f"SELECT {COLUMNS} FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return Document(**row) if row else None

    def all(self, status: str | None = None) -> list[Document]:
        query = f"SELECT {COLUMNS} FROM documents"
        rows = self._db.execute(query + " WHERE status = ?", (status,)) if status else self._db.execute(query)
        return [Document(**row) for row in rows]

    def named(self, name: str) -> list[Document]:
        """Documents whose source is the file ``name``, given as its path or its bare name."""
        escaped = name.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        rows = self._db.execute(
            f"SELECT {COLUMNS} FROM documents WHERE source_path = ? OR source_path LIKE ? ESCAPE '!'",
            (name, f"%{escaped}"),
        )
        # LIKE ignores ASCII case and folder boundaries: keep exact names only.
        found = [Document(**row) for row in rows]
        return [d for d in found if d.source_path == name or d.source_path.endswith(("/" + name, "\\" + name))]

    def find(self, name: str) -> Document:
        """The one document ``name`` designates: its id, its source file's name or path, or a unique start of its id.

        The way people name a document to every command (``review accept``, ``export bagit``).
        """
        found = self.get(name)
        if found is not None:
            return found
        matches = self.named(name) or [d for d in self.all() if d.id.startswith(name)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ArchiveError(None, f"no document {name!r}: no such document id, start of an id or file name")
        ids = ", ".join(sorted(d.id for d in matches)[:5]) + (", …" if len(matches) > 5 else "")
        raise ArchiveError(
            None, f"{len(matches)} documents match {name!r}: it names {len(matches)} documents ({ids}); give the id"
        )

    def failed_at(self, source_path: str) -> list[Document]:
        """Failed documents whose source was exactly ``source_path``."""
        rows = self._db.execute(
            f"SELECT {COLUMNS} FROM documents WHERE source_path = ? AND status = 'failed'", (source_path,)
        )
        return [Document(**row) for row in rows]

    def to_index(self) -> list[Document]:
        """Finished documents whose stage ``index`` is not done."""
        rows = self._db.execute(
            f"""SELECT {COLUMNS} FROM documents d WHERE status = 'done' AND NOT EXISTS (
                   SELECT 1 FROM stages s WHERE s.doc_id = d.id AND s.stage = 'index' AND s.status = 'done')"""
        )
        return [Document(**row) for row in rows]

    def metadata(self, doc_id: str) -> Metadata:
        """The document's stored description; empty metadata before it is described."""
        row = self._db.execute("SELECT metadata FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Metadata.from_dict(json.loads(row[0]) if row and row[0] else {})

    def numbered(self, number_like: str, date_like: str) -> list[tuple[str, str]]:
        """(id, stored metadata JSON) of the described documents whose number and date match these LIKE patterns:
        an agency's register of one symbol and year (``%/QĐ-UBND``, ``2025-%``)."""
        rows = self._db.execute(
            """SELECT id, metadata FROM documents WHERE metadata IS NOT NULL
               AND json_extract(metadata, '$.number') LIKE ? AND json_extract(metadata, '$.date') LIKE ?""",
            (number_like, date_like),
        )
        return [(row[0], row[1]) for row in rows]

    def numbered_as(self, numbers: list[str]) -> list[tuple[str, str]]:
        """(id, stored metadata JSON) of the described documents whose number is one of ``numbers``."""
        rows = self._db.execute(
            "SELECT id, metadata FROM documents WHERE metadata IS NOT NULL AND json_extract(metadata, '$.number') "
            "IN (SELECT value FROM json_each(?))",
            (json.dumps(numbers),),
        )
        return [(row[0], row[1]) for row in rows]

    # Finished documents as other catalogues harvest them, in order of their last change

    # A document's life: registered (pending), then done or failed; forgotten when its scan is replaced

    def register(self, doc_id: str, sha256: str, source_path: str, collection: str, page_count: int) -> None:
        """Add a document as pending, or set a known one back to pending for another try."""
        now = self._connection.now()
        with self._connection.transaction() as db:
            db.execute(
                """INSERT INTO documents (id, sha256, source_path, collection, page_count, status, created_at,
                                          updated_at)
                   VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                   ON CONFLICT(id) DO UPDATE SET status = 'pending', error = NULL, source_path = excluded.source_path,
                       page_count = excluded.page_count, updated_at = excluded.updated_at""",
                (doc_id, sha256, source_path, collection, page_count, now, now),
            )

    def finish(self, doc_id: str, metadata: Metadata) -> None:
        """The document described and done: its title and metadata stored."""
        stored = json.dumps(metadata.to_dict(), ensure_ascii=False)
        with self._connection.transaction() as db:
            db.execute(
                "UPDATE documents SET status = 'done', error = NULL, title = ?, metadata = ?, updated_at = ? "
                "WHERE id = ?",
                (metadata.title.value, stored, self._connection.now(), doc_id),
            )
            self._connection.write_stage(db, doc_id, "metadata", "done")
            self._connection.write_stage(db, doc_id, "outputs", "done")

    def fail(self, doc_id: str, stage: str, reason: str) -> None:
        with self._connection.transaction() as db:
            db.execute(
                "UPDATE documents SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
                (reason, self._connection.now(), doc_id),
            )
            self._connection.write_stage(db, doc_id, stage, "failed", reason)

    def forget(self, doc_id: str) -> None:
        """Remove a document and everything recorded of it, as when a failed scan was replaced by a new one."""
        with self._connection.transaction() as db:
            for table in DOCUMENT_TABLES:
                db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # Stages a document goes through after its pages: metadata, outputs, index

    def stage_status(self, doc_id: str, stage: str) -> str | None:
        row = self._db.execute("SELECT status FROM stages WHERE doc_id = ? AND stage = ?", (doc_id, stage)).fetchone()
        return row[0] if row else None

    def set_stage(self, doc_id: str, stage: str, status: str, detail: str | None = None) -> None:
        with self._connection.transaction() as db:
            self._connection.write_stage(db, doc_id, stage, status, detail)

    # Fixity: the checksum of every file written into the archive

    def record_files(self, doc_id: str, files: dict[str, str]) -> None:
        """Record ``files`` (path relative to the archive's root → SHA-256) written for ``doc_id``."""
        now = self._connection.now()
        with self._connection.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO files (path, doc_id, sha256, recorded_at) VALUES (?, ?, ?, ?)",
                [(path, doc_id, sha256, now) for path, sha256 in files.items()],
            )

    def files(self, doc_id: str) -> list[ArchivedFile]:
        """The files recorded for ``doc_id``, by path."""
        rows = self._db.execute("SELECT doc_id, path, sha256 FROM files WHERE doc_id = ? ORDER BY path", (doc_id,))
        return [ArchivedFile(*row) for row in rows]
