"""Dates as Vietnamese documents write them, read into ISO 8601.

``Vĩnh Long, ngày 14 tháng 6 năm 2023`` (zero-padded or not, diacritics
possibly lost by OCR), ``22/4/2022`` in running text, ``tháng 7 năm 2024``
under an article. A day filled in by hand and read as junk leaves the month
and year, which are kept as a partial date with a low confidence rather than
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from digitize.metadata.confidence import CERTAIN, PLAUSIBLE, WEAK
from digitize.metadata.model import Field
from digitize.textnorm import fold

# Matched on folded, lower-cased text; "ngày", "tháng", "năm" survive OCR better without their marks.
_WORDED = re.compile(
    r"\bng\w{1,3}\s*(?P<day>[^\s]{0,4}?)\s*th\w{2,4}\s*(?P<month>[^\s]{1,4}?)\s*n\w{1,3}\s*(?P<year>[\doil|]{4})\b"
)
_MONTH_YEAR = re.compile(r"\bthang\s*(?P<month>\d{1,2})\s*(?:nam|/)\s*(?P<year>\d{4})\b")
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})\s?[/.-]\s?(?P<month>\d{1,2})\s?[/.-]\s?(?P<year>(?:19|20)\d\d|\d\d)\b")
_LOOKALIKES = str.maketrans({"o": "0", "i": "1", "l": "1", "|": "1"})

#: Confidence of a date read whole and clean, of one with look-alike digits repaired, of a month written
#: without a day, and of the month and year left when the day could not be read.
CLEAN, REPAIRED, MONTH, PARTIAL = CERTAIN, PLAUSIBLE, PLAUSIBLE, WEAK


@dataclass(frozen=True)
class DateMatch:
    """A date found in a line: its value and where it stands, so the caller can cut it out."""

    field: Field
    start: int
    end: int


def find_worded(line: str) -> DateMatch | None:
    """The first ``ngày … tháng … năm …`` date in ``line``."""
    match = _WORDED.search(fold(line).lower())
    if not match:
        return None
    return DateMatch(_read(match["day"], match["month"], match["year"]), match.start(), match.end())


def find_numeric(line: str) -> DateMatch | None:
    """The first ``d/m/yyyy`` date in ``line``; two-digit years are taken as 20xx."""
    match = NUMERIC.search(line)
    if not match:
        return None
    year = match["year"] if len(match["year"]) == 4 else f"20{match['year']}"
    return DateMatch(_read(match["day"], match["month"], year), match.start(), match.end())


def find_month_year(line: str) -> DateMatch | None:
    """``tháng 7 năm 2024`` or ``tháng 7/2024`` as the partial date ``2024-07``."""
    match = _MONTH_YEAR.search(fold(line).lower())
    if not match or not 1 <= int(match["month"]) <= 12 or not _plausible(int(match["year"])):
        return None
    return DateMatch(Field(f"{match['year']}-{int(match['month']):02d}", MONTH), match.start(), match.end())


def iso(day: int, month: int, year: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if _plausible(year) else None
    except ValueError:
        return None


def _read(day: str, month: str, year: str) -> Field:
    """A full date when all three parts read as numbers, else what can be kept of it."""
    parts = [part.translate(_LOOKALIKES) for part in (day, month, year)]
    repaired = parts != [day, month, year]
    if not all(part.isdigit() for part in parts[1:]) or not _plausible(int(parts[2])):
        return Field()
    d, m, y = (int(part) if part.isdigit() else None for part in parts)
    if d is None:
        return Field(f"{y}-{m:02d}", PARTIAL) if 1 <= m <= 12 else Field()
    value = iso(d, m, y)
    return Field(value, REPAIRED if repaired else CLEAN) if value else Field()


def _plausible(year: int) -> bool:
    return 1900 <= year <= 2099
