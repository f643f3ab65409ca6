"""The archive as the reading room sees it: the adapter from an archive's layout to the ``index.site.Site`` the web
server is given, so the server never learns where an archive keeps its files."""

from __future__ import annotations

from pathlib import Path

from index.i18n import DEFAULT_LANGUAGE
from index.site import OaiAnswer, Site
from pipelines.archive.layout import Archive

#: Mirador's built bundle, where ``make setup`` (``npm ci``) installs it beside the project's sources.
MIRADOR_DIR = Path(__file__).resolve().parents[2] / "node_modules" / "mirador" / "dist"


def reading_room(archive: Archive, lang: str = DEFAULT_LANGUAGE, oai: OaiAnswer | None = None) -> Site:
    """What the web server is given of an archive: its index, and how to find its images, words and files."""
    return Site(
        archive.index_dir,
        archive.page_image_path,
        archive.root,
        page_words=archive.page_words,
        document_file=archive.file_path,
        lang=lang,
        viewer_dir=MIRADOR_DIR,
        oai=oai,
    )
