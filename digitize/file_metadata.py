"""A file's metadata as ``digitize metadata FILE`` gives it: every page read, the first page's header read again
by the other engine, the text extracted with the two readings of the header checked against each other."""

from __future__ import annotations

from pathlib import Path

from digitize import ingest
from digitize.metadata import Metadata, extract
from digitize.ocr.options import DEFAULT_OPTIONS, OcrOptions
from digitize.ocr.second_reading import reread_header
from digitize.page import process_page


def read_file(path: Path, options: OcrOptions = DEFAULT_OPTIONS) -> tuple[str, str | None]:
    """The text of every page of ``path`` (pages separated by a blank line) and a second reading of the first
    page's header; None when the first page was not OCR'd (a PDF text layer is read exactly, a blank page has
    nothing to read again)."""
    pages = [process_page(path, number, options) for number in range(1, ingest.count_pages(path) + 1)]
    first = pages[0] if pages else None
    again = reread_header(first.image, options) if first is not None and first.source == "ocr" else None
    return "\n\n".join(page.text for page in pages), again


def file_metadata(path: Path, options: OcrOptions = DEFAULT_OPTIONS) -> Metadata:
    """The metadata of an image or PDF file."""
    text, header_again = read_file(path, options)
    return extract(text, header_again=header_again)
