"""The search web page and the JSON API behind it, on the standard library's HTTP server.

Routes: ``/`` (query box, facets, hits), ``/page/DOC/N`` (a page's image and
text, hits highlighted), ``/image/DOC/N`` (the page image), ``/api/search``
and ``/api/page/DOC/N`` (the same as JSON).

Everything shown comes from OCR text and metadata, which are untrusted (a
scanned page can say ``<script>``), so every value goes through
``html.escape``. Images are found by document id and page number, never by a
path from the URL: the page must be in the index, and the file the archive
names for it must lie inside the archive. The server binds to 127.0.0.1
unless told otherwise.

Under load (issue 13 item 9): a listen backlog of 1,024 rather than
``http.server``'s 5, whose overflow left clients waiting for SYN retries; a
socket timeout, so a silent connection does not hold its thread for ever;
``limit`` capped; successful answers kept per index version, since a search
costs tens of milliseconds of Python under the GIL and 200 clients queue
behind one another (``benchmarks/serve.py``); clients that hang up logged at
debug level, never with a traceback.
"""

from __future__ import annotations

import html
import json
import logging
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

from digitize.errors import DigitizeError
from index.backend import PageIndex, page_index
from index.search import Hit, Results

DEFAULT_HOST = "127.0.0.1"
PAGE_SIZE = 20
#: Most hits one request gets: ``limit=999999`` once answered 13 MB in 2.3 s; larger asks are clamped.
MAX_LIMIT = 100
#: Connections waiting to be accepted. ``http.server``'s 5 overflowed under 200 clients (issue 13, item 9).
BACKLOG = 1024
#: Seconds a connection may sit silent before it is dropped, so half-open clients do not hold a thread.
TIMEOUT = 10.0
#: Answers kept, newest used last. Each is at most ``MAX_LIMIT`` hits, so this stays within tens of MB.
CACHE_SIZE = 256
#: A client that went away: worth a debug line, never a traceback.
DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)

#: No page may be framed by another site (clickjacking), besides the usual same-origin only.
CSP = "default-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Site:
    """What the server needs of an archive, handed in so the index knows nothing of the archive's layout."""

    index_dir: Path
    #: The archive's image file of (document id, page number).
    image_path: Callable[[str, int], Path]
    #: Images outside this folder are never served.
    root: Path


@dataclass(frozen=True)
class Answer:
    """A successful answer as sent, kept to be sent again while the index is unchanged."""

    content_type: str
    body: bytes


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
        self._answers: OrderedDict[tuple[object, str], Answer] = OrderedDict()
        self._answers_lock = threading.Lock()
        super().__init__((host, port), _Handler)

    def index_version(self) -> object:
        return self.index.version()

    def cached(self, key: tuple[object, str]) -> Answer | None:
        """A search asked before of the same index: answered without tantivy, so 200 clients stay under 1 s."""
        with self._answers_lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def remember(self, key: tuple[object, str], answer: Answer) -> None:
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


class _Handler(BaseHTTPRequestHandler):
    server: SearchServer
    _cache_key: tuple[object, str] | None = None

    def setup(self) -> None:
        """The socket timeout (``StreamRequestHandler.timeout``) is taken from the server, so tests can shorten it."""
        self.timeout = self.server.handler_timeout
        super().setup()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = {name: values[-1] for name, values in parse_qs(url.query).items()}
        parts = [unquote(part) for part in url.path.split("/") if part]
        api = parts[:1] == ["api"]
        # Keyed by the index's version, so a rebuilt index is never answered from the old one.
        self._cache_key = None if parts[:1] == ["image"] else (self.server.index_version(), self.path)
        try:
            if self._cache_key and (answer := self.server.cached(self._cache_key)):
                return self._send(HTTPStatus.OK, answer.content_type, answer.body)
            match parts:
                case []:
                    self._search_page(params)
                case ["page", doc_id, page]:
                    self._page_view(params, doc_id, page)
                case ["image", doc_id, page]:
                    self._image(doc_id, page)
                case ["api", "search"]:
                    self._api_search(params)
                case ["api", "page", doc_id, page]:
                    self._api_page(params, doc_id, page)
                case _:
                    self._error(HTTPStatus.NOT_FOUND, "no such page", api)
        except DISCONNECTS as error:  # the client went away mid-answer: nobody to answer
            log.debug("client %s went away during %s: %s", self.client_address[0], self.path, type(error).__name__)
            self.close_connection = True
        except DigitizeError as error:  # a malformed query or parameter: a message, never a traceback
            self._error(HTTPStatus.BAD_REQUEST, error.reason, api)
        except Exception:  # a bug: logged here, a plain message there
            self.log_error("%s failed:\n%s", self.path, traceback.format_exc())
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error", api)

    def log_request(self, code="-", size="-") -> None:
        """Quiet: a local tool's requests are not worth a line each; errors are still logged."""

    # Routes

    def _search_page(self, params: dict[str, str]) -> None:
        query = params.get("q", "").strip()
        results = self._search(params) if query else None
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", _layout(params, _results_html(params, results)))

    def _page_view(self, params: dict[str, str], doc_id: str, page: str) -> None:
        query = params.get("q", "")
        hit = self.server.index.read_page(doc_id, _page_number(page), query)
        if hit is None:
            return self._error(HTTPStatus.NOT_FOUND, "no such page")
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", _layout(params, _page_html(hit, params)))

    def _image(self, doc_id: str, page: str) -> None:
        site = self.server.site
        number = _page_number(page)
        if Path(doc_id).name != doc_id or doc_id in (".", "..") or self.server.index.read_page(doc_id, number) is None:
            return self._error(HTTPStatus.NOT_FOUND, "no such page")
        path = site.image_path(doc_id, number).resolve()
        if not path.is_relative_to(site.root.resolve()) or not path.is_file():
            return self._error(HTTPStatus.NOT_FOUND, "no image for this page")
        self._send(HTTPStatus.OK, "image/jpeg", path.read_bytes())

    def _api_search(self, params: dict[str, str]) -> None:
        if not params.get("q", "").strip():
            raise BadRequest("empty query")
        self._send_json({"query": params["q"], **self._search(params).to_dict()})

    def _api_page(self, params: dict[str, str], doc_id: str, page: str) -> None:
        hit = self.server.index.read_page(doc_id, _page_number(page), params.get("q", ""))
        if hit is None:
            return self._error(HTTPStatus.NOT_FOUND, "no such page", api=True)
        self._send_json(hit.to_dict())

    # Helpers

    def _search(self, params: dict[str, str]) -> Results:
        sort = params.get("sort", "relevance")
        if sort not in ("relevance", "date"):
            raise BadRequest(f"sort must be relevance or date, not {sort!r}")
        return self.server.index.search(
            params["q"],
            limit=min(_integer(params, "limit") or PAGE_SIZE, MAX_LIMIT),
            fuzzy=params.get("fuzzy") in ("1", "on", "true"),
            sort=sort,
            year_from=_integer(params, "from"),
            year_to=_integer(params, "to"),
        )

    def _error(self, status: HTTPStatus, reason: str, api: bool = False) -> None:
        if api:
            self._send_json({"error": reason}, status)
        else:
            body = f'<p class="error">{html.escape(reason)}</p>'
            self._send(status, "text/html; charset=utf-8", _layout({}, body))

    def _send_json(self, value: object, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(value, ensure_ascii=False))

    def _send(self, status: HTTPStatus, content_type: str, body: str | bytes) -> None:
        data = body.encode() if isinstance(body, str) else body
        if status == HTTPStatus.OK and self._cache_key:
            self.server.remember(self._cache_key, Answer(content_type, data))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", CSP)
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


