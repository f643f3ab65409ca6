"""Exchange with library catalogues: ``export marc``, records a MARC 21 catalogue imports."""

from __future__ import annotations

from pathlib import Path

import click

from pipelines.archive.layout import Archive
from pipelines.cli.options import document_and_out, existing_archive_option
from pipelines.cli.params import NAME
from pipelines.exchange.marc import export_marc


@click.command("marc")
@click.argument("names", nargs=-1, required=True, metavar="[DOC] OUT")
@click.option("--collection", type=NAME, help="Export every finished document of this collection (no DOC).")
@click.option(
    "--base-url",
    metavar="URL",
    help="Address readers reach the archive at (digitize serve): each record links its IIIF manifest and reading "
    "page there (856). Without it, no links.",
)
@existing_archive_option
def export_marc_command(
    names: tuple[str, ...], collection: str | None, base_url: str | None, archive_root: Path
) -> None:
    """Write MARC 21 records of one document, or of a collection, to OUT.

    OUT ending in .xml is MARCXML, in .mrc binary MARC (ISO 2709), both UTF-8
    (leader/09 = a), for Libol, KIPOS, Vebrary, Koha or DSpace. DOC is a
    document's id, the start of it, or its source file's name. Each record
    has the title (245), author or issuing agency (100/110), place and date
    (264), pages (300), 336-338, the collection (490), number and symbol
    (500), summary (520), agencies and provinces named (610/651), type (655)
    and signer (700); values the extractor was unsure of are left out.

    \b
    Example:
      digitize export marc 3f2a9c0e qd-1287.mrc
      digitize export marc --collection "Châu bản" chau-ban.xml --base-url https://thuvien.example.vn
    """
    document, out = document_and_out(names, collection)
    count = export_marc(Archive(archive_root), out, document, collection, base_url)
    click.echo(f"wrote {count} MARC record{'s' if count != 1 else ''} to {out}")
