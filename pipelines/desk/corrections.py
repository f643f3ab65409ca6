"""Corrections at the archivist's desk: a metadata field or a line of text set by a person, and undone.

Each change is one catalog transaction that stores it with its audit record
(who, when, what, before, after), then the document's files are made again
from the catalog and the corrected page model: the page's text, ALTO and hOCR
for a line, the searchable PDF, metadata.json, Dublin Core and METS, with
their checksums recorded for ``verify``, and the document indexed again.

A correction is stored apart from the machine's reading (``line_corrections``
keeps the machine's words of each corrected line), so a page read again by a
later run gets its corrections laid over the new reading where that reading
still says what the machine said before, and is listed as a conflict where it
does not: a new reading never overwrites a person's work silently.

Changes wait for a running batch: the archive's writer lock is taken, and a
busy archive is an ``ArchiveBusyError`` (try again once the run is over).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pikepdf
from PIL import Image

from digitize import alto, hocr
from digitize.errors import ArchiveError
from digitize.metadata import FIELD_NAMES, Metadata
from digitize.ocr.line_text import refit, with_line
from digitize.ocr.page import Line, OcrPage, Word
from digitize.textnorm import normalize
from pipelines.archive.catalog import AuditRecord, Catalog, Document, LineCorrection
from pipelines.archive.layout import Archive, write_text
from pipelines.archive.lock import writer_lock
from pipelines.batch.description import ARCHIVIST, write_description
from pipelines.batch.document_pdf import rewrite_page, write_document_pdf
from pipelines.batch.indexing import index_pending
from pipelines.imports.metadata import parse_field_value

FIELD = "field:"
LINE = "line:"


def correct_field(archive: Archive, doc_id: str, name: str, value: str, author: str) -> Metadata:
    """Set field ``name`` of a finished document to ``value`` as typed by ``author``; its new description."""
    if name not in FIELD_NAMES:
        raise ArchiveError(None, f"no metadata field {name!r}: fields are {', '.join(FIELD_NAMES)}")
    try:
        parsed = parse_field_value(name, normalize(value).strip())
    except ValueError as error:
        raise ArchiveError(None, str(error)) from None
    with _desk(archive) as catalog:
        document = _finished(catalog, doc_id)
        return _set_field(catalog, archive, document, name, parsed, ARCHIVIST + author, author)


def correct_line(archive: Archive, doc_id: str, number: int, line_id: str, text: str, author: str) -> Line:
    """Give line ``line_id`` (its ALTO ``TextLine`` ID) of page ``number`` the text ``author`` typed; the new line."""
    text = " ".join(normalize(text).split())
    if not text:
        raise ArchiveError(None, "a line's text needs at least one word")
    with _desk(archive) as catalog:
        document = _finished(catalog, doc_id)
        return _set_line(catalog, archive, document, number, line_id, text, author, author)


def undo(archive: Archive, record_id: int, author: str) -> AuditRecord:
    """Give back what change ``record_id`` replaced, as a change of its own by ``author``; the new record."""
    with _desk(archive) as catalog:
        record = catalog.audit.get(record_id)
        if record is None:
            raise ArchiveError(None, f"no change {record_id} in the audit trail")
        document = _finished(catalog, record.doc_id)
        before = json.loads(record.before) if record.before is not None else None
        if record.target.startswith(FIELD):
            name = record.target.removeprefix(FIELD)
            _set_field(catalog, archive, document, name, before, record.before_source, author, record.id)
        else:
            number, line_id = _line_target(record.target)
            source = record.before_source
            _set_line(
                catalog,
                archive,
                document,
                number,
                line_id,
                before,
                source and source.removeprefix(ARCHIVIST),
                author,
                record.id,
            )
        return catalog.audit.entries(document.id)[-1]


def reapply_corrections(catalog: Catalog, archive: Archive, document: Document) -> list[str]:
    """Lay the document's stored corrections over its pages as they are read now; the lines that could not be
    (the page's new reading no longer says what the machine said when the person corrected it), each as
    ``page N LINE_ID``.

    Called when a batch finishes a document, before its PDF and description are written: a page read again
    (``repair``) comes back as the machine reads it.
    """
    conflicts = []
    for number in sorted(catalog.corrections.pages(document.id)):
        reading = archive.page_words(document.id, number)
        if reading is None:
            continue
        where = alto.line_ids(reading)
        changed = False
        for correction in catalog.corrections.of_page(document.id, number):
            block, index = where.get(correction.line_id, (None, None))
            line = reading.blocks[block].lines[index] if block is not None else None
            if line is not None and line.text == correction.text:
                continue
            if line is None or line.text != " ".join(word[0] for word in json.loads(correction.machine_words)):
                conflicts.append(f"page {number} {correction.line_id}")
                continue
            reading, changed = with_line(reading, block, index, refit(line, correction.text)), True
        if changed:
            _write_page_files(catalog, archive, document, number, reading)
    return conflicts


@contextmanager
def _desk(archive: Archive) -> Iterator[Catalog]:
    catalog_path = archive.existing_catalog_path()
    with writer_lock(archive.root), Catalog(catalog_path) as catalog:
        yield catalog


def _finished(catalog: Catalog, doc_id: str) -> Document:
    document = catalog.documents.get(doc_id)
    if document is None:
        raise ArchiveError(None, f"no document {doc_id!r}")
    if document.status != "done":
        raise ArchiveError(None, f"document {doc_id} is not finished: it can be corrected once it is")
    return document


def _set_field(
    catalog: Catalog,
    archive: Archive,
    document: Document,
    name: str,
    value: object,
    source: str | None,
    author: str,
    undoes: int | None = None,
) -> Metadata:
    """Field ``name`` set to ``value`` from ``source`` (None: back to the extractor's), audited, files remade."""
    before = catalog.documents.metadata(document.id).fields()[name].value
    before_source = catalog.overrides.sources(document.id).get(name)
    with catalog.transaction() as db:
        if source is None:
            catalog.overrides.drop(db, document.id, name)
        else:
            catalog.overrides.save(document.id, {name: value}, source, db=db)
        catalog.audit.record(db, author, document.id, FIELD + name, _json(before), _json(value), before_source, undoes)
    described = write_description(catalog, archive, document)
    _index_again(catalog, archive, document)
    return described


def _set_line(
    catalog: Catalog,
    archive: Archive,
    document: Document,
    number: int,
    line_id: str,
    text: str | None,
    corrected_by: str | None,
    author: str,
    undoes: int | None = None,
) -> Line:
    """Line ``line_id`` set to ``text`` as ``corrected_by``'s (None: back to the machine's words), audited, the
    page's and the document's files remade."""
    reading = archive.page_words(document.id, number)
    if reading is None:
        raise ArchiveError(None, f"page {number} of {document.id} was not read by OCR: it has no lines to correct")
    block, index = alto.line_ids(reading).get(line_id, (None, None))
    if block is None:
        raise ArchiveError(None, f"page {number} of {document.id} has no line {line_id!r}")
    line = reading.blocks[block].lines[index]
    stored = catalog.corrections.get(document.id, number, line_id)
    machine_words = stored.machine_words if stored else _words_json(line)
    before_source = ARCHIVIST + stored.author if stored else None
    if text is None or corrected_by is None:
        new = Line(tuple(Word(*word) for word in json.loads(machine_words)))
    else:
        new = refit(line, text)
    with catalog.transaction() as db:
        if text is None or corrected_by is None:
            catalog.corrections.drop(db, document.id, number, line_id)
        else:
            catalog.corrections.put(db, LineCorrection(document.id, number, line_id, text, machine_words, corrected_by))
        target = f"{LINE}{number}:{line_id}"
        catalog.audit.record(db, author, document.id, target, _json(line.text), _json(new.text), before_source, undoes)
    _write_page_files(catalog, archive, document, number, with_line(reading, block, index, new))
    pages = catalog.pages.of_document(document.id)
    [row] = [page for page in pages if page.number == number]
    pdfa = _is_pdfa(archive, document.id)
    if archive.pdf_path(document.id).is_file():
        catalog.documents.record_files(document.id, rewrite_page(archive, document, row, pdfa))
    else:
        catalog.documents.record_files(document.id, write_document_pdf(archive, document, pages, pdfa))
    write_description(catalog, archive, document, pages)
    _index_again(catalog, archive, document)
    return new


def _write_page_files(catalog: Catalog, archive: Archive, document: Document, number: int, reading: OcrPage) -> None:
    """The page's text, ALTO and hOCR from ``reading``, and its text in the catalog."""
    image = archive.page_image_path(document.id, number)
    with Image.open(image) as opened:
        width, height = opened.size
    alto_path, hocr_path = archive.page_alto_path(document.id, number), archive.page_hocr_path(document.id, number)
    text_path = archive.page_text_path(document.id, number)
    written = {
        alto_path: write_text(alto_path, alto.to_xml(reading, width, height, image.name, number=number)),
        hocr_path: write_text(hocr_path, hocr.to_xhtml(reading, width, height, image.name, number)),
        text_path: write_text(text_path, reading.text + "\n"),
    }
    catalog.documents.record_files(document.id, {archive.relative(path): sha for path, sha in written.items()})
    catalog.pages.set_text(document.id, number, reading.text)


def _index_again(catalog: Catalog, archive: Archive, document: Document) -> None:
    catalog.documents.set_stage(document.id, "index", "pending")
    index_pending(catalog, archive)


def _is_pdfa(archive: Archive, doc_id: str) -> bool:
    """Whether the document's PDF was written as PDF/A, so that it is written so again."""
    try:
        with pikepdf.open(archive.pdf_path(doc_id)) as pdf:
            return bool(pdf.open_metadata().pdfa_status)
    except (OSError, pikepdf.PdfError):
        return False


def _words_json(line: Line) -> str:
    return json.dumps([[w.text, w.confidence, w.left, w.top, w.width, w.height] for w in line.words])


def _line_target(target: str) -> tuple[int, str]:
    number, line_id = target.removeprefix(LINE).split(":", 1)
    return int(number), line_id


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
