"""A file's metadata as ``digitize metadata FILE`` gives it: every page read, the first page's header read again
by the other engine and its handwritten number and day found, the text extracted with all of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digitize.handwriting import handwritten_fields
from digitize.metadata import Metadata, extract
from digitize.ocr.options import DEFAULT_OPTIONS, OcrOptions
from digitize.ocr.second_reading import reread_header
from digitize.page import process_file


@dataclass(frozen=True)
class FileReading:
    """What the extractor is given of a file: its text, and what only its first page's image can tell."""

    text: str  # every page, separated by a blank line
    header_again: str | None = None  # None when the first page was not OCR'd (a text layer, a blank page)
    handwritten: frozenset[str] = frozenset()  # "number", "day"


def read_file(path: Path, options: OcrOptions = DEFAULT_OPTIONS) -> FileReading:
    """Every page of ``path`` read; the first page's header read again, its handwritten number and day found."""
    pages = process_file(path, options, keep_pixels=(1,))
    text = "\n\n".join(page.text for page in pages)
    first = pages[0] if pages else None
    if first is None or first.source != "ocr" or first.recognized is None:
        return FileReading(text)
    return FileReading(text, reread_header(first.image, options), handwritten_fields(first.image, first.recognized))


def file_metadata(path: Path, options: OcrOptions = DEFAULT_OPTIONS) -> Metadata:
    """The metadata of an image or PDF file."""
    found = read_file(path, options)
    return extract(found.text, header_again=found.header_again, handwritten=found.handwritten)
