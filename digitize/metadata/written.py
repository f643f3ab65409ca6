"""A number and day written by hand, as the digit reader gave them, put into the number and date fields.

OCR reads a clerk's ``47`` as ``4‡`` and gives a number that is wrong or none;
the digit reader (``digitize.handwritten_fields``) reads the blank's ink. Its
reading is kept as a best guess under trusted confidence: it is one model's
reading of one pen, and only another document citing the same number and day
(``pipelines.archive.citations``) may raise it. Each value says where it
comes from and where on the page its ink is, for the review desk.
"""

from __future__ import annotations

from dataclasses import dataclass

from digitize.metadata.confidence import DISPUTED, DOUBTED, GIVEN, LIKELY, PLAUSIBLE
from digitize.metadata.dates import iso
from digitize.metadata.model import Field
from digitize.metadata.numbers import DocumentNumber, parse

#: Confidence of a reading whose digits the model is sure of (product of their probabilities at least
#: ``SURE``), of one it is less sure of, of one OCR's reading of the blank agrees with, and of one it contradicts:
#: all below ``TRUSTED``.
READ_SURE, READ_UNSURE, READ_AGREED, READ_DISPUTED = PLAUSIBLE, DISPUTED, LIKELY, DOUBTED
SURE = 0.8
HANDWRITING_READ = "handwriting read"
#: A reading the model abstained on: kept only where OCR gives nothing, as a guess for the review desk.
HANDWRITING_GUESS, GUESS = "handwriting guessed", 0.3

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class HandwrittenReading:
    """A blank of the form as the digit reader read it: its digits (None when there are none, or too many), how
    sure it is, whether it abstained on one of them (the digits are then a guess), and the blank's box on the
    first page's prepared image."""

    field: str  # "number" or "day"
    value: str | None
    probability: float
    box: Box
    abstained: bool = False

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "value": self.value,
            "probability": self.probability,
            "box": list(self.box),
            "abstained": self.abstained,
        }

    @classmethod
    def from_dict(cls, record: dict) -> HandwrittenReading:
        return cls(
            record["field"],
            record["value"],
            record["probability"],
            tuple(record["box"]),
            record.get("abstained", False),
        )

    def note(self) -> str:
        left, top, right, bottom = self.box
        read = HANDWRITING_GUESS if self.abstained else HANDWRITING_READ
        return f"{read} ({self.probability:.2f}) at {left},{top},{right},{bottom} of page 1"


def fill(
    number: Field,
    date_: Field,
    printed: DocumentNumber | None,
    handwritten: frozenset[str] | set[str],
    readings: tuple[HandwrittenReading, ...],
) -> tuple[Field, Field]:
    """``number`` and ``date_`` with the written digits put in where the form was filled by hand (``handwritten``)
    or OCR could not read them, the symbol and the month and year kept from the print."""
    found = {reading.field: reading for reading in readings if reading.value is not None}
    # a guess fills only what OCR left empty: a number it could not read, a date without its day
    unread = {"number": number.value is None, "day": bool(date_.value) and len(date_.value) == 7}
    found = {field: reading for field, reading in found.items() if not reading.abstained or unread[field]}
    number_reading, day_reading = found.get("number"), found.get("day")
    if printed is None and number.value:  # the first reading lost the symbol; another reading gave it
        printed = parse(number.value)
    doubted = number.value is None or number.confidence < GIVEN  # OCR's own number, if any, is not given
    if number_reading and printed is not None and ("number" in handwritten or doubted):
        number = _number(number, printed, number_reading)
    if day_reading and date_.value and ("day" in handwritten or "number" in handwritten or len(date_.value) == 7):
        date_ = _day(date_, day_reading)
    return number, date_


def _number(number: Field, printed: DocumentNumber, reading: HandwrittenReading) -> Field:
    digits = str(int(reading.value)) if len(reading.value) > 2 else reading.value  # a register pads to two
    value = "/".join(part for part in (digits, printed.year, printed.symbol) if part)
    return _read(number, value, reading)


def _day(date_: Field, reading: HandwrittenReading) -> Field:
    year, month = int(date_.value[:4]), int(date_.value[5:7])
    value = iso(int(reading.value), month, year)
    if value is None:  # no such day: the reading is wrong, the month and year stand
        return date_.at_most(date_.confidence, f"{HANDWRITING_READ} a day {reading.value} the month has not")
    return _read(date_, value, reading)


def _read(ocr: Field, value: str, reading: HandwrittenReading) -> Field:
    """The reading as the field's value; the OCR's own reading of the blank, when it gave one, agrees or not."""
    confidence = READ_SURE if reading.probability >= SURE else READ_UNSURE
    if reading.abstained:
        confidence = GUESS
    notes = (*ocr.notes, reading.note())
    if ocr.value == value:
        confidence = max(confidence, READ_AGREED)
        notes += ("OCR reads the same",)
    elif ocr.value is not None:  # OCR misreads a pen often (``4‡``), but a sure reading it contradicts is doubted
        confidence = min(confidence, READ_DISPUTED)
        notes += (f"OCR reads {ocr.value}",)
    return Field(value, confidence, notes=notes)
