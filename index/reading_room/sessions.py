"""Who is asking: a signed session cookie, and the CSRF token every change must carry.

The cookie holds the account's name and the session's CSRF token, signed with
the archive's key (``itsdangerous``) and dated, so it cannot be forged or
kept past ``MAX_AGE``. It is ``HttpOnly`` and ``SameSite=Strict``, and
``Secure`` when the request came over HTTPS (the proxy's word is taken as
``serve --forwarded-allow-ips`` says). A sign-in always starts a new session
with a new token, so a session planted before it (fixation) is worth nothing.
A session's role is read from the catalog on every request: a removed account
or a changed role takes effect at once.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "digitize_session"
#: Seconds a session lasts: a working day.
MAX_AGE = 12 * 3600
#: The header (API) or form field (pages) a change carries its token in.
CSRF_HEADER, CSRF_FIELD = "X-CSRF-Token", "csrf"


@dataclass(frozen=True)
class Session:
    name: str
    role: str
    csrf: str


def _signer(secret: bytes) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="digitize-session")


def current(request: Request, secret: bytes, role_of) -> Session | None:
    """The request's session, if its cookie is sound, fresh and its account still there."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    try:
        name, csrf = _signer(secret).loads(cookie, max_age=MAX_AGE)
    except (BadSignature, ValueError, TypeError):
        return None
    role = role_of(name)
    return Session(name, role, csrf) if role else None


def new(name: str, role: str) -> Session:
    """A new session for ``name``: a new token, whatever cookie came with the request."""
    return Session(name, role, secrets.token_urlsafe(32))


def keep(request: Request, response: Response, secret: bytes, session: Session) -> None:
    """Set ``session``'s cookie on ``response``."""
    response.set_cookie(
        COOKIE,
        _signer(secret).dumps([session.name, session.csrf]),
        max_age=MAX_AGE,
        path=request.scope.get("root_path", "") or "/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="strict",
    )


def end(request: Request, response: Response) -> None:
    response.delete_cookie(COOKIE, path=request.scope.get("root_path", "") or "/", httponly=True, samesite="strict")


def token_matches(session: Session, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(session.csrf, sent)
