"""Running the digitize stages over a batch of files, resumably.

The unit of work is a page: a 300-page register keeps both cores busy, and a
run killed halfway resumes at the first unfinished page. Workers read, clean
and OCR a page and write its image and text into the archive; the main process
alone writes the catalog, then extracts metadata once a document's last page
is in, then indexes. A file that cannot be read fails alone, named with its
reason, and the batch goes on.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from digitize import alto, hocr, ingest, ocr, quality
from digitize.errors import DigitizeError
from digitize.page import process_page
from digitize.provenance import StageLog, StageRun, package_version
from pipelines.archive.catalog import Catalog, Document, PageRow
from pipelines.archive.layout import PAGE_IMAGE_QUALITY, Archive, write_image, write_text
from pipelines.batch.description import write_description
from pipelines.batch.document_pdf import write_document_pdf
from pipelines.batch.executors import Executor, LocalExecutor
from pipelines.batch.indexing import index_pending


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

    def add(self, other: BatchSummary) -> None:
        self.documents += other.documents
        self.pages += other.pages
        self.skipped += other.skipped
        self.indexed += other.indexed
        self.failures.extend(other.failures)


@dataclass(frozen=True)
class _PageTask:
    doc_id: str
    path: Path
    number: int
    options: ocr.OcrOptions
    archive: Archive


@dataclass(frozen=True)
class _PageOutcome:
    """A page's result as the worker hands it back; ``stage`` names the stage that failed, if one did."""

    doc_id: str
    number: int
    row: PageRow | None
    stages: tuple[StageRun, ...]
    stage: str | None = None
    error: str | None = None
    files: dict[str, str] = field(default_factory=dict)  # written: path in the archive → SHA-256


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the source files under folders named, in a stable order.

    Files named directly are taken whatever their suffix, so a wrong type is
    reported rather than silently skipped; inside folders only known suffixes count.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in ingest.SOURCE_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def run_batch(
    paths: Iterable[Path],
    collection: str,
    archive: Archive,
    jobs: int = 1,
    options: ocr.OcrOptions = ocr.DEFAULT_OPTIONS,
    pdfa: bool = False,
    show_progress: bool = True,
    executor: Executor | None = None,
) -> BatchSummary:
    """Digitize ``paths`` into ``collection``: on ``jobs`` local processes unless another ``executor`` is given.

    ``pdfa`` makes each document's PDF a PDF/A-2b file, for deposit in a long-term archive.
    """
    executor = executor or LocalExecutor(jobs)
    ocr.check_engine(options.lang)
    summary = BatchSummary()
    with Catalog(archive.catalog_path) as catalog:
        catalog.collections.ensure(collection)
        tasks, documents = _plan(discover(paths), collection, archive, options, catalog, summary)
        bar = tqdm(total=len(tasks), unit="page", desc="digitizing", disable=not show_progress)
        remaining = dict.fromkeys(documents, 0) | Counter(task.doc_id for task in tasks)
        failed: set[str] = set()
        # Documents whose pages were all done by an earlier, killed run.
        for doc_id in [doc_id for doc_id, left in remaining.items() if left == 0]:
            _finish(catalog, archive, documents[doc_id], pdfa)
            summary.documents += 1
        with bar:
            for outcome in executor.run(_run_page, _started(catalog, tasks), _lost_page):
                bar.update()
                document = documents[outcome.doc_id]
                if outcome.error is not None:
                    catalog.pages.fail(document.id, outcome.number, outcome.stage, outcome.error, outcome.stages)
                    if document.id not in failed:
                        failed.add(document.id)
                        catalog.documents.fail(document.id, "pages", outcome.error)
                        summary.failures.append(Failure(document.source_path, outcome.error))
                else:
                    # Checksums first: a run killed between the two redoes the page and records them again.
                    catalog.documents.record_files(document.id, outcome.files)
                    catalog.pages.save(outcome.row, document.page_count, outcome.stages)
                    summary.pages += 1
                remaining[document.id] -= 1
                if remaining[document.id] == 0 and document.id not in failed:
                    _finish(catalog, archive, document, pdfa)
                    summary.documents += 1
        summary.indexed = index_pending(catalog, archive)
        # Dated snapshots keep each collection's real history for the progress chart.
        for name in {collection, *(document.collection for document in documents.values())}:
            catalog.progress.save_snapshot(name)
    return summary


def retry_unfinished(
    archive: Archive,
    jobs: int = 1,
    options: ocr.OcrOptions = ocr.DEFAULT_OPTIONS,
    pdfa: bool = False,
    show_progress: bool = True,
    executor: Executor | None = None,
) -> BatchSummary:
    """Run every failed or unfinished document of the archive again, from its source file, in its own collection."""
    with Catalog(archive.catalog_path) as catalog:
        unfinished = [document for document in catalog.documents.all() if document.status != "done"]
    by_collection: dict[str, list[Path]] = {}
    for document in unfinished:
        by_collection.setdefault(document.collection, []).append(Path(document.source_path))
    summary = BatchSummary()
    for collection, paths in sorted(by_collection.items()):
        summary.add(run_batch(paths, collection, archive, jobs, options, pdfa, show_progress, executor))
    return summary


