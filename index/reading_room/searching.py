"""A search as the reading room asks it: the parameters a page or API call sends, checked and clamped."""

from __future__ import annotations

from index.i18n import N_
from index.reading_room.requests import BadRequest, ReadingRoom, integer
from index.results import DocumentResults

#: Documents per results page (each with its best pages inside).
PAGE_SIZE = 10
#: Most documents one request gets: ``limit=999999`` once answered 13 MB in 2.3 s; larger asks are clamped.
MAX_LIMIT = 100


def search(served: ReadingRoom, params: dict[str, str]) -> DocumentResults:
    sort = params.get("sort", "relevance")
    if sort not in ("relevance", "date"):
        raise BadRequest(N_("sort must be relevance or date, not {sort!r}"), sort=sort)
    return served.index.search_documents(
        params["q"],
        limit=limit(params),
        offset=integer(params, "offset") or 0,
        fuzzy=params.get("fuzzy") in ("1", "on", "true"),
        sort=sort,
        year_from=integer(params, "from"),
        year_to=integer(params, "to"),
    )


def limit(params: dict[str, str]) -> int:
    asked = integer(params, "limit")  # 0 is asked for, and refused by the index, not read as the default
    return PAGE_SIZE if asked is None else min(asked, MAX_LIMIT)
