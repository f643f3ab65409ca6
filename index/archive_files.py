"""Which archive files the server may send: a page is named by document id and page number, never by a path.

The reading room's images and downloads and the IIIF routes all find files
this way: the document id must be a plain name, the page must be in the
index, and the file the archive names for it must lie inside the archive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.backend import PageIndex


def plain_id(doc_id: str) -> bool:
    """Whether ``doc_id`` could be a folder's name: no separators, ``.``, ``..`` or control characters."""
    return bool(doc_id) and Path(doc_id).name == doc_id and doc_id not in (".", "..") and doc_id.isprintable()


def inside(root: Path, path: Path | None) -> Path | None:
    """``path`` resolved, if it is a file inside ``root``; None otherwise."""
    if path is None:
        return None
    path = path.resolve()
    return path if path.is_relative_to(root.resolve()) and path.is_file() else None


def archived(root: Path, index: PageIndex, doc_id: str, page: int, path_of: Callable[[], Path | None]) -> Path | None:
    """The file ``path_of`` names for a page of ``index``, if the page is indexed and the file inside ``root``."""
    if not plain_id(doc_id) or index.read_page(doc_id, page) is None:
        return None
    return inside(root, path_of())
