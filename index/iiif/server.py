"""What ``digitize serve`` answers on its IIIF routes, the viewer page and its scripts, and the downloads.

``index.web`` routes a request here and sends the ``Reply``. A page is
named by document id and page number, never by a path: it must be in the
index, its document id must be a plain name, and the file the archive names
for it must lie inside the archive, as for the search page's images. Every
answer under ``/iiif/`` carries ``Access-Control-Allow-Origin: *`` (set by
``index.web``), as IIIF clients on other sites expect.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from index.hit_boxes import hit_words
from index.iiif.content_search import IGNORED_PARAMETERS, PageHits, search_v1, search_v2
from index.iiif.errors import IiifError
from index.iiif.image import PageImages, image_size, info, parse_identifier, parse_request
from index.iiif.presentation import Document, Urls, download_names, manifest
from index.query import parse_query
from index.search import matching_pages, read_document, read_page

if TYPE_CHECKING:
    from index.web import Site

STATIC = Path(__file__).parent / "static"
#: The scripts of the viewer page: ours, and Mirador's bundle from the folder ``Site.viewer_dir`` names.
VIEWER_SCRIPTS = {"viewer.js": STATIC / "viewer.js"}
MIRADOR_FILES = ("mirador.min.js",)
MIRADOR_MISSING = "Mirador chưa được cài đặt: chạy make setup (Mirador is not installed: run make setup)"
JSON_LD = 'application/ld+json; charset=utf-8; profile="{}"'
#: Files of a document that may be downloaded: the searchable PDF, Dublin Core, a page's ALTO, hOCR and text.
_DOWNLOADABLE = re.compile(r"document\.pdf|dublin-core\.xml|page-\d{4,6}\.(alto\.xml|hocr|txt)")
_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".xml": "application/xml; charset=utf-8",
    ".hocr": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class Reply:
    content_type: str
    body: bytes
    #: Sent as ``303 See Other`` to this address instead, when set.
    location: str | None = None


class IiifService:
    """The IIIF answers over one site; holds the decoded page images shared by every request's tiles."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.images = PageImages()

    # The Image API

    def image_info(self, base: str, image_id: str) -> Reply:
        path = self._image_file(image_id)
        doc_id, page = parse_identifier(image_id)
        width, height = image_size(path)
        answer = info(Urls(base).image_service(doc_id, page), width, height)
        return _json(answer, JSON_LD.format("http://iiif.io/api/image/3/context.json"))

    def image_base(self, base: str, image_id: str) -> Reply:
        """The service's bare address: the Image API asks for a redirect to its ``info.json``."""
        self._image_file(image_id)
        doc_id, page = parse_identifier(image_id)
        return Reply("text/plain", b"", location=f"{Urls(base).image_service(doc_id, page)}/info.json")

    def image(self, image_id: str, region: str, size: str, rotation: str, quality: str) -> Reply:
        path = self._image_file(image_id)
        request = parse_request(region, size, rotation, quality, *image_size(path))
        return Reply("image/jpeg", self.images.render(path, request))

    # The Presentation API

    def manifest(self, base: str, doc_id: str) -> Reply:
        pages = read_document(self.site.index_dir, self._plain(doc_id))
        if not pages:
            raise IiifError(f"no document {doc_id!r}")
        sized = []
        for hit in pages:
            path = self.page_image(doc_id, hit.page)
            if path is not None:
                sized.append((hit.page, *image_size(path)))
        first = pages[0]
        fields = {field: getattr(first, field) for field in ("title", "type", "number", "date", "agency", "collection")}
        names = download_names([page for page, _, _ in sized])
        downloads = frozenset(name for name in names if self._document_file(doc_id, name) is not None)
        document = Document(doc_id, fields, sized, downloads)
        return _json(manifest(Urls(base), document), JSON_LD.format("http://iiif.io/api/presentation/3/context.json"))

    # The Content Search API

    def search(self, base: str, doc_id: str, params: Mapping[str, str], version: int) -> Reply:
        """Content Search 2.0 (``version`` 2) or 1.0 for Mirador: every matching word of the document."""
        if not read_document(self.site.index_dir, self._plain(doc_id)):
            raise IiifError(f"no document {doc_id!r}")
        query = params.get("q", "").strip()
        pages = []
        if query:
            parsed = parse_query(query)
            for number in matching_pages(self.site.index_dir, doc_id, parsed):
                ocr = self.site.page_words(doc_id, number)
                if ocr is None:
                    continue
                words = ocr.words
                position = {id(word): n for n, word in enumerate(words)}
                hits = [position[id(word)] for word in hit_words(ocr, parsed)]
                if hits:
                    pages.append(PageHits(number, words, hits))
        urls = Urls(base)
        ignored = [name for name in IGNORED_PARAMETERS if name in params]
        if version == 1:
            request_url = f"{urls.search_v1(doc_id)}?{urlencode({'q': query})}"
            return _json(search_v1(urls, doc_id, request_url, pages, ignored), "application/json; charset=utf-8")
        request_url = f"{urls.search(doc_id)}?{urlencode({'q': query})}"
        return _json(
            search_v2(urls, doc_id, request_url, pages, ignored),
            JSON_LD.format("http://iiif.io/api/search/2/context.json"),
        )

    # The viewer and downloads

    def viewer(self, doc_id: str) -> Reply:
        """Mirador's page for one document; its script finds the document in the page's own address."""
        if not read_document(self.site.index_dir, self._plain(doc_id)):
            raise IiifError(f"no document {doc_id!r}")
        if self._mirador("mirador.min.js") is None:
            raise IiifError(
                "Mirador chưa được cài đặt: chạy make setup (Mirador is not installed: run make setup)", 503
            )
        return Reply(_CONTENT_TYPES[".html"], (STATIC / "viewer.html").read_bytes())

    def static(self, folder: str, name: str) -> Reply:
        """The viewer's own script, or a file of Mirador's bundle; nothing else."""
        path = self._mirador(name) if folder == "mirador" else VIEWER_SCRIPTS.get(name) if folder == "" else None
        if path is None or not path.is_file():
            raise IiifError(f"no such file {name!r}")
        return Reply(_CONTENT_TYPES[".js"], path.read_bytes())

    def download(self, doc_id: str, name: str) -> Reply:
        path = self._document_file(self._plain(doc_id), name)
        if path is None or read_document(self.site.index_dir, doc_id) == []:
            raise IiifError(f"no file {name!r} for this document")
        return Reply(_CONTENT_TYPES.get(Path(name).suffix, "application/octet-stream"), path.read_bytes())

    # Finding files

    def page_image(self, doc_id: str, page: int) -> Path | None:
        """The image of an indexed page, if it lies inside the archive; None otherwise."""
        site = self.site
        if not _is_plain(doc_id) or read_page(site.index_dir, doc_id, page) is None:
            return None
        path = site.image_path(doc_id, page).resolve()
        return path if path.is_relative_to(site.root.resolve()) and path.is_file() else None

    def _image_file(self, image_id: str) -> Path:
        doc_id, page = parse_identifier(image_id)
        path = self.page_image(doc_id, page)
        if path is None:
            raise IiifError(f"no image {image_id!r}")
        return path

    def _document_file(self, doc_id: str, name: str) -> Path | None:
        if self.site.document_file is None or not _DOWNLOADABLE.fullmatch(name):
            return None
        path = self.site.document_file(doc_id, name).resolve()
        return path if path.is_relative_to(self.site.root.resolve()) and path.is_file() else None

    def _mirador(self, name: str) -> Path | None:
        folder = self.site.viewer_dir
        if folder is None or name not in MIRADOR_FILES:
            return None
        path = folder / name
        return path if path.is_file() else None

    @staticmethod
    def _plain(doc_id: str) -> str:
        if not _is_plain(doc_id):
            raise IiifError(f"no document {doc_id!r}")
        return doc_id


def _is_plain(doc_id: str) -> bool:
    """A document id that could be a folder's name: no separators, no ``.`` or ``..``, nothing unprintable."""
    return bool(doc_id) and Path(doc_id).name == doc_id and doc_id not in (".", "..") and doc_id.isprintable()


def _json(value: object, content_type: str) -> Reply:
    return Reply(content_type, json.dumps(value, ensure_ascii=False).encode())
