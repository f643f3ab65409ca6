"""OAI-PMH: the archive's own layer (``pipelines.exchange.oai``) beside the ``oai-repo`` library over the same catalog.

Run from the project root:  .venv/bin/python -m benchmarks.oai [--documents 5000]
(needs ``pip install '.[bench]'`` for oai-repo)

Issue 16 asks for a maintained OAI-PMH server library where one fits. This
builds a catalog of N finished documents, then harvests ListRecords
(``oai_dc``, 100 a page) through each, in process, twice: once on a quiet
archive (records a second, every document once?), and once while an
archivist corrects a document already harvested after the first page (its
description stamped anew, as ``metadata import`` does). oai-repo pages by
offset, as its DataInterface asks (``cursor``); the archive's layer resumes
after the last (change stamp, id) sent.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from lxml import etree

from digitize.metadata import dublin_core
from digitize.metadata.model import Metadata
from pipelines.archive.catalog import Catalog
from pipelines.archive.catalog.connection import stamp
from pipelines.archive.layout import Archive
from pipelines.exchange.oai import DEFAULT_NAMESPACE, OaiRepository

PAGE = 100
TOKEN = re.compile(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>")
IDENTIFIER = re.compile(rb"<identifier>(oai:digitize:[0-9a-f]+)</identifier>")


def build(root: Path, count: int) -> Archive:
    """``count`` finished documents in two collections, one finished a minute."""
    archive = Archive(root)
    moment = [datetime(2025, 3, 1, tzinfo=timezone.utc)]
    with Catalog(archive.catalog_path, lambda: moment[0]) as catalog:
        catalog._connection.db.execute("PRAGMA synchronous = OFF")  # a throwaway archive
        for n in range(count):
            sha = hashlib.sha256(f"doc {n}".encode()).hexdigest()
            collection = ("Công báo", "Châu bản")[n % 2]
            catalog.collections.ensure(collection)
            catalog.documents.register(sha[:16], sha, f"scans/{n:06d}.pdf", collection, 3)
            described = Metadata().overridden(
                {"title": f"Quyết định số {n} về số hóa", "number": f"{n}/QĐ-UBND", "type": "Quyết định"}
            )
            catalog.documents.finish(sha[:16], described.overridden({"date": str(date(2020, 1, 1) + timedelta(n))}))
            moment[0] += timedelta(minutes=1)
    return archive


def harvest(ask: Callable[[dict], bytes], after_first_page: Callable[[], None]) -> tuple[list[str], float]:
    """Every identifier of a ListRecords harvest, following tokens, and the seconds it took."""
    started = time.perf_counter()
    answer = ask({"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    found = [m.decode() for m in IDENTIFIER.findall(answer)]
    after_first_page()
    while token := TOKEN.search(answer):
        answer = ask({"verb": "ListRecords", "resumptionToken": token.group(1).decode()})
        found += [m.decode() for m in IDENTIFIER.findall(answer)]
    return found, time.perf_counter() - started


def ours(archive: Archive) -> Callable[[dict], bytes]:
    repository = OaiRepository(archive, "bench", "bench@example.org", page_size=PAGE)
    return lambda arguments: repository.answer({k: [v] for k, v in arguments.items()}, "http://localhost/oai")


def theirs(archive: Archive) -> Callable[[dict], bytes]:
    """oai-repo over the same catalog, its DataInterface written the way its documentation shows."""
    from oai_repo import DataInterface, Identify, MetadataFormat, OAIRepository, RecordHeader

    class Data(DataInterface):
        limit = PAGE

        def get_identify(self) -> Identify:
            found = Identify()
            found.repository_name, found.base_url = "bench", "http://localhost/oai"
            found.admin_email = ["bench@example.org"]
            found.earliest_datestamp, found.deleted_record = "2025-03-01T00:00:00Z", "no"
            found.granularity = "YYYY-MM-DDThh:mm:ssZ"
            return found

        def get_metadata_formats(self, identifier: str | None = None) -> list[MetadataFormat]:
            return [MetadataFormat("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", dublin_core.OAI_DC)]

        def list_set_specs(self, identifier: str | None = None, cursor: int = 0) -> tuple:
            return None, None, None

        def list_identifiers(self, metadataprefix, filter_from=None, filter_until=None, filter_set=None, cursor=0):
            with Catalog(archive.catalog_path) as catalog:
                since = stamp(filter_from) if filter_from else None
                until = stamp(filter_until) if filter_until else None
                size = catalog.described.count_changed(since, until)
                page = catalog.described.changed(since, until)[cursor : cursor + PAGE]
            return [f"oai:{DEFAULT_NAMESPACE}:{d.document.id}" for d in page], size, None

        def get_record_header(self, oai_id: str) -> RecordHeader:
            with Catalog(archive.catalog_path) as catalog:
                described = catalog.described.get(oai_id.rsplit(":", 1)[1])
            return RecordHeader(oai_id, described.changed_at)

        def get_record_metadata(self, oai_id: str, metadataprefix: str):
            with Catalog(archive.catalog_path) as catalog:
                described = catalog.described.get(oai_id.rsplit(":", 1)[1])
            return etree.fromstring(dublin_core.to_xml(described.metadata).encode())

        def get_record_abouts(self, oai_id: str) -> list:
            return []

    repository = OAIRepository(Data())
    return lambda arguments: bytes(repository.process(dict(arguments)))


def correct_first(archive: Archive) -> Callable[[], None]:
    """An archivist's correction of the first document harvested, stamped an hour after the last one."""

    def correct() -> None:
        with Catalog(archive.catalog_path, lambda: datetime(2031, 1, 1, tzinfo=timezone.utc)) as catalog:
            first = catalog.described.changed(limit=1)[0]
            catalog.documents.finish(first.document.id, first.metadata)

    return correct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    count = parser.parse_args().documents
    print(f"{count} finished documents, ListRecords oai_dc, {PAGE} a page, in process (2 shared cores: noisy)")
    print(f"{'server':<12}{'records/s':>10}{'once each':>11}{'  while a document changes after page 1':>42}")
    for name, make in (("ours", ours), ("oai-repo", theirs)):
        with tempfile.TemporaryDirectory() as folder:
            archive = build(Path(folder) / "archive", count)
            quiet, seconds = harvest(make(archive), lambda: None)
            changing, _ = harvest(make(archive), correct_first(archive))
            missed = count - len(set(changing))
            twice = len(changing) - len(set(changing))
            once = "yes" if len(quiet) == len(set(quiet)) == count else "NO"
            print(f"{name:<12}{len(quiet) / seconds:>10.0f}{once:>11}   {missed} missed, {twice} twice")


if __name__ == "__main__":
    main()
