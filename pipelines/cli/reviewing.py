"""The ``review`` commands: list the pages a person should check, and accept them once checked; list the
metadata a person should type."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from digitize.printable import printable
from digitize.script import LATIN
from pipelines.archive.catalog import Catalog
from pipelines.archive.catalog.counting import MIN_CONFIDENCE, MIN_SYLLABLE_SHARE
from pipelines.archive.layout import Archive
from pipelines.cli.groups import DefaultCommandGroup
from pipelines.cli.options import existing_archive_option, json_option, print_json
from pipelines.cli.params import finite
from pipelines.review.fields import fields_to_type
from pipelines.review.pages import ReviewItem, accept, pages_to_review


class _ReviewGroup(DefaultCommandGroup):
    """``digitize review`` alone, or with options only, lists: it reads as ``digitize review list``."""

    default_command = "list"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, args or [self.default_command])


@click.group("review", cls=_ReviewGroup)
def review_group() -> None:
    """List the pages that need a person to check them, and accept them once checked.

    \b
      digitize review [--json]             same as: digitize review list
      digitize review accept DOC [--page N]
      digitize review fields [--json]     numbers and days written by hand, doubted values

    \b
    Example:
      digitize review --min-confidence 80 --json
      digitize review accept qd-1287.pdf --page 2
    """


@review_group.command("list")
@click.option(
    "--min-confidence",
    type=finite(0, 100),
    help=f"Pages whose mean word confidence is lower are listed [default: the collection's, {MIN_CONFIDENCE:g}].",
)
@click.option(
    "--min-syllables",
    type=finite(0, 1),
    help="Pages with a lower share of well-formed Vietnamese syllables are listed "
    f"[default: the collection's, {MIN_SYLLABLE_SHARE:g}].",
)
@existing_archive_option
@json_option
def review_list(min_confidence: float | None, min_syllables: float | None, archive_root: Path, as_json: bool) -> None:
    """List the pages that need a person to check them, with the reason.

    A page is listed when the OCR engines' mean word confidence is low, or when too
    few of its words are shaped like Vietnamese syllables (onset, rhyme and a
    tone the rhyme allows): the sign of a mangled text layer or of the wrong
    language. Blank pages and pages accepted with `digitize review accept` are
    not listed. With the collections' thresholds (the default), these are the
    pages that keep their documents from counting as digitized.

    \b
    Example:
      digitize review --min-confidence 80 --json
    """
    with Catalog(Archive(archive_root).catalog_path, read_only=True) as catalog:
        items = pages_to_review(catalog, min_confidence, min_syllables)
    if as_json:
        print_json([asdict(item) for item in items])
        return
    for item in items:
        click.echo(
            f"{printable(item.source_path)} page {item.page} ({', '.join(_kind(item))}): "
            f"{printable('; '.join(item.reasons))}"
        )
    click.echo(f"{len(items)} pages to review.")


def _kind(item: ReviewItem) -> list[str]:
    """How the page was taken: its source, and its script when it is not Latin (``image, Han``)."""
    return [item.source, *([item.script] if item.script not in (None, LATIN) else [])]


@review_group.command("accept")
@click.argument("document")
@click.option("--page", type=click.IntRange(min=1), help="Accept this page only; by default every page.")
@existing_archive_option
def review_accept(document: str, page: int | None, archive_root: Path) -> None:
    """Accept a document's pages (or one page) as checked by a person: they are no longer listed for review.

    DOCUMENT is the document's id, the start of it, or its source file's name
    or path. Once no page of a finished document waits, it counts as
    digitized from now (see `digitize collection set --count-unreviewed`).

    \b
    Example:
      digitize review accept qd-1287.pdf
      digitize review accept 3f9a2c --page 2
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        done = accept(catalog, document, page)
    which = f"page {page}" if page is not None else f"{done.pages} page{'s' if done.pages != 1 else ''}"
    accepted = f"accepted {which} of" if done.pages else "already accepted:"
    if done.waiting:
        standing = f"{done.waiting} page{'s still wait' if done.waiting != 1 else ' still waits'} for review"
    elif done.counts:
        standing = f"it counts as digitized in {done.document.collection!r}"
    else:
        standing = "it counts as digitized once all its pages are done"
    click.echo(f"{accepted} {printable(done.document.source_path)} ({done.document.id}): {standing}")


@review_group.command("fields")
@existing_archive_option
@json_option
def review_fields(archive_root: Path, as_json: bool) -> None:
    """List the metadata a person should type: numbers and days written by hand into the printed form, values
    the cross-checks doubt (with the reason), and numbers and dates of administrative documents that could not be
    read.

    Type them in a CSV and import it with `digitize metadata import`: imported values are the catalog's and are
    no longer listed.

    \b
    Example:
      digitize review fields --json
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        items = fields_to_type(catalog)
    if as_json:
        print_json([asdict(item) for item in items])
        return
    for item in items:
        reading = f"{printable(item.value)} [{item.confidence:.2f}]" if item.value is not None else "–"
        click.echo(f"{printable(item.source_path)} {item.field}: {reading}: {printable(item.reason)}")
    click.echo(f"{len(items)} fields to type.")
