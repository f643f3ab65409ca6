"""Answers kept per index version: a repeated search is sent again without asking tantivy.

A search costs tens of milliseconds of Python; the same search asked by
many readers (a link shared, a results page reloaded) is answered from here
while the index is unchanged. Keyed by the index's version, the reader's
language and the full URL (IIIF ids name the host), so a rebuilt index is
never answered from the old one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from index.reading_room.requests import language, room

#: Answers kept, newest used last. Each is at most ``MAX_LIMIT`` documents, so this stays within tens of MB.
CACHE_SIZE = 256


@dataclass(frozen=True)
class Answer:
    """A successful answer as sent."""

    body: bytes
    #: Its headers but the length, the content type among them.
    headers: tuple[tuple[str, str], ...]

    def response(self) -> Response:
        return Response(self.body, headers=dict(self.headers))


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


def kept(request: Request, make: Callable[[], Response]) -> Response:
    """The answer ``make`` gives, or the one it gave for this URL, language and index version."""
    served = room(request)
    key = (served.index.version(), language(request), str(request.url))
    answer = served.answers.get(key)
    if answer is not None:
        return answer.response()
    response = make()
    if response.status_code == 200:
        headers = tuple((name, value) for name, value in response.headers.items() if name != "content-length")
        served.answers.put(key, Answer(bytes(response.body), headers))
    return response
