"""The seam between the search front ends and the engine behind them.

The web server and the ``search`` command ask a ``PageIndex`` for results
and pages; tantivy in the archive's folder is the one implementation. An
archive that outgrows one machine (docs/architecture.md, Search at scale)
would put a second implementation beside it, of the same five methods, over
a distributed engine: only ``page_index`` changes, and the ``Results`` and
``Hit`` the front ends read stay as they are. Pages go in through
``index.store.add_pages`` from one place, the batch's index stage
(``pipelines.batch.indexing``), which would move with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from index import results, search


class PageIndex(Protocol):
    """What the front ends need of a search engine."""

    def search_documents(
        self,
        query: str,
        limit: int = 10,
        offset: int = 0,
        *,
        fuzzy: bool = False,
        sort: results.Sort = "relevance",
        year_from: int | None = None,
        year_to: int | None = None,
        existing: bool = False,
    ) -> results.DocumentResults: ...

    def read_page(self, doc_id: str, page: int, query: str = "") -> results.Hit | None: ...

    def document_pages(self, doc_id: str, query: str = "") -> results.DocumentPages: ...

    def read_document(self, doc_id: str) -> list[results.Hit]: ...

    def version(self) -> object:
        """A value that changes whenever the index does, so answers can be cached against it."""
        ...


@dataclass(frozen=True)
class TantivyIndex:
    """The tantivy index in one folder (``index.store``, ``index.search``)."""

    directory: Path

    def search_documents(self, query: str, limit: int = 10, offset: int = 0, **options: Any) -> results.DocumentResults:
        """``index.search.search_documents`` of this folder; ``options`` as ``PageIndex`` names them."""
        return search.search_documents(self.directory, query, limit, offset, **options)

    def read_page(self, doc_id: str, page: int, query: str = "") -> results.Hit | None:
        return search.read_page(self.directory, doc_id, page, query)

    def document_pages(self, doc_id: str, query: str = "") -> results.DocumentPages:
        return search.document_pages(self.directory, doc_id, query)

    def read_document(self, doc_id: str) -> list[results.Hit]:
        return search.read_document(self.directory, doc_id)

    def version(self) -> object:
        """Tantivy replaces ``meta.json`` at every commit, and a rebuild replaces the folder."""
        try:
            meta = (self.directory / "meta.json").stat()
        except OSError:
            return None
        return meta.st_ino, meta.st_mtime_ns, meta.st_size


def page_index(directory: Path) -> PageIndex:
    """The archive's index in ``directory``: the one place that chooses the engine."""
    return TantivyIndex(directory)
