"""Answers kept per index version: a repeated search is sent again without asking tantivy, or even routing.

A search costs tens of milliseconds of Python; the same search asked by
many readers (a link shared, a results page reloaded) is answered from here
while the index is unchanged. Keyed by the index's version, the reader's
language and the full URL (IIIF ids name the host), so a rebuilt index is
never answered from the old one.

Routes keep their answers (``kept``); ``KeptAnswers``, in front of the
router, sends them again. A kept answer is sent as two prepared ASGI
messages: no routing, no thread, no ``Response`` object; it is gzipped once,
when a browser first accepts it so, and keeps its ``ETag``, so a browser
that holds it is answered ``304`` without a body.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from index.reading_room.requests import language, room

#: Answers kept, newest used last. Each is at most ``MAX_LIMIT`` documents, so this stays within tens of MB.
CACHE_SIZE = 256
#: zlib's level 6: nearly level 9's size on HTML and JSON at a fraction of the CPU.
GZIP_LEVEL = 6
#: Smaller answers are sent as they are (Starlette's ``GZipMiddleware`` default).
GZIP_MINIMUM = 500
#: A kept answer is the search as it is now: browsers keep it but ask again, answered ``304`` while unchanged.
REVALIDATE = "no-cache"


@dataclass
class Answer:
    """A successful answer as sent, with what sending it again needs made once."""

    body: bytes
    #: Its headers but the length, the content type among them.
    headers: tuple[tuple[str, str], ...]
    etag: str = ""
    _gzipped: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.etag = self.etag or f'"{hashlib.blake2b(self.body, digest_size=12).hexdigest()}"'
        kept = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in self.headers]
        self._raw = [*kept, (b"etag", self.etag.encode()), (b"cache-control", REVALIDATE.encode())]
        self._raw += [(b"vary", b"Accept-Encoding")] if len(self.body) >= GZIP_MINIMUM else []

    def gzipped(self) -> bytes:
        """The body gzipped, made by the first reader whose browser accepts it (two readers may both make it)."""
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, GZIP_LEVEL, mtime=0)
        return self._gzipped

    async def send(self, scope: Scope, send: Send) -> None:
        asked = _headers(scope)
        if self.etag in asked.get(b"if-none-match", b"").decode("latin-1"):
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", self.etag.encode())]})
            await send({"type": "http.response.body", "body": b""})
            return
        body, headers = self.body, list(self._raw)
        if len(body) >= GZIP_MINIMUM and b"gzip" in asked.get(b"accept-encoding", b""):
            body = self.gzipped()
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


class AnswerCache:
    """The last ``size`` answers, least recently used dropped first; safe across the server's threads."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._answers: OrderedDict[tuple[object, ...], Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> Answer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: tuple[object, ...], answer: Answer) -> None:
        if not self.size:
            return
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)


def _key(request: Request) -> tuple[object, ...]:
    """The index's version, the reader's language and the URL as asked (its scheme and host named in IIIF ids)."""
    scope = request.scope
    path = scope.get("raw_path") or scope["path"]
    url = (scope["scheme"], _headers(scope).get(b"host"), scope.get("root_path"), path, scope["query_string"])
    return room(request).index.version(), language(request), url


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return dict(scope["headers"])


def kept(request: Request, make: Callable[[], Response]) -> Response:
    """The answer ``make`` gives, kept for this URL, language and index version when it succeeds."""
    response, answers = make(), room(request).answers
    if response.status_code == 200 and answers.size:  # nothing kept, nothing to make: no ETag, no copy
        headers = tuple((name, value) for name, value in response.headers.items() if name != "content-length")
        answer = Answer(bytes(response.body), headers)
        answers.put(_key(request), answer)
        response.headers.update({"ETag": answer.etag, "Cache-Control": REVALIDATE})
    return response


class KeptAnswers:
    """Sends a kept answer before routing; anything else goes on to the app. Pure ASGI, placed after any
    sign-in check, so a private room's answers reach only the readers it lets in."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            request = Request(scope)
            answers = room(request).answers
            answer = answers.get(_key(request)) if answers.size else None
            if answer is not None:
                await answer.send(scope, send)
                return
        await self.app(scope, receive, send)
