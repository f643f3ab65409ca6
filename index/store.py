"""The Whoosh index of pages: schema, opening, adding and removing documents.

One index entry per page, so a hit names its page. Entries are keyed by
``doc_id:page`` and written with ``update_document``: indexing a page twice
replaces it, which makes re-running a batch or resuming a killed one safe.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from index.analysis import exact_analyzer, folded_analyzer

#: Seconds a writer waits for another process's lock before giving up.
WRITE_LOCK_TIMEOUT = 60.0


@dataclass(frozen=True)
class PageRecord:
    """What the index knows of one page."""

    doc_id: str
    page: int
    text: str
    title: str = ""
    collection: str = ""
    source_path: str = ""
    type: str = ""
    number: str = ""
    agency: str = ""
    year: int | None = None
    #: ISO 8601, possibly partial (``2018-03``); empty when unknown.
    date: str = ""

    @property
    def key(self) -> str:
        return f"{self.doc_id}:{self.page}"


def schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),
        doc_id=ID(stored=True),
        page=NUMERIC(stored=True),
        title=STORED(),
        source_path=STORED(),
        collection=ID(stored=True),
        type=ID(stored=True),
        number=ID(stored=True),
        agency=ID(stored=True),
        year=NUMERIC(stored=True),
        date=ID(stored=True, sortable=True),
        text=TEXT(analyzer=exact_analyzer(), stored=True, phrase=True),
        text_folded=TEXT(analyzer=folded_analyzer(), phrase=True),
    )


def open_index(directory: Path) -> index.Index:
    """The index in ``directory``, created empty on first use; fields added since it was made are added to it."""
    directory.mkdir(parents=True, exist_ok=True)
    if not index.exists_in(str(directory)):
        return index.create_in(str(directory), schema())
    existing = index.open_dir(str(directory))
    missing = [(name, field) for name, field in schema().items() if name not in existing.schema]
    if not missing:
        return existing
    with existing.writer(timeout=WRITE_LOCK_TIMEOUT) as writer:
        for name, field in missing:
            writer.add_field(name, field)
    return index.open_dir(str(directory))


def add_pages(directory: Path, records: Iterable[PageRecord]) -> int:
    """Add or replace ``records`` in one commit; returns how many were written."""
    written = 0
    with open_index(directory).writer(timeout=WRITE_LOCK_TIMEOUT) as writer:
        for record in records:
            fields = {
                "key": record.key,
                "doc_id": record.doc_id,
                "page": record.page,
                "title": record.title,
                "source_path": record.source_path,
                "collection": record.collection,
                "type": record.type,
                "number": record.number,
                "agency": record.agency,
                "date": record.date,
                "text": record.text,
                "text_folded": record.text,
            }
            if record.year is not None:
                fields["year"] = record.year
            writer.update_document(**fields)
            written += 1
    return written


def delete_document(directory: Path, doc_id: str) -> int:
    """Remove every page of ``doc_id``; returns how many entries went."""
    with open_index(directory).writer(timeout=WRITE_LOCK_TIMEOUT) as writer:
        return writer.delete_by_term("doc_id", doc_id)
