"""The archivist's desk in the reading room: sign in and out, the queue, corrections of fields and lines, the audit
trail and undo. Every change needs a signed-in archivist and the session's CSRF token; what it does to the archive
is the ``Desk``'s (``index.desk``).

JSON routes (the browser pages use the same):
``POST /api/login`` ``{"user", "password"}`` → ``{"csrf"}`` and the session cookie (401 wrong, 429 throttled);
``POST /api/logout``; ``POST /api/documents/DOC/fields`` ``{"field", "value"}``;
``POST /api/pages/DOC/N/lines`` ``{"line", "text"}``; ``POST /api/audit/ID/undo``;
``GET /api/audit?doc=DOC``; ``GET /api/queue?collection=&reason=``. A change without a session is 401; by a
reader, or without the token, 403.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from PIL import Image
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from digitize.alto import line_ids
from digitize.ocr.page import OcrPage
from index.desk import Desk
from index.i18n import N_, TranslatableError, gettext_in
from index.iiif.image import identifier
from index.reading_room.errors import NotFound, json_error
from index.reading_room.html import page
from index.reading_room.requests import BadRequest, language, page_number, params, room
from index.reading_room.sessions import CSRF_FIELD, CSRF_HEADER, Session, current, end, keep, new, token_matches
from index.roles import ARCHIVIST, may

#: What a JSON body may weigh: a line of text or a field value, with room to spare.
MAX_BODY = 64 * 1024
#: What a visitor without a session is told.
SIGN_IN = N_("sign in first")
#: The queue's reasons (``pipelines.desk.queue.REASONS``, in its order), as the filter names them.
REASONS = (("handwritten", N_("handwritten")), ("field", N_("doubted field")), ("page", N_("page to review")))
#: What a private room shows to anyone: the way in, and what that page needs.
OPEN_IN_PRIVATE = ("/login", "/api/login", "/static/")


class Refused(TranslatableError):
    """A request the desk refuses: no session (401), not allowed (403), too many sign-ins (429)."""

    def __init__(self, status: int, reason: str, **values: object) -> None:
        super().__init__(reason, status, **values)


def desk(request: Request) -> Desk:
    served = room(request).site.desk
    if served is None:
        raise Refused(404, N_("no desk: this reading room only reads"))
    return served


def session(request: Request) -> Session | None:
    served = room(request).site.desk
    return current(request, served.secret, served.role_of) if served else None


async def login(request: Request) -> Response:
    served, asked = desk(request), await _body(request)
    client = request.client.host if request.client else ""
    signed = served.sign_in(str(asked.get("user", "")), str(asked.get("password", "")), client)
    form = not _is_json(request)
    if signed.throttled:
        raise Refused(429, N_("too many failed sign-ins: wait a few minutes"))
    if signed.name is None or signed.role is None:
        if form:
            return page(request, "login.html", 401, failed=True)
        raise Refused(401, N_("wrong user name or password"))
    made = new(signed.name, signed.role)
    response = (
        RedirectResponse(_root(request) + "/desk", 303)
        if form
        else _json({"csrf": made.csrf, "user": made.name, "role": made.role})
    )
    keep(request, response, served.secret, made)
    return response


async def logout(request: Request) -> Response:
    await _change(request, needed=None)
    response = _json({}) if _is_json(request) else RedirectResponse(_root(request) + "/", 303)
    end(request, response)
    return response


async def field(request: Request) -> Response:
    who, asked = await _change(request)
    doc_id = request.path_params["doc_id"]
    name, value = _text(asked, "field"), _text(asked, "value")
    return _json(desk(request).correct_field(doc_id, name, value, who.name))


async def line(request: Request) -> Response:
    who, asked = await _change(request)
    doc_id, number = request.path_params["doc_id"], page_number(request.path_params["page"])
    line_id, text = _text(asked, "line"), _text(asked, "text")
    return _json(desk(request).correct_line(doc_id, number, line_id, text, who.name))


async def undo(request: Request) -> Response:
    who, _ = await _change(request)
    record = request.path_params["record"]
    if not record.isdigit():
        raise BadRequest(N_("no change {record!r}"), record=record)
    return _json(desk(request).undo(int(record), who.name))


def audit(request: Request) -> Response:
    _signed(request, ARCHIVIST)
    return _json(desk(request).audit(request.query_params.get("doc") or None))


def queue(request: Request) -> Response:
    _signed(request, ARCHIVIST)
    asked = params(request)
    items = desk(request).queue(asked.get("collection") or None, asked.get("reason") or None)
    return _json({"left": len(items), "items": items})


def login_page(request: Request) -> Response:
    desk(request)
    return page(request, "login.html", failed=False)


def desk_page(request: Request) -> Response:
    who = _signed_page(request)
    if isinstance(who, Response):
        return who
    asked = params(request)
    items = desk(request).queue(asked.get("collection") or None, asked.get("reason") or None)
    return _private(page(request, "desk.html", params=asked, who=who, items=items, reasons=REASONS))


def desk_page_view(request: Request) -> Response:
    """One page at the desk: the document's doubtful fields with their crops, and the page's lines to correct."""
    who = _signed_page(request)
    if isinstance(who, Response):
        return who
    served = room(request)
    doc_id, number = request.path_params["doc_id"], page_number(request.path_params["page"])
    reading = served.site.page_words(doc_id, number)
    image = served.iiif.page_image(doc_id, number)
    if reading is None or image is None:
        raise NotFound(N_("no such page"))
    first = served.site.page_words(doc_id, 1) if number != 1 else reading
    root = _root(request)
    fields = [
        {**item, "crop": _crop(root, doc_id, first, item["target"])}
        for item in desk(request).queue(None, None)
        if item["doc_id"] == doc_id and item["target"] != "page"
    ]
    with Image.open(image) as opened:
        size = opened.size
    changes = list(reversed(desk(request).audit(doc_id)))
    context = {"doc_id": doc_id, "number": number, "fields": fields, "lines": _lines(reading), "changes": changes}
    return _private(page(request, "desk_page.html", who=who, size=size, **context))


async def _change(request: Request, needed: str | None = ARCHIVIST) -> tuple[Session, dict]:
    """The session of a change and its body: 401 without a session, 403 without the role or the token."""
    who = session(request)
    if who is None:
        raise Refused(401, SIGN_IN)
    asked = await _body(request)
    sent = request.headers.get(CSRF_HEADER) or str(asked.get(CSRF_FIELD, ""))
    if not token_matches(who, sent):
        raise Refused(403, N_("the request lacks this session's CSRF token"))
    if needed is not None and not _may(who, needed):
        raise Refused(403, N_("only an {role} may change the archive"), role=needed)
    return who, asked


def _signed(request: Request, needed: str) -> Session:
    who = session(request)
    if who is None:
        raise Refused(401, SIGN_IN)
    if not _may(who, needed):
        raise Refused(403, N_("only an {role} may see this"), role=needed)
    return who


def _signed_page(request: Request) -> Session | Response:
    who = session(request)
    if who is None:
        return RedirectResponse(_root(request) + "/login", 303)
    if not _may(who, ARCHIVIST):
        raise Refused(403, N_("only an {role} may see this"), role=ARCHIVIST)
    return who


def _lines(reading: OcrPage) -> list[dict]:
    """Each line's ALTO ID, box, text and words with the chance each is wrong (from the engines' confidence)."""
    lines = []
    for line_id, (block, index) in line_ids(reading).items():
        line = reading.blocks[block].lines[index]
        words = [{"text": word.text, "doubt": 1 - word.confidence / 100} for word in line.words]
        lines.append({"id": line_id, "box": line.box, "text": line.text, "words": words})
    return lines


#: Where on the first page a field stands: the first line that starts as it does.
_FIELD_LINES = {"number": "Số", "date": "ngày", "place": "ngày"}


def _crop(root: str, doc_id: str, first: OcrPage | None, field: str) -> str | None:
    """A IIIF address of the first page's region where ``field`` stands, a little around it; None if not found."""
    start = _FIELD_LINES.get(field)
    if first is None or start is None:
        return None
    for line in first.lines:
        words = line.words[:3] if field == "number" else line.words  # "Số:" opens its line; "ngày" follows a place
        if any(word.text.startswith(start) for word in words):
            left, top, right, bottom = line.box
            margin = bottom - top
            x, y = max(left - margin, 0), max(top - margin, 0)
            region = f"{x},{y},{right - left + 2 * margin},{bottom - top + 2 * margin}"
            return f"{root}/iiif/image/{identifier(doc_id, 1)}/{region}/max/0/default.jpg"
    return None


