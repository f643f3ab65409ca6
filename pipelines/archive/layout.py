"""Where things live in an archive folder.

    ARCHIVE/
      catalog.sqlite              documents, pages, stages, collections, the SHA-256 of every file below
      index/                      the search index of pages (tantivy)
      documents/<doc_id>/
        metadata.json             metadata, each field with its confidence and provenance
        dublin-core.xml           the same as Dublin Core (oai_dc)
        mets.xml                  METS: every file below with its SHA-256, by page; the description; provenance
        page-0001.txt             text of page 1 (UTF-8, NFC)
        page-0001.jpg             the page as OCR saw it: deskewed and cleaned
        page-0001.alto.xml        its words with boxes and confidences, ALTO v4 (OCR'd pages)
        page-0001.hocr            the same as hOCR
        document.pdf              searchable PDF: the page images under an invisible text layer

Every file is written to a temporary name and renamed, so a killed run never
leaves half a file behind. Each writer returns the SHA-256 of the bytes it
wrote, which the catalog keeps (its ``files`` table) for ``digitize verify``
and ``digitize export bagit``: the checksum is of the bytes as they are handed
to the file (hashed on the way for a document's PDF, too big to hold), not
read back, so a file damaged on disk later can never be recorded as sound.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import cv2
import numpy as np

from digitize.alto import read_page
from digitize.errors import ArchiveError
from digitize.file_kinds import ALTO, DUBLIN_CORE, FILE_KINDS, HOCR, IMAGE, METADATA, PDF, TEXT
from digitize.ocr.page import OcrPage
from pipelines.archive.catalog import check_catalog_file

ENV_VAR = "DIGITIZE_ARCHIVE"


def default_root() -> Path:
    """``$DIGITIZE_ARCHIVE`` when set, else ``./archive``."""
    return Path(os.environ.get(ENV_VAR) or "archive")


@dataclass(frozen=True)
class Archive:
    root: Path

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.sqlite"

    def existing_catalog_path(self) -> Path:
        """The catalog's path; an ArchiveError when there is none, or it is empty or damaged.

        Commands which only read must neither make a catalog nor take an empty
        file for an archive with nothing in it.
        """
        if not self.catalog_path.is_file():
            raise ArchiveError(self.root, "no archive here (no catalog.sqlite)")
        check_catalog_file(self.catalog_path)
        return self.catalog_path

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def documents_dir(self) -> Path:
        return self.root / "documents"

    @property
    def output_dirs(self) -> tuple[Path, Path]:
        """The folders the pipeline writes: never to be read back as input."""
        return self.documents_dir, self.index_dir

    def document_dir(self, doc_id: str) -> Path:
        return self.documents_dir / doc_id

    def file_path(self, doc_id: str, kind: str, page: int = 0) -> Path | None:
        """The file of ``kind`` (``digitize.file_kinds``) of a document (``page`` 0) or of its page; None for a
        kind there is none of."""
        found = FILE_KINDS.get(kind)
        return self.document_dir(doc_id) / found.file_name(page) if found else None

    def page_text_path(self, doc_id: str, number: int) -> Path:
        return self.document_dir(doc_id) / TEXT.file_name(number)

    def page_image_path(self, doc_id: str, number: int) -> Path:
        return self.document_dir(doc_id) / IMAGE.file_name(number)

    def page_alto_path(self, doc_id: str, number: int) -> Path:
        return self.document_dir(doc_id) / ALTO.file_name(number)

    def page_words(self, doc_id: str, number: int) -> OcrPage | None:
        """An OCR'd page's words with their boxes, read back from its ALTO; None for a page without one."""
        try:
            xml = self.page_alto_path(doc_id, number).read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return None
        return read_page(xml)

    def page_hocr_path(self, doc_id: str, number: int) -> Path:
        return self.document_dir(doc_id) / HOCR.file_name(number)

    def pdf_path(self, doc_id: str) -> Path:
        return self.document_dir(doc_id) / PDF.file_name()

    def metadata_path(self, doc_id: str) -> Path:
        return self.document_dir(doc_id) / METADATA.file_name()

    def dublin_core_path(self, doc_id: str) -> Path:
        return self.document_dir(doc_id) / DUBLIN_CORE.file_name()

    def mets_path(self, doc_id: str) -> Path:
        return self.document_dir(doc_id) / "mets.xml"

    def relative(self, path: Path) -> str:
        """``path`` as the catalog records it: relative to the archive's root, with forward slashes."""
        return path.relative_to(self.root).as_posix()


def write_text(path: Path, text: str) -> str:
    return write_bytes(path, text.encode("utf-8"))


#: JPEG quality of the page images kept for viewing: a cleaned 300-DPI page is
#: ~1 MB instead of ~5 MB as PNG. The source scans remain the masters.
PAGE_IMAGE_QUALITY = 75
#: Huffman tables made for each image (the same pixels): real A4 scans 5% smaller for ~30 ms more, a blank
#: page a third of the size (34 KB instead of 103 KB), and so is each document's PDF that embeds them.
_JPEG_SETTINGS = [cv2.IMWRITE_JPEG_QUALITY, PAGE_IMAGE_QUALITY, cv2.IMWRITE_JPEG_OPTIMIZE, 1]


def write_image(path: Path, image: np.ndarray) -> str:
    ok, encoded = cv2.imencode(".jpg", image, _JPEG_SETTINGS)
    if not ok:
        raise OSError(f"{path}: JPEG encoding failed")
    return write_bytes(path, encoded.tobytes())


def write_bytes(path: Path, data: bytes) -> str:
    """Write ``data`` to ``path`` atomically; return its SHA-256 (hex), for the catalog's fixity records."""
    return write_stream(path, lambda out: out.write(data))


def write_stream(path: Path, write: Callable[[BinaryIO], object]) -> str:
    """Write to ``path`` atomically what ``write`` writes to the stream it is given; return its SHA-256 (hex).

    For files too big to hold in memory (a document's PDF): the checksum is
    still of the bytes as they were handed to the file, hashed on their way.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as file:
            hashing = _HashingWriter(file)
            write(hashing)
        os.replace(partial, path)
    except BaseException:  # a full disk, a failed writer: no half-written file is left behind
        partial.unlink(missing_ok=True)
        raise
    return hashing.sha256.hexdigest()


class _HashingWriter(io.RawIOBase):
    """A write-only, forward-only stream that hashes what passes through it to ``file``."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self.sha256 = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self.sha256.update(data)
        return self._file.write(data)
