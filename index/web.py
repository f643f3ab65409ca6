"""The reading room: the search page, the page viewer and the JSON API, on the standard library's HTTP server.

Routes (one table, ``_Handler.do_GET``): ``/`` (query box, facets, matching
documents with their best pages), ``/page/DOC/N`` (the page image with the
query's hits outlined beside its text, previous/next page and hit, the
document's description and downloads), ``/image/DOC/N`` (the page image),
``/download/DOC/KIND`` and ``/download/DOC/N/KIND`` (the archive's files),
``/static/NAME`` (the viewer's script and style), ``/api/search`` and
``/api/page/DOC/N`` (the same as JSON, the page with its hit boxes); IIIF
(``index.iiif.server``): ``/iiif/image/DOC-N/…`` (Image API),
``/iiif/DOC/manifest``, ``/iiif/DOC/search?q=`` (Content Search 2.0;
``search-v1`` for Mirador), and ``/viewer/DOC`` (Mirador, from
``/static/mirador/``), whose answers other sites may read (CORS).

Everything shown comes from OCR text and metadata, which are untrusted (a
scanned page can say ``<script>``): HTML is made only by Jinja2 templates
with autoescaping (``index/templates``), and scripts run only from
``/static`` (the CSP allows no inline script or style). Words are Vietnamese
first (``index.i18n``): ``?lang=``, else the browser's ``Accept-Language``,
else the server's language. Files are found by document id and page number,
never by a path from the URL: the page must be in the index, and the file the
archive names for it must lie inside the archive. The server binds to
127.0.0.1 unless told otherwise.

Under load (issue 13 item 9): a listen backlog of 1,024 rather than
``http.server``'s 5, whose overflow left clients waiting for SYN retries; a
socket timeout, so a silent connection does not hold its thread for ever;
``limit`` capped; successful answers kept per index version, since a search
costs tens of milliseconds of Python under the GIL and 200 clients queue
behind one another (``benchmarks/serve.py``); clients that hang up logged at
debug level, never with a traceback.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from PIL import Image

from digitize.errors import DigitizeError
from digitize.file_kinds import DOWNLOADS
from index.archive_files import archived
from index.backend import PageIndex, page_index
from index.hit_boxes import HitBox, hit_boxes
from index.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, gettext_in, negotiate, render
from index.iiif.errors import IiifError
from index.iiif.server import IiifService, Reply
from index.results import DocumentResults
from index.site import Site

DEFAULT_HOST = "127.0.0.1"
#: Documents per results page (each with its best pages inside).
PAGE_SIZE = 10
#: Most documents one request gets: ``limit=999999`` once answered 13 MB in 2.3 s; larger asks are clamped.
MAX_LIMIT = 100
#: Connections waiting to be accepted. ``http.server``'s 5 overflowed under 200 clients (issue 13, item 9).
BACKLOG = 1024
#: Seconds a connection may sit silent before it is dropped, so half-open clients do not hold a thread.
TIMEOUT = 10.0
#: Answers kept, newest used last. Each is at most ``MAX_LIMIT`` documents, so this stays within tens of MB.
CACHE_SIZE = 256
#: A client that went away: worth a debug line, never a traceback.
DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)

#: Scripts and styles only from this server's files, none inline; no page may be framed by another site.
CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
#: Mirador's page: its styles are injected inline (emotion) and it draws placeholder images from data: and blob:.
VIEWER_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none';"
    " base-uri 'none'; form-action 'self'"
)
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answer:
    """A successful answer as sent, kept to be sent again while the index is unchanged."""

    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class BadRequest(DigitizeError):
    """A request parameter that is not what the page sends."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)


