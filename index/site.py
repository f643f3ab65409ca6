"""What the reading room is given of an archive: its index folder, and how to find a page's image, words and files.

Handed in by whoever knows the archive's layout (``pipelines.archive.reading_room``),
so the index and its web server know nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digitize.ocr.page import OcrPage
from index.i18n import DEFAULT_LANGUAGE


def _no_words(doc_id: str, page: int) -> OcrPage | None:
    return None


def _no_file(doc_id: str, kind: str, page: int) -> Path | None:
    return None


#: Answers an OAI-PMH request's arguments (each name with all its values) at a base URL.
OaiAnswer = Callable[[dict[str, list[str]], str], bytes]


@dataclass(frozen=True)
class Site:
    """What the server needs of an archive, handed in so the index knows nothing of the archive's layout."""

    index_dir: Path
    #: The archive's image file of (document id, page number).
    image_path: Callable[[str, int], Path]
    #: Files outside this folder are never served.
    root: Path
    #: The OCR words of (document id, page number) with their boxes in image pixels; None when the page has none.
    page_words: Callable[[str, int], OcrPage | None] = _no_words
    #: The archive's file of (document id, a kind of ``digitize.file_kinds``, page number; 0: a document's own).
    document_file: Callable[[str, str, int], Path | None] = _no_file
    #: The language of pages whose reader's browser asks for none we have.
    lang: str = DEFAULT_LANGUAGE
    #: Mirador's built bundle (``node_modules/mirador/dist``); None: no viewer.
    viewer_dir: Path | None = None
    #: The OAI-PMH answer; None: no ``/oai``.
    oai: OaiAnswer | None = None
