"""A file's metadata as ``digitize metadata FILE`` gives it: every page read, the first page's header checked on
its image (``digitize.header_evidence``), the text extracted with it; as ``digitize run`` describes a document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digitize.header_evidence import HeaderEvidence, extract_with
from digitize.metadata import Metadata
from digitize.ocr.options import DEFAULT_OPTIONS, OcrOptions
from digitize.page import process_file, with_header_evidence


@dataclass(frozen=True)
class FileReading:
    """What the extractor is given of a file: its text, and what only its first page's image can tell."""

    text: str  # every page, separated by a blank line
    header: HeaderEvidence | None = None  # None when the first page was not OCR'd (a text layer, a blank page)


def read_file(path: Path, options: OcrOptions = DEFAULT_OPTIONS) -> FileReading:
    """Every page of ``path`` read; the first page's header checked on its image."""
    pages = process_file(path, options, keep_pixels=(1,))
    text = "\n\n".join(page.text for page in pages)
    return FileReading(text, with_header_evidence(pages[0], options).header if pages else None)


def file_metadata(path: Path, options: OcrOptions = DEFAULT_OPTIONS) -> Metadata:
    """The metadata of an image or PDF file."""
    found = read_file(path, options)
    return extract_with(found.text, found.header)
