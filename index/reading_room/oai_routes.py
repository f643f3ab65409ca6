"""OAI-PMH at ``/oai`` for harvesters: asked by GET, or by POST with the arguments form-encoded in the body."""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from index.i18n import N_
from index.reading_room.errors import NotFound
from index.reading_room.requests import base_url, room

#: The most a harvester's POSTed arguments may weigh.
MAX_BODY = 65536


async def oai(request: Request) -> Response:
    answer = room(request).site.oai
    if answer is None:
        raise NotFound(N_("no such page"))
    query = request.url.query
    if request.method == "POST":
        length = request.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            raise NotFound(N_("no such page"))
        query = (await request.body()).decode("utf-8", "replace")
    arguments = parse_qs(query, keep_blank_values=True)
    body = await run_in_threadpool(answer, arguments, f"{base_url(request)}/oai")  # the catalog blocks
    return Response(body, media_type="text/xml; charset=utf-8")


ROUTES = [Route("/oai", oai, methods=["GET", "POST"])]
