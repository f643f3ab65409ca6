"""Planning a run: the files named, each registered as a document, and the pages still to do.

A file already digitized (by its SHA-256, under any name) is skipped; a file
that cannot be read fails alone, named with its reason, and is kept in the
catalog as failed so that ``digitize status`` lists it and ``retry`` tries it
again, whatever library raised the error. A failed document whose file was
replaced by a new scan gives way to it; a file replaced while its pages were
read fails (``check_unchanged``), its pages dropped (``fail_changed``).
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from digitize import ingest
from digitize.errors import DigitizeError
from pipelines.archive.catalog import Document
from pipelines.batch.context import RunContext

_log = logging.getLogger(__name__)


@dataclass
class Plan:
    """The documents of a run by id, their pages still to do as (document id, source file, page number), how many
    files were skipped as done already, and the files that could not be read, as (path, reason)."""

    documents: dict[str, Document] = field(default_factory=dict)
    pages: list[tuple[str, Path, int]] = field(default_factory=list)
    skipped: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)


def plan(run: RunContext, files: list[Path], collection: str) -> Plan:
    """Register new files and list the pages still to do; finished documents are skipped."""
    catalog = run.catalog
    planned = Plan()
    documents = planned.documents
    for path in files:
        # Stored absolute: verify, export and retry then find the scan from any folder.
        source = str(path.absolute())
        sha = known = None
        try:
            sha = _sha256(path)
            known = catalog.documents.by_sha(sha)
            if (known is not None and known.status == "done") or sha[:16] in documents:  # done, or a copy in this batch
                planned.skipped += 1
                continue
            page_count = _count_pages(path)
        except DigitizeError as error:
            planned.unreadable.append((str(path), error.reason))
            if sha is not None:  # kept in the catalog, so `digitize status` lists it and `retry` tries it again
                doc_id = sha[:16]
                catalog.documents.register(doc_id, sha, source, known.collection if known else collection, 0)
                catalog.documents.fail(doc_id, "read", error.reason)
            continue
        doc_id = sha[:16]
        catalog.documents.register(doc_id, sha, source, known.collection if known else collection, page_count)
        _forget_replaced(run, source, doc_id)
        catalog.pages.plan(doc_id, page_count)
        documents[doc_id] = catalog.documents.get(doc_id)
        done = catalog.pages.done_numbers(doc_id)
        planned.pages.extend((doc_id, path, number) for number in range(1, page_count + 1) if number not in done)
    return planned


def check_unchanged(document: Document) -> None:
    """A ``DigitizeError`` unless the document's file still has the SHA-256 it was planned under.

    Checked once its pages are read: a scan replaced while the run read it (a
    scanner's hot folder) would otherwise be stored under the first file's
    identity with the second's pages, and the first be "already in the archive" forever.
    """
    path = Path(document.source_path)
    try:
        sha = _sha256(path)
    except DigitizeError as error:
        raise DigitizeError(path, f"cannot be checked after reading ({error.reason}); run again") from None
    if sha != document.sha256:
        raise DigitizeError(path, "changed while it was read; run again")


def fail_changed(run: RunContext, document: Document, reason: str) -> None:
    """The document of a file that changed while it was read: its pages (perhaps of two files) are dropped, and it
    stays failed with ``reason``, so that ``status`` lists it and the next run or ``retry`` reads it whole again."""
    catalog = run.catalog
    catalog.documents.forget(document.id)
    shutil.rmtree(run.archive.document_dir(document.id), ignore_errors=True)
    catalog.documents.register(document.id, document.sha256, document.source_path, document.collection, 0)
    catalog.documents.fail(document.id, "read", reason)


def _count_pages(path: Path) -> int:
    """The file's page count; whatever a library raises on a malformed file fails that file alone, with its reason.

    An error we did not expect (a library's, or a bug) keeps its traceback in the log, beside the one-line reason.
    """
    try:
        page_count = ingest.count_pages(path)
    except DigitizeError:
        raise
    except Exception as error:  # a library failing on a malformed file must not end the whole batch
        _log.exception("%s: unexpected failure while counting its pages", path)
        raise DigitizeError(path, f"cannot be read ({type(error).__name__}: {error})") from None
    if page_count == 0:
        raise DigitizeError(path, "has no pages")
    return page_count


def _forget_replaced(run: RunContext, source: str, doc_id: str) -> None:
    """A failed document whose file at ``source`` was replaced (say by a new scan) gives way to the new one."""
    for old in run.catalog.documents.failed_at(source):
        if old.id != doc_id:
            run.catalog.documents.forget(old.id)
            shutil.rmtree(run.archive.document_dir(old.id), ignore_errors=True)


def _sha256(path: Path) -> str:
    if not path.is_file():
        raise DigitizeError(path, "no such file" if not path.exists() else "not a regular file")
    try:
        return ingest.sha256_file(path)
    except OSError as error:
        raise DigitizeError(path, f"cannot be read ({error.strerror})") from None
