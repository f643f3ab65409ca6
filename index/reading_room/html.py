"""Pages made from the Jinja templates (``index/templates``, autoescaped), with the helpers every page links with.

Links are made here, not written in templates, so each carries the search in
progress and the root path a reverse proxy serves the reading room under.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from index.i18n import environment, render
from index.matching import typed_as_asked
from index.query import ParsedQuery, parse_query
from index.reading_room.requests import language
from index.reading_room.static import static_url

TEMPLATES = Path(__file__).parent.parent / "templates"


def page(request: Request, template: str, status: int = 200, **context: object) -> HTMLResponse:
    """``template`` in the reader's language, given the helpers its links need."""
    params: dict[str, str] = context.setdefault("params", {})  # type: ignore[assignment]
    lang = language(request)
    body = render(TEMPLATES, template, lang, **helpers(request, params), **context)
    return sent(body, lang, status)


def helpers(request: Request, params: dict[str, str]) -> dict[str, object]:
    """What every page's ``base.html`` is given to make its links: the page's own path and link makers."""
    root, lang = request.scope.get("root_path", ""), language(request)
    return {
        "here": request.url.path.removeprefix(root) or "/",
        "link": lambda path, **changes: root + link(path, params, **changes),
        "path": lambda *parts: root + quoted(*parts),
        "link_to": lambda *parts, **changes: root + link(quoted(*parts), params, **changes),
        "static": lambda name: root + static_url(name),
        "segments": lambda text, highlights: segments(text, highlights, params.get("q", "")),
        "marked": lambda pieces: marked(pieces, lang),
        "kind_title": lambda kind: _titles(lang)[kind],
    }


def sent(body: str, lang: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status, headers={"Content-Language": lang, "Vary": "Accept-Language"})


def quoted(*parts: object) -> str:
    """A path of ``parts``, each quoted whole (a document id can hold no slash of the path)."""
    return "/" + "/".join(quote(str(part), safe="") for part in parts)


def link(path: str, params: dict[str, str], **changes: object) -> str:
    """A URL to ``path`` with the current search's parameters, some changed (None drops one)."""
    merged = {**params, **changes}
    query = urlencode({name: value for name, value in merged.items() if value not in (None, "")})
    return f"{path}?{query}" if query else path


@lru_cache(maxsize=64)
def _parsed(query: str) -> ParsedQuery:
    """The query parsed once for all the snippets of a page (a results page has up to 30)."""
    return parse_query(query)


@lru_cache(maxsize=4096)
def _kind(hit: str, query: str) -> str:
    """A results page marks the same few words hundreds of times: each is told exact or folded once."""
    return "exact" if typed_as_asked(hit, _parsed(query)) else "folded"


def segments(text: str, highlights: tuple[tuple[int, int], ...], query: str) -> list[tuple[str, str | None]]:
    """``text`` cut into (piece, kind) for a template to mark up, escaping each piece: kind is ``exact`` for a
    hit as ``query`` typed it, ``folded`` for one that matched only without diacritics, None between hits."""
    pieces: list[tuple[str, str | None]] = []
    last = 0
    for start, end in highlights:
        hit = text[start:end]
        pieces += [(text[last:start], None), (hit, _kind(hit, query))]
        last = end
    pieces.append((text[last:], None))
    return [piece for piece in pieces if piece[0]]


def marked(pieces: list[tuple[str, str | None]], lang: str) -> Markup:
    """``segments``' pieces as HTML, each escaped, hits in ``<mark>`` titled with their kind. Made here, not by a
    template macro: a results page holds hundreds of marks, and a macro each was most of its rendering."""
    titles = _titles(lang)
    return Markup(
        "".join(
            f'<mark class="{kind}" title="{titles[kind]}">{escape(text)}</mark>' if kind else escape(text)
            for text, kind in pieces
        )
    )


@lru_cache(maxsize=4)
def _titles(lang: str) -> dict[str, Markup]:
    """What a mark of each kind means, as the templates' ``match_kind`` macro words it (its one home), escaped."""
    macros = environment(TEMPLATES, lang).get_template("macros.html").module
    return {kind: Markup(macros.match_kind(kind)) for kind in ("exact", "folded")}