def _plan(
    files: list[Path],
    collection: str,
    archive: Archive,
    options: ocr.OcrOptions,
    catalog: Catalog,
    summary: BatchSummary,
) -> tuple[list[_PageTask], dict[str, Document]]:
    """Register new files and list the pages still to do; finished documents are skipped."""
    tasks: list[_PageTask] = []
    documents: dict[str, Document] = {}
    # Absolute paths: a worker may run in another folder, or on another machine sharing the filesystem.
    worker_archive = Archive(archive.root.absolute())
    for path in files:
        sha = known = None
        try:
            sha = _sha256(path)
            known = catalog.documents.by_sha(sha)
            if (known is not None and known.status == "done") or sha[:16] in documents:  # done, or a copy in this batch
                summary.skipped += 1
                continue
            page_count = ingest.count_pages(path)
            if page_count == 0:
                raise DigitizeError(path, "has no pages")
        except DigitizeError as error:
            summary.failures.append(Failure(str(path), error.reason))
            if sha is not None:  # kept in the catalog, so `digitize status` lists it and `retry` tries it again
                doc_id = sha[:16]
                catalog.documents.register(doc_id, sha, str(path), known.collection if known else collection, 0)
                catalog.documents.fail(doc_id, "read", error.reason)
            continue
        doc_id = sha[:16]
        catalog.documents.register(doc_id, sha, str(path), known.collection if known else collection, page_count)
        _forget_replaced(catalog, archive, path, doc_id)
        catalog.pages.plan(doc_id, page_count)
        documents[doc_id] = catalog.documents.get(doc_id)
        done = catalog.pages.done_numbers(doc_id)
        tasks.extend(
            _PageTask(doc_id, path.absolute(), number, options, worker_archive)
            for number in range(1, page_count + 1)
            if number not in done
        )
    return tasks, documents


def _forget_replaced(catalog: Catalog, archive: Archive, path: Path, doc_id: str) -> None:
    """A failed document whose file at ``path`` was replaced (say by a new scan) gives way to the new one."""
    for old in catalog.documents.failed_at(str(path)):
        if old.id != doc_id:
            catalog.documents.forget(old.id)
            shutil.rmtree(archive.document_dir(old.id), ignore_errors=True)


def _sha256(path: Path) -> str:
    if not path.is_file():
        raise DigitizeError(path, "no such file" if not path.exists() else "not a regular file")
    try:
        return ingest.sha256_file(path)
    except OSError as error:
        raise DigitizeError(path, f"cannot be read ({error.strerror})") from None


def _started(catalog: Catalog, tasks: list[_PageTask]) -> Iterator[_PageTask]:
    """The tasks, each marked running (one attempt more) as the executor takes it."""
    for task in tasks:
        catalog.pages.start(task.doc_id, task.number)
        yield task


def _run_page(task: _PageTask) -> _PageOutcome:
    """Worker side: one page read, cleaned, OCR'd and written into the archive."""
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
            if result.recognized is not None:
                files |= _write_layout(task, result.recognized, result.image.shape)
    except DigitizeError as error:
        return _PageOutcome(task.doc_id, task.number, None, tuple(log.runs), log.current, error.reason)
    except Exception as error:  # a bug or a library failure on one page must not end the batch
        reason = f"page {task.number}: {type(error).__name__}: {error}"
        return _PageOutcome(task.doc_id, task.number, None, tuple(log.runs), log.current, reason)
    row = PageRow(
        doc_id=task.doc_id,
        number=task.number,
        source=result.source,
        text=result.text,
        skew_deg=result.skew_deg,
        confidence=result.confidence,
        steps=result.steps,
        orientation=result.orientation,
        orientation_confidence=result.orientation_confidence,
        dpi=result.dpi,
        syllable_share=quality.syllable_share(result.text),
    )
    files_written = {task.archive.relative(path): sha for path, sha in files.items()}
    return _PageOutcome(task.doc_id, task.number, row, tuple(log.runs), files=files_written)


def _lost_page(task: _PageTask, reason: str) -> _PageOutcome:
    return _PageOutcome(task.doc_id, task.number, None, (), None, f"page {task.number}: {reason}")


def _write_layout(task: _PageTask, recognized: ocr.OcrResult, shape: tuple[int, ...]) -> dict[Path, str]:
    """The page's words with their boxes as ALTO and hOCR, beside the image they point into; their SHA-256s."""
    height, width = shape[:2]
    image_name = task.archive.page_image_path(task.doc_id, task.number).name
    alto_path = task.archive.page_alto_path(task.doc_id, task.number)
    hocr_path = task.archive.page_hocr_path(task.doc_id, task.number)
    return {
        alto_path: write_text(alto_path, alto.to_xml(recognized, width, height, image_name, number=task.number)),
        hocr_path: write_text(hocr_path, hocr.to_xhtml(recognized, width, height, image_name, number=task.number)),
    }


def _finish(catalog: Catalog, archive: Archive, document: Document, pdfa: bool) -> None:
    """The searchable PDF and the metadata from the whole text, written beside the pages; the document is then done.

    The PDF comes first: a run killed between the two finishes the document again.
    """
    pages = catalog.pages.of_document(document.id)
    catalog.documents.record_files(document.id, write_document_pdf(archive, document, pages, pdfa))
    write_description(catalog, archive, document, pages)
