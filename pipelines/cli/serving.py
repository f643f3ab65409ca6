"""The ``serve`` command: the reading room over an archive, on uvicorn with one worker process per core.

Workers are separate processes that build the app themselves
(``reading_room_app``), from the settings ``serve`` leaves in the
environment (``DIGITIZE_SERVE``, JSON): an archive and a few words, not the
live objects a spawned process cannot be given.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import click
from starlette.applications import Starlette

from digitize.errors import DigitizeError
from index.i18n import DEFAULT_LANGUAGE
from index.reading_room.app import app
from index.reading_room.server import DEFAULT_HOST, Listening, default_workers, run
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.archive.reading_room import reading_room
from pipelines.batch.indexing import check_index
from pipelines.cli.options import existing_archive_option, language_option
from pipelines.desk.site import desk_for
from pipelines.exchange.oai import DEFAULT_NAMESPACE, OaiRepository, is_namespace

#: Where ``serve`` leaves its settings for the worker processes.
SETTINGS = "DIGITIZE_SERVE"


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build the reading room: plain values that pass through the environment."""

    archive: str
    lang: str = DEFAULT_LANGUAGE
    name: str = ""
    admin_email: str = "admin@localhost.localdomain"
    oai_namespace: str = DEFAULT_NAMESPACE
    private: bool = False


def reading_room_app() -> Starlette:
    """The app of one worker, from the settings ``serve`` left in ``DIGITIZE_SERVE``."""
    settings = Settings(**json.loads(os.environ[SETTINGS]))
    archive = Archive(Path(settings.archive))
    name = settings.name or archive.root.absolute().name
    repository = OaiRepository(archive, name, settings.admin_email, namespace=settings.oai_namespace)
    site = reading_room(archive, settings.lang, oai=repository.answer)
    return app(replace(site, desk=desk_for(archive), private=settings.private))


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
    help="Address to listen on; 0.0.0.0 opens the archive to the whole network (behind a proxy keep 127.0.0.1).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=default_workers(),
    show_default=True,
    help="Worker processes answering at once (one per core).",
)
@click.option(
    "--forwarded-allow-ips",
    metavar="ADDRESSES",
    help="Behind a reverse proxy: the proxy's addresses (comma-separated, or *), whose X-Forwarded-Proto and "
    "X-Forwarded-For are believed, so IIIF and OAI-PMH answers name https and the proxy's host.",
)
@click.option(
    "--root-path",
    metavar="PATH",
    default="",
    help="Behind a reverse proxy that serves the reading room under a path (/phong-doc): every link starts there.",
)
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
@click.option(
    "--private",
    is_flag=True,
    help="Only signed-in accounts may read (digitize user add); anonymous visitors are sent to sign in.",
)
@language_option("the pages for browsers that ask for neither")
def serve(
    archive_root: Path,
    host: str,
    port: int,
    workers: int,
    forwarded_allow_ips: str | None,
    root_path: str,
    name: str | None,
    admin_email: str,
    oai_namespace: str,
    private: bool,
    language: str,
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
    Several worker processes (--workers, one per core by default) answer at
    once; pages, scripts and images carry ETag and Cache-Control, and are
    gzipped for browsers that accept it.

    \b
    Behind a reverse proxy (nginx, Caddy) that ends TLS: keep --host
    127.0.0.1, pass --forwarded-allow-ips with the proxy's address so
    IIIF and OAI answers name https://, and --root-path when the proxy
    serves the reading room under a path.

    \b
    The archivist's desk: /login, then /desk (the queue: handwritten and
    doubted fields, pages held for review) for the accounts digitize user
    add makes; corrections are audited (digitize audit). --private closes
    the whole room to anyone not signed in.

    \b
    Example:
      digitize serve --archive archive --port 8080
      digitize serve --archive archive --forwarded-allow-ips 127.0.0.1 --root-path /phong-doc
      digitize serve --archive demo-archive --ui-lang en
      digitize serve --host 0.0.0.0 --name "Thư viện tỉnh Quảng Trị" \\
        --admin-email sohoa@thuvien.example.vn --oai-namespace thuvien.quangtri.gov.vn
    """
    archive = Archive(archive_root)
    _check_servable(archive)
    if private and desk_for(archive) is None:
        raise DigitizeError(archive.root, "a private reading room needs an account: run digitize user add first")
    settings = Settings(str(archive.root.absolute()), language, name or "", admin_email, oai_namespace, private)
    os.environ[SETTINGS] = json.dumps(asdict(settings))
    listening = Listening(host, port, workers, forwarded_allow_ips, root_path.rstrip("/"))

    def started(bound: int) -> None:
        click.echo(f"serving {archive.root} at http://{host}:{bound}{listening.root_path}/ (Ctrl-C to stop)")

    try:
        with contextlib.suppress(KeyboardInterrupt):
            run(f"{__name__}:reading_room_app", listening, started)
    except OSError as error:  # the port taken, or an address this machine does not have
        raise DigitizeError(f"{host}:{port}", f"cannot listen there ({error.strerror or error})") from None


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
