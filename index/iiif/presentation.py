"""IIIF Presentation API 3.0: a document as a manifest, one canvas per page, for Mirador and any IIIF viewer.

Built as plain JSON rather than with ``iiif-prezi3``, which pins Pillow at
12.0 or below where ``pdfplumber`` needs 12.2 or above. Every id is an
absolute URL under the server's own address (``base``), since clients follow
them. Canvases are exactly as large as their page images, so the word boxes
of ALTO, in image pixels, are canvas coordinates as they stand.

Labels are Vietnamese first, English beside; metadata values are the
archive's own text, in Vietnamese, or language-neutral (``none``) for
numbers and dates.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from digitize.file_kinds import DOWNLOADS, FileKind
from index.iiif.image import identifier

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
SEARCH_2 = "SearchService2"
#: Mirador 4 finds a search service by this profile only (Content Search 1.0), so the manifest names both.
SEARCH_1_PROFILE = "http://iiif.io/api/search/1/search"

#: Metadata shown by viewers: the document field, its label in Vietnamese and English, its value's language.
METADATA_FIELDS = (
    ("title", "Tiêu đề", "Title", "vi"),
    ("type", "Loại văn bản", "Type", "vi"),
    ("number", "Số, ký hiệu", "Number", "none"),
    ("date", "Ngày ban hành", "Date", "none"),
    ("agency", "Cơ quan ban hành", "Agency", "vi"),
    ("collection", "Bộ sưu tập", "Collection", "vi"),
)


@dataclass(frozen=True)
class Document:
    """What a manifest tells of a document: its id, its descriptive fields, its pages and their image sizes."""

    doc_id: str
    #: Field name (as in ``METADATA_FIELDS``) → value; empty values are left out of the manifest.
    fields: dict[str, str]
    #: (page number, image width, image height), in page order.
    pages: Sequence[tuple[int, int, int]]
    #: The files there are to download, as (kind, page): ``("pdf", 0)``, ``("alto", 1)``, …
    downloads: frozenset[tuple[str, int]] = frozenset()


@dataclass(frozen=True)
class Rendering:
    """A download beside the images: the searchable PDF of a document, a page's ALTO, hOCR or text."""

    url: str
    label_vi: str
    label_en: str
    format: str


class Urls:
    """Every IIIF address of one server, made in one place so manifest, canvases and search answers agree."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def _doc(self, doc_id: str) -> str:
        return f"{self.base}/iiif/{quote(doc_id, safe='')}"

    def manifest(self, doc_id: str) -> str:
        return f"{self._doc(doc_id)}/manifest"

    def canvas(self, doc_id: str, page: int) -> str:
        return f"{self._doc(doc_id)}/canvas/{page}"

    def image_service(self, doc_id: str, page: int) -> str:
        return f"{self.base}/iiif/image/{quote(identifier(doc_id, page), safe='')}"

    def reading_room(self, doc_id: str) -> str:
        """The document's first page in the reading room's own viewer."""
        return f"{self.base}/page/{quote(doc_id, safe='')}/1"

    def search(self, doc_id: str) -> str:
        return f"{self._doc(doc_id)}/search"

    def search_v1(self, doc_id: str) -> str:
        return f"{self._doc(doc_id)}/search-v1"

    def download(self, doc_id: str, kind: str, page: int = 0) -> str:
        """The reading room's download of a document's file (``page`` 0) or of a page's."""
        return f"{self.base}/download/{quote(doc_id, safe='')}/{f'{page}/' if page else ''}{kind}"


#: The downloads a manifest links to (kinds of the reading room's ``/download``): the document's, then a page's.
DOCUMENT_DOWNLOADS = tuple(kind for kind in DOWNLOADS.values() if not kind.per_page)
PAGE_DOWNLOADS = tuple(kind for kind in DOWNLOADS.values() if kind.per_page)


def possible_downloads(pages: Sequence[int]) -> list[tuple[str, int]]:
    """Every (kind, page) a manifest of these pages could offer; the server keeps those the archive holds."""
    return [(kind.name, 0) for kind in DOCUMENT_DOWNLOADS] + [
        (kind.name, page) for page in pages for kind in PAGE_DOWNLOADS
    ]


def _renderings(urls: Urls, document: Document, offered: tuple[FileKind, ...], page: int = 0) -> list[dict]:
    found = []
    for kind in offered:
        if (kind.name, page) in document.downloads:
            url = urls.download(document.doc_id, kind.name, page)
            found.append(_rendering(Rendering(url, kind.label_vi, kind.label_en, kind.media_type)))
    return found


def as_text(value: str) -> str:
    """A value clients must show as text: one that starts with ``<`` and ends with ``>`` is HTML to a IIIF client,
    so such a value (OCR can read anything) is sent escaped inside a ``<span>``, which shows it as it is."""
    stripped = value.strip()
    if stripped.startswith("<") and stripped.endswith(">"):
        return f"<span>{html.escape(value)}</span>"
    return value


def manifest(urls: Urls, document: Document) -> dict:
    """The manifest of ``document``: its metadata, a canvas per page, its search services and downloads."""
    doc_id = document.doc_id
    title = document.fields.get("title") or doc_id
    return {
        "@context": CONTEXT,
        "id": urls.manifest(doc_id),
        "type": "Manifest",
        "label": {"vi": [title]},
        "metadata": [
            {"label": {"vi": [vi], "en": [en]}, "value": {language: [as_text(document.fields[field])]}}
            for field, vi, en, language in METADATA_FIELDS
            if document.fields.get(field)
        ],
        "homepage": [
            {
                "id": urls.reading_room(doc_id),
                "type": "Text",
                "label": {"vi": ["Phòng đọc"], "en": ["Reading room"]},
                "format": "text/html",
            }
        ],
        "rendering": _renderings(urls, document, DOCUMENT_DOWNLOADS),
        "service": [
            {"id": urls.search(doc_id), "type": SEARCH_2},
            {"@id": urls.search_v1(doc_id), "@type": "SearchService1", "profile": SEARCH_1_PROFILE},
        ],
        "items": [_canvas(urls, document, page, width, height) for page, width, height in document.pages],
    }


def _canvas(urls: Urls, document: Document, page: int, width: int, height: int) -> dict:
    canvas = urls.canvas(document.doc_id, page)
    service = urls.image_service(document.doc_id, page)
    return {
        "id": canvas,
        "type": "Canvas",
        "label": {"vi": [f"Trang {page}"], "en": [f"Page {page}"]},
        "width": width,
        "height": height,
        "items": [
            {
                "id": f"{canvas}/paint",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas}/paint/image",
                        "type": "Annotation",
                        "motivation": "painting",
                        "target": canvas,
                        "body": {
                            "id": f"{service}/full/max/0/default.jpg",
                            "type": "Image",
                            "format": "image/jpeg",
                            "width": width,
                            "height": height,
                            "service": [{"id": service, "type": "ImageService3", "profile": "level1"}],
                        },
                    }
                ],
            }
        ],
        "rendering": _renderings(urls, document, PAGE_DOWNLOADS, page),
    }


def _rendering(rendering: Rendering) -> dict:
    return {
        "id": rendering.url,
        "type": "Text",
        "label": {"vi": [rendering.label_vi], "en": [rendering.label_en]},
        "format": rendering.format,
    }
