"""A CSV file as spreadsheets save it, read the one way both imports read theirs.

UTF-8 with or without the byte-order mark spreadsheets write; comma, semicolon
or tab between cells, as the header line shows; rows read as dictionaries,
each with the number of the line it ends on.
"""

from __future__ import annotations

import csv
from pathlib import Path

from digitize.errors import DigitizeError

DELIMITERS = ",;\t"


def csv_rows(path: Path, error: type[DigitizeError] = DigitizeError) -> csv.DictReader:
    """The rows of the CSV file at ``path`` (``reader.line_num`` is a row's line); ``error`` if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as reason:
        raise error(path, f"cannot read it as UTF-8 text ({reason})") from None
    try:
        dialect = csv.Sniffer().sniff(text.partition("\n")[0], delimiters=DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    return csv.DictReader(text.splitlines(), dialect=dialect)
