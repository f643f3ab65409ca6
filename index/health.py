"""Whether the search index is there and readable, and how many pages it holds.

``status`` and ``verify`` compare that count with the catalog's finished
pages, so that a lost or damaged index is noticed before a search misses
pages; ``index rebuild`` asks it before replacing an index, so that an empty
catalog never empties a full index. Nothing here creates or changes an index.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tantivy

from digitize.errors import IndexMissingError, IndexUnusableError
from index.store import REBUILD, open_index, require_index

__all__ = ["IndexHealth", "IndexMissingError", "index_health", "indexed_pages"]


@dataclass(frozen=True)
class IndexHealth:
    """The index as found: its page count, or why it cannot be used (then ``pages`` is None)."""

    directory: Path
    pages: int | None
    problem: str | None = None
    #: No index at all: harmless while nothing is finished (an archive with only collections defined).
    missing: bool = False

    def check(self, finished_pages: int) -> str | None:
        """What is wrong, for an archive whose catalog has ``finished_pages``; None when the index holds them all."""
        if self.missing and finished_pages == 0:
            return None
        if self.problem is not None:
            return self.problem
        if self.pages != finished_pages:
            return f"the index holds {self.pages} pages, the catalog {finished_pages} finished: {REBUILD}"
        return None


def indexed_pages(directory: Path) -> int:
    """How many pages the index holds; an ``IndexUnusableError`` saying why when it is missing or unreadable.

    Every segment's term dictionary is read once (a search for a key no page
    has), so a damaged segment is found here rather than by a later search.
    """
    require_index(directory)
    ix = open_index(directory)
    try:
        searcher = ix.searcher()
        searcher.search(tantivy.Query.term_query(ix.schema, "key", "\x00"), limit=1)
        return searcher.num_docs
    except ValueError as error:
        raise IndexUnusableError(directory, f"the index is damaged ({error}): {REBUILD}") from None


def index_health(directory: Path) -> IndexHealth:
    """The index's page count, or the reason it cannot be read, as a value rather than an error."""
    try:
        return IndexHealth(directory, indexed_pages(directory))
    except IndexUnusableError as error:
        return IndexHealth(directory, None, error.reason, missing=isinstance(error, IndexMissingError))
