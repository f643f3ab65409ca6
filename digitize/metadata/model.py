"""What the extractor returns: each field a value with a confidence and a source.

A researcher filters on these values and an archivist corrects them; both
need to know how far to trust each one. A field the extractor is unsure of
keeps a low confidence (or no value) rather than a confident wrong one, and a
value an archivist supplied is marked as coming from the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from digitize.metadata.confidence import GIVEN

EXTRACTED = "extracted"
CATALOG = "catalog"


@dataclass(frozen=True)
class Field:
    """One value and how sure we are of it, from 0 (no idea) to 1 (typed by an archivist)."""

    value: Any = None
    confidence: float = 0.0
    source: str = EXTRACTED
    #: Why the confidence is what it is: the cross-checks that failed, a value written by hand.
    notes: tuple[str, ...] = ()

    def at_most(self, confidence: float, note: str | None = None) -> Field:
        """This value trusted no more than ``confidence``; ``note`` says why (kept in the field's provenance)."""
        notes = (*self.notes, note) if note and note not in self.notes else self.notes
        return Field(self.value, min(self.confidence, confidence), self.source, notes)

    @property
    def provenance(self) -> str:
        """Where the value comes from, and the reasons it is doubted: ``extracted: handwritten; …``."""
        return f"{self.source}: {'; '.join(self.notes)}" if self.notes else self.source


@dataclass(frozen=True)
class Reference:
    """A document cited in the text, its number written as the Decree prints it."""

    type: str | None
    number: str | None
    date: str | None
    confidence: float


#: Kinds of document: Decree 30 format, or anything else (articles, books, letters).
ADMINISTRATIVE = "administrative"
OTHER = "other"


@dataclass(frozen=True)
class Metadata:
    kind: str = OTHER
    type: Field = field(default_factory=Field)
    number: Field = field(default_factory=Field)
    date: Field = field(default_factory=Field)
    place: Field = field(default_factory=Field)
    agency: Field = field(default_factory=Field)
    parent_agency: Field = field(default_factory=Field)
    summary: Field = field(default_factory=Field)
    recipients: Field = field(default_factory=Field)  # a tuple of str
    signer: Field = field(default_factory=Field)
    signer_position: Field = field(default_factory=Field)
    title: Field = field(default_factory=Field)
    author: Field = field(default_factory=Field)
    source: Field = field(default_factory=Field)
    references: tuple[Reference, ...] = ()
    provinces: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        return int(self.date.value[:4]) if self.date.value else None

    def to_dict(self) -> dict:
        """Plain values under their field names, with ``confidence`` and ``provenance`` maps beside them.

        Values stay at the top level so consumers (index, Dublin Core, the
        ``--json`` output) read ``record["number"]`` directly.
        """
        values = {name: _plain(f.value) for name, f in self.fields().items()}
        return {
            "kind": self.kind,
            **values,
            "year": self.year,
            "references": [vars(r) for r in self.references],
            "provinces": list(self.provinces),
            "agencies": list(self.agencies),
            "confidence": {name: round(f.confidence, 2) for name, f in self.fields().items()},
            "provenance": {name: f.provenance for name, f in self.fields().items() if f.value is not None},
        }

    @classmethod
    def from_dict(cls, record: dict) -> Metadata:
        """The metadata ``to_dict`` wrote (a catalog's stored description, a metadata.json); {} gives empty ones."""
        confidence, provenance = record.get("confidence", {}), record.get("provenance", {})
        values = {
            name: _field(record.get(name), confidence.get(name, 0.0), provenance.get(name, EXTRACTED))
            for name in FIELD_NAMES
        }
        return cls(
            kind=record.get("kind", OTHER),
            **values,
            references=tuple(Reference(**reference) for reference in record.get("references", [])),
            provinces=tuple(record.get("provinces", [])),
            agencies=tuple(record.get("agencies", [])),
        )

    def given(self, name: str) -> Any:
        """Field ``name``'s value when it is trusted (confidence from ``confidence.GIVEN``), else None."""
        field_ = getattr(self, name)
        return field_.value if field_.value and field_.confidence >= GIVEN else None

    def fields(self) -> dict[str, Field]:
        """The fields that carry a confidence, by name."""
        return {name: getattr(self, name) for name in FIELD_NAMES}

    def overridden(self, values: dict[str, Any], sources: dict[str, str] | None = None) -> Metadata:
        """These metadata with ``values`` (field name → value) put in as an archivist's: certain, from the catalog,
        or from whom ``sources`` names for a field (``archivist NAME``, who corrected it at the desk)."""
        unknown = set(values) - set(FIELD_NAMES)
        if unknown:
            raise KeyError(f"not metadata fields: {', '.join(sorted(unknown))}")
        sources = sources or {}
        return replace(self, **{name: Field(value, 1.0, sources.get(name, CATALOG)) for name, value in values.items()})


#: Names of the fields that carry a value and a confidence.
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Metadata) if f.default_factory is Field)


def _field(value: Any, confidence: float, provenance: str) -> Field:
    source, _, notes = provenance.partition(": ")
    return Field(_frozen(value), confidence, source, tuple(notes.split("; ")) if notes else ())


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
