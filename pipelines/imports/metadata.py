"""An archivist's catalog rows imported over extracted metadata.

The CSV has a header row. One column names the document: ``id`` (the
archive's document id), ``sha256`` (of the source file) or ``file`` (the
source file's name or path). The others are metadata fields: ``type``,
``number``, ``date``, ``place``, ``agency``, ``parent_agency``, ``summary``,
``recipients`` (separated by ``;``), ``signer``, ``signer_position``,
``title``, ``author``, ``source``. An empty cell keeps the extracted value.
Dates are ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``DD/MM/YYYY``.

The file is applied whole or not at all: a cell that names no document, or
holds a value its field cannot take, refuses it by line and column.
Values are stored in the catalog, so a document re-described later keeps
them; documents already done are re-described and re-indexed at once, the
others when their last page is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from digitize import faults
from digitize.errors import MetadataImportError
from digitize.metadata import FIELD_NAMES, dates, doctypes
from digitize.textnorm import normalize
from pipelines.archive.catalog import Catalog, Document
from pipelines.archive.layout import Archive
from pipelines.batch.description import write_description
from pipelines.batch.indexing import index_pending
from pipelines.imports.spreadsheet import Row, Sheet, cell_error, read_sheet

KEY_COLUMNS = ("id", "sha256", "file")


@dataclass
class ImportSummary:
    rows: int = 0
    #: Documents re-described now, and documents whose values wait for their last page.
    described: int = 0
    waiting: int = 0


def import_rows(path: Path, archive: Archive, delimiter: str = ",") -> ImportSummary:
    """Apply the rows of the CSV at ``path`` to the documents of ``archive``, all of them or none.

    Every cell is checked before anything is written: the first one that names
    no document or holds no valid value refuses the file, by line and column.
    """
    catalog_path = archive.existing_catalog_path()
    sheet = _read(path, delimiter)
    summary = ImportSummary(rows=len(sheet.rows))
    with Catalog(catalog_path) as catalog:
        planned = [_planned(catalog, sheet, row) for row in sheet.rows]
        touched: dict[str, Document] = {}
        for document, values in planned:
            if values:
                catalog.overrides.save(document.id, values, source=path.name)
                touched[document.id] = document
        faults.boundary("import-values-saved")
        for document in touched.values():
            if document.status == "done":
                write_description(catalog, archive, document)
                faults.boundary("import-described")
                catalog.documents.set_stage(document.id, "index", "pending")
                summary.described += 1
            else:
                summary.waiting += 1
        faults.boundary("import-before-index")
        index_pending(catalog, archive)
    return summary


def _read(path: Path, delimiter: str) -> Sheet:
    """The file's rows; the whole file is refused if a column is not a field."""
    sheet = read_sheet(path, MetadataImportError, delimiter)
    unknown = [name for name in sheet.header if name not in (*KEY_COLUMNS, *FIELD_NAMES)]
    if unknown:
        known = ", ".join((*KEY_COLUMNS, *FIELD_NAMES))
        raise MetadataImportError(path, f"unknown column {', '.join(unknown)} (columns are {known})")
    if not any(name in sheet.header for name in KEY_COLUMNS):
        raise MetadataImportError(path, "no column naming the document: id, sha256 or file")
    return sheet


def _planned(catalog: Catalog, sheet: Sheet, row: Row) -> tuple[Document, dict[str, object]]:
    """The document a row names and the values it sets; a bad cell refuses the file."""
    cells = {name: normalize(text) for name, text in row.cells.items()}
    key = next((name for name in KEY_COLUMNS if cells.get(name)), None)
    if key is None:
        column = next(name for name in KEY_COLUMNS if name in sheet.header)
        raise cell_error(MetadataImportError, sheet, row, column, "no id, sha256 or file given")
    try:
        document = _match(catalog, key, cells[key])
    except ValueError as reason:
        raise cell_error(MetadataImportError, sheet, row, key, str(reason)) from None
    values = {}
    for name in sheet.header:
        if name in FIELD_NAMES and cells[name]:
            try:
                values[name] = parse_field_value(name, cells[name])
            except ValueError as reason:
                raise cell_error(MetadataImportError, sheet, row, name, str(reason)) from None
    return document, values


def _match(catalog: Catalog, key: str, named: str) -> Document:
    if key == "id":
        found = [catalog.documents.get(named)]
    elif key == "sha256":
        found = [catalog.documents.by_sha(named.lower())]
    else:
        found = catalog.documents.named(named)
    found = [document for document in found if document is not None]
    if not found:
        raise ValueError(f"no document {named!r} in the archive")
    if len(found) > 1:
        raise ValueError(f"{len(found)} documents have the file name {named!r}: give its id or sha256")
    return found[0]


def parse_field_value(name: str, text: str) -> object:
    """A field's value from the text an archivist typed; a ``ValueError`` saying why it is not one."""
    if name == "recipients":
        return [item.strip() for item in text.split(";") if item.strip()]
    if name == "date":
        return _date(text)
    if name == "type":
        known = doctypes.cited_type(text)
        if known not in doctypes.CITED_TYPES:
            raise ValueError(f"{text!r} is not a document type of Decree 30/2020 or a legal document")
        return known
    return text


def _date(text: str) -> str:
    """An ISO date, or a year and month or a year alone, from the forms archivists type."""
    iso = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if iso:
        year, month, day = iso.groups()
        if (day and dates.iso(int(day), int(month), int(year))) or (not day and (not month or 1 <= int(month) <= 12)):
            return text
    numeric = dates.find_numeric(text)
    if numeric and numeric.field.value and (numeric.start, numeric.end) == (0, len(text)):
        return numeric.field.value
    raise ValueError(f"date {text!r} is not YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY")