def _may(who: Session, needed: str) -> bool:
    return may(who.role, needed)


async def _body(request: Request) -> dict:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise Refused(413, N_("the request is too large"))
    if _is_json(request):
        try:
            asked = json.loads(raw or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise BadRequest(N_("the body is not JSON")) from None
        if not isinstance(asked, dict):
            raise BadRequest(N_("the body is not a JSON object"))
        return asked
    if _content_type(request) != "application/x-www-form-urlencoded":
        raise Refused(415, N_("send JSON or a form"))
    try:
        return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise BadRequest(N_("the form is not UTF-8 text")) from None


def _is_json(request: Request) -> bool:
    return _content_type(request) == "application/json"


def _content_type(request: Request) -> str:
    return request.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _text(asked: dict, name: str) -> str:
    value = asked.get(name)
    if not isinstance(value, str):
        raise BadRequest(N_("{name} is missing"), name=name)
    return value


def _json(value: object, status: int = 200) -> Response:
    return _private(Response(json.dumps(value, ensure_ascii=False), status, media_type="application/json"))


def _private(response: Response) -> Response:
    """What one account sees (its token, the queue as it is now) is kept by no cache, the browser's included."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _root(request: Request) -> str:
    return request.scope.get("root_path", "")


class SignedInOnly:
    """``serve --private``: every page and answer but the way in needs a signed-in account; pages send visitors
    to sign in, the API and IIIF answer 401."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = _refused(scope) if scope["type"] == "http" else None
        await (refused or self.app)(scope, receive, send)


def _refused(scope: Scope) -> Response | None:
    """The answer to a visitor who has not signed in, or None when the request may go on."""
    path = scope["path"].removeprefix(scope.get("root_path", ""))
    request = Request(scope)
    if path.startswith(OPEN_IN_PRIVATE) or session(request) is not None:
        return None
    if path.startswith(("/api/", "/iiif/", "/oai")):
        return json_error(gettext_in(language(request), SIGN_IN), language(request), 401)
    return RedirectResponse(_root(request) + "/login", 303)


ROUTES = [
    Route("/api/login", login, methods=["POST"]),
    Route("/api/logout", logout, methods=["POST"]),
    Route("/api/documents/{doc_id}/fields", field, methods=["POST"]),
    Route("/api/pages/{doc_id}/{page}/lines", line, methods=["POST"]),
    Route("/api/audit/{record}/undo", undo, methods=["POST"]),
    Route("/api/audit", audit),
    Route("/api/queue", queue),
    Route("/login", login_page),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/desk", desk_page),
    Route("/desk/{doc_id}/{page}", desk_page_view),
]