class SearchServer(ThreadingHTTPServer):
    """One thread per connection, with a backlog deep enough for hundreds of clients arriving at once."""

    daemon_threads = True
    request_queue_size = BACKLOG
    cache_size = CACHE_SIZE

    def __init__(self, site: Site, host: str = DEFAULT_HOST, port: int = 8000, timeout: float | None = TIMEOUT) -> None:
        self.site = site
        self.index: PageIndex = page_index(site.index_dir)
        self.handler_timeout = timeout
        self._answers: OrderedDict[tuple[object, ...], Answer] = OrderedDict()
        self._answers_lock = threading.Lock()
        self.iiif = IiifService(site, self.index)
        super().__init__((host, port), _Handler)

    def index_version(self) -> object:
        return self.index.version()

    def cached(self, key: tuple[object, ...]) -> Answer | None:
        """A search asked before of the same index: answered without tantivy, so 200 clients stay under 1 s."""
        with self._answers_lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def remember(self, key: tuple[object, ...], answer: Answer) -> None:
        with self._answers_lock:
            self._answers[key] = answer
            while len(self._answers) > self.cache_size:
                self._answers.popitem(last=False)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A client that hung up is quiet; anything else keeps the standard traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, DISCONNECTS):
            log.debug("client %s went away: %s", client_address[0], type(error).__name__)
        else:
            super().handle_error(request, client_address)


#: Routes whose answers are files, not worth keeping in memory.
_UNCACHED = ("image", "download", "static", "oai")  # OAI follows the catalog, not the index


