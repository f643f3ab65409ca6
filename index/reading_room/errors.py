"""Errors answered in the reader's language: an HTML page that keeps the search, or JSON for the API and IIIF.

A malformed query, a page that is not there, a route that does not exist and
a bug all end here, never as a traceback. Messages are English ids
translated by the catalogs; a query error's own words (``unbalanced
parentheses in 'a (b'``) are translated by their pattern (``index.i18n``).
"""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from digitize.errors import ArchiveBusyError, DigitizeError
from index.i18n import N_, Message, TranslatableError, gettext_in
from index.reading_room.html import page
from index.reading_room.requests import language, params

log = logging.getLogger(__name__)

#: Routes answered in JSON, errors included.
JSON_ROUTES = ("/api/", "/iiif/")
STATUS_REASONS = {404: N_("no such page"), 405: N_("method not allowed")}
#: A change asked for while a batch writes to the archive: to try again once it is over.
BUSY = N_("a run is writing to this archive: try again when it is over")


class NotFound(TranslatableError):
    """Nothing at this address: a page, file or image the archive does not hold; ``reason`` a message id."""

    status = 404


def _answer(request: Request, status: int, reason: str | Message) -> Response:
    path = request.url.path.removeprefix(request.scope.get("root_path", ""))
    lang = language(request)
    translated = reason.in_language(lang) if isinstance(reason, Message) else gettext_in(lang, reason)
    if path.startswith(JSON_ROUTES):
        return json_error(translated, lang, status)
    return page(request, "error.html", status, params=params(request), reason=translated)


def json_error(reason: str, lang: str, status: int) -> Response:
    """An API's error as JSON, already in the reader's language (``Content-Language`` says which)."""
    return JSONResponse({"error": reason}, status, headers={"Content-Language": lang, "Vary": "Accept-Language"})


async def http_error(request: Request, error: Exception) -> Response:
    """Starlette's own errors (no such route, a method not allowed)."""
    assert isinstance(error, HTTPException)
    if error.status_code == 304:
        return Response(status_code=304, headers=error.headers)
    return _answer(request, error.status_code, STATUS_REASONS.get(error.status_code, N_("no such page")))


async def digitize_error(request: Request, error: Exception) -> Response:
    """Not there (404), busy (409: a run writes), not implemented (501), over budget (503), or malformed (400).

    A message, never a traceback."""
    assert isinstance(error, DigitizeError)
    if isinstance(error, ArchiveBusyError):
        return _answer(request, 409, BUSY)
    status = getattr(error, "status", 400)  # IiifError's own, NotFound's 404; any other is a malformed request
    if status >= 500:  # an index lost or damaged, a budget spent: the keeper must hear of it
        log.error("%s: %s", request.url.path, error)
    return _answer(request, status, getattr(error, "message", error.reason))


async def internal_error(request: Request, error: Exception) -> Response:
    """A bug: logged here with its traceback, a plain message there."""
    log.error("%s failed", request.url.path, exc_info=error)
    return _answer(request, 500, N_("internal error"))


HANDLERS = {HTTPException: http_error, DigitizeError: digitize_error, Exception: internal_error}
