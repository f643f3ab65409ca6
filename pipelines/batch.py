"""Running the digitize stages over a batch of files, resumably.

The unit of work is a page: a 300-page register keeps both cores busy, and a
run killed halfway resumes at the first unfinished page. Workers read, clean
and OCR a page and write its image and text into the archive; the main process
alone writes the catalog, then extracts metadata once a document's last page
is in, then indexes. A file that cannot be read fails alone, named with its
reason, and the batch goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from digitize import alto, hocr, ingest, ocr, quality
from digitize.errors import DigitizeError
from digitize.page import process_page
from pipelines.archive import Archive, write_image, write_text
from pipelines.catalog import Catalog, Document, PageRow
from pipelines.description import write_description
from pipelines.document_pdf import write_document_pdf
from pipelines.executors import Executor, LocalExecutor
from pipelines.indexing import index_pending


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


@dataclass(frozen=True)
class _PageTask:
    doc_id: str
    path: Path
    number: int
    lang: str
    archive: Archive


@dataclass(frozen=True)
class _PageOutcome:
    doc_id: str
    row: PageRow | None
    error: str | None


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
    lang: str = ocr.DEFAULT_LANG,
    show_progress: bool = True,
    executor: Executor | None = None,
) -> BatchSummary:
    """Digitize ``paths`` into ``collection``: on ``jobs`` local processes unless another ``executor`` is given."""
    executor = executor or LocalExecutor(jobs)
    ocr.check_engine(lang)
    summary = BatchSummary()
    with Catalog(archive.catalog_path) as catalog:
        catalog.ensure_collection(collection)
        tasks, documents = _plan(discover(paths), collection, archive, lang, catalog, summary)
        bar = tqdm(total=len(tasks), unit="page", desc="digitizing", disable=not show_progress)
        remaining = dict.fromkeys(documents, 0) | Counter(task.doc_id for task in tasks)
        failed: set[str] = set()
        # Documents whose pages were all done by an earlier, killed run.
        for doc_id in [doc_id for doc_id, left in remaining.items() if left == 0]:
            _finish(catalog, archive, documents[doc_id])
            summary.documents += 1
        with bar:
            for outcome in executor.run(_run_page, tasks, _lost_page):
                bar.update()
                document = documents[outcome.doc_id]
                if outcome.error is not None:
                    if document.id not in failed:
                        failed.add(document.id)
                        catalog.fail_document(document.id, "pages", outcome.error)
                        summary.failures.append(Failure(document.source_path, outcome.error))
                else:
                    catalog.save_page(outcome.row, document.page_count)
                    summary.pages += 1
                remaining[document.id] -= 1
                if remaining[document.id] == 0 and document.id not in failed:
                    _finish(catalog, archive, document)
                    summary.documents += 1
        summary.indexed = index_pending(catalog, archive)
        # Dated snapshots keep each collection's real history for the progress chart.
        for name in {collection, *(document.collection for document in documents.values())}:
            catalog.save_snapshot(name)
    return summary


def _plan(
    files: list[Path], collection: str, archive: Archive, lang: str, catalog: Catalog, summary: BatchSummary
) -> tuple[list[_PageTask], dict[str, Document]]:
    """Register new files and list the pages still to do; finished documents are skipped."""
    tasks: list[_PageTask] = []
    documents: dict[str, Document] = {}
    # Absolute paths: a worker may run in another folder, or on another machine sharing the filesystem.
    worker_archive = Archive(archive.root.absolute())
    for path in files:
        try:
            sha = ingest.sha256_file(path) if path.is_file() else None
            if sha is None:
                raise DigitizeError(path, "no such file" if not path.exists() else "not a regular file")
            known = catalog.document_by_sha(sha)
            if known is not None and known.status == "done":
                summary.skipped += 1
                continue
            page_count = ingest.count_pages(path)
            if page_count == 0:
                raise DigitizeError(path, "has no pages")
        except DigitizeError as error:
            summary.failures.append(Failure(str(path), error.reason))
            continue
        doc_id = sha[:16]
        catalog.register_document(doc_id, sha, str(path), known.collection if known else collection, page_count)
        documents[doc_id] = catalog.document(doc_id)
        done = catalog.done_page_numbers(doc_id)
        tasks.extend(
            _PageTask(doc_id, path.absolute(), number, lang, worker_archive)
            for number in range(1, page_count + 1)
            if number not in done
        )
    return tasks, documents


def _run_page(task: _PageTask) -> _PageOutcome:
    """Worker side: one page read, cleaned, OCR'd and written into the archive."""
    try:
        result = process_page(task.path, task.number, lang=task.lang)
        write_image(task.archive.page_image_path(task.doc_id, task.number), result.image)
        write_text(task.archive.page_text_path(task.doc_id, task.number), result.text + "\n")
        if result.recognized is not None:
            _write_layout(task, result.recognized, result.image.shape)
    except DigitizeError as error:
        return _PageOutcome(task.doc_id, None, error.reason)
    except Exception as error:  # a bug or a library failure on one page must not end the batch
        return _PageOutcome(task.doc_id, None, f"page {task.number}: {type(error).__name__}: {error}")
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
    return _PageOutcome(task.doc_id, row, None)


def _lost_page(task: _PageTask, reason: str) -> _PageOutcome:
    return _PageOutcome(task.doc_id, None, f"page {task.number}: {reason}")


def _write_layout(task: _PageTask, recognized: ocr.OcrResult, shape: tuple[int, ...]) -> None:
    """The page's words with their boxes as ALTO and hOCR, beside the image they point into."""
    height, width = shape[:2]
    image_name = task.archive.page_image_path(task.doc_id, task.number).name
    alto_xml = alto.to_xml(recognized, width, height, image_name, number=task.number)
    write_text(task.archive.page_alto_path(task.doc_id, task.number), alto_xml)
    hocr_xhtml = hocr.to_xhtml(recognized, width, height, image_name, number=task.number)
    write_text(task.archive.page_hocr_path(task.doc_id, task.number), hocr_xhtml)


def _finish(catalog: Catalog, archive: Archive, document: Document) -> None:
    """The searchable PDF and the metadata from the whole text, written beside the pages; the document is then done.

    The PDF comes first: a run killed between the two finishes the document again.
    """
    pages = catalog.pages(document.id)
    write_document_pdf(archive, document, pages)
    write_description(catalog, archive, document, pages)
