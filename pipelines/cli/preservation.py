"""Preservation: ``verify`` the archive against its recorded checksums, ``repair`` what it finds damaged from the
sources, ``export bagit`` for a repository."""

from __future__ import annotations

import sys
from dataclasses import asdict, replace
from pathlib import Path

import click

from digitize.printable import printable
from pipelines.archive.layout import Archive
from pipelines.batch.context import BatchSettings, RunContext
from pipelines.cli.options import (
    batch_options,
    document_and_out,
    existing_archive_option,
    json_option,
    print_json,
)
from pipelines.preservation import fixity, repair
from pipelines.preservation.bag import export_bag


@click.command("verify")
@existing_archive_option
@click.option("--collection", metavar="NAME", help="Check this collection's documents only.")
@click.option(
    "--record-unrecorded",
    is_flag=True,
    help="Take files that have no checksum yet as sound and record theirs (archives from before checksums were kept).",
)
@json_option
def verify(archive_root: Path, collection: str | None, record_unrecorded: bool, as_json: bool) -> None:
    """Check every archived file against the SHA-256 recorded when it was written.

    Lists the files changed or missing (the archive is damaged: exit 1), and
    the files in documents' folders that have no recorded checksum. The
    search index is checked too: present, readable, one entry per finished
    page (if not, exit 1 and run: digitize index rebuild). Source
    scans moved or changed since they were digitized are listed apart, for
    information: the archive does not keep them, but an export needs them.
    A progress bar shows when stderr is a terminal.

    \b
    Example:
      digitize verify --archive archive
      digitize verify --collection "Châu bản" --json
    """
    report = fixity.verify_archive(Archive(archive_root), collection, record_unrecorded, sys.stderr.isatty())
    if as_json:
        print_json(report.to_dict())
    else:
        _print_report(report)
    if not report.intact:
        sys.exit(1)


def _print_report(report: fixity.FixityReport) -> None:
    click.echo(
        f"{report.files} archived files of {report.documents} documents checked: {len(report.changed)} changed, "
        f"{len(report.missing)} missing, {len(report.unrecorded)} with no recorded checksum"
        + (f" ({report.recorded} now recorded)" if report.recorded else "")
    )
    for label, paths in (("changed", report.changed), ("missing", report.missing), ("unrecorded", report.unrecorded)):
        for path in paths:
            click.echo(f"  {label}: {path}")
    click.echo(
        f"{report.sources} sources checked: {len(report.sources_missing)} moved or gone, "
        f"{len(report.sources_changed)} changed since they were digitized"
    )
    for label, paths in (("source gone", report.sources_missing), ("source changed", report.sources_changed)):
        for path in paths:
            click.echo(f"  {label}: {path}")
    if report.index_problem:
        click.echo(f"search index: {report.index_problem}")
    elif report.index_pages is None:  # no index, and nothing finished to be in one
        click.echo("search index: none yet, and no finished page to hold")
    else:
        click.echo(f"search index: {report.index_pages} pages, one per finished page")


@click.command("repair")
@existing_archive_option
@json_option
@batch_options
def repair_command(archive_root: Path, batch: BatchSettings, as_json: bool) -> None:
    """Remake the archived files that `digitize verify` finds changed or missing, from their sources, and check them.

    A damaged page file (image, text, ALTO, hOCR) is remade by reading its
    page again, and its document's PDF and metadata with it; the document is
    indexed again, and a missing or damaged search index is rebuilt. A source
    is used only if it still has the SHA-256 it was digitized with: files
    whose source is gone or changed are listed as not repaired, with the
    reason, and the command exits 1. Reading and executor options are as for
    `run` (by default, as a run reads). One writer per archive: it refuses
    while a run writes.

    \b
    Example:
      digitize verify --archive archive
      digitize repair --archive archive --jobs 2
    """
    archive = Archive(archive_root)
    with RunContext.open(archive, replace(batch, show_progress=sys.stderr.isatty())) as run:
        report = repair.repair_archive(run)
    if as_json:
        print_json({**asdict(report), "intact": report.intact})
    else:
        _print_repair(report)
    if not report.intact:
        sys.exit(1)


def _print_repair(report: repair.RepairReport) -> None:
    if not report.damaged:
        click.echo(f"{report.documents} finished documents checked: no file changed or missing")
    else:
        click.echo(
            f"{len(report.damaged)} files changed or missing in {report.documents} finished documents: "
            f"{len(report.repaired)} remade from their sources and checked, {len(report.unrepaired)} not repaired"
        )
    for path in report.repaired:
        click.echo(f"  repaired: {printable(path)}")
    for path, reason in report.unrepaired:
        click.echo(f"  not repaired: {printable(path)}: {printable(reason)}")
    if report.index_rebuilt:
        click.echo(f"search index rebuilt: {report.index_rebuilt}")


@click.group("export")
def export_group() -> None:
    """Export documents from the archive for preservation elsewhere.

    \b
    Example:
      digitize export bagit 3f2a9c0e bags/3f2a9c0e --archive archive
    """


@export_group.command("bagit")
@click.argument("names", nargs=-1, required=True, metavar="[DOC] OUT")
@click.option("--collection", metavar="NAME", help="Export every finished document of this collection (no DOC).")
@click.option("--organization", metavar="NAME", help="Source-Organization written in bag-info.txt.")
@existing_archive_option
def export_bagit(names: tuple[str, ...], collection: str | None, organization: str | None, archive_root: Path) -> None:
    """Write a BagIt bag (SHA-512 manifests) of one document, or of a collection, to the new folder OUT.

    DOC is a document's id, the start of it, or its source file's name. Each
    document is data/DOC_ID/ in the bag: its source scan under source/, page
    images, texts, ALTO and hOCR, document.pdf, metadata.json,
    dublin-core.xml and mets.xml. The export is refused, and nothing written, if an
    archived file or a source differs from its recorded checksum or is gone.

    \b
    Example:
      digitize export bagit 3f2a9c0e bags/3f2a9c0e --organization "Thư viện tỉnh Quảng Trị"
      digitize export bagit qd_1287.pdf bags/qd-1287
      digitize export bagit --collection "Châu bản" bags/chau-ban
      bagit.py --validate bags/chau-ban
    """
    document, out = document_and_out(names, collection)
    summary = export_bag(
        Archive(archive_root), out, document, collection, organization, show_progress=sys.stderr.isatty()
    )
    for leftover in summary.leftovers:
        click.echo(f"removed {leftover}: left by an export that was stopped")
    plural = "s" if summary.documents != 1 else ""
    click.echo(
        f"bagged {summary.documents} document{plural}: {summary.files} files, {summary.bytes:,} bytes in {summary.path}"
    )
