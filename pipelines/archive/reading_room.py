"""The archive as the reading room sees it: the adapter from an archive's layout to the ``index.site.Site`` the web
server is given, so the server never learns where an archive keeps its files."""

from __future__ import annotations

import json
from pathlib import Path

from digitize.metadata.confidence import GIVEN
from index.archive_files import inside, plain_id
from index.i18n import DEFAULT_LANGUAGE
from index.site import Description, OaiAnswer, Site
from pipelines.archive.layout import Archive
from pipelines.collections.progress_page import archive_progress_page
from pipelines.collections.standings import archive_standings

#: Mirador's built bundle, where ``make setup`` (``npm ci``) installs it beside the project's sources.
MIRADOR_DIR = Path(__file__).resolve().parents[2] / "node_modules" / "mirador" / "dist"
#: Fields of ``metadata.json`` a reader is shown, when given (confidence ``GIVEN`` and up, as Dublin Core has them).
DESCRIBED = ("author", "signer", "signer_position", "place", "summary")


def reading_room(archive: Archive, lang: str = DEFAULT_LANGUAGE, oai: OaiAnswer | None = None) -> Site:
    """What the web server is given of an archive: its index, and how to find its images, words and files."""
    return Site(
        archive.index_dir,
        archive.page_image_path,
        archive.root,
        page_words=archive.page_words,
        document_file=archive.file_path,
        description=lambda doc_id: described(archive, doc_id),
        lang=lang,
        viewer_dir=MIRADOR_DIR,
        oai=oai,
        progress=archive_progress_page(archive.catalog_path),
        standings=archive_standings(archive.catalog_path),
    )


def described(archive: Archive, doc_id: str) -> Description:
    """The reader's description of a document from its ``metadata.json``: given fields only, never its paths."""
    path = inside(archive.root, archive.metadata_path(doc_id)) if plain_id(doc_id) else None
    if path is None:
        return Description()
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Description()
    confidence = metadata.get("confidence", {})
    fields = {name: str(metadata.get(name) or "") for name in DESCRIBED if confidence.get(name, 0) >= GIVEN}
    references = tuple(
        (str(ref.get("type") or ""), str(ref.get("number") or ""))
        for ref in metadata.get("references", [])
        if ref.get("number") and ref.get("confidence", 0) >= GIVEN
    )
    return Description(
        **fields,
        agencies=tuple(map(str, metadata.get("agencies") or ())),
        provinces=tuple(map(str, metadata.get("provinces") or ())),
        references=references,
    )
