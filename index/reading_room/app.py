"""The reading room's ASGI application: ``app(site)`` builds it, routes by concern, on Starlette.

Routes: ``/`` (the search page), ``/page/DOC/N`` (a page with its hits),
``/image/…`` and ``/download/…`` (the archive's files, ``files``),
``/api/…`` (JSON, ``api``), ``/iiif/…`` and ``/viewer/DOC`` (IIIF and
Mirador, ``iiif_routes``), ``/oai`` (OAI-PMH) and ``/static/…`` (scripts,
styles, Mirador's bundle). Everything shown comes from OCR text and
metadata, which are untrusted: HTML is made only by autoescaping templates,
scripts run only from ``/static`` (``headers``). Answers are compressed
(gzip) for browsers that accept it; ``HEAD`` is answered by every route.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.routing import Mount

from index.backend import page_index
from index.iiif.server import IiifService
from index.reading_room import api, desk, files, iiif_routes, oai_routes, pages
from index.reading_room.answers import CACHE_SIZE, GZIP_LEVEL, AnswerCache, KeptAnswers
from index.reading_room.errors import HANDLERS
from index.reading_room.headers import SecurityHeaders
from index.reading_room.requests import ReadingRoom
from index.reading_room.static import MIRADOR_FILES, STATIC, VersionedFiles
from index.search import warm_up
from index.site import Site

#: Answers not worth compressing: Starlette's list (images, archives) and PDFs, whose streams are compressed
#: already (a 2.5 MB demo PDF: 8% smaller for 370 ms of a core, and a download that could no longer be resumed).
UNCOMPRESSED = (*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf")


def app(site: Site, cache_size: int = CACHE_SIZE) -> Starlette:
    """The reading room over ``site``: each worker process builds its own (its own index reader, cache, budget)."""
    index = page_index(site.index_dir)
    warm_up(site.index_dir)
    room = ReadingRoom(site, index, IiifService(site, index), AnswerCache(cache_size))
    mirador = site.viewer_dir or Path("/nonexistent")
    routes = [
        *(desk.ROUTES if site.desk else ()),
        *pages.ROUTES,
        *files.ROUTES,
        *api.ROUTES,
        *iiif_routes.ROUTES,
        *oai_routes.ROUTES,
        Mount("/static/mirador", VersionedFiles(mirador, only=MIRADOR_FILES)),
        Mount("/static", VersionedFiles(STATIC)),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        *([Middleware(desk.SignedInOnly)] if site.private else []),
        Middleware(KeptAnswers),
        Middleware(GZipMiddleware, compresslevel=GZIP_LEVEL, exclude_content_types=UNCOMPRESSED),
    ]
    application = Starlette(routes=routes, middleware=middleware, exception_handlers=HANDLERS)
    application.state.room = room
    return application
