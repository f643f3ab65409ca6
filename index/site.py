"""What the reading room is given of an archive: its index folder, and how to find a page's image, words and files.

Handed in by whoever knows the archive's layout (``pipelines.archive.reading_room``),
so the index and its web server know nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digitize.ocr.page import OcrPage
from index.desk import Desk
from index.i18n import DEFAULT_LANGUAGE

#: Answers an OAI-PMH request's arguments (each name with all its values) at a base URL.
OaiAnswer = Callable[[dict[str, list[str]], str], bytes]


def _no_words(doc_id: str, page: int) -> OcrPage | None:
    return None


def _no_file(doc_id: str, kind: str, page: int) -> Path | None:
    return None


def _no_description(doc_id: str) -> Description:
    return Description()


@dataclass(frozen=True)
class Description:
    """What the page view says of a document beyond the index's fields: read from the archive's metadata."""

    author: str = ""
    signer: str = ""
    signer_position: str = ""
    place: str = ""
    summary: str = ""
    agencies: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    #: Documents it cites: (type, number), each a search for the number.
    references: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Standing:
    """A collection's way toward its next target, as the home page shows it beside the collection: the words and
    figures already written in the reader's language by whoever computed them (``pipelines.collections``)."""

    #: ``Đã số hóa: 1.250 trên 2.000 tài liệu (62,5%) · mục tiêu 50% trước 30/06/2027: đúng tiến độ``.
    text: str
    #: Share of the next target reached, 0 to 1, for a bar; None without a target or holdings.
    share: float | None = None
    #: ``good`` (met, on track), ``bad`` (behind, deadline passed) or ``""``.
    tone: str = ""


#: A reader's language → collection name → where it stands; None: the home page shows no progress.
Standings = Callable[[str], dict[str, Standing]]


@dataclass(frozen=True)
class Site:
    """An archive as the server sees it: an index, and how to find a page's image, words and files by id."""

    index_dir: Path
    #: The archive's image file of (document id, page number).
    image_path: Callable[[str, int], Path]
    #: Files outside this folder are never served.
    root: Path
    #: The OCR words of (document id, page number) with their boxes in image pixels; None when the page has none.
    page_words: Callable[[str, int], OcrPage | None] = _no_words
    #: The archive's file of (document id, a kind of ``digitize.file_kinds``, page number; 0: a document's own).
    document_file: Callable[[str, str, int], Path | None] = _no_file
    #: The document's description beyond the index's fields (author, signer, cited documents…).
    description: Callable[[str], Description] = _no_description
    #: The language of pages whose reader's browser asks for none we have.
    lang: str = DEFAULT_LANGUAGE
    #: Mirador's built bundle (``node_modules/mirador/dist``); None: no viewer.
    viewer_dir: Path | None = None
    #: The OAI-PMH answer; None: no ``/oai``.
    oai: OaiAnswer | None = None
    #: The collections' progress page in a language, given the values the reading room's ``base.html`` needs
    #: (``pipelines.collections.progress_page``); None: no ``/progress``.
    progress: Callable[..., str] | None = None
    #: Each collection's progress toward its target, on the home page; None: none shown.
    standings: Standings | None = None
    #: What the archivist's desk may change; None: the room only reads.
    desk: Desk | None = None
    #: Only signed-in accounts may read (``serve --private``).
    private: bool = False
