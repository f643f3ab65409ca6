"""What the rest of the archive tells a document's handwritten number and day: citations and the register's order.

A number read from a clerk's pen is one model's guess (``digitize.metadata.written``).
Two things in the archive are independent of it:

- **Citations.** Another document that cites ``Quyết định số 87/QĐ-UBND ngày
  16/01/2025`` in print, with the same type, confirms the number and the day
  together: both are then trusted, and the provenance names the citing document.
- **The register.** An agency numbers its outgoing documents of one symbol in
  order through the year: a number that is higher than another's of a later
  date (or lower than one of an earlier date) breaks that order, and is doubted.
  One that keeps it is bounded by its neighbours, which the provenance names.

Only values that are not yet trusted are weighed. ``reexamine`` describes again
the documents a newly described one cites, so that a later batch's evidence
reaches the documents already in the archive.
"""

from __future__ import annotations

import json
from dataclasses import replace

from digitize.metadata.confidence import DISPUTED, GIVEN, SURE, TRUSTED
from digitize.metadata.model import Field, Metadata
from pipelines.archive.catalog import Catalog

#: Confidence of a handwritten number and day a printed citation agrees with, and of one the register's order
#: contradicts.
CITED, OUT_OF_ORDER = SURE, DISPUTED
#: The confidence from which a value is trusted, below which the evidence is looked for.
CONFIRMED = TRUSTED


def weigh(catalog: Catalog, doc_id: str, found: Metadata) -> Metadata:
    """``found`` with its untrusted number and date confirmed by citations or doubted by the register."""
    number, date_ = found.number, found.date
    if not number.value or number.confidence >= CONFIRMED:
        return found
    number, date_ = _cited(catalog, doc_id, found.type.value, number, date_)
    if number.confidence < CONFIRMED:
        number = _in_register(catalog, doc_id, number, date_)
    return replace(found, number=number, date=date_)


def _cited(catalog: Catalog, doc_id: str, doc_type: str | None, number: Field, date_: Field) -> tuple[Field, Field]:
    """The number and date raised when another document cites this number, of this type, on this day."""
    for citation in catalog.citations.citing(number.value):
        if citation.doc_id == doc_id or (citation.type and doc_type and citation.type != doc_type):
            continue
        if citation.date and date_.value and citation.date == date_.value:
            note = f"cited by {citation.doc_id} as {citation.number} of {citation.date}"
            return _raised(number, note), _raised(date_, note)
        if citation.date and date_.value and len(date_.value) == 7 and citation.date.startswith(date_.value):
            note = f"the day from {citation.doc_id}, which cites {citation.number} of {citation.date}"
            return _raised(number, note), Field(citation.date, CITED, notes=(*date_.notes, note))
    return number, date_


def _raised(value: Field, note: str) -> Field:
    return Field(value.value, max(value.confidence, CITED), value.source, (*value.notes, note))


def _in_register(catalog: Catalog, doc_id: str, number: Field, date_: Field) -> Field:
    """The number doubted when it breaks the order of its agency's register (same symbol, same year), else
    bounded by its neighbours there."""
    digits, _, symbol = number.value.partition("/")
    if not digits.isdigit() or not symbol or not date_.value or len(date_.value) != 10:
        return number
    mine, day = int(digits), date_.value
    before, after, broken = None, None, None
    for other, other_number, other_date in _register(catalog, symbol, day[:4]):
        if other == doc_id:
            continue
        if (other_number < mine and other_date > day) or (other_number > mine and other_date < day):
            broken = f"breaks the register's order: {other} is {other_number}/{symbol} of {other_date}"
            break
        if other_number < mine and (before is None or other_number > before[1]):
            before = (other, other_number, other_date)
        if other_number > mine and (after is None or other_number < after[1]):
            after = (other, other_number, other_date)
    if broken:
        return number.at_most(OUT_OF_ORDER, broken)
    bounds = [
        f"{side} {d} ({n} of {t})"
        for side, found in (("after", before), ("before", after))
        if found
        for d, n, t in [found]
    ]
    return number.at_most(number.confidence, "in the register's order " + ", ".join(bounds)) if bounds else number


def _register(catalog: Catalog, symbol: str, year: str) -> list[tuple[str, int, str]]:
    """The described documents with a given number of ``symbol`` and a full date in ``year``."""
    rows = catalog.documents.numbered(f"%/{symbol}", f"{year}-%")
    found = []
    for doc_id, metadata in rows:
        record = json.loads(metadata)
        digits = record["number"].partition("/")[0]
        if digits.isdigit() and record["confidence"].get("number", 0) >= GIVEN and len(record["date"]) == 10:
            found.append((doc_id, int(digits), record["date"]))
    return found


def reexamine(catalog: Catalog, doc_id: str) -> list[str]:
    """The documents ``doc_id`` cites whose number or date is not yet confirmed: those to describe again."""
    cited = {citation.number for citation in catalog.citations.cited_by(doc_id)}
    return [
        other
        for other, metadata in catalog.documents.numbered_as(sorted(cited))
        if other != doc_id and json.loads(metadata)["confidence"].get("number", 0) < CONFIRMED
    ]
