"""Fixity: the archived files checked against the SHA-256 the catalog recorded when each was written.

A file whose bytes differ is ``changed``, one that is gone ``missing``: both
are damage to the archive. A file in a document's folder that the catalog has
no checksum for is ``unrecorded`` (left by a release that kept none, or put
there by hand); it is reported, and can be taken as sound
(``verify_archive(record_unrecorded=True)``). The source scans live outside the archive, so a source
moved or changed since it was digitized is reported apart, for information:
only an export, which copies the sources into its bag, needs them.

``verify`` checks the search index too, though it is remade from the catalog
rather than kept as a file with a checksum: a lost or damaged index misses
pages without a word, so it counts as damage, with ``index rebuild`` the cure; so do finished documents
not in it while no run is under way to add them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from tqdm import tqdm

from digitize.ingest import sha256_file
from pipelines.archive.catalog import Catalog, Document
from pipelines.archive.layout import Archive
from pipelines.batch.indexing import check_index, unindexed
from pipelines.collections.definitions import require_collection


@dataclass(frozen=True)
class FixityReport:
    """What a check found; paths of archived files are relative to the archive's root, sources as catalogued."""

    documents: int
    files: int
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    unrecorded: tuple[str, ...] = ()
    sources: int = 0
    sources_missing: tuple[str, ...] = ()
    sources_changed: tuple[str, ...] = ()
    #: Unrecorded files whose checksums were then recorded (``verify_archive(record_unrecorded=True)``).
    recorded: int = 0
    #: Pages in the search index (None when missing or unreadable), and what is wrong with it (None when sound).
    index_pages: int | None = None
    index_problem: str | None = None

    @property
    def intact(self) -> bool:
        """True when every recorded file is there with the bytes it was written with, and the index is sound."""
        return not (self.changed or self.missing or self.index_problem)

    def to_dict(self) -> dict:
        return {**asdict(self), "intact": self.intact}


def verify_archive(
    archive: Archive, collection: str | None = None, record_unrecorded: bool = False, show_progress: bool = False
) -> FixityReport:
    """Check every document of the archive, or of ``collection``; optionally record the unrecorded files' checksums."""
    with Catalog(archive.existing_catalog_path(), read_only=not record_unrecorded) as catalog:
        if collection is not None:
            require_collection(catalog, collection)
        documents = [d for d in catalog.documents.all() if collection is None or d.collection == collection]
        report = check(catalog, archive, documents, orphans=collection is None, show_progress=show_progress)
        if record_unrecorded:
            report = replace(report, recorded=_record(catalog, archive, report.unrecorded))
        index_pages, index_problem = check_index(catalog, archive)
        index_problem = index_problem or unindexed(catalog, archive)
    return replace(report, index_pages=index_pages, index_problem=index_problem)


def check(
    catalog: Catalog,
    archive: Archive,
    documents: list[Document],
    sources: bool = True,
    orphans: bool = False,
    show_progress: bool = False,
) -> FixityReport:
    """Re-hash the recorded files of ``documents`` (and their sources, unless told not to).

    ``orphans`` also lists, as unrecorded, the files of folders under
    ``documents/`` that belong to no catalogued document: right when the whole
    archive is checked, wrong for one collection.
    """
    files = [file for document in documents for file in catalog.documents.files(document.id)]
    checked_sources = documents if sources else []
    changed, missing, sources_missing, sources_changed = [], [], [], []
    with tqdm(total=len(files) + len(checked_sources), unit="file", desc="verifying", disable=not show_progress) as bar:
        for file in files:
            path = archive.root / file.path
            if not path.is_file():
                missing.append(file.path)
            elif sha256_file(path) != file.sha256:
                changed.append(file.path)
            bar.update()
        for document in checked_sources:
            source = Path(document.source_path)
            if not source.is_file():
                sources_missing.append(document.source_path)
            elif sha256_file(source) != document.sha256:
                sources_changed.append(document.source_path)
            bar.update()
    recorded = {file.path for file in files}
    folders = [archive.document_dir(document.id) for document in documents]
    if orphans:
        known = {document.id for document in catalog.documents.all()}
        folders += [folder for folder in _document_folders(archive) if folder.name not in known]
    unrecorded = [path for path in _stored_files(archive, folders) if path not in recorded]
    return FixityReport(
        documents=len(documents),
        files=len(files),
        changed=tuple(changed),
        missing=tuple(missing),
        unrecorded=tuple(unrecorded),
        sources=len(checked_sources),
        sources_missing=tuple(sources_missing),
        sources_changed=tuple(sources_changed),
    )


def _record(catalog: Catalog, archive: Archive, unrecorded: tuple[str, ...]) -> int:
    """Record the checksums of ``unrecorded`` files of catalogued documents as they are now; how many were.

    For archives written before checksums were kept: their files are taken as
    sound from this day on. Files in folders of no catalogued document stay
    unrecorded.
    """
    known = {document.id for document in catalog.documents.all()}
    by_document: dict[str, dict[str, str]] = {}
    for path in unrecorded:
        doc_id = Path(path).parts[1]
        if doc_id in known:
            by_document.setdefault(doc_id, {})[path] = sha256_file(archive.root / path)
    for doc_id, files in by_document.items():
        catalog.documents.record_files(doc_id, files)
    return sum(len(files) for files in by_document.values())


def _document_folders(archive: Archive) -> list[Path]:
    top = archive.root / "documents"
    return sorted(folder for folder in top.iterdir() if folder.is_dir()) if top.is_dir() else []


def _stored_files(archive: Archive, folders: Iterable[Path]) -> list[str]:
    """Files under ``folders`` as the catalog would name them; hidden ones (a killed write's ``.partial``) left out."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [
                archive.relative(path)
                for path in folder.rglob("*")
                if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
            ]
    return sorted(found)
