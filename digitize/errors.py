"""Typed errors: every failure names the file it concerns and the reason.

The CLI prints ``str(error)`` as one line and exits non-zero; the batch runner
records it against the document and moves on to the next file.
"""

from __future__ import annotations

from pathlib import Path


class DigitizeError(Exception):
    """Base of every error this project raises on purpose."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class UnsupportedFileError(DigitizeError):
    """The file is of a type the pipeline does not read."""


class CorruptFileError(DigitizeError):
    """The file claims a known type but cannot be decoded."""


class EncryptedFileError(DigitizeError):
    """A password-protected PDF."""


class ImageTooLargeError(DigitizeError):
    """A page image beyond the pixel limit that keeps a worker's memory bounded."""


class OcrEngineError(DigitizeError):
    """Tesseract is missing, lacks a language, or failed on a page."""


class ArchiveError(DigitizeError):
    """The archive folder or its catalog is unusable, or a request contradicts it."""


class MetadataImportError(DigitizeError):
    """A catalog CSV that cannot be imported as a whole: unreadable, or with columns that are not fields."""


class ExportError(DigitizeError):
    """An export refused: its target is in use, or a file to export changed, went missing or has no checksum."""


class ExecutorError(DigitizeError):
    """The cluster that runs the pages cannot be reached, or dropped the work; the path is the scheduler's address."""


class DiskFullError(ArchiveError):
    """No space left under the archive: the path is the archive's folder, the reason the space needed."""
