"""An archivist's catalog rows imported over extracted metadata.

The CSV has a header row. One column names the document: ``id`` (the
archive's document id), ``sha256`` (of the source file) or ``file`` (the
source file's name or path). The others are metadata fields: ``type``,
``number``, ``date``, ``place``, ``agency``, ``parent_agency``, ``summary``,
``recipients`` (separated by ``;``), ``signer``, ``signer_position``,
``title``, ``author``, ``source``. An empty cell keeps the extracted value.
Dates are ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``DD/MM/YYYY``.

Values are stored in the catalog, so a document re-described later keeps
them; documents already done are re-described and re-indexed at once, the
others when their last page is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from digitize.errors import MetadataImportError
from digitize.metadata import FIELD_NAMES, dates, doctypes
from digitize.textnorm import normalize
from pipelines.archive.catalog import Catalog, Document
from pipelines.archive.layout import Archive
from pipelines.batch.description import write_description
from pipelines.batch.indexing import index_pending
from pipelines.imports.spreadsheet import csv_rows

KEY_COLUMNS = ("id", "sha256", "file")


@dataclass
class ImportSummary:
    rows: int = 0
    #: Documents re-described now, and documents whose values wait for their last page.
    described: int = 0
    waiting: int = 0
    #: Rows that could not be applied, each with its line number and reason.
    problems: list[str] = field(default_factory=list)


def import_rows(path: Path, archive: Archive) -> ImportSummary:
    """Apply the rows of the CSV at ``path`` to the documents of ``archive``; bad rows are reported, not fatal."""
    catalog_path = archive.existing_catalog_path()
    header, rows = _read(path)
    summary = ImportSummary()
    touched: dict[str, Document] = {}
    with Catalog(catalog_path) as catalog:
        for line, row in rows:
            summary.rows += 1
            try:
                document = _match(catalog, row)
                values = {
                    name: parse_field_value(name, row[name]) for name in header if name in FIELD_NAMES and row[name]
                }
            except ValueError as error:
                summary.problems.append(f"line {line}: {error}")
                continue
            if values:
                catalog.documents.save_overrides(document.id, values, source=path.name)
                touched[document.id] = document
        for document in touched.values():
            if document.status == "done":
                write_description(catalog, archive, document)
                catalog.documents.set_stage(document.id, "index", "pending")
                summary.described += 1
            else:
                summary.waiting += 1
        index_pending(catalog, archive)
    return summary


def _read(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows (with their line numbers); the whole file is refused if a column is not a field."""
    reader = csv_rows(path, MetadataImportError)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    unknown = [name for name in header if name not in (*KEY_COLUMNS, *FIELD_NAMES)]
    if unknown:
        known = ", ".join((*KEY_COLUMNS, *FIELD_NAMES))
        raise MetadataImportError(path, f"unknown column {', '.join(unknown)} (columns are {known})")
    if not any(name in header for name in KEY_COLUMNS):
        raise MetadataImportError(path, "no column naming the document: id, sha256 or file")
    reader.fieldnames = header
    rows = [(reader.line_num, {k: normalize(v or "") for k, v in row.items() if k is not None}) for row in reader]
    return header, rows


def _match(catalog: Catalog, row: dict[str, str]) -> Document:
    if row.get("id"):
        found = [catalog.documents.get(row["id"])]
    elif row.get("sha256"):
        found = [catalog.documents.by_sha(row["sha256"].lower())]
    elif row.get("file"):
        found = catalog.documents.named(row["file"])
    else:
        raise ValueError("no id, sha256 or file given")
    found = [document for document in found if document is not None]
    named = row.get("id") or row.get("sha256") or row.get("file")
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
