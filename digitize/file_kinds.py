"""The kinds of file a document is kept as: one row each, read by the archive's layout, METS, the reading room's
downloads and IIIF manifests, so a name, a media type or a role is written once.

Media types are the registered ones, the same in METS, in an HTTP answer and
in a IIIF manifest. ALTO has no registered type (``application/alto+xml`` is
registered nowhere, and the ALTO board defines none): it is
``application/xml``, which every XML client and browser opens; its schema,
not its type, says it is ALTO. hOCR has none either: its maintainer's
answer (hocr-spec issue 27) is that there is no standard type and that
``text/vnd.hocr+html`` is a private one browsers refuse to show; ours is
XHTML (``digitize.hocr`` writes the XHTML namespace), so it is
``application/xhtml+xml``, shown by a browser and parsed by hOCR tools alike.
Dublin Core is ``application/xml`` too (RFC 7303 prefers it to ``text/xml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    """One kind of archived file.

    ``name`` is what the reading room's ``/download`` and IIIF renderings call it; ``pattern`` its file name in a
    document's folder (``{page}`` for a page's file); ``mets_use`` the METS file group (USE) it is listed in and
    ``mets_prefix`` its file ids' prefix; ``label_vi``/``label_en`` the download's label, empty when readers are not
    offered it; ``download_pattern`` the name a download is saved as.
    """

    name: str
    pattern: str
    media_type: str
    mets_use: str
    mets_prefix: str
    label_vi: str = ""
    label_en: str = ""
    download_pattern: str = ""

    @property
    def per_page(self) -> bool:
        """Whether there is one of these for each page (else one for the document)."""
        return "{page" in self.pattern

    @property
    def offered(self) -> bool:
        """Whether readers may download it."""
        return bool(self.label_vi)

    def file_name(self, page: int = 0) -> str:
        """Its name in the document's folder; ``page`` for a page's file."""
        return self.pattern.format(page=page)

    def download_name(self, doc_id: str, page: int = 0) -> str:
        """The name a reader's download of it is saved as."""
        return self.download_pattern.format(doc_id=doc_id, page=page)


IMAGE = FileKind("image", "page-{page:04d}.jpg", "image/jpeg", "IMAGE", "IMG")
TEXT = FileKind(
    "text", "page-{page:04d}.txt", "text/plain; charset=utf-8", "TEXT", "TXT",
    "Văn bản", "Text", "{doc_id}-{page:04d}.txt",
)  # fmt: skip
ALTO = FileKind(
    "alto", "page-{page:04d}.alto.xml", "application/xml", "ALTO", "ALTO",
    "ALTO", "ALTO", "{doc_id}-{page:04d}.alto.xml",
)  # fmt: skip
HOCR = FileKind(
    "hocr", "page-{page:04d}.hocr", "application/xhtml+xml", "HOCR", "HOCR", "hOCR", "hOCR", "{doc_id}-{page:04d}.hocr"
)
PDF = FileKind(
    "pdf", "document.pdf", "application/pdf", "PDF", "PDF", "PDF tìm kiếm được", "Searchable PDF", "{doc_id}.pdf"
)
DUBLIN_CORE = FileKind(
    "dc", "dublin-core.xml", "application/xml", "METADATA", "DC", "Dublin Core", "Dublin Core",
    "{doc_id}-dublin-core.xml",
)  # fmt: skip
METADATA = FileKind("metadata", "metadata.json", "application/json", "METADATA", "JSON")

#: Every kind, a document's own files after a page's, in the order downloads are offered.
FILE_KINDS: dict[str, FileKind] = {kind.name: kind for kind in (PDF, DUBLIN_CORE, METADATA, ALTO, HOCR, TEXT, IMAGE)}
#: The kinds readers may download.
DOWNLOADS: dict[str, FileKind] = {name: kind for name, kind in FILE_KINDS.items() if kind.offered}


def kind_of(file_name: str) -> tuple[FileKind, int] | None:
    """The kind of a file in a document's folder and its page (0 for a document's own), or None for a file of
    no kind here (``mets.xml`` itself, or one a later release writes)."""
    for kind in FILE_KINDS.values():
        before, _, after = kind.pattern.partition("{page:04d}")
        if not kind.per_page and file_name == kind.pattern:
            return kind, 0
        found = re.fullmatch(f"{re.escape(before)}(\\d+){re.escape(after)}", file_name) if kind.per_page else None
        if found:
            return kind, int(found[1])
    return None