# HTML. Every value from the index passes through html.escape (``_e``).

_e = html.escape

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
form input[name=q] { width: 30rem; max-width: 100%; } mark { background: #fe6; }
.facets { float: right; width: 14rem; font-size: 90%; } .hit { margin: 0 16rem 1rem 0; }
.meta { color: #555; font-size: 90%; } .error { color: #b00; } img { max-width: 100%; border: 1px solid #ccc; }
.text { white-space: pre-wrap; }
"""


def _layout(params: dict[str, str], body: str) -> str:
    """The page around ``body``: the query form, showing the search that was made."""
    date_sort = " selected" if params.get("sort") == "date" else ""
    fuzzy = " checked" if params.get("fuzzy") else ""
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title>'
        f"<style>{_STYLE}</style></head><body>"
        f'<form action="/" method="get"><input name="q" value="{_e(params.get("q", ""))}" autofocus> '
        f'<select name="sort"><option value="relevance">relevance</option><option value="date"{date_sort}>date'
        f'</option></select> <label><input type="checkbox" name="fuzzy" value="1"{fuzzy}> fuzzy</label> '
        f"<button>Search</button></form>{body}</body></html>"
    )


def _link(path: str, params: dict[str, str], **changes: str) -> str:
    """An escaped URL to ``path`` with the current search's parameters, some changed."""
    return _e(f"{path}?{urlencode({**params, **changes})}")


def _marked_html(hit: Hit) -> str:
    parts, last = [], 0
    for start, end in hit.highlights:
        parts += [_e(hit.snippet[last:start]), f"<mark>{_e(hit.snippet[start:end])}</mark>"]
        last = end
    return "".join([*parts, _e(hit.snippet[last:])])


def _meta_html(hit: Hit) -> str:
    described = " · ".join(_e(part) for part in (hit.type, hit.number, hit.date, hit.agency) if part)
    return f'<div class="meta">{described}</div>' if described else ""


def _results_html(params: dict[str, str], results: Results | None) -> str:
    if results is None:
        return ""
    query = params["q"]
    facets = "".join(
        f"<h4>{_e(field)}</h4><ul>"
        + "".join(
            f'<li><a href="{_link("/", params, q=f"{query} {_filter(field, value)}")}">{_e(str(value))}</a> '
            f"({count})</li>"
            for value, count in counts
        )
        + "</ul>"
        for field, counts in results.facets.items()
        if counts
    )
    hits = "".join(
        f'<div class="hit"><a href="{_link(_page_path("page", hit), params)}">'
        f"{_e(hit.title or hit.source_path or hit.doc_id)} — page {hit.page}</a>"
        f"{_meta_html(hit)}<div>{_marked_html(hit)}</div></div>"
        for hit in results.hits
    )
    return f'<div class="facets">{facets}</div><p>{results.total} pages</p>{hits}'


def _page_path(route: str, hit: Hit) -> str:
    return f"/{route}/{quote(hit.doc_id, safe='')}/{hit.page}"


def _filter(field: str, value: str | int) -> str:
    return f"{field}:{value}" if isinstance(value, int) else f'{field}:"{str(value).replace(chr(34), "")}"'


def _page_html(hit: Hit, params: dict[str, str]) -> str:
    image = _e(_page_path("image", hit))
    return (
        f"<h2>{_e(hit.title or hit.source_path or hit.doc_id)} — page {hit.page}</h2>{_meta_html(hit)}"
        f'<p><a href="{_link("/", params)}">back to the results</a></p>'
        f'<div class="text">{_marked_html(hit)}</div><img src="{image}" alt="page {hit.page}">'
    )