class _Handler(BaseHTTPRequestHandler):
    server: SearchServer
    _cache_key: tuple[object, ...] | None = None
    lang: str = DEFAULT_LANGUAGE
    _cors = False
    _csp = CSP

    def setup(self) -> None:
        """The socket timeout (``StreamRequestHandler.timeout``) is taken from the server, so tests can shorten it."""
        self.timeout = self.server.handler_timeout
        super().setup()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = {name: values[-1] for name, values in parse_qs(url.query).items()}
        parts = [unquote(part) for part in url.path.split("/") if part]
        api = parts[:1] in (["api"], ["iiif"])
        self.lang = self._language(params)
        self._cors = parts[:1] == ["iiif"]
        self._csp = VIEWER_CSP if parts[:1] == ["viewer"] else CSP
        # Keyed by the index's version, so a rebuilt index is never answered from the old one; IIIF ids name the host.
        cacheable = parts[:1] not in ([name] for name in _UNCACHED) and parts[:2] != ["iiif", "image"]
        self._cache_key = (self.server.index_version(), self.lang, self._base() + self.path) if cacheable else None
        try:
            if self._cache_key and (answer := self.server.cached(self._cache_key)):
                return self._send(HTTPStatus.OK, answer.content_type, answer.body, answer.headers)
            match parts:
                case []:
                    self._search_page(params)
                case ["page", doc_id, page]:
                    self._page_view(params, doc_id, page)
                case ["image", doc_id, page]:
                    self._image(doc_id, page)
                case ["download", doc_id, kind]:
                    self._download(doc_id, kind, "0")
                case ["download", doc_id, page, kind]:
                    self._download(doc_id, kind, page)
                case ["static", name]:
                    self._static(name)
                case ["api", "search"]:
                    self._api_search(params)
                case ["api", "page", doc_id, page]:
                    self._api_page(params, doc_id, page)
                case ["iiif", "image", image_id]:
                    self._reply(self.server.iiif.image_base(self._base(), image_id))
                case ["iiif", "image", image_id, "info.json"]:
                    self._reply(self.server.iiif.image_info(self._base(), image_id))
                case ["iiif", "image", image_id, region, size, rotation, quality]:
                    self._reply(self.server.iiif.image(image_id, region, size, rotation, quality))
                case ["iiif", doc_id, "manifest"]:
                    self._reply(self.server.iiif.manifest(self._base(), doc_id))
                case ["iiif", doc_id, "search"]:
                    self._reply(self.server.iiif.search(self._base(), doc_id, params, version=2))
                case ["iiif", doc_id, "search-v1"]:
                    self._reply(self.server.iiif.search(self._base(), doc_id, params, version=1))
                case ["viewer", doc_id]:
                    self._reply(self.server.iiif.viewer(doc_id))
                case ["static", "mirador", name]:
                    self._reply(self.server.iiif.mirador(name))
                case ["oai"] if self.server.site.oai:
                    self._oai(url.query)
                case _:
                    self._error(HTTPStatus.NOT_FOUND, N_("no such page"), api)
        except DISCONNECTS as error:  # the client went away mid-answer: nobody to answer
            log.debug("client %s went away during %s: %s", self.client_address[0], self.path, type(error).__name__)
            self.close_connection = True
        except IiifError as error:  # not there (404), not implemented (501), not installed (503), or malformed (400)
            self._error(HTTPStatus(error.status), error.reason, api)
        except DigitizeError as error:  # a malformed query or parameter: a message, never a traceback
            self._error(HTTPStatus.BAD_REQUEST, error.reason, api)
        except Exception:  # a bug: logged here, a plain message there
            self.log_error("%s failed:\n%s", self.path, traceback.format_exc())
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, N_("internal error"), api)

    def do_POST(self) -> None:
        """OAI-PMH may be asked by POST, its arguments form-encoded in the body: answered as the same GET."""
        length = self.headers.get("Content-Length", "0")
        if urlsplit(self.path).path != "/oai" or not length.isdigit() or int(length) > 65536:
            return self._error(HTTPStatus.NOT_FOUND, N_("no such page"))
        self.path = "/oai?" + self.rfile.read(int(length)).decode("utf-8", "replace")
        self.do_GET()

    def log_request(self, code="-", size="-") -> None:
        """Quiet: a local tool's requests are not worth a line each; errors are still logged."""

    def _language(self, params: dict[str, str]) -> str:
        """``?lang=`` when it names one we have, else the browser's preference, else the server's language."""
        if params.get("lang") in LANGUAGES:
            return params["lang"]
        return negotiate(self.headers.get("Accept-Language"), self.server.site.lang)

    # Routes

    def _search_page(self, params: dict[str, str]) -> None:
        query = params.get("q", "").strip()
        results = self._search(params) if query else None
        self._send_html(
            "search.html",
            params=params,
            results=results,
            facet_links=_facet_links(params, results) if results else {},
            paging=_paging(params, results) if results else None,
        )

    def _page_view(self, params: dict[str, str], doc_id: str, page: str) -> None:
        query = params.get("q", "").strip()
        number = _page_number(page)
        hit = self.server.index.read_page(doc_id, number, query)
        if hit is None:
            return self._error(HTTPStatus.NOT_FOUND, N_("no such page"))
        pages = self.server.index.document_pages(doc_id, query)
        image = self._image_file(doc_id, number)
        size = _image_size(image) if image else None
        boxes = self._boxes(params, doc_id, number) if size else []
        self._send_html(
            "page.html",
            params=params,
            hit=hit,
            text_segments=_segments(hit.snippet, hit.highlights),
            page_count=pages.page_count,
            previous_hit=max((p for p in pages.matching if p < number), default=None),
            next_hit=min((p for p in pages.matching if p > number), default=None),
            hit_pages=len(pages.matching),
            size=size,
            boxes=boxes,
            downloads=self._downloads(doc_id, number),
        )

    def _image(self, doc_id: str, page: str) -> None:
        path = self._image_file(doc_id, _page_number(page))
        if path is None:
            return self._error(HTTPStatus.NOT_FOUND, N_("no image for this page"))
        self._send(HTTPStatus.OK, "image/jpeg", path.read_bytes())

    def _download(self, doc_id: str, kind: str, page: str) -> None:
        number = _page_number(page)
        if kind not in DOWNLOADS or DOWNLOADS[kind].per_page != (number > 0):
            return self._error(HTTPStatus.NOT_FOUND, N_("no such file"))
        path = self._archived(doc_id, number or 1, lambda: self.server.site.document_file(doc_id, kind, number))
        if path is None:
            return self._error(HTTPStatus.NOT_FOUND, N_("no such file"))
        download = DOWNLOADS[kind]
        disposition = f'attachment; filename="{download.download_name(doc_id, number)}"'
        self._send(HTTPStatus.OK, download.media_type, path.read_bytes(), (("Content-Disposition", disposition),))

    def _static(self, name: str) -> None:
        path = STATIC / name
        if Path(name).name != name or path.suffix not in STATIC_TYPES or not path.is_file():
            return self._error(HTTPStatus.NOT_FOUND, N_("no such file"))
        self._send(HTTPStatus.OK, STATIC_TYPES[path.suffix], path.read_bytes(), (("Cache-Control", "max-age=3600"),))

    def _api_search(self, params: dict[str, str]) -> None:
        if not params.get("q", "").strip():
            raise BadRequest("empty query")
        self._send_json({"query": params["q"], **self._search(params).to_dict()})

    def _api_page(self, params: dict[str, str], doc_id: str, page: str) -> None:
        hit = self.server.index.read_page(doc_id, _page_number(page), params.get("q", ""))
        if hit is None:
            return self._error(HTTPStatus.NOT_FOUND, N_("no such page"), api=True)
        self._send_json({**hit.to_dict(), "boxes": [box.to_dict() for box in self._boxes(params, doc_id, hit.page)]})

    def _oai(self, query: str) -> None:
        answer = self.server.site.oai(parse_qs(query, keep_blank_values=True), f"{self._base()}/oai")
        self._send(HTTPStatus.OK, "text/xml; charset=utf-8", answer)

    # Helpers

    def _search(self, params: dict[str, str]) -> DocumentResults:
        sort = params.get("sort", "relevance")
        if sort not in ("relevance", "date"):
            raise BadRequest(f"sort must be relevance or date, not {sort!r}")
        return self.server.index.search_documents(
            params["q"],
            limit=min(_integer(params, "limit") or PAGE_SIZE, MAX_LIMIT),
            offset=_integer(params, "offset") or 0,
            fuzzy=params.get("fuzzy") in ("1", "on", "true"),
            sort=sort,
            year_from=_integer(params, "from"),
            year_to=_integer(params, "to"),
        )

    def _boxes(self, params: dict[str, str], doc_id: str, page: int) -> list[HitBox]:
        """The query's hits on the page image, from the page's OCR words."""
        query = params.get("q", "").strip()
        words = self.server.site.page_words(doc_id, page) if query else None
        return hit_boxes(words, query) if words is not None else []

    def _archived(self, doc_id: str, page: int, path_of: Callable[[], Path | None]) -> Path | None:
        return archived(self.server.site.root, self.server.index, doc_id, page, path_of)

    def _image_file(self, doc_id: str, page: int) -> Path | None:
        return self._archived(doc_id, page, lambda: self.server.site.image_path(doc_id, page))

    def _downloads(self, doc_id: str, page: int) -> list[tuple[str, str]]:
        """(kind, URL) of the files the archive holds for this page and its document."""
        site, found = self.server.site, []
        for kind, file_kind in DOWNLOADS.items():
            path = site.document_file(doc_id, kind, page if file_kind.per_page else 0)
            if path is not None and path.is_file():
                found.append((kind, _quoted("download", doc_id, *([page] if file_kind.per_page else []), kind)))
        return found

    def _base(self) -> str:
        """This server's address as the client named it, for the absolute URLs IIIF and OAI-PMH answers hold:
        the ``Host`` asked for unless it is no host name, ``https`` behind a TLS proxy that says so."""
        host = self.headers.get("Host", "")
        if not re.fullmatch(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?", host):
            host = f"{self.server.server_address[0]}:{self.server.server_port}"
        scheme = "https" if self.headers.get("X-Forwarded-Proto") == "https" else "http"
        return f"{scheme}://{host}"

    def _reply(self, reply: Reply) -> None:
        if reply.location is None:
            return self._send(HTTPStatus.OK, reply.content_type, reply.body)
        self._cache_key = None
        self._send(HTTPStatus.SEE_OTHER, reply.content_type, b"", (("Location", reply.location),))

    def _error(self, status: HTTPStatus, reason: str, api: bool = False) -> None:
        if api:
            self._send_json({"error": reason}, status)
        else:
            self._send_html("error.html", status, params={}, reason=gettext_in(self.lang, reason))

    def _send_html(self, template: str, status: HTTPStatus = HTTPStatus.OK, **context: object) -> None:
        """A page from ``template``, given the helpers every page uses to make its links."""
        params: dict[str, str] = context.setdefault("params", {})  # type: ignore[assignment]
        body = render(
            TEMPLATES,
            template,
            self.lang,
            here=urlsplit(self.path).path,
            link=lambda path, **changes: _link(path, params, **changes),
            path=_quoted,
            segments=_segments,
            **context,
        )
        self._send(status, "text/html; charset=utf-8", body)

    def _send_json(self, value: object, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(value, ensure_ascii=False))

    def _send(
        self, status: HTTPStatus, content_type: str, body: str | bytes, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        if status == HTTPStatus.OK and self._cache_key:
            self.server.remember(self._cache_key, Answer(content_type, data, headers))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", self._csp)
        if self._cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        if content_type.startswith("text/html"):
            self.send_header("Content-Language", self.lang)
            self.send_header("Vary", "Accept-Language")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _integer(params: dict[str, str], name: str) -> int | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 6:
        raise BadRequest(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _page_number(text: str) -> int:
    if not text.isdigit() or len(text) > 6:
        raise BadRequest(f"page must be a number, not {text!r}")
    return int(text)


def _image_size(path: Path) -> tuple[int, int] | None:
    """The image's width and height from its header, without decoding it."""
    try:
        with Image.open(path) as image:
            return image.size
    except OSError:
        return None


# What the templates are given: plain values and URLs; the templates escape.


def _quoted(*parts: object) -> str:
    """A path of ``parts``, each quoted whole (a document id can hold no slash of the path)."""
    return "/" + "/".join(quote(str(part), safe="") for part in parts)


def _link(path: str, params: dict[str, str], **changes: object) -> str:
    """A URL to ``path`` with the current search's parameters, some changed (None drops one)."""
    merged = {**params, **changes}
    query = urlencode({name: value for name, value in merged.items() if value not in (None, "")})
    return f"{path}?{query}" if query else path


def _segments(text: str, highlights: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a hit) for a template to mark up, escaping each piece."""
    segments, last = [], 0
    for start, end in highlights:
        segments += [(text[last:start], False), (text[start:end], True)]
        last = end
    segments.append((text[last:], False))
    return [segment for segment in segments if segment[0]]


def _filter(field: str, value: str | int) -> str:
    return f"{field}:{value}" if isinstance(value, int) else f'{field}:"{str(value).replace(chr(34), "")}"'


def _facet_links(params: dict[str, str], results: DocumentResults) -> dict[str, list[tuple[str | int, int, str]]]:
    """Field → [(value, pages, URL of the search narrowed to it)]."""
    query = params["q"]
    return {
        name: [
            (value, count, _link("/", params, q=f"{query} {_filter(name, value)}", offset=None))
            for value, count in counts
        ]
        for name, counts in results.facets.items()
        if counts
    }


@dataclass(frozen=True)
class Paging:
    first: int
    last: int
    previous: str | None
    next: str | None


def _paging(params: dict[str, str], results: DocumentResults) -> Paging:
    limit = min(_integer(params, "limit") or PAGE_SIZE, MAX_LIMIT)
    offset = results.offset
    previous = _link("/", params, offset=max(offset - limit, 0) or None) if offset > 0 else None
    following = offset + limit
    after = _link("/", params, offset=following) if following < results.total_documents else None
    return Paging(offset + 1, offset + len(results.documents), previous, after)
