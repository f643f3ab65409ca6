"""What a reader calls a document: its title, else its type and number, else its file's name, never a path.

A page scanned without a title page has no title; the archive's own path
to its source (``/srv/scans/rare/sac-phong.png``) says where the server
keeps it, which a reader has no business seeing. The reading room labels its
results by this rule, and the searchable PDF takes the same label as its title.
"""

from __future__ import annotations

from pathlib import PurePath, PureWindowsPath


def document_label(title: str, type_: str, number: str, source_path: str, doc_id: str) -> str:
    """The title; else type and number (``Quyết định 505/QĐ-TTg``); else the source's file name; else the id."""
    if title.strip():
        return title.strip()
    described = " ".join(part.strip() for part in (type_, number) if part.strip())
    if described:
        return described
    name = PureWindowsPath(PurePath(source_path).name).name  # folders of either kind of path dropped
    return name or doc_id
