"""A finished document's searchable PDF, assembled from what the archive already holds.

The page images and the ALTO files the workers wrote are enough: no page is
read twice. A page that kept its PDF text layer has that text laid over it
unaligned; a blank page is only its image.
"""

from __future__ import annotations

import shutil

from digitize import alto
from digitize.ingest import RENDER_DPI
from digitize.labels import document_label
from digitize.metadata import Metadata, dublin_core
from digitize.pdf import CHUNKS_PREFIX, PdfPage, replace_page, write_pdf
from digitize.pdf_description import PdfDescription, read_description, redescribe
from pipelines.archive.catalog import Document, PageRow
from pipelines.archive.layout import Archive, write_stream


def write_document_pdf(
    archive: Archive, document: Document, pages: list[PageRow], pdfa: bool = False
) -> dict[str, str]:
    """Write ``document.pdf`` (PDF/A-2b when ``pdfa``) from the pages' images and ALTO files; its path and SHA-256."""
    pdf_pages = [pdf_page(archive, document.id, page) for page in pages]
    path = archive.pdf_path(document.id)
    for left in path.parent.glob(f"{CHUNKS_PREFIX}*"):  # a killed run's chunks; one writer per archive
        shutil.rmtree(left, ignore_errors=True)
    # Streamed to the file, its chunks drawn in a hidden folder beside it: a bound volume never sits in memory.
    sha256 = write_stream(path, lambda out: write_pdf(pdf_pages, out, pdfa=pdfa, scratch=path.parent))
    return {archive.relative(path): sha256}


def rewrite_page(archive: Archive, document: Document, page: PageRow, pdfa: bool = False) -> dict[str, str]:
    """Draw one page of ``document.pdf`` anew (its text corrected), the others copied as they are; path and SHA-256."""
    path = archive.pdf_path(document.id)
    sha256 = write_stream(
        path, lambda out: replace_page(path, page.number, pdf_page(archive, document.id, page), out, pdfa)
    )
    return {archive.relative(path): sha256}


def describe_document_pdf(archive: Archive, document: Document, metadata: Metadata) -> dict[str, str]:
    """Give ``document.pdf`` the title, authors and subject ``metadata`` now says, unless it says them already; its
    path and SHA-256 when it was written. The PDF is drawn before the document is described, and described again
    whenever the description changes (a desk correction, an imported catalog row)."""
    path = archive.pdf_path(document.id)
    wanted = pdf_description(document, metadata)
    if not path.is_file() or read_description(path) == wanted:
        return {}
    return {archive.relative(path): write_stream(path, lambda out: redescribe(path, wanted, out))}


def pdf_description(document: Document, metadata: Metadata) -> PdfDescription:
    """The PDF's title is the document's label, as the reading room names it (never the server's path)."""
    title = document_label(
        metadata.title.value or "",
        metadata.type.value or "",
        metadata.number.value or "",
        document.source_path,
        document.id,
    )
    authors = tuple(name for name in (metadata.author.value, metadata.agency.value) if name)
    return PdfDescription(title, authors, metadata.summary.value or "", dublin_core.LANGUAGE)


def pdf_page(archive: Archive, doc_id: str, page: PageRow) -> PdfPage:
    image = archive.page_image_path(doc_id, page.number)
    dpi = page.dpi or RENDER_DPI
    alto_path = archive.page_alto_path(doc_id, page.number)
    # Pages OCR'd by a version that wrote no ALTO get their text unplaced, like a PDF's own layer.
    if page.source == "ocr" and alto_path.is_file():
        return PdfPage(image, dpi, recognized=alto.read_page(alto_path.read_text(encoding="utf-8")))
    return PdfPage(image, dpi, loose_text=page.text)
