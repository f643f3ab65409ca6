"""Headers every answer carries: the content security policy, ``nosniff``, and CORS on IIIF answers.

Scripts and styles only from this server's files, none inline; no page may
be framed by another site. Mirador's page is the exception: its styles are
injected inline (emotion) and it draws placeholder images from ``data:`` and
``blob:``. IIIF clients on other sites read ``/iiif/`` answers.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
VIEWER_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none';"
    " base-uri 'none'; form-action 'self'"
)


class SecurityHeaders:
    """Pure ASGI, so it costs a dictionary update per answer, not a task per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        policy = VIEWER_CSP if path.startswith("/viewer/") else CSP
        cors = path.startswith("/iiif/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Content-Security-Policy"] = policy
                if cors:
                    headers["Access-Control-Allow-Origin"] = "*"
            await send(message)

        await self.app(scope, receive, send_with_headers)
