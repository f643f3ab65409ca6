"""Incoming-mail stamps: text on the page that is not the document's.

A receiving office stamps ``CÔNG VĂN ĐẾN  Số: 2352  Ngày: 21/3/18`` on the
first page, often over the header; OCR reads it in among the document's own
number and date. Its number has no symbol and its date is numeric, which is
what tells it apart; its lines are cut out before the header is read.
"""

from __future__ import annotations

import re

from digitize.textnorm import fold

# Matched on folded text, so ĐẾN and DEN, Số and So alike.
_MARK = re.compile(r"\b(?:CONG\s*VAN|CV|VAN\s*BAN|VB)\s*DEN\b|\bDEN\s*(?=So\b)", re.IGNORECASE)
_FRAGMENTS = re.compile(
    r"\bSo\s*(?:den)?\s*[:.]?\s*\d{1,6}\b(?!\S*\s*/)"  # its number: digits without a symbol
    r"|\bNgay\s*[:.]?\s*\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"  # its date, always numeric
    r"|\b(?:Chuyen|Gio|Luu\s*ho\s*so(?:\s*so)?)\s*[:.]\s*\S*",
    re.IGNORECASE,
)
#: Lines after a stamp's mark that may still hold its fields.
_REACH = 4


def scrub(lines: list[str]) -> list[str]:
    """``lines`` with stamp text removed."""
    cleaned = list(lines)
    for i, line in enumerate(lines):
        if not _MARK.search(fold(line)):
            continue
        for j in range(max(0, i - 1), min(len(lines), i + _REACH + 1)):
            cleaned[j] = _cut(_cut(cleaned[j], _MARK), _FRAGMENTS)
    return cleaned


def _cut(line: str, pattern: re.Pattern[str]) -> str:
    """``line`` without the spans ``pattern`` finds in its folded form (folding keeps offsets)."""
    spans = [m.span() for m in pattern.finditer(fold(line))]
    for start, end in reversed(spans):
        line = line[:start] + " " + line[end:]
    return " ".join(line.split())
