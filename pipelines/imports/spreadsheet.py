"""A CSV file as spreadsheets save and open it: read the one way both imports read theirs, written so no cell
runs as a formula.

RFC 4180 (Python's ``excel`` dialect): cells in double quotes may hold the
delimiter, line breaks and doubled quotes, as Excel and LibreOffice write
them. The delimiter is the user's to name (a comma unless told), never guessed:
a guess made from the header line once read doubled quotes as cell ends and
shifted every cell after them. UTF-8 with or without the byte-order mark.
The whole file is read and its shape checked before a caller writes anything:
a row with more or fewer cells than the header is refused by line and column.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from digitize.errors import DigitizeError

#: Delimiters a user may name, by the names a shell lets them type.
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t", "|": "|"}


@dataclass(frozen=True)
class Row:
    """One data row: the line it starts on, and its cells by column name (NFC, trimmed)."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Sheet:
    path: Path
    #: Column names in lower case (NFC, trimmed), in order.
    header: list[str]
    rows: list[Row]

    def column(self, name: str) -> int:
        """A column's number as a spreadsheet shows it, counted from 1."""
        return self.header.index(name) + 1


def cell_error(error: type[DigitizeError], sheet: Sheet, row: Row, column: str, reason: str) -> DigitizeError:
    """The error that refuses a file for one cell, naming its line and column as the spreadsheet shows them."""
    return error(sheet.path, f"line {row.line}, column {sheet.column(column)} ({column}): {reason}")


def read_sheet(path: Path, error: type[DigitizeError] = DigitizeError, delimiter: str = ",") -> Sheet:
    """The header and rows of the CSV at ``path``; ``error`` names the first line that is not a well-formed row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as reason:
        raise error(path, f"cannot read it as UTF-8 text ({reason})") from None
    reader = csv.reader(io.StringIO(text, newline=""), dialect="excel", delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((start, [unicodedata.normalize("NFC", cell.strip()) for cell in cells]))
            start = reader.line_num + 1
    except csv.Error as reason:
        raise error(path, f"line {reader.line_num}: not a CSV row ({reason})") from None
    if not records:
        raise error(path, "no header line")
    header, body = [name.lower() for name in records[0][1]], records[1:]
    _check_header(path, error, header, delimiter)
    rows = []
    for line, cells in body:
        if len(cells) != len(header):
            column = min(len(cells), len(header)) + 1
            raise error(path, f"line {line}, column {column}: {len(cells)} cells where the header has {len(header)}")
        rows.append(Row(line, dict(zip(header, cells, strict=True))))
    return Sheet(path, header, rows)


def _check_header(path: Path, error: type[DigitizeError], header: list[str], delimiter: str) -> None:
    if len(header) == 1:
        other = next((name for name, char in DELIMITERS.items() if char != delimiter and char in header[0]), None)
        if other is not None:
            raise error(path, f"the header has one column {header[0]!r}: give --delimiter {other!r}")
    for number, name in enumerate(header, 1):
        if not name:
            raise error(path, f"line 1, column {number}: a column with no name")
        if name in header[: number - 1]:
            raise error(path, f"line 1, column {number}: column {name!r} twice")


#: What a spreadsheet takes for the start of a formula in a cell it opens (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """``value`` safe to write in a CSV a spreadsheet will open: text that would start a formula (``=cmd|…``,
    ``+SUM(…)``, ``@x``, ``-2+3``) gets a leading apostrophe, so it shows as typed and never runs. Numbers
    are the program's own and stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
