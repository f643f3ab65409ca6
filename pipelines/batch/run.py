"""Running the digitize stages over a batch of files, resumably.

The unit of work is a page: a 300-page register keeps both cores busy, and a
run killed halfway resumes at the first unfinished page. Workers read, clean
and OCR a page and write its image and text into the archive; the main process
alone writes the catalog, then extracts metadata once a document's last page
is in, then indexes. A file that cannot be read fails alone, named with its
reason, and the batch goes on; an unexpected failure's traceback is logged.
So does a path that cannot be followed (``discovery``), and a file that is not
the one planned by the time its pages are read (replaced meanwhile).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from tqdm import tqdm

from digitize import alto, faults, hocr, quality
from digitize.errors import DigitizeError, IndexUnusableError
from digitize.language import VIETNAMESE
from digitize.ocr import engines
from digitize.ocr.options import OcrOptions
from digitize.ocr.page import OcrPage
from digitize.page import ILLUSTRATION, PageResult, process_page, with_header_evidence
from digitize.provenance import StageLog, StageRun, package_version
from digitize.script import LATIN
from pipelines.archive.catalog import Document, PageRow
from pipelines.archive.layout import PAGE_IMAGE_QUALITY, Archive, write_image, write_text
from pipelines.archive.space import disk_full_error, is_disk_full
from pipelines.batch.context import DEFAULT_SETTINGS, BatchSettings, RunContext
from pipelines.batch.description import write_description
from pipelines.batch.discovery import discover
from pipelines.batch.document_pdf import write_document_pdf
from pipelines.batch.executors import Executor
from pipelines.batch.indexing import index_pending
from pipelines.batch.planning import check_unchanged, fail_changed, plan
from pipelines.desk.corrections import reapply_corrections

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


@dataclass
class BatchSummary:
    documents: int = 0
    pages: int = 0
    skipped: int = 0
    indexed: int = 0
    failures: list[Failure] = field(default_factory=list)
    #: Why finished documents could not be indexed (a damaged index), and what to do; None when they were.
    index_problem: str | None = None

    def add(self, other: BatchSummary) -> None:
        self.documents += other.documents
        self.pages += other.pages
        self.skipped += other.skipped
        self.indexed += other.indexed
        self.failures.extend(other.failures)
        self.index_problem = other.index_problem or self.index_problem


@dataclass(frozen=True)
class _PageTask:
    doc_id: str
    path: Path
    number: int
    options: OcrOptions
    archive: Archive


@dataclass(frozen=True)
class _PageOutcome:
    """A page's result as the worker hands it back; ``stage`` names the stage that failed, if one did."""

    doc_id: str
    number: int
    result: PageResult | None  # its image and words are in the archive's files, not sent back
    stages: tuple[StageRun, ...]
    stage: str | None = None
    error: str | None = None
    files: dict[str, str] = field(default_factory=dict)  # written: path in the archive → SHA-256
    traceback: str | None = None  # of an unexpected failure (not a DigitizeError), for the log
    disk_full: bool = False  # its files could not be written: the run stops, the page stays to do


def run_batch(
    paths: Iterable[Path],
    collection: str,
    archive: Archive,
    settings: BatchSettings = DEFAULT_SETTINGS,
    executor: Executor | None = None,
) -> BatchSummary:
    """Digitize ``paths`` into ``collection`` as ``settings`` say, on ``executor`` if one is given running."""
    engines.check(settings.reading)
    with RunContext.open(archive, settings, executor) as run:
        return _run_found(run, paths, collection)


def retry_unfinished(
    archive: Archive, settings: BatchSettings = DEFAULT_SETTINGS, executor: Executor | None = None
) -> BatchSummary:
    """Run every failed or unfinished document of the archive again, from its source file, in its own collection."""
    with RunContext.open(archive, settings, executor) as run:
        by_collection: dict[str, list[Path]] = {}
        for document in run.catalog.documents.all():
            if document.status != "done":
                by_collection.setdefault(document.collection, []).append(Path(document.source_path))
        summary = BatchSummary()
        for collection, paths in sorted(by_collection.items()):
            engines.check(settings.reading)
            summary.add(_run_found(run, paths, collection))
        if not by_collection:  # a run stopped after its last document, before its index: that stage alone is left
            _index_pending(run, summary)
    return summary


def _run_found(run: RunContext, paths: Iterable[Path], collection: str) -> BatchSummary:
    """The files found under ``paths`` digitized; the paths that could not be read or followed are failures too."""
    found = discover(paths, run.archive)
    summary = run_files(run, found.files, collection)
    summary.failures[:0] = [Failure(path, reason) for path, reason in found.problems]
    return summary


