"""The ``search``, ``index`` and ``serve`` commands, and the way hits and facets are printed in a terminal."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from digitize.printable import printable
from index.backend import page_index
from index.search import Hit, Results
from index.web import DEFAULT_HOST, SearchServer, Site
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_lock
from pipelines.batch.indexing import rebuild_index
from pipelines.cli.options import existing_archive_option, json_option, print_json

#: Facet values printed per field in the terminal; ``--json`` has them all.
FACET_VALUES_SHOWN = 5


@click.command("search")
@click.argument("query")
@existing_archive_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="Hits to show.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--from", "year_from", type=int, metavar="YEAR", help="Documents dated in or after YEAR.")
@click.option("--to", "year_to", type=int, metavar="YEAR", help="Documents dated in or before YEAR.")
@click.option("--fuzzy", is_flag=True, help="Let each word differ by one letter, for OCR errors.")
@json_option
def search_command(
    query: str,
    archive_root: Path,
    limit: int,
    sort: str,
    year_from: int | None,
    year_to: int | None,
    fuzzy: bool,
    as_json: bool,
) -> None:
    """Search the archive's pages; diacritics are optional.

    Words must all match; put a phrase in double quotes; OR, NOT and
    parentheses work too. Filters: type:, agency:, collection: and number:
    (exact; quote values with spaces), year:2020 or year:2019..2021.

    \b
    Example:
      digitize search "chuyen doi so"
      digitize search '"dịch vụ công trực tuyến"' --limit 5 --json
      digitize search 'số hóa type:"Quyết định" agency:"BỘ NỘI VỤ"' --from 2020 --sort date
      digitize search "number:505/QĐ-TTg"
    """
    results = page_index(Archive(archive_root).index_dir).search(
        query,
        limit=limit,
        fuzzy=fuzzy,
        sort=sort,
        year_from=year_from,
        year_to=year_to,
        existing=True,
    )
    if as_json:
        print_json({"query": query, **results.to_dict()})
    else:
        print_results(query, results)


def print_results(query: str, results: Results) -> None:
    shown = f", {len(results.hits)} shown" if len(results.hits) < results.total else ""
    click.echo(f"{results.total} hit{'s' if results.total != 1 else ''} for {query!r}{shown}")
    print_hits(results.hits)
    for field, counts in results.facets.items():
        if counts:
            values = ", ".join(f"{value} ({count})" for value, count in counts[:FACET_VALUES_SHOWN])
            more = f", … {len(counts) - FACET_VALUES_SHOWN} more" if len(counts) > FACET_VALUES_SHOWN else ""
            click.echo(f"{field}: {values}{more}")


def print_hits(hits: list[Hit]) -> None:
    for rank, hit in enumerate(hits, 1):
        click.echo(f"{rank:>3}. {printable(hit.title or hit.source_path)} — page {hit.page}  [{hit.doc_id}]")
        described = " · ".join(part for part in (hit.type, hit.number, hit.date, hit.agency) if part)
        if described:
            click.echo(f"     {described}")
        click.echo(f"     {_highlighted(hit)}")


def _highlighted(hit: Hit) -> str:
    parts, last = [], 0
    for start, end in hit.highlights:
        parts += [hit.snippet[last:start], click.style(hit.snippet[start:end], bold=True, fg="yellow")]
        last = end
    return "".join([*parts, hit.snippet[last:]])


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


@click.command("serve")
@existing_archive_option
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to listen on; 0.0.0.0 opens the archive to the whole network.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
def serve(archive_root: Path, host: str, port: int) -> None:
    """Serve a search page over the archive, and its JSON API, until Ctrl-C.

    \b
    Pages: /?q=QUERY (query box, facets, hits), /page/DOC/N (page image and
    text); JSON: /api/search?q=QUERY[&sort=date&fuzzy=1&from=YEAR&to=YEAR&limit=N],
    /api/page/DOC/N?q=QUERY. limit is at most 100; a repeated search is
    answered from memory until the index changes.

    \b
    Example:
      digitize serve --archive archive --port 8080
    """
    archive = Archive(archive_root)
    site = Site(archive.index_dir, archive.page_image_path, archive.root)
    with SearchServer(site, host, port) as server:
        click.echo(f"serving {archive.root} at http://{host}:{server.server_port}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
