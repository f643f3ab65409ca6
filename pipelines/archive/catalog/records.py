"""What the catalog hands out and takes in: collections and their figures, documents, pages, archived files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from digitize.metadata.model import Metadata
from pipelines.archive.catalog.counting import ReviewPolicy


@dataclass(frozen=True)
class Target:
    """``pct`` percent of the holdings digitized by the end of ``due`` (no deadline when None)."""

    pct: float
    due: date | None


@dataclass(frozen=True)
class Baseline:
    """Where a collection stood on a day: ``items`` digitized by any means by the end of ``on``."""

    items: int
    on: date


@dataclass(frozen=True)
class Collection:
    name: str
    holdings: int | None
    targets: tuple[Target, ...] = ()
    description: str | None = None
    holdings_pages: int | None = None
    baseline: Baseline | None = None
    review: ReviewPolicy = field(default_factory=ReviewPolicy)


@dataclass(frozen=True)
class OutsideRecord:
    """Items (and optionally pages) digitized outside this tool on day ``on``."""

    on: date
    items: int
    pages: int | None = None


@dataclass(frozen=True)
class Snapshot:
    """Items and pages the pipeline had digitized in a collection at ``taken_at``."""

    taken_at: datetime
    items: int
    pages: int


@dataclass(frozen=True)
class DigitizedDocument:
    """A document that counts as digitized, and since when it counts."""

    id: str
    pages: int
    since: datetime


@dataclass(frozen=True)
class PageStats:
    """The pages of a collection's digitized documents: how each was read and how well."""

    by_source: dict[str, int]
    mean_confidence: float | None
    low_confidence: int


@dataclass(frozen=True)
class Document:
    id: str
    sha256: str
    source_path: str
    collection: str
    page_count: int
    status: str
    error: str | None
    title: str | None


@dataclass(frozen=True)
class DescribedDocument:
    """A finished document as other catalogues receive it: its description, and when it last changed (UTC)."""

    document: Document
    metadata: Metadata
    changed_at: datetime


@dataclass(frozen=True)
class PageRow:
    doc_id: str
    number: int
    source: str
    text: str
    skew_deg: float | None
    confidence: float | None
    steps: tuple[str, ...]
    orientation: int = 0
    orientation_confidence: float | None = None
    dpi: int | None = None  # of the page image kept; None in catalogs from before it was recorded
    syllable_share: float | None = None  # share of well-formed Vietnamese syllables (digitize.quality)
    script: str | None = None  # digitize.script.SCRIPTS; None in catalogs from before it was recorded (Latin)
    languages: tuple[str, ...] = ()  # Tesseract languages it was read with or found in
    flags: tuple[str, ...] = ()  # what a reader should know: a legacy encoding converted, a Han page ...
    #: A document's first page: its header read again by the other engine, when it is administrative ...
    header_again: str | None = None
    #: ... and its fields written by hand ("number", "day"); digitize.header_evidence
    handwritten: tuple[str, ...] = ()
    #: ... and the digits read in its number's and day's blanks (digitize.metadata.written.HandwrittenReading dicts)
    handwritten_read: tuple[dict, ...] = ()


@dataclass(frozen=True)
class PageState:
    """Where one page of a document stands: ``stage`` and ``error`` say what stopped a failed page."""

    doc_id: str
    source_path: str
    number: int
    status: str
    attempts: int
    stage: str | None = None
    error: str | None = None
    seconds: float | None = None


@dataclass(frozen=True)
class ArchivedFile:
    """A file written into the archive for a document, with the SHA-256 it had when written."""

    doc_id: str
    path: str  # relative to the archive's root, with forward slashes
    sha256: str


@dataclass(frozen=True)
class Account:
    """Someone who may sign in: ``reader``, ``archivist`` (may correct) or ``admin`` (may also manage accounts)."""

    name: str
    role: str
    password_hash: str


@dataclass(frozen=True)
class AuditRecord:
    """One change a person made: ``target`` names what changed (``field:number``, ``line:2:LINE_1_3``)."""

    id: int
    at: str  # catalog stamp, UTC
    author: str
    doc_id: str
    target: str
    before: str | None  # JSON of the value before, and after
    after: str | None
    #: Who had set the value before (``archivist NAME``, a catalog file), None for the machine's reading: what
    #: undoing this record gives the value back to.
    before_source: str | None = None
    undoes: int | None = None  # the record this one undoes

    @property
    def page(self) -> int | None:
        """The page whose line changed (``line:N:ID``); None for a field of the description."""
        return int(self.target.split(":")[1]) if self.target.startswith("line:") else None

    @property
    def detail(self) -> str:
        """The change in one line, as METS and metadata.json say it: ``field:number '01' → '01/CT-UBND'``."""
        change = f"{self.target} {_shown(self.before)} → {_shown(self.after)}"
        return f"{change} (undoes change {self.undoes})" if self.undoes is not None else change


def _shown(value: str | None) -> str:
    """A value stored as JSON, quoted as a reader would write it; ``none`` for no value."""
    if value is None:
        return "none"
    decoded = json.loads(value)
    return "none" if decoded is None else f"'{decoded}'" if isinstance(decoded, str) else json.dumps(decoded)


@dataclass(frozen=True)
class CorrectionTally:
    """How much one person changed in one collection: fields and lines set, undos, and the documents touched."""

    collection: str
    author: str
    changes: int
    fields: int
    lines: int
    undos: int
    documents: int


@dataclass(frozen=True)
class LineCorrection:
    """An archivist's text for line ``line_id`` (its ALTO ``TextLine`` ID) of page ``number``; ``machine_words``
    is the machine's reading of the line as JSON (each word's text, confidence and box), kept for undo."""

    doc_id: str
    number: int
    line_id: str
    text: str
    machine_words: str
    author: str
