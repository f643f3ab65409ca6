"""The reader's pages: the home and search page (``/``) and the page view (``/page/DOC/N``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote_plus

from PIL import Image
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from digitize.file_kinds import DOWNLOADS
from index.archive_files import inside
from index.browse import Holdings, holdings
from index.hit_boxes import HitBox, hit_boxes
from index.i18n import N_
from index.reading_room.answers import kept
from index.reading_room.errors import NotFound
from index.reading_room.html import helpers, link, page, quoted, segments, sent
from index.reading_room.requests import ReadingRoom, language, page_number, params, room
from index.reading_room.searching import limit, search
from index.results import DocumentResults


def search_page(request: Request) -> Response:
    """Searches are kept per index version; the home page is made afresh, since the collections' progress on it
    is read from the catalog, which changes without the index (a target set, a count recorded), and by the day."""
    if not params(request).get("q", "").strip():
        return _search_page(request)
    return kept(request, lambda: _search_page(request))


def _search_page(request: Request) -> Response:
    asked = params(request)
    query = asked.get("q", "").strip()
    results = search(room(request), asked) if query else None
    root = request.scope.get("root_path", "")
    standings = room(request).site.standings
    return page(
        request,
        "search.html",
        params=asked,
        results=results,
        holdings=None if results else _holdings(room(request).site.index_dir, room(request).index.version()),
        standings=standings(language(request)) if standings and not results else {},
        browse=lambda field, value: root + link("/", {}, q=_filter(field, value), lang=asked.get("lang")),
        chips=_chips(root, asked) if results else [],
        facet_links=_facet_links(root, asked, results) if results else {},
        paging=_paging(root, asked, results) if results else None,
        result_link=_result_link(root, asked),
    )


def _result_link(root: str, params: dict[str, str]) -> Callable[[str, int], str]:
    """The link to a result's page, keeping the search: its parameters encoded once for the page's many results
    (a ``link`` each was a sixth of a results page's rendering)."""
    kept = link("", params, offset=None)
    return lambda doc_id, page: f"{root}{quoted('page', doc_id, page)}{kept}"


@lru_cache(maxsize=4)
def _holdings(index_dir: Path, version: object) -> Holdings:
    """The home page's shelves, counted over the whole index once per index version (the home page is not kept)."""
    return holdings(index_dir)


def page_view(request: Request) -> Response:
    return kept(request, lambda: _page_view(request))


def _page_view(request: Request) -> Response:
    served, asked = room(request), params(request)
    doc_id, number = request.path_params["doc_id"], page_number(request.path_params["page"])
    query = asked.get("q", "").strip()
    hit = served.index.read_page(doc_id, number, query)
    if hit is None:
        raise NotFound(N_("no such page"))
    pages = served.index.document_pages(doc_id, query)
    image = served.iiif.page_image(doc_id, number)
    size = _image_size(image) if image else None
    return page(
        request,
        "page.html",
        params=asked,
        hit=hit,
        text_segments=segments(hit.snippet, hit.highlights, query),
        page_count=pages.page_count,
        previous_hit=max((p for p in pages.matching if p < number), default=None),
        next_hit=min((p for p in pages.matching if p > number), default=None),
        hit_pages=len(pages.matching),
        size=size,
        boxes=boxes(served, query, doc_id, number) if size else [],
        downloads=_downloads(served, doc_id, number),
        description=served.site.description(doc_id),
    )


def boxes(served: ReadingRoom, query: str, doc_id: str, page: int) -> list[HitBox]:
    """The query's hits on the page image, from the page's OCR words."""
    words = served.site.page_words(doc_id, page) if query else None
    return hit_boxes(words, query) if words is not None else []


def _downloads(served: ReadingRoom, doc_id: str, page: int) -> list[tuple[str, str]]:
    """(kind, URL) of the files the archive holds for this page and its document."""
    found = []
    for kind, offered in DOWNLOADS.items():
        per_page = offered.per_page
        number = page if per_page else 0
        if inside(served.site.root, served.site.document_file(doc_id, kind, number)) is not None:
            found.append((kind, quoted("download", doc_id, *([page] if per_page else []), kind)))
    return found


def _image_size(path) -> tuple[int, int] | None:
    """The image's width and height from its header, without decoding it."""
    try:
        with Image.open(path) as image:
            return image.size
    except OSError:
        return None


def _filter(field: str, value: str | int) -> str:
    return f"{field}:{value}" if isinstance(value, int) else f'{field}:"{str(value).replace(chr(34), "")}"'


#: A filter as a reader writes it in the query: ``type:"Quyết định"``, ``year:2019..2021``.
_FILTER = re.compile(r'\b(type|agency|collection|province|year|date|number):("[^"]*"|\S+)')


def _chips(root: str, params: dict[str, str]) -> list[tuple[str, str]]:
    """(the filter as written, the URL of the search without it) for each filter of the query."""
    query = params.get("q", "")
    chips = []
    for match in _FILTER.finditer(query):
        rest = " ".join((query[: match.start()] + query[match.end() :]).split())
        chips.append((match.group(0), root + (link("/", params, q=rest, offset=None) if rest else link("/", {}))))
    return chips


def _facet_links(
    root: str, params: dict[str, str], results: DocumentResults
) -> dict[str, list[tuple[str | int, int, str]]]:
    """Field → [(value, documents, URL of the search narrowed to it)]; the other parameters encoded once for the
    page's many links (urlencode of every parameter a link was a fifth of a results page's rendering)."""
    query, others = quote_plus(params["q"] + " "), link("", params, q=None, offset=None).replace("?", "&", 1)
    return {
        name: [
            (value, count, f"{root}/?q={query}{quote_plus(_filter(name, value))}{others}") for value, count in counts
        ]
        for name, counts in results.facets.items()
        if counts
    }


@dataclass(frozen=True)
class Paging:
    first: int
    last: int
    previous: str | None
    next: str | None


def _paging(root: str, params: dict[str, str], results: DocumentResults) -> Paging:
    shown, offset = limit(params), results.offset
    previous = root + link("/", params, offset=max(offset - shown, 0) or None) if offset > 0 else None
    following = offset + shown
    after = root + link("/", params, offset=following) if following < results.total_documents else None
    return Paging(offset + 1, offset + len(results.documents), previous, after)


def progress(request: Request) -> Response:
    """The collections' progress page (``pipelines.collections``), in the reading room's frame."""
    made = room(request).site.progress
    if made is None:
        raise NotFound(N_("no such page"))
    asked, lang = params(request), language(request)
    return sent(made(lang, params=asked, **helpers(request, asked)), lang)


ROUTES = [
    Route("/", search_page, name="search"),
    Route("/progress", progress, name="progress"),
    Route("/page/{doc_id}/{page}", page_view, name="page"),
]
