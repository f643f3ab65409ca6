"""One document or a whole collection exported as a BagIt bag (RFC 8493) with SHA-512 manifests.

Each document is ``data/<doc_id>/`` in the bag: its source scan under
``source/`` (copied from where it was digitized: the archive keeps no copy),
the page images, texts, ALTO and hOCR files, ``document.pdf``,
``metadata.json``, ``dublin-core.xml`` and ``mets.xml``, which ties them together.

Nothing damaged is bagged silently: before anything is copied, the archived
files are checked against the catalog's checksums and the sources against the
SHA-256 they were digitized with, and the export is refused if one differs, is
gone or has no checksum. The bag is built in a hidden folder beside OUT and
renamed to OUT at the end, so a killed export leaves no half-made bag there.
The hidden folder a killed export leaves (named with its process id) is
removed by the next export into the same folder, which says so.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import bagit

from digitize import faults
from digitize.errors import ArchiveError, ExportError
from pipelines.archive.catalog import Catalog, Document
from pipelines.archive.layout import Archive
from pipelines.collections.definitions import require_collection
from pipelines.preservation.fixity import FixityReport, check

CHECKSUMS = ["sha512"]


@dataclass(frozen=True)
class BagSummary:
    path: Path
    documents: int
    files: int
    bytes: int
    #: Hidden folders left by exports that were killed, removed before this one.
    leftovers: tuple[Path, ...] = ()


def export_bag(
    archive: Archive,
    out: Path,
    document: str | None = None,
    collection: str | None = None,
    organization: str | None = None,
    show_progress: bool = False,
) -> BagSummary:
    """Write the bag of ``document`` (``Documents.find``) or of ``collection``'s finished documents to ``out``.

    ``organization`` goes into bag-info.txt as Source-Organization; bagit adds Bagging-Date, Payload-Oxum and
    Bag-Software-Agent.
    """
    if (document is None) == (collection is None):
        raise ValueError("give a document or a collection")
    out = Path(os.path.abspath(out))  # "." and ".." become names a sibling folder can be made beside
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(out, "exists and is not empty: give a new folder for the bag")
    with Catalog(archive.existing_catalog_path(), read_only=True) as catalog:
        documents = [_finished(catalog.documents.find(document))] if document else _collection(catalog, collection)
        report = check(catalog, archive, documents, show_progress=show_progress)
        _refuse_damage(report)
        files = {doc.id: catalog.documents.files(doc.id) for doc in documents}
    out.parent.mkdir(parents=True, exist_ok=True)
    leftovers = _remove_leftovers(out.parent)
    building = out.with_name(f".{out.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    building.mkdir()
    try:
        for doc in documents:
            shutil.copyfile(doc.source_path, _target(building / doc.id / "source" / Path(doc.source_path).name))
            for file in files[doc.id]:
                inside = PurePosixPath(file.path).relative_to("documents")
                shutil.copyfile(archive.root / file.path, _target(building / inside))
        faults.boundary("bag-files-copied")
        bag = bagit.make_bag(str(building), _bag_info(documents, collection, organization), checksums=CHECKSUMS)
        faults.boundary("bag-made")
        if out.exists():
            out.rmdir()
        building.rename(out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    size, count = (int(part) for part in bag.info["Payload-Oxum"].split("."))
    return BagSummary(out, len(documents), count, size, leftovers)


#: The hidden folder an export builds its bag in: ``.OUT.PID-TOKEN.partial`` (no PID before it was recorded).
_BUILDING = re.compile(r"^\..+\.(?:(?P<pid>\d+)-)?[0-9a-f]{8}\.partial$")


def _remove_leftovers(folder: Path) -> tuple[Path, ...]:
    """Remove the building folders of exports into ``folder`` that were killed; those of live exports stay."""
    removed = []
    for entry in sorted(folder.iterdir()):
        match = _BUILDING.match(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not _alive(match["pid"]):
            shutil.rmtree(entry)
            removed.append(entry)
    return tuple(removed)


def _alive(pid: str | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process, or not one we can ask about: left alone
    return True


def _finished(document: Document) -> Document:
    if document.status != "done":
        raise ArchiveError(document.id, f"is not finished (status {document.status}): only finished documents export")
    return document


def _collection(catalog: Catalog, name: str) -> list[Document]:
    require_collection(catalog, name)
    documents = sorted(
        (document for document in catalog.documents.all("done") if document.collection == name), key=lambda d: d.id
    )
    if not documents:
        raise ArchiveError(name, "the collection has no finished documents to export")
    return documents


def _refuse_damage(report: FixityReport) -> None:
    """Raise naming the first problem and counting them all, unless every file and source is as recorded."""
    problems = [
        *((path, "changed since it was archived") for path in report.changed),
        *((path, "missing from the archive") for path in report.missing),
        *((path, "has no recorded checksum (digitize verify --record-unrecorded)") for path in report.unrecorded),
        *((path, "source file is gone: the bag needs it") for path in report.sources_missing),
        *((path, "source file changed since it was digitized") for path in report.sources_changed),
    ]
    if problems:
        path, reason = problems[0]
        more = f"; {len(problems)} problems in all (digitize verify lists them)" if len(problems) > 1 else ""
        raise ExportError(path, f"{reason}{more}: nothing exported")


def _target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _bag_info(documents: list[Document], collection: str | None, organization: str | None) -> dict[str, str]:
    if collection is None:
        [document] = documents
        name = Path(document.source_path).name
        info = {
            "External-Identifier": document.id,
            "External-Description": f"{document.title or name}: {document.page_count} pages digitized from {name}",
            "Internal-Sender-Identifier": name,
            "Bag-Group-Identifier": document.collection,
        }
    else:
        info = {
            "External-Identifier": collection,
            "External-Description": f"Collection {collection}: {len(documents)} digitized documents",
            "Bag-Group-Identifier": collection,
        }
    if organization:
        info["Source-Organization"] = organization
    return info
