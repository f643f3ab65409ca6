"""The IIIF routes (Image, Presentation and Content Search APIs, ``index.iiif``) and Mirador's page and bundle."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from index.iiif.server import MIRADOR_BUNDLE, Reply
from index.reading_room.answers import kept
from index.reading_room.html import page
from index.reading_room.requests import base_url, params, room
from index.reading_room.static import MIRADOR_URL, static_url

#: IIIF images are cut from page images that change only when a page is digitized again.
IMAGE_CACHE = "public, max-age=86400"


def _sent(reply: Reply, headers: dict[str, str] | None = None) -> Response:
    if reply.location is not None:
        return RedirectResponse(reply.location, 303)
    return Response(reply.body, media_type=reply.content_type, headers=headers)


def image_base(request: Request) -> Response:
    return _sent(room(request).iiif.image_base(base_url(request), request.path_params["image_id"]))


def image_info(request: Request) -> Response:
    return kept(
        request, lambda: _sent(room(request).iiif.image_info(base_url(request), request.path_params["image_id"]))
    )


def image(request: Request) -> Response:
    asked = request.path_params
    reply = room(request).iiif.image(
        asked["image_id"], asked["region"], asked["size"], asked["rotation"], asked["quality"]
    )
    return _sent(reply, {"Cache-Control": IMAGE_CACHE})


def manifest(request: Request) -> Response:
    return kept(request, lambda: _sent(room(request).iiif.manifest(base_url(request), request.path_params["doc_id"])))


def content_search(request: Request) -> Response:
    version = 1 if request.url.path.endswith("/search-v1") else 2
    doc_id = request.path_params["doc_id"]
    return kept(request, lambda: _sent(room(request).iiif.search(base_url(request), doc_id, params(request), version)))


def viewer(request: Request) -> Response:
    """Mirador's page for one document; its script finds the document (and the page to open) in the address."""
    served, doc_id = room(request), request.path_params["doc_id"]
    bundle: Path = served.iiif.mirador_bundle(doc_id)
    root = request.scope.get("root_path", "")
    mirador = root + static_url(MIRADOR_BUNDLE, bundle.parent, MIRADOR_URL)
    first = served.index.read_page(doc_id, 1)
    return page(request, "viewer.html", mirador=mirador, label=first.label if first else doc_id)


ROUTES = [
    Route("/iiif/image/{image_id}", image_base),
    Route("/iiif/image/{image_id}/info.json", image_info),
    Route("/iiif/image/{image_id}/{region}/{size}/{rotation}/{quality}", image),
    Route("/iiif/{doc_id}/manifest", manifest),
    Route("/iiif/{doc_id}/search", content_search),
    Route("/iiif/{doc_id}/search-v1", content_search),
    Route("/viewer/{doc_id}", viewer),
]
