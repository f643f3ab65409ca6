"""What ``digitize serve`` answers on its IIIF routes, and where Mirador's bundle is.

``index.reading_room.iiif_routes`` routes a request here and sends the ``Reply``. A page is
named by document id and page number, never by a path: its image is found as
the reading room finds it (``index.archive_files``: the page must be in the index, its
document id a plain name, the file inside the archive). Every answer under
``/iiif/`` carries ``Access-Control-Allow-Origin: *`` (set by ``index.reading_room.headers``),
as IIIF clients on other sites expect. Downloads are the reading room's
(``/download/DOC/KIND``), which the manifest links to.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from index.archive_files import archived, inside, plain_id
from index.hit_boxes import hit_words
from index.i18n import N_
from index.iiif.content_search import IGNORED_PARAMETERS, PageHits, search_v1, search_v2
from index.iiif.errors import IiifError
from index.iiif.image import PageImages, image_size, info, parse_identifier, parse_request
from index.iiif.presentation import Document, Urls, manifest, possible_downloads
from index.query import parse_query

if TYPE_CHECKING:
    from index.backend import PageIndex
    from index.site import Site

#: Mirador's built script in the folder ``Site.viewer_dir`` names.
MIRADOR_BUNDLE = "mirador.min.js"
MIRADOR_MISSING = "Mirador chưa được cài đặt: chạy make setup (Mirador is not installed: run make setup)"
JSON_LD = 'application/ld+json; charset=utf-8; profile="{}"'
DESCRIBED = ("label", "title", "type", "number", "date", "agency", "collection")


@dataclass(frozen=True)
class Reply:
    content_type: str
    body: bytes
    #: Sent as ``303 See Other`` to this address instead, when set.
    location: str | None = None


class IiifService:
    """The IIIF answers over one site; holds the decoded page images shared by every request's tiles."""

    def __init__(self, site: Site, index: PageIndex) -> None:
        self.site = site
        self.index = index
        self.images = PageImages()

    # The Image API

    def image_info(self, base: str, image_id: str) -> Reply:
        doc_id, page = parse_identifier(image_id)
        width, height = image_size(self._image_file(image_id))
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
        pages = self._document(doc_id)  # indexed, with a plain id: its files need only be inside the archive
        sized = []
        for hit in pages:
            path = inside(self.site.root, self.site.image_path(doc_id, hit.page))
            if path is not None:
                sized.append((hit.page, *image_size(path)))
        fields = {field: getattr(pages[0], field) for field in DESCRIBED}
        downloads = frozenset(
            (kind, page)
            for kind, page in possible_downloads([page for page, _, _ in sized])
            if inside(self.site.root, self.site.document_file(doc_id, kind, page))
        )
        document = Document(doc_id, fields, sized, downloads)
        return _json(manifest(Urls(base), document), JSON_LD.format("http://iiif.io/api/presentation/3/context.json"))

    # The Content Search API

    def search(self, base: str, doc_id: str, params: Mapping[str, str], version: int) -> Reply:
        """Content Search 2.0 (``version`` 2) or 1.0 for Mirador: every matching word of the document."""
        query = params.get("q", "").strip()
        found = self.index.document_pages(self._plain(doc_id), query)
        if not found.page_count:
            raise IiifError(N_("no document {doc_id!r}"), doc_id=doc_id)
        pages = []
        if query:
            parsed = parse_query(query)
            for number in found.matching:
                ocr = self.site.page_words(doc_id, number)
                if ocr is None:
                    continue
                words = ocr.words
                position = {id(word): n for n, word in enumerate(words)}
                hits = [position[id(word)] for word, _ in hit_words(ocr, parsed)]
                if hits:
                    pages.append(PageHits(number, words, hits))
        urls = Urls(base)
        ignored = [name for name in IGNORED_PARAMETERS if name in params]
        if version == 1:
            request_url = f"{urls.search_v1(doc_id)}?{urlencode({'q': query})}"
            return _json(search_v1(urls, doc_id, request_url, pages, ignored), "application/json; charset=utf-8")
        request_url = f"{urls.search(doc_id)}?{urlencode({'q': query})}"
        answer = search_v2(urls, doc_id, request_url, pages, ignored)
        return _json(answer, JSON_LD.format("http://iiif.io/api/search/2/context.json"))

    # Mirador

    def mirador_bundle(self, doc_id: str) -> Path:
        """Mirador's script, for a document's viewer page; 404 for no document, 503 when npm did not install it."""
        self._document(doc_id)
        folder = self.site.viewer_dir
        if folder is None or not (folder / MIRADOR_BUNDLE).is_file():
            raise IiifError(MIRADOR_MISSING, 503)
        return folder / MIRADOR_BUNDLE

    # Finding things

    def page_image(self, doc_id: str, page: int) -> Path | None:
        """The image of an indexed page, if it lies inside the archive; None otherwise."""
        return archived(self.site.root, self.index, doc_id, page, lambda: self.site.image_path(doc_id, page))

    def _image_file(self, image_id: str) -> Path:
        path = self.page_image(*parse_identifier(image_id))
        if path is None:
            raise IiifError(N_("no image {image_id!r}"), image_id=image_id)
        return path

    def _document(self, doc_id: str) -> list:
        """The indexed pages of a document; 404 for none."""
        pages = self.index.read_document(self._plain(doc_id))
        if not pages:
            raise IiifError(N_("no document {doc_id!r}"), doc_id=doc_id)
        return pages

    @staticmethod
    def _plain(doc_id: str) -> str:
        """A document id that could be a folder's name; 404 for one with separators, ``.``, ``..`` or controls."""
        if not plain_id(doc_id):
            raise IiifError(N_("no document {doc_id!r}"), doc_id=doc_id)
        return doc_id


def _json(value: object, content_type: str) -> Reply:
    return Reply(content_type, json.dumps(value, ensure_ascii=False).encode())
