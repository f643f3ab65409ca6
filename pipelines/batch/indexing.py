"""The catalog → search index stage.

Documents whose ``index`` stage is not done are sent to the index and then
marked; a run killed in between indexes them again, harmlessly, since the
index replaces pages by key. ``rebuild_index`` makes the index anew from the
catalog, for when the analyzers or the schema change.
"""

from __future__ import annotations

import shutil

from digitize import faults
from digitize.errors import ArchiveError, IndexDamagedError, IndexOutdatedError, IndexUnusableError
from index.health import index_health, indexed_pages
from index.store import (
    BULK_HEAP,
    BULK_THREADS,
    REBUILD,
    PageRecord,
    PageWriter,
    add_pages,
    open_index,
)
from pipelines.archive.catalog import Catalog, Document
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_running
from pipelines.archive.space import is_disk_full

#: Documents per index commit: bounds what a killed run has to redo.
COMMIT_EVERY = 200


def check_index(catalog: Catalog, archive: Archive) -> tuple[int | None, str | None]:
    """The index's page count and what is wrong with it (None when sound), for ``status`` and ``verify``.

    It must hold one entry per page of every document the catalog marks
    indexed: fewer means a lost or damaged index, more means pages of
    documents the catalog no longer has. Documents finished but not yet
    indexed are left out, since the next run indexes them (``unindexed``).
    """
    waiting = {document.id for document in catalog.documents.to_index()}
    expected = sum(d.page_count for d in catalog.documents.all(status="done") if d.id not in waiting)
    health = index_health(archive.index_dir)
    return health.pages, health.check(expected)


def unindexed(catalog: Catalog, archive: Archive) -> str | None:
    """What ``verify`` says of finished documents not in the index while no run is under way to index them (a run
    stopped by a full disk leaves them so): a search misses them. None when there are none, or a run holds the lock.
    """
    waiting = catalog.documents.to_index()
    if not waiting or writer_running(archive.root):
        return None
    plural = "s are" if len(waiting) != 1 else " is"
    return f"{len(waiting)} finished document{plural} not in the search index: {REBUILD}"


def page_records(catalog: Catalog, document: Document) -> list[PageRecord]:
    metadata = catalog.documents.metadata(document.id)
    return [
        PageRecord(
            doc_id=document.id,
            page=page.number,
            text=page.text,
            title=document.title or "",
            collection=document.collection,
            source_path=document.source_path,
            type=metadata.type.value or "",
            number=metadata.number.value or "",
            agency=metadata.agency.value or "",
            year=metadata.year,
            date=metadata.date.value or "",
            provinces=metadata.provinces,
        )
        for page in catalog.pages.of_document(document.id)
    ]


def index_pending(catalog: Catalog, archive: Archive) -> int:
    """Index every finished document not yet in the index; returns how many.

    An index left by an earlier version is made anew from the catalog, which
    holds everything it needs (then every finished document counts). A
    damaged one is an ``IndexUnusableError`` naming ``index rebuild``: the
    documents stay marked not indexed, so nothing is lost.
    """
    try:
        open_index(archive.index_dir, create=True)
    except IndexOutdatedError:
        return rebuild_index(catalog, archive)
    pending = catalog.documents.to_index()
    for start in range(0, len(pending), COMMIT_EVERY):
        chunk = pending[start : start + COMMIT_EVERY]
        try:
            add_pages(archive.index_dir, (record for doc in chunk for record in page_records(catalog, doc)))
        except ValueError as error:  # tantivy's, from a damaged segment or a full disk
            if is_disk_full(error):
                raise
            raise IndexDamagedError(archive.index_dir, f"the index is damaged ({error}): {REBUILD}") from None
        faults.boundary("index-chunk-added")
        for document in chunk:
            catalog.documents.set_stage(document.id, "index", "done")
    return len(pending)


def rebuild_index(catalog: Catalog, archive: Archive) -> int:
    """A new index of every finished document, swapped in for the old one; returns how many documents.

    It is built beside the old index, which answers searches until the swap.
    Pages a batch indexes meanwhile go into the old index and are lost with
    it, so run it while no batch runs. A catalog with no finished document
    never replaces an index that holds pages: that catalog is far more likely
    lost or replaced than the archive emptied.
    """
    documents = catalog.documents.all(status="done")
    if not documents:
        _refuse_to_empty(catalog, archive)
    fresh = archive.index_dir.with_name(archive.index_dir.name + ".rebuild")
    old = archive.index_dir.with_name(archive.index_dir.name + ".old")
    for leftover in (fresh, old):  # from a rebuild that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    with PageWriter(fresh, BULK_THREADS, BULK_HEAP) as pages:  # an empty archive still gets an index
        for start in range(0, len(documents), COMMIT_EVERY):
            chunk = documents[start : start + COMMIT_EVERY]
            pages.add(record for doc in chunk for record in page_records(catalog, doc))
            pages.commit()
        pages.commit()
    faults.boundary("rebuild-built")
    if archive.index_dir.exists():
        archive.index_dir.rename(old)
    faults.boundary("rebuild-old-moved-aside")
    fresh.rename(archive.index_dir)
    faults.boundary("rebuild-swapped")
    shutil.rmtree(old, ignore_errors=True)
    for document in documents:
        catalog.documents.set_stage(document.id, "index", "done")
    return len(documents)


def _refuse_to_empty(catalog: Catalog, archive: Archive) -> None:
    """An ``ArchiveError`` when the index holds pages that a rebuild from this empty catalog would drop."""
    try:
        held = indexed_pages(archive.index_dir)
    except IndexUnusableError:
        return  # nothing readable to keep
    if held:
        raise ArchiveError(
            catalog.path,
            f"the catalog has no finished documents but the index holds {held} pages; a rebuild would empty it: "
            f"restore catalog.sqlite from a backup, or move {archive.index_dir} aside to rebuild anyway",
        )
