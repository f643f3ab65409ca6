"""The ``search`` and ``index`` commands, and the way hits and facets are printed in a terminal."""

from __future__ import annotations

from pathlib import Path

import click

from digitize.printable import printable
from index.backend import page_index
from index.results import DocumentHit, DocumentResults, PageMatch
from pipelines.archive.catalog import Catalog
from pipelines.archive.evidence import CONFIRMED
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_lock
from pipelines.batch.indexing import rebuild_index
from pipelines.cli.options import existing_archive_option, json_option, print_json
from pipelines.cli.params import MAX_LIMIT, MAX_OFFSET, YEAR

#: Facet values printed per field in the terminal; ``--json`` has them all.
FACET_VALUES_SHOWN = 5


@click.command("search")
@click.argument("query")
@existing_archive_option
@click.option(
    "--limit", "-n", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True, help="Documents to show."
)
@click.option(
    "--offset",
    type=click.IntRange(0, MAX_OFFSET),
    default=0,
    show_default=True,
    help="Documents to skip, to page through.",
)
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--from", "year_from", type=YEAR, metavar="YEAR", help="Documents dated in or after YEAR.")
@click.option("--to", "year_to", type=YEAR, metavar="YEAR", help="Documents dated in or before YEAR.")
@click.option("--fuzzy", is_flag=True, help="Let each word differ by one letter, for OCR errors.")
@json_option
def search_command(
    query: str,
    archive_root: Path,
    limit: int,
    offset: int,
    sort: str,
    year_from: int | None,
    year_to: int | None,
    fuzzy: bool,
    as_json: bool,
) -> None:
    """Search the archive; diacritics are optional. Each document once, its best pages inside.

    Words must all match; put a phrase in double quotes; OR, NOT and
    parentheses work too. Pages holding the words side by side rank first.
    When the words find few documents or none, OCR-tolerant matches follow,
    marked approximate; other words of the archive are suggested.
    Facets count documents (estimated, and said so, when very many match).
    Filters: type:, agency:, province:, collection: and number:
    (exact; quote values with spaces; a number is spelt as the Decree prints
    it, so 505/QD-TTg finds 505/QĐ-TTg), year:2020 or year:2019..2021.

    \b
    Example:
      digitize search "chuyen doi so"
      digitize search "chuyen doi so" --limit 10 --offset 10
      digitize search '"dịch vụ công trực tuyến"' --limit 5 --json
      digitize search 'số hóa type:"Quyết định" agency:"BỘ NỘI VỤ"' --from 2020 --sort date
      digitize search "number:505/QĐ-TTg"
    """
    results = page_index(Archive(archive_root).index_dir).search_documents(
        query,
        limit=limit,
        offset=offset,
        fuzzy=fuzzy,
        sort=sort,
        year_from=year_from,
        year_to=year_to,
        existing=True,
    )
    unconfirmed = _unconfirmed_numbers(archive_root, results)
    if as_json:
        found = results.to_dict()
        for document in found["documents"]:
            document["number_unconfirmed"] = document["doc_id"] in unconfirmed
        print_json({"query": query, **found})
    else:
        print_results(query, results, unconfirmed)


def _unconfirmed_numbers(archive_root: Path, results: DocumentResults) -> set[str]:
    """The documents found whose number is indexed at any confidence but is not confirmed: a reading of a hand
    no citation or printed text bears out (``pipelines.archive.evidence``)."""
    with Catalog(Archive(archive_root).catalog_path, read_only=True) as catalog:
        return {
            document.doc_id
            for document in results.documents
            if document.number and catalog.documents.metadata(document.doc_id).number.confidence < CONFIRMED
        }


def print_results(query: str, results: DocumentResults, unconfirmed: set[str] = frozenset()) -> None:
    total = results.total_documents
    first, last = results.offset + 1, results.offset + len(results.documents)
    span = f"{first}" if first == last else f"{first}–{last}"
    shown = f", {span} shown" if len(results.documents) < total else ""
    about = "about " if results.estimated else ""
    click.echo(f"{about}{_counted(total, 'document')} ({_counted(results.total_pages, 'page')}) for {query!r}{shown}")
    if results.approximate and results.approximate_documents == total:
        click.echo("Kết quả gần đúng (approximate): no page holds the words as typed; these allow for OCR errors")
    elif results.approximate:
        click.echo(
            f"Kết quả gần đúng (approximate) after the first {total - results.approximate_documents}: "
            "they allow for OCR errors"
        )
    if results.suggestion:
        click.echo(f"Có phải bạn muốn tìm: {results.suggestion!r}?")
    print_documents(results.documents, first, unconfirmed)
    for field, counts in results.facets.items():
        if counts:
            values = ", ".join(f"{value} ({about}{count})" for value, count in counts[:FACET_VALUES_SHOWN])
            more = f", … {len(counts) - FACET_VALUES_SHOWN} more" if len(counts) > FACET_VALUES_SHOWN else ""
            click.echo(f"{field}: {values}{more}")


def print_documents(documents: list[DocumentHit], first: int = 1, unconfirmed: set[str] = frozenset()) -> None:
    """Each document found, with its description; a number not confirmed is said to be so."""
    for rank, document in enumerate(documents, first):
        title, pages = printable(document.label), _counted(document.page_count, "page")
        approximate = " (gần đúng, approximate)" if document.approximate else ""
        click.echo(f"{rank:>3}. {title} — {pages}  [{document.doc_id}]{approximate}")
        number = f"{document.number} (unconfirmed)" if document.doc_id in unconfirmed else document.number
        described = " · ".join(filter(None, (document.type, number, document.date, document.agency)))
        if described:
            click.echo(f"     {described}")
        for page in document.pages:
            click.echo(f"     page {page.page}: {_highlighted(page)}")
        if document.more_pages:
            click.echo(f"     … {document.more_pages} more {'pages' if document.more_pages != 1 else 'page'}")


def _counted(number: int, thing: str) -> str:
    return f"{number} {thing}{'s' if number != 1 else ''}"


def _highlighted(page: PageMatch) -> str:
    parts, last = [], 0
    for start, end in page.highlights:
        parts += [page.snippet[last:start], click.style(page.snippet[start:end], bold=True, fg="yellow")]
        last = end
    return "".join([*parts, page.snippet[last:]])


@click.group("index")
def index_group() -> None:
    """Maintain the archive's search index.

    \b
    Example:
      digitize index rebuild --archive archive
    """


@index_group.command("rebuild")
@existing_archive_option
def rebuild(archive_root: Path) -> None:
    """Make the search index anew from the catalog.

    Needed once after an upgrade that changes how text is indexed (such as
    one tone-mark placement for hoà/hòa). Searches keep working on the old
    index until the new one is swapped in. It refuses while a run or
    retry writes to the archive (one writer per archive).

    \b
    Example:
      digitize index rebuild --archive archive
    """
    archive = Archive(archive_root)
    with writer_lock(archive.root), Catalog(archive.catalog_path) as catalog:
        count = rebuild_index(catalog, archive)
    click.echo(f"indexed {count} document{'s' if count != 1 else ''} into {archive.index_dir}")
