"""What every route reads of a request: the reading room it serves, its parameters, language and own address."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.requests import Request

from index.i18n import LANGUAGES, N_, TranslatableError, negotiate

if TYPE_CHECKING:
    from index.backend import PageIndex
    from index.iiif.server import IiifService
    from index.reading_room.answers import AnswerCache
    from index.site import Site

#: A ``Host`` header that names a host; anything else is not echoed into the absolute URLs of IIIF and OAI answers.
_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


@dataclass(frozen=True)
class ReadingRoom:
    """One worker's view of the archive: its site, its opened index, its IIIF renderer and its kept answers."""

    site: Site
    index: PageIndex
    iiif: IiifService
    answers: AnswerCache


class BadRequest(TranslatableError):
    """A request parameter that is not what the page sends; ``reason`` a message id, translated where answered."""


def room(request: Request) -> ReadingRoom:
    return request.app.state.room


def params(request: Request) -> dict[str, str]:
    """The query's parameters, the last value of each (as a form sends them)."""
    return dict(request.query_params.multi_items())


def language(request: Request) -> str:
    """``?lang=`` when it names one we have, else the browser's preference, else the server's language."""
    asked = request.query_params.get("lang") if b"lang=" in request.scope["query_string"] else None
    if asked in LANGUAGES:
        return asked
    return negotiate(request.headers.get("Accept-Language"), room(request).site.lang)


def base_url(request: Request) -> str:
    """This server's address as the client named it (``Host``, the proxy's scheme and root path when trusted), for
    the absolute URLs IIIF and OAI-PMH answers hold; the server's own address when ``Host`` is no host name."""
    host = request.headers.get("Host", "")
    if not _HOST.fullmatch(host):
        server = request.scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{request.url.scheme}://{host}{request.scope.get('root_path', '')}"


def integer(values: dict[str, str], name: str) -> int | None:
    value = values.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 6:
        raise BadRequest(N_("{name} must be a whole number, not {value!r}"), name=name, value=value)
    return int(value)


def page_number(text: str) -> int:
    if not text.isdigit() or len(text) > 6:
        raise BadRequest(N_("page must be a number, not {text!r}"), text=text)
    return int(text)
