"""Where an archive's batch work stands: what the archivist reads in the morning.

Counts of documents and pages by status, every failure with its file, page,
stage and reason, the pages waiting for review, pages running (in the run
that holds the archive's lock) or interrupted (left running by a run that was
stopped, for ``retry``), documents finished but not yet in the search index, and
whether that index is there, readable and holds every finished page (a lost or
damaged index is otherwise noticed only when a search misses pages).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from digitize.printable import printable
from digitize.script import LATIN, counts_text
from pipelines.archive.catalog import Catalog, PageState
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_running
from pipelines.batch.indexing import check_index
from pipelines.review.pages import ReviewItem, pages_to_review


@dataclass(frozen=True)
class FailedDocument:
    """A document that failed: ``reason`` is its first error; ``pages`` the pages that failed, if it got that far."""

    doc_id: str
    source_path: str
    collection: str
    reason: str | None
    pages: tuple[PageState, ...]


@dataclass(frozen=True)
class ArchiveStatus:
    documents: dict[str, int]
    pages: dict[str, int]
    scripts: dict[str, int]  # pages done by script: Latin, Han, none (photographs, maps)
    failed: tuple[FailedDocument, ...]
    review: tuple[ReviewItem, ...]
    running: tuple[PageState, ...]  # in a worker of the run that holds the archive's lock now
    #: Left running by a run that was stopped (no run holds the lock): the next ``retry`` reads them again.
    interrupted: tuple[PageState, ...]
    not_indexed: int
    #: Pages in the search index; None when it is missing or unreadable.
    indexed_pages: int | None
    #: What is wrong with the index and what to do (``run: digitize index rebuild``); None when it is sound.
    index_problem: str | None


def archive_status(catalog: Catalog, archive: Archive) -> ArchiveStatus:
    documents = catalog.documents.all()
    by_status = {"pending": 0, "done": 0, "failed": 0} | Counter(d.status for d in documents)
    failed_pages: dict[str, list[PageState]] = {}
    for page in catalog.pages.states("failed"):
        failed_pages.setdefault(page.doc_id, []).append(page)
    failed = tuple(
        FailedDocument(d.id, d.source_path, d.collection, d.error, tuple(failed_pages.get(d.id, ())))
        for d in sorted(documents, key=lambda d: d.source_path)
        if d.status == "failed"
    )
    indexed, index_problem = check_index(catalog, archive)
    pages, running, interrupted = catalog.pages.status_counts(), tuple(catalog.pages.states("running")), ()
    if running and not writer_running(archive.root):
        running, interrupted = (), running
        pages |= {"running": 0, "interrupted": len(interrupted)}
    return ArchiveStatus(
        documents=dict(by_status),
        pages=pages,
        scripts=catalog.pages.script_counts(),
        failed=failed,
        review=tuple(pages_to_review(catalog)),
        running=running,
        interrupted=interrupted,
        not_indexed=len(catalog.documents.to_index()),
        indexed_pages=indexed,
        index_problem=index_problem,
    )


def _script_note(script: str | None) -> str:
    return f" ({script})" if script not in (None, LATIN) else ""


def format_status(state: ArchiveStatus) -> str:
    """The status as a few lines of text, failures and waiting pages listed one per line.

    File names and reasons are escaped (``printable``): a name holding a newline
    must not forge a line of its own.
    """
    documents = ", ".join(f"{count} {name}" for name, count in state.documents.items())
    pages = ", ".join(f"{count} {name}" for name, count in state.pages.items())
    indexed = f"{state.indexed_pages} pages, " if state.indexed_pages is not None else ""
    lines = [
        f"documents: {documents}",
        f"pages: {pages}, {len(state.review)} to review",
        *([f"scripts: {counts_text(state.scripts)}"] if set(state.scripts) - {LATIN} else []),
        f"search index: {indexed}{state.not_indexed} finished documents not yet indexed",
    ]
    if state.index_problem:
        lines.append(f"search index: {state.index_problem}")
    for document in state.failed:
        lines.append(f"failed: {printable(document.source_path)}: {printable(str(document.reason))}")
        lines.extend(
            f"  page {page.number}, stage {page.stage}, after {page.attempts} attempt(s): {printable(str(page.error))}"
            for page in document.pages
        )
    lines.extend(
        f"running: {printable(page.source_path)} page {page.number} (attempt {page.attempts})" for page in state.running
    )
    lines.extend(
        f"interrupted: {printable(page.source_path)} page {page.number} (attempt {page.attempts}): "
        "its run was stopped; digitize retry reads it again"
        for page in state.interrupted
    )
    lines.extend(
        f"to review: {printable(item.source_path)} page {item.page}{_script_note(item.script)}: "
        f"{printable('; '.join(item.reasons))}"
        for item in state.review
    )
    return "\n".join(lines)
