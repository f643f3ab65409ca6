"""Headers every answer carries: the content security policy, ``nosniff``, and CORS on IIIF answers.

Scripts and styles only from this server's files, none inline; no page may
be framed by another site. Mirador's page is the exception: its styles are
injected inline (emotion) and it draws placeholder images from ``data:`` and
``blob:``. IIIF clients on other sites read ``/iiif/`` answers.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
VIEWER_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none';"
    " base-uri 'none'; form-action 'self'"
)

_NOSNIFF = (b"x-content-type-options", b"nosniff")
_PAGE = (_NOSNIFF, (b"content-security-policy", CSP.encode()))
_VIEWER = (_NOSNIFF, (b"content-security-policy", VIEWER_CSP.encode()))
_IIIF = (*_PAGE, (b"access-control-allow-origin", b"*"))


class SecurityHeaders:
    """Pure ASGI, so it costs a list of headers per answer, not a task per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        added = _VIEWER if path.startswith("/viewer/") else _IIIF if path.startswith("/iiif/") else _PAGE

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":  # no route sets these: added, not searched for
                message["headers"] = [*message.get("headers", ()), *added]
            await send(message)

        await self.app(scope, receive, send_with_headers)
