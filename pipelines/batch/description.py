"""A document's description: metadata extracted from its pages with the archivist's values laid over it.

Written as metadata.json and dublin-core.xml beside the pages, into the
searchable PDF's own description (its title, authors, subject), then mets.xml
tying them to the pages' files (``pipelines.exchange.mets``), and stored in
the catalog, when a document's last page is in and again whenever catalog
rows are imported for it. Extraction is re-run each time from the page texts
and what the worker found on the first page's image (its header read again,
its handwritten fields: ``digitize.header_evidence``), both kept in the
catalog, so improving the extractor and re-describing an archive needs no OCR.
metadata.json's ``corrections`` are the archivists' changes from the audit
trail, each a ``correction`` stage naming its archivist.
"""

from __future__ import annotations

import json

from digitize.header_evidence import HeaderEvidence, extract_with
from digitize.metadata import Metadata, dublin_core
from digitize.metadata.written import HandwrittenReading
from digitize.script import LATIN
from pipelines.archive.catalog import AuditRecord, Catalog, Document, PageRow
from pipelines.archive.evidence import reexamine, weigh
from pipelines.archive.layout import Archive, write_text
from pipelines.batch.document_pdf import describe_document_pdf
from pipelines.exchange.mets import write_mets

#: How a correction made at the desk names its source: ``archivist NAME``.
ARCHIVIST = "archivist "


def describe(catalog: Catalog, document: Document, pages: list[PageRow]) -> Metadata:
    """Metadata of ``document`` from its ``pages``' text and first page's evidence, overridden by values imported
    for it."""
    first = next((page for page in pages if page.number == 1), None)
    evidence = (
        HeaderEvidence(
            first.header_again,
            frozenset(first.handwritten),
            first.source == "text-layer",
            tuple(HandwrittenReading.from_dict(reading) for reading in first.handwritten_read),
        )
        if first
        else None
    )
    found = extract_with("\n\n".join(page.text for page in pages), evidence)
    return weigh(catalog, document.id, found).overridden(
        catalog.overrides.values(document.id), _desk_sources(catalog.overrides.sources(document.id))
    )


def _desk_sources(sources: dict[str, str]) -> dict[str, str]:
    """The fields an archivist corrected at the desk, with who did (a catalog file's rows stay ``catalog``)."""
    return {name: source for name, source in sources.items() if source.startswith(ARCHIVIST)}


def _correction_stage(change: AuditRecord) -> dict[str, object]:
    """A change made at the desk as a stage of the document's provenance, naming the archivist who made it."""
    return {
        "stage": "correction",
        "archivist": change.author,
        "time": change.at,
        "page": change.page,
        "target": change.target,
        "detail": change.detail,
    }


def write_description(
    catalog: Catalog, archive: Archive, document: Document, pages: list[PageRow] | None = None, again: bool = True
) -> Metadata:
    """Describe ``document``, write its metadata.json, dublin-core.xml and mets.xml (their checksums recorded), store
    it and mark it done; record what it cites, and (with ``again``) describe again, to be indexed again, the
    documents it cites whose number was not confirmed (``pipelines.archive.evidence``).

    ``pages`` saves reading them again when the caller has them already.
    """
    pages = catalog.pages.of_document(document.id) if pages is None else pages
    described = describe(catalog, document, pages)
    catalog.citations.record(document.id, described.references)
    record = {
        "id": document.id,
        "sha256": document.sha256,
        "source_path": document.source_path,
        "collection": document.collection,
        "page_count": document.page_count,
        **described.to_dict(),
        "pages": [
            {
                "number": p.number,
                "source": p.source,
                "skew_deg": p.skew_deg,
                "orientation": p.orientation,
                "orientation_confidence": p.orientation_confidence,
                "ocr_confidence": p.confidence,
                "syllable_share": p.syllable_share,
                "steps": list(p.steps),
                **{"script": p.script or LATIN, "languages": list(p.languages), "flags": list(p.flags)},
            }
            for p in pages
        ],
        "corrections": [_correction_stage(change) for change in catalog.audit.entries(document.id)],
    }
    json_path, dublin_core_path = archive.metadata_path(document.id), archive.dublin_core_path(document.id)
    written = {
        archive.relative(json_path): write_text(json_path, json.dumps(record, ensure_ascii=False, indent=2) + "\n"),
        archive.relative(dublin_core_path): write_text(
            dublin_core_path, dublin_core.to_xml(described, document.sha256)
        ),
    }
    catalog.documents.record_files(document.id, written)
    catalog.documents.record_files(document.id, describe_document_pdf(archive, document, described))
    write_mets(catalog, archive, document, described)  # after the files it lists, with their checksums
    catalog.documents.finish(document.id, described)
    for cited in reexamine(catalog, document.id) if again else ():
        before = catalog.documents.metadata(cited)
        if write_description(catalog, archive, catalog.documents.get(cited), again=False) != before:
            catalog.documents.set_stage(cited, "index", "pending", f"new evidence from {document.id}")
    return described
