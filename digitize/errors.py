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


class ArchiveBusyError(ArchiveError):
    """Another process is writing to the archive."""


class MetadataImportError(DigitizeError):
    """A catalog CSV that cannot be imported as a whole: unreadable, or with columns that are not fields."""


class ExportError(DigitizeError):
    """An export refused: its target is in use, or a file to export changed, went missing or has no checksum."""


class ExecutorError(DigitizeError):
    """The cluster that runs the pages cannot be reached, or dropped the work; the path is the scheduler's address."""


#: What a command that finds the disk full says, unless it can say how much space it needs (a run can).
DISK_FULL = "the disk is full: free space, then run the command again"


class DiskFullError(ArchiveError):
    """No space left under the archive: the path is the archive's folder, the reason the space needed.

    Recognized by one rule whatever raised it: ``pipelines.archive.space.is_disk_full``.
    """

    def __init__(self, path: str | Path | None, reason: str = DISK_FULL) -> None:
        super().__init__(path, reason)


class IndexUnusableError(DigitizeError):
    """An index this version cannot read, or one another writer holds too long."""


class IndexOutdatedError(IndexUnusableError):
    """An index of another layout: the Whoosh index of earlier versions, or other fields or analyzers."""


class IndexMissingError(IndexUnusableError):
    """No index where the archive keeps it: never made, or deleted."""


class IndexDamagedError(IndexUnusableError):
    """An index whose ``meta.json`` or segments cannot be read: ``index rebuild`` makes it anew from the catalog."""
