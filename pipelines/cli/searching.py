"""The ``search``, ``index`` and ``serve`` commands, and the way hits and facets are printed in a terminal."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from digitize.errors import DigitizeError
from digitize.printable import printable
from index.backend import page_index
from index.results import DocumentHit, DocumentResults, PageMatch
from index.web import DEFAULT_HOST, SearchServer
from pipelines.archive.catalog import Catalog
from pipelines.archive.evidence import CONFIRMED
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_lock
from pipelines.archive.reading_room import reading_room
from pipelines.batch.indexing import check_index, rebuild_index
from pipelines.cli.options import existing_archive_option, json_option, language_option, print_json
from pipelines.exchange.oai import DEFAULT_NAMESPACE, OaiRepository, is_namespace

#: Facet values printed per field in the terminal; ``--json`` has them all.
FACET_VALUES_SHOWN = 5


@click.command("search")
@click.argument("query")
@existing_archive_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="Documents to show.")
@click.option(
    "--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Documents to skip, to page through."
)
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--from", "year_from", type=int, metavar="YEAR", help="Documents dated in or after YEAR.")
@click.option("--to", "year_to", type=int, metavar="YEAR", help="Documents dated in or before YEAR.")
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
    When the words find no document, OCR-tolerant matches are shown, marked
    approximate; when few, other words of the archive are suggested.
    Filters: type:, agency:, collection: and number:
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
    click.echo(f"{_counted(total, 'document')} ({_counted(results.total_pages, 'page')}) for {query!r}{shown}")
    if results.approximate:
        click.echo("Kết quả gần đúng (approximate): no page holds the words as typed; these allow for OCR errors")
    if results.suggestion:
        click.echo(f"Có phải bạn muốn tìm: {results.suggestion!r}?")
    print_documents(results.documents, first, unconfirmed)
    for field, counts in results.facets.items():
        if counts:
            values = ", ".join(f"{value} ({count})" for value, count in counts[:FACET_VALUES_SHOWN])
            more = f", … {len(counts) - FACET_VALUES_SHOWN} more" if len(counts) > FACET_VALUES_SHOWN else ""
            click.echo(f"{field}: {values}{more}")


def print_documents(documents: list[DocumentHit], first: int = 1, unconfirmed: set[str] = frozenset()) -> None:
    """Each document found, with its description; a number not confirmed is said to be so."""
    for rank, document in enumerate(documents, first):
        title, pages = printable(document.title or document.source_path), _counted(document.page_count, "page")
        click.echo(f"{rank:>3}. {title} — {pages}  [{document.doc_id}]")
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


def _domain_name(context: click.Context, parameter: click.Parameter, value: str) -> str:
    if not is_namespace(value):
        raise click.BadParameter(f"{value!r} is not a domain name (such as thuvien.quangtri.gov.vn)")
    return value


@click.command("serve")
@existing_archive_option
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to listen on; 0.0.0.0 opens the archive to the whole network.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--name",
    metavar="TEXT",
    help="The repository's name harvesters show (OAI-PMH Identify); the archive folder's name if not given.",
)
@click.option(
    "--admin-email",
    metavar="ADDRESS",
    default="admin@localhost.localdomain",
    show_default=True,
    help="Whom harvesters write to about the archive (OAI-PMH Identify): set it before opening /oai to them.",
)
@click.option(
    "--oai-namespace",
    metavar="DOMAIN",
    default=DEFAULT_NAMESPACE,
    show_default=True,
    callback=_domain_name,
    help="The library's domain name in its records' identifiers (oai:DOMAIN:DOC), so a union catalogue harvesting "
    "several libraries never takes two records for one: set it before opening /oai to them.",
)
@language_option("the pages for browsers that ask for neither")
def serve(
    archive_root: Path, host: str, port: int, name: str | None, admin_email: str, oai_namespace: str, language: str
) -> None:
    """Serve the reading room over the archive, and its JSON API, until Ctrl-C.

    \b
    Pages: /?q=QUERY (query box, facets, matching documents with their best
    pages), /page/DOC/N?q=QUERY (the page image with the hits outlined, its
    text, previous/next page and hit, downloads); JSON:
    /api/search?q=QUERY[&sort=date&fuzzy=1&from=YEAR&to=YEAR&limit=N&offset=N]
    (documents), /api/page/DOC/N?q=QUERY (with the hits' boxes). limit is at
    most 100; a repeated search is answered from memory until the index
    changes. Pages are in Vietnamese unless the browser prefers English
    (or ?lang=en). OAI-PMH 2.0 for harvesters: /oai?verb=Identify (oai_dc
    and marcxml, a set per collection).

    \b
    IIIF: /viewer/DOC?q=QUERY (Mirador, with its search panel),
    /iiif/DOC/manifest (Presentation 3.0), /iiif/DOC/search?q=QUERY
    (Content Search 2.0), /iiif/image/DOC-N/info.json (Image API 3.0,
    level 1).

    \b
    Example:
      digitize serve --archive archive --port 8080
      digitize serve --archive demo-archive --ui-lang en
      digitize serve --host 0.0.0.0 --name "Thư viện tỉnh Quảng Trị" \\
        --admin-email sohoa@thuvien.example.vn --oai-namespace thuvien.quangtri.gov.vn
    """
    archive = Archive(archive_root)
    _check_servable(archive)
    repository = OaiRepository(archive, name or archive.root.absolute().name, admin_email, namespace=oai_namespace)
    site = reading_room(archive, language, oai=repository.answer)
    try:
        server = SearchServer(site, host, port)
    except OSError as error:  # the port taken, or an address this machine does not have
        raise DigitizeError(f"{host}:{port}", f"cannot listen there ({error.strerror or error})") from None
    with server:
        click.echo(f"serving {archive.root} at http://{host}:{server.server_port}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


def _check_servable(archive: Archive) -> None:
    """Refuse to serve an archive whose index is lost or unreadable while the catalog has finished pages.

    Searching it would make an empty index and answer "0 hits" to every
    query, which reads as "no such pages"; an index that only lacks some pages
    is served, with a warning.
    """
    with Catalog(archive.catalog_path, read_only=True) as catalog:
        pages, problem = check_index(catalog, archive)
    if problem is not None and pages is None:
        raise DigitizeError(archive.index_dir, problem)
    if problem is not None:
        click.echo(f"warning: {archive.index_dir}: {problem}", err=True)
