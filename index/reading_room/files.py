"""The archive's files a reader may fetch: page images and downloads, found by document id and page, never by path.

Each is sent by Starlette's ``FileResponse`` (streamed, ``ETag`` and
``Last-Modified``, ``HEAD``) and answered ``304`` when the browser already
holds it.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route
from starlette.staticfiles import NotModifiedResponse

from digitize.file_kinds import DOWNLOADS
from index.archive_files import archived
from index.i18n import N_
from index.reading_room.errors import NotFound
from index.reading_room.requests import page_number, room

#: A page image or download may change when a page is digitized again: kept an hour, then checked by ``ETag``.
FILE_CACHE = "public, max-age=3600"


def file_answer(request: Request, path: Path, media_type: str, headers: dict[str, str] | None = None) -> Response:
    """``path`` streamed, or ``304`` when the browser's copy (``If-None-Match``) is this file's."""
    sent = {"Cache-Control": FILE_CACHE, **(headers or {})}
    response = FileResponse(path, media_type=media_type, headers=sent, stat_result=path.stat())
    asked = request.headers.get("If-None-Match", "")
    if asked and response.headers["etag"] in [tag.strip() for tag in asked.split(",")]:
        return NotModifiedResponse(response.headers)
    return response


def image(request: Request) -> Response:
    doc_id, page = request.path_params["doc_id"], page_number(request.path_params["page"])
    path = room(request).iiif.page_image(doc_id, page)
    if path is None:
        raise NotFound(N_("no image for this page"))
    return file_answer(request, path, "image/jpeg")


def download(request: Request) -> Response:
    """A document's own file (``/download/DOC/KIND``) or a page's (``/download/DOC/N/KIND``)."""
    served, doc_id, kind = room(request), request.path_params["doc_id"], request.path_params["kind"]
    number = page_number(request.path_params.get("page", "0"))
    if kind not in DOWNLOADS or DOWNLOADS[kind].per_page != (number > 0):
        raise NotFound(N_("no such file"))
    site = served.site
    path = archived(site.root, served.index, doc_id, number or 1, lambda: site.document_file(doc_id, kind, number))
    if path is None:
        raise NotFound(N_("no such file"))
    offered = DOWNLOADS[kind]
    disposition = f'attachment; filename="{offered.download_name(doc_id, number)}"'
    return file_answer(request, path, offered.media_type, {"Content-Disposition": disposition})


ROUTES = [
    Route("/image/{doc_id}/{page}", image),
    Route("/download/{doc_id}/{kind}", download),
    Route("/download/{doc_id}/{page}/{kind}", download),
]