def run_files(run: RunContext, files: list[Path], collection: str) -> BatchSummary:
    """Digitize ``files`` into ``collection``: plan, run the pages on the executor, finish each document, index."""
    catalog = run.catalog
    catalog.collections.ensure(collection)
    planned = plan(run, files, collection)
    faults.boundary("run-planned")
    summary = BatchSummary(skipped=planned.skipped, failures=[Failure(*failed) for failed in planned.unreadable])
    documents = planned.documents
    # Absolute paths: a worker may run in another folder, or on another machine sharing the filesystem.
    worker_archive = Archive(run.archive.root.absolute())
    reading = run.settings.reading
    tasks = [_PageTask(doc_id, path.absolute(), n, reading, worker_archive) for doc_id, path, n in planned.pages]
    bar = tqdm(total=len(tasks), unit="page", desc="digitizing", disable=not run.settings.show_progress)
    remaining = dict.fromkeys(documents, 0) | Counter(task.doc_id for task in tasks)
    failed: set[str] = set()
    # Documents whose pages were all done by an earlier, killed run.
    for doc_id in [doc_id for doc_id, left in remaining.items() if left == 0]:
        _finish(run, documents[doc_id], summary)
    with bar:
        for outcome in run.executor.run(_run_page, _started(run, tasks), _lost_page):
            bar.update()
            document = documents[outcome.doc_id]
            if outcome.disk_full:
                _stop_on_full_disk(run, document, outcome)
            if outcome.error is not None:
                _log_unexpected(document, outcome)
                catalog.pages.fail(document.id, outcome.number, outcome.stage, outcome.error, outcome.stages)
                if document.id not in failed:
                    failed.add(document.id)
                    catalog.documents.fail(document.id, "pages", outcome.error)
                    summary.failures.append(Failure(document.source_path, outcome.error))
            else:
                # Checksums first: a run killed between the two redoes the page and records them again.
                catalog.documents.record_files(document.id, outcome.files)
                faults.boundary("run-page-files-recorded")
                catalog.pages.save(_row(document.id, outcome.result), document.page_count, outcome.stages)
                faults.boundary("run-page-saved")
                summary.pages += 1
            remaining[document.id] -= 1
            if remaining[document.id] == 0 and document.id not in failed:
                _finish(run, document, summary)
                faults.boundary("run-document-finished")
    faults.boundary("run-pages-done")
    _index_pending(run, summary)
    faults.boundary("run-indexed")
    # Dated snapshots keep each collection's real history for the progress chart.
    for name in {collection, *(document.collection for document in documents.values())}:
        catalog.progress.save_snapshot(name)
    return summary


def _index_pending(run: RunContext, summary: BatchSummary) -> None:
    """The finished documents not yet in the index added to it; an unusable index is the summary's problem."""
    try:
        summary.indexed = index_pending(run.catalog, run.archive)
    except IndexUnusableError as error:  # the pages are safe in the catalog; the index is remade from it
        summary.index_problem = str(error)


def _log_unexpected(document: Document, outcome: _PageOutcome) -> None:
    """An unexpected failure (a bug, a library's) is logged with its traceback beside the one-line reason kept."""
    if outcome.traceback is not None:
        _log.error("%s: %s\n%s", document.source_path, outcome.error, outcome.traceback.rstrip())


def _stop_on_full_disk(run: RunContext, document: Document, outcome: _PageOutcome) -> NoReturn:
    """A page whose files found the disk full ends the run: recorded failed with its reason when the catalog can
    still be written (it stays to do either way, for ``retry``), and the run's one line says how much space is needed.
    """
    with contextlib.suppress(sqlite3.Error):
        run.catalog.pages.fail(document.id, outcome.number, outcome.stage, outcome.error, outcome.stages)
    raise disk_full_error(run.archive, run.catalog.pages.unfinished_count(), len(run.catalog.documents.all("pending")))


def _started(run: RunContext, tasks: list[_PageTask]) -> Iterator[_PageTask]:
    """The tasks, each marked running (one attempt more) as the executor takes it."""
    for task in tasks:
        run.catalog.pages.start(task.doc_id, task.number)
        yield task


