"""OAI-PMH 2.0 at /oai: a real ``digitize serve`` harvested whole by Sickle, all valid, each error where due."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sickle import Sickle
from sickle.iterator import OAIResponseIterator

from digitize import alto, hocr
from digitize.ocr.page import EMPTY_PAGE
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.exchange.oai import OAI, OAI_IDENTIFIER, OaiRepository, set_spec
from tests.pipelines.exchange.conftest import COLLECTIONS, catalogue
from tests.pipelines.exchange.schemas import validate

OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
MARC = "{http://www.loc.gov/MARC21/slim}record"


def serve(archive: Archive) -> Iterator[str]:
    """``digitize serve`` on a free port; yields its OAI-PMH base URL, stops it with Ctrl-C."""
    command = [sys.executable, "-u", "-c", "from pipelines.cli import main; main()", "serve", "--port", "0"]
    options = ["--archive", str(archive.root), "--name", "Thư viện thử", "--admin-email", "sohoa@thuvien.example.vn"]
    options += ["--oai-namespace", "thuvien.example.vn"]
    server = subprocess.Popen([*command, *options], stdout=subprocess.PIPE, text=True)
    try:
        banner = server.stdout.readline()
        yield re.search(r"http://127\.0\.0\.1:\d+/", banner).group(0) + "oai"
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, str]]:
    """A served archive of 1,000 finished documents in two collections: ten pages of a hundred per list."""
    archive = catalogue(tmp_path_factory.mktemp("oai") / "archive", 1000)
    for url in serve(archive):
        yield archive, url


def valid_pages(url: str, verb: str, **arguments: str) -> list[ET.Element]:
    """Every page of a list, as Sickle fetched it following the resumption tokens, each checked against the schemas."""
    pages = []
    for response in getattr(Sickle(url, iterator=OAIResponseIterator), verb)(**arguments):
        validate(response.raw, "OAI-PMH")
        root = ET.fromstring(response.raw.encode())
        for metadata in root.iter(f"{{{OAI}}}metadata"):
            [content] = metadata
            validate(content, {OAI_DC: "oai_dc", MARC: "MARC21slim"}[content.tag])
        pages.append(root)
    return pages


def test_a_full_harvest_gives_every_document_once_in_both_formats(thousand: tuple[Archive, str]):
    archive, url = thousand
    with Catalog(archive.catalog_path) as catalog:
        expected = sorted(f"oai:thuvien.example.vn:{document.id}" for document in catalog.documents.all("done"))
    assert len(expected) == 1000

    records = list(Sickle(url).ListRecords(metadataPrefix="oai_dc"))
    assert sorted(record.header.identifier for record in records) == expected
    first = records[0].metadata
    assert first["title"] == ["Quyết định số 1 về việc số hóa tài liệu Hán Nôm"]
    assert "Quyết định" in first["type"] and "1/QĐ-SVHTTDL" in first["identifier"]

    for prefix in ("oai_dc", "marcxml"):
        pages = valid_pages(url, "ListRecords", metadataPrefix=prefix)
        assert len(pages) == 10
        identifiers = [element.text for page in pages for element in page.iter(f"{{{OAI}}}identifier")]
        assert sorted(identifiers) == expected
        tokens = [page.find(f".//{{{OAI}}}resumptionToken") for page in pages]
        assert [token.get("cursor") for token in tokens] == [str(n) for n in range(0, 1000, 100)]
        assert {token.get("completeListSize") for token in tokens} == {"1000"}
        assert not tokens[-1].text  # the last page's token is empty: the list is complete


def test_identify_formats_sets_and_one_record_over_http(thousand: tuple[Archive, str]):
    _, url = thousand
    sickle = Sickle(url)
    identify = sickle.Identify()
    assert (identify.repositoryName, identify.baseURL, identify.adminEmail) == (
        "Thư viện thử",
        url,
        "sohoa@thuvien.example.vn",
    )
    assert (identify.granularity, identify.deletedRecord, identify.protocolVersion) == (
        "YYYY-MM-DDThh:mm:ssZ",
        "no",
        "2.0",
    )
    assert sorted(f.metadataPrefix for f in sickle.ListMetadataFormats()) == ["marcxml", "oai_dc"]
    assert {(s.setSpec, s.setName) for s in sickle.ListSets()} == {
        ("cong-bao", "Công báo"),
        ("chau-ban-trieu-nguyen", "Châu bản triều Nguyễn"),
    }
    in_set = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="cong-bao"))
    assert len(in_set) == 500 and {header.setSpecs[0] for header in in_set} == {"cong-bao"}

    identifier = in_set[0].identifier
    assert identifier.startswith("oai:thuvien.example.vn:")
    record = sickle.GetRecord(identifier=identifier, metadataPrefix="marcxml")
    assert record.header.identifier == identifier
    for answer in valid_pages(url, "ListIdentifiers", metadataPrefix="marcxml", set="chau-ban-trieu-nguyen")[:1]:
        assert answer.find(f"{{{OAI}}}request").get("set") == "chau-ban-trieu-nguyen"


def test_post_asks_the_same_as_get(thousand: tuple[Archive, str]):
    _, url = thousand
    body = urllib.parse.urlencode({"verb": "ListSets"}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=body)) as response:
        posted = response.read()
    validate(posted, "OAI-PMH")
    assert b"<setName>C\xc3\xb4ng b\xc3\xa1o</setName>" in posted


@pytest.fixture
def repository(catalogued: Archive) -> OaiRepository:
    """Twelve documents, five to a page."""
    return OaiRepository(catalogued, "Thư viện thử", "sohoa@thuvien.example.vn", page_size=5)


def ask(repository: OaiRepository, **arguments: str | list[str]) -> ET.Element:
    """The answer to ``arguments`` (a list for a repeated one), checked against the OAI-PMH schema."""
    given = {name: value if isinstance(value, list) else [value] for name, value in arguments.items()}
    answer = repository.answer(given, "http://kho.example.vn/oai")
    validate(answer, "OAI-PMH")
    return ET.fromstring(answer)


def error(answer: ET.Element) -> str | None:
    found = answer.find(f"{{{OAI}}}error")
    return found.get("code") if found is not None else None


def identifiers(answer: ET.Element) -> list[str]:
    return [element.text for element in answer.iter(f"{{{OAI}}}identifier")]


def datestamps(answer: ET.Element) -> list[str]:
    return [element.text for element in answer.iter(f"{{{OAI}}}datestamp")]


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "set": "cong-bao"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "marcxml"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2025-13-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "1 March 2025"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2025-03-01", "until": "2025-03-02T00:00:00Z"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": "oai:digitize:0"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "identifier": "oai:digitize:0", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "identifier": "oai:digitize:0000", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": "urn:isbn:0", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": "oai:digitize:0000"}, "idDoesNotExist"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2031-01-01"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "2001-01-01T00:00:00Z"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "han-nom"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListIdentifiers", "resumptionToken": "WzEsIDJd"}, "badResumptionToken"),  # [1, 2]
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
    ],
)
def test_each_error_code_where_the_protocol_says(repository: OaiRepository, arguments: dict, code: str):
    answer = ask(repository, **arguments)
    assert error(answer) == code
    request = answer.find(f"{{{OAI}}}request")
    assert request.text == "http://kho.example.vn/oai"
    if code in ("badVerb", "badArgument"):
        assert not request.attrib  # the protocol: echo no arguments of a malformed request


def test_from_and_until_cut_the_list_at_the_documents_last_change(repository: OaiRepository):
    everything = [ask(repository, verb="ListIdentifiers", metadataPrefix="oai_dc")]
    while token := everything[-1].find(f".//{{{OAI}}}resumptionToken").text:
        everything.append(ask(repository, verb="ListIdentifiers", resumptionToken=token))
    stamps = [stamp for page in everything for stamp in datestamps(page)]
    assert len(stamps) == len(set(stamps)) == 12 and stamps == sorted(stamps)  # one an hour, oldest first

    window = ask(repository, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": stamps[3], "until": stamps[6]})
    assert datestamps(window) == stamps[3:7]  # both ends included
    day = stamps[0][:10]
    assert len(datestamps(ask(repository, verb="ListIdentifiers", metadataPrefix="oai_dc", until=day))) == 5  # a page


def test_a_document_described_again_is_harvested_again_from_its_new_date(catalogued: Archive):
    repository = OaiRepository(catalogued, "Thư viện thử", "sohoa@thuvien.example.vn")
    first = ask(repository, verb="ListIdentifiers", metadataPrefix="oai_dc")
    latest = datestamps(first)[-1]
    with Catalog(catalogued.catalog_path) as catalog:
        described = catalog.described.changed(limit=1)[0]
        catalog.documents.finish(described.document.id, described.metadata)  # an archivist's correction, today
    again = ask(repository, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": latest})
    assert identifiers(again)[-1] == f"oai:digitize:{described.document.id}"


def test_set_specs_are_the_collections_without_diacritics():
    assert [set_spec(name) for name in COLLECTIONS] == ["cong-bao", "chau-ban-trieu-nguyen"]
    assert set_spec("Tư liệu Hán Nôm (1945–1954)") == "tu-lieu-han-nom-1945-1954"


def test_get_record_in_both_formats_is_valid_inside_and_out(repository: OaiRepository, catalogued: Archive):
    with Catalog(catalogued.catalog_path) as catalog:
        document = catalog.described.changed(limit=1)[0].document
    for prefix, tag, schema in (("oai_dc", OAI_DC, "oai_dc"), ("marcxml", MARC, "MARC21slim")):
        answer = ask(repository, verb="GetRecord", identifier=f"oai:digitize:{document.id}", metadataPrefix=prefix)
        [content] = answer.find(f".//{{{OAI}}}metadata")
        assert content.tag == tag
        validate(content, schema)
    links = [e.text for e in content.iter("{http://www.loc.gov/MARC21/slim}subfield") if e.get("code") == "u"]
    assert links == [
        f"http://kho.example.vn/iiif/{document.id}/manifest",
        f"http://kho.example.vn/page/{document.id}/1",
    ]


def test_an_archive_with_nothing_finished_identifies_itself_and_matches_nothing(tmp_path: Path):
    archive = Archive(tmp_path / "archive")
    Catalog(archive.catalog_path).close()
    repository = OaiRepository(archive, "Trống", "sohoa@thuvien.example.vn")
    assert error(ask(repository, verb="Identify")) is None
    assert error(ask(repository, verb="ListRecords", metadataPrefix="oai_dc")) == "noRecordsMatch"
    assert error(ask(repository, verb="ListSets")) == "noSetHierarchy"  # no collection yet


def test_a_library_named_by_its_domain_says_so_and_identifies_its_records_by_it(catalogued: Archive):
    repository = OaiRepository(catalogued, "Thư viện thử", "sohoa@thuvien.example.vn", namespace="thuvien.example.vn")
    [described] = ask(repository, verb="Identify").find(f"{{{OAI}}}Identify/{{{OAI}}}description")
    validate(described, "oai-identifier")
    assert described.find(f"{{{OAI_IDENTIFIER}}}repositoryIdentifier").text == "thuvien.example.vn"
    listed = identifiers(ask(repository, verb="ListIdentifiers", metadataPrefix="oai_dc"))
    assert all(found.startswith("oai:thuvien.example.vn:") for found in listed)
    assert error(ask(repository, verb="GetRecord", identifier=listed[0], metadataPrefix="oai_dc")) is None
    elsewhere = listed[0].replace("thuvien.example.vn", "digitize")
    assert error(ask(repository, verb="GetRecord", identifier=elsewhere, metadataPrefix="oai_dc")) == "idDoesNotExist"


def test_until_it_is_given_a_domain_name_a_repository_describes_no_identifier_scheme(repository: OaiRepository):
    assert ask(repository, verb="Identify").find(f"{{{OAI}}}Identify/{{{OAI}}}description") is None
    with pytest.raises(ValueError, match="not a domain name"):
        OaiRepository(repository.archive, "Thư viện thử", "sohoa@thuvien.example.vn", namespace="thư viện")


def test_alto_and_hocr_written_in_the_same_process_leave_oai_answers_unprefixed(repository: OaiRepository):
    """XML namespaces are the writer's own, per call: an ALTO or hOCR page written first used to take the default
    namespace from OAI-PMH for the whole process, which then answered in ``ns0:`` prefixes."""
    page_alto = alto.to_xml(EMPTY_PAGE, 100, 100, "page-0001.jpg")
    page_hocr = hocr.to_xhtml(EMPTY_PAGE, 100, 100, "page-0001.jpg")
    answer = repository.answer({"verb": ["Identify"]}, "http://kho.example.vn/oai").decode("utf-8")
    assert "ns0:" not in answer and "<OAI-PMH " in answer and f'xmlns="{OAI}"' in answer
    assert "ns0:" not in alto.to_xml(EMPTY_PAGE, 100, 100, "page-0001.jpg") + page_alto + page_hocr
