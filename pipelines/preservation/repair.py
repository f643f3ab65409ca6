"""Repair: archived files found damaged or missing (``fixity``) remade from their intact source, then checked again.

A page file (image, text, ALTO, hOCR) is remade by reading its page again; a
document's own files (``document.pdf``, ``metadata.json``,
``dublin-core.xml``) by finishing the document again, which every page
repair needs as well, since the PDF holds the pages. Both are the batch's own
stages (``run_files``): the damaged pages are set back to pending and the
document to unfinished, so a repair killed midway is finished by the next
``repair`` or ``retry``. The remade document is indexed again.

A source is used only when it still has the SHA-256 it was digitized with:
a scan moved, gone or changed cannot vouch for the files made from it, and
those files are reported as not repaired, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from digitize.errors import IndexUnusableError
from digitize.ingest import sha256_file
from digitize.ocr import engines
from pipelines.archive.catalog import Document
from pipelines.batch.context import RunContext
from pipelines.batch.indexing import check_index, rebuild_index
from pipelines.batch.run import run_files
from pipelines.preservation.fixity import check

_PAGE_FILE = re.compile(r"^page-(\d+)\.")


@dataclass(frozen=True)
class RepairReport:
    """What a repair found and did; paths are relative to the archive's root."""

    documents: int  # finished documents checked
    damaged: tuple[str, ...] = ()  # files changed or missing, as found
    repaired: tuple[str, ...] = ()  # of those, remade and found intact
    #: Files not repaired, each with the reason (a source gone or changed, a page that failed to read again).
    unrepaired: tuple[tuple[str, str], ...] = ()
    #: Why the search index was rebuilt (it was missing or damaged); None when it was sound.
    index_rebuilt: str | None = None

    @property
    def intact(self) -> bool:
        return not self.unrepaired


def repair_archive(run: RunContext) -> RepairReport:
    """Remake every damaged or missing file of the archive's finished documents whose source is intact.

    ``run`` is a run of its own (``RunContext.open``: the archive's writer lock held); its options say how pages
    are read again.
    """
    catalog, archive = run.catalog, run.archive
    documents = catalog.documents.all("done")
    found = check(catalog, archive, documents, sources=False)
    damaged = (*found.changed, *found.missing)
    by_document: dict[str, list[str]] = {}
    for path in damaged:
        by_document.setdefault(PurePosixPath(path).parts[1], []).append(path)
    unrepaired: list[tuple[str, str]] = []
    remade: dict[str, Document] = {}
    for document in documents:
        paths = by_document.get(document.id)
        if not paths:
            continue
        problem = _source_problem(document)
        if problem is not None:
            unrepaired += [(path, problem) for path in paths]
            continue
        _reopen(run, document, paths)
        remade[document.id] = document
    if remade:
        engines.check(run.settings.reading)
    for collection in sorted({document.collection for document in remade.values()}):
        sources = [Path(d.source_path) for d in remade.values() if d.collection == collection]
        failed = {failure.path: failure.reason for failure in run_files(run, sources, collection).failures}
        unrepaired += [
            (path, failed[document.source_path])
            for document in remade.values()
            if document.source_path in failed
            for path in by_document[document.id]
        ]
    after = check(catalog, archive, [catalog.documents.get(doc_id) for doc_id in remade], sources=False)
    still = set(after.changed) | set(after.missing)
    left = {path for path, _ in unrepaired}
    unrepaired += [(path, "still damaged after it was remade") for path in sorted(still - left)]
    repaired = tuple(path for doc_id in remade for path in by_document[doc_id] if path not in still | left)
    return RepairReport(
        documents=len(documents),
        damaged=damaged,
        repaired=repaired,
        unrepaired=tuple(unrepaired),
        index_rebuilt=_rebuild_if_unsound(run),
    )


def _source_problem(document: Document) -> str | None:
    """Why ``document``'s source cannot be used to remake its files; None when it is there, as digitized."""
    source = Path(document.source_path)
    if not source.is_file():
        return f"its source {source} is gone: restore the scan there, then repair again"
    try:
        sha = sha256_file(source)
    except OSError as error:
        return f"its source {source} cannot be read ({error.strerror or error})"
    if sha != document.sha256:
        return f"its source {source} changed since it was digitized: it cannot vouch for these files"
    return None


def _reopen(run: RunContext, document: Document, paths: list[str]) -> None:
    """The document set back to unfinished, its damaged pages to pending, so that a run remakes them."""
    pages = {int(match[1]) for path in paths if (match := _PAGE_FILE.match(PurePosixPath(path).name))}
    run.catalog.pages.reopen(document.id, pages)
    run.catalog.documents.register(
        document.id, document.sha256, document.source_path, document.collection, document.page_count
    )
    run.catalog.documents.set_stage(document.id, "index", "pending")


def _rebuild_if_unsound(run: RunContext) -> str | None:
    """The index rebuilt from the catalog when it is missing, damaged or short of pages; why, or None if sound."""
    _, problem = check_index(run.catalog, run.archive)
    if problem is None:
        return None
    try:
        rebuild_index(run.catalog, run.archive)
    except IndexUnusableError as error:
        return f"{problem}; the rebuild failed too: {error.reason}"
    return problem