def _run_page(task: _PageTask) -> _PageOutcome:
    """Worker side: one page read, cleaned, OCR'd and written into the archive; a first page's header checked."""
    log = StageLog()
    try:
        result = process_page(task.path, task.number, task.options, log=log)
        with log.stage("outputs", "digitize", package_version("digitize"), jpeg_quality=PAGE_IMAGE_QUALITY):
            image_path = task.archive.page_image_path(task.doc_id, task.number)
            text_path = task.archive.page_text_path(task.doc_id, task.number)
            files = {
                image_path: write_image(image_path, result.image),
                text_path: write_text(text_path, result.text + "\n"),
            }
            if result.recognized is not None or result.source == ILLUSTRATION:
                files |= _write_layout(task, result.recognized or OcrPage(()), result.image.shape, result.source)
        result = with_header_evidence(result, task.options, log)
    except DigitizeError as error:
        return _PageOutcome(task.doc_id, task.number, None, tuple(log.runs), log.current, error.reason)
    except Exception as error:  # a bug or a library failure on one page must not end the batch
        reason = f"page {task.number}: {type(error).__name__}: {error}"
        if is_disk_full(error):
            return _PageOutcome(task.doc_id, task.number, None, tuple(log.runs), log.current, reason, disk_full=True)
        return _PageOutcome(
            task.doc_id, task.number, None, tuple(log.runs), log.current, reason, traceback=traceback.format_exc()
        )
    files_written = {task.archive.relative(path): sha for path, sha in files.items()}
    return _PageOutcome(task.doc_id, task.number, result.without_pixels(), tuple(log.runs), files=files_written)


def _row(doc_id: str, result: PageResult) -> PageRow:
    """The catalog's row of a page read: what the coordinator stores of a worker's result."""
    return PageRow(
        doc_id=doc_id,
        number=result.number,
        source=result.source,
        text=result.text,
        skew_deg=result.skew_deg,
        confidence=result.confidence,
        steps=result.steps,
        orientation=result.orientation,
        orientation_confidence=result.orientation_confidence,
        dpi=result.dpi,
        syllable_share=quality.syllable_share(result.text) if _in_vietnamese(result) else None,
        script=result.script,
        languages=result.languages,
        flags=result.flags,
        header_again=result.header.header_again if result.header else None,
        handwritten=tuple(sorted(result.header.handwritten)) if result.header else (),
        handwritten_read=tuple(r.to_dict() for r in result.header.readings) if result.header else (),
    )


def _in_vietnamese(result: PageResult) -> bool:
    """Whether the syllable check applies: a Latin page in Vietnamese, not one found in French or another."""
    return result.script == LATIN and (not result.languages or result.languages[0] == VIETNAMESE)


def _lost_page(task: _PageTask, reason: str) -> _PageOutcome:
    return _PageOutcome(task.doc_id, task.number, None, (), None, f"page {task.number}: {reason}")


def _write_layout(task: _PageTask, recognized: OcrPage, shape: tuple[int, ...], source: str) -> dict[Path, str]:
    """The page's words with their boxes as ALTO and hOCR, beside the image they point into; their SHA-256s.
    An illustration (a photograph, a map) has an ALTO file of one ``Illustration`` block, and no hOCR."""
    height, width = shape[:2]
    image_name = task.archive.page_image_path(task.doc_id, task.number).name
    alto_path = task.archive.page_alto_path(task.doc_id, task.number)
    hocr_path = task.archive.page_hocr_path(task.doc_id, task.number)
    illustration = source == ILLUSTRATION
    page_alto = alto.to_xml(recognized, width, height, image_name, number=task.number, illustration=illustration)
    files = {alto_path: write_text(alto_path, page_alto)}
    if not illustration:
        files[hocr_path] = write_text(hocr_path, hocr.to_xhtml(recognized, width, height, image_name, task.number))
    return files


def _finish(run: RunContext, document: Document, summary: BatchSummary) -> None:
    """The searchable PDF and the metadata from the whole text, written beside the pages; the document is then done.

    Its file is checked first against the SHA-256 it was planned under: pages read from a file replaced meanwhile
    fail the document, which the next run reads again under the new file's identity. The PDF comes before the
    metadata: a run killed between the two finishes the document again.
    """
    try:
        check_unchanged(document)
    except DigitizeError as error:
        fail_changed(run, document, error.reason)
        summary.failures.append(Failure(document.source_path, error.reason))
        return
    summary.documents += 1
    for conflict in reapply_corrections(run.catalog, run.archive, document):
        _log.warning(
            "%s: %s: an archivist's correction no longer matches the page's new reading; it is kept in the "
            "catalog, not applied (digitize audit %s)",
            document.source_path,
            conflict,
            document.id,
        )
    pages = run.catalog.pages.of_document(document.id)
    run.catalog.documents.record_files(document.id, write_document_pdf(run.archive, document, pages, run.settings.pdfa))
    write_description(run.catalog, run.archive, document, pages)
