"""The ``metadata`` commands: show a file's metadata, import an archivist's rows."""

from __future__ import annotations

from pathlib import Path

import click

from digitize import ingest, metadata
from digitize.file_metadata import file_metadata
from digitize.metadata import FIELD_NAMES, Metadata, dublin_core
from digitize.ocr.options import OcrOptions
from pipelines.archive.layout import Archive
from pipelines.cli.groups import DefaultCommandGroup
from pipelines.cli.options import archive_option, json_option, lang_option, print_json
from pipelines.cli.params import delimiter_option
from pipelines.imports.metadata import import_rows


@click.group("metadata", cls=DefaultCommandGroup)
def metadata_group() -> None:
    """Read a document's metadata, or import an archivist's catalog rows over it.

    \b
      digitize metadata FILE [--json | --dc]     same as: digitize metadata show FILE
      digitize metadata import ROWS.csv          (a file named "import": ./import)

    \b
    Example:
      digitize metadata decision.pdf --json
      digitize metadata import catalog.csv --archive archive
    """


@metadata_group.command("show")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@click.option("--dc", "as_dublin_core", is_flag=True, help="Print Dublin Core XML (oai_dc) instead.")
@lang_option
def metadata_show(file: Path, as_json: bool, as_dublin_core: bool, lang: str) -> None:
    """Print the metadata of an image, PDF or .txt file, each field with its confidence (0–1).

    Images and PDFs are OCR'd page by page first, and the first page's header is
    read again by the other engine: a number or date the two readings give
    differently keeps a low confidence. A .txt file is read as UTF-8 text, or
    converted when typed in TCVN3 (ABC), VNI or VIQR. Administrative documents
    (Decree 30/2020 format) give type, number, date, place, agency, summary,
    recipients and signer; others title, date, author and source; all give
    the documents they cite. A value the extractor is unsure of has a low
    confidence, or none at all. --dc leaves out values below 0.5 confidence.

    \b
    Example:
      digitize metadata scan.pdf --json
      digitize metadata letter.txt --dc > letter.xml
    """
    if as_json and as_dublin_core:
        raise click.UsageError("--json and --dc are exclusive")
    if file.suffix.lower() == ".txt":
        found = metadata.extract(ingest.read_text_file(file)[0])
    else:
        found = file_metadata(file, OcrOptions(lang=lang))
    if as_dublin_core:
        click.echo(dublin_core.to_xml(found), nl=False)
    elif as_json:
        print_json({"file": str(file), **found.to_dict()})
    else:
        click.echo(_format_metadata(found))


def _format_metadata(found: Metadata) -> str:
    lines = [f"{'kind':<16} {found.kind}"]
    for name in FIELD_NAMES:
        field = getattr(found, name)
        if field.value is None:
            continue
        value = "; ".join(field.value) if isinstance(field.value, tuple) else field.value
        lines.append(f"{name:<16} {value}  [{field.confidence:.2f}]")
    for reference in found.references:
        cited = " ".join(part for part in (reference.type, reference.number) if part)
        when = f" of {reference.date}" if reference.date else ""
        lines.append(f"{'cites':<16} {cited}{when}  [{reference.confidence:.2f}]")
    for label, names in (("provinces", found.provinces), ("agencies", found.agencies)):
        if names:
            lines.append(f"{label:<16} {'; '.join(names)}")
    return "\n".join(lines)


@metadata_group.command("import")
@click.argument("rows", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@delimiter_option
@archive_option
def metadata_import(rows: Path, delimiter: str, archive_root: Path) -> None:
    """Import an archivist's catalog rows (CSV); their values override extracted ones.

    One column names the document: id (archive document id), sha256 (of the
    source file) or file (source file name or path). The other columns are
    fields: type, number, date, place, agency, parent_agency, summary,
    recipients (separated by ;), signer, signer_position, title, author,
    source. An empty cell keeps the extracted value. Imported values are
    marked "catalog" in metadata.json, documents are re-described and
    re-indexed. The file is applied whole or not at all: a cell that names
    no document or holds a value its field cannot take refuses it, by line
    and column, and the command exits 1.

    \b
    Example:
      digitize metadata import catalog.csv --archive archive
      (catalog.csv:  file,number,date
                     qd-1287.pdf,1287/QĐ-UBND,2023-06-14)
    """
    summary = import_rows(rows, Archive(archive_root), delimiter)
    click.echo(
        f"{summary.rows} rows read: {summary.described} documents re-described, "
        f"{summary.waiting} waiting for their pages."
    )
