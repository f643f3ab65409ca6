"""OAI-PMH 2.0: the archive's finished documents offered to harvesters (national and union catalogues).

A small layer over the catalog rather than an OAI server library: the one
measured (``oai-repo``) pages lists by offset, which skips or repeats records
when documents change during a harvest, and brings four dependencies; here a
resumption token carries the last (change stamp, document id) sent, so a list
resumes exactly after it, however long it is (see docs/decisions.md).

Records are the finished documents, stamped with their last change (the
catalog's ``updated_at``, to the second, UTC); one set per collection, its
``setSpec`` the name without diacritics; formats ``oai_dc`` (the Dublin Core
``dublin-core.xml`` holds) and ``marcxml`` (the record ``export marc``
writes). Nothing is ever deleted (``deletedRecord`` is ``no``). Every answer,
errors included, is an ``OAI-PMH`` document with HTTP status 200, as the
protocol asks.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from digitize.metadata import dublin_core
from digitize.textnorm import fold
from digitize.xml_output import to_string
from pipelines.archive.catalog import Catalog, DescribedDocument
from pipelines.archive.catalog.connection import stamp, utc_now
from pipelines.archive.layout import Archive
from pipelines.exchange import marc

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Records or identifiers per answer; the rest follow by resumption token.
PAGE_SIZE = 100
#: The repository's part of its records' identifiers (``oai:digitize:<doc_id>``) until it is given its domain name.
DEFAULT_NAMESPACE = "digitize"
#: What the OAI identifier scheme takes as a repository's identifier: a domain name (``thuvien.quangtri.gov.vn``).
DOMAIN_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

# Prefixes of the namespaces inside answers. The protocol's own elements are unprefixed, as every OAI-PMH example
# writes them: OAI is each answer's default namespace, passed when it is written (``digitize.xml_output``).
ET.register_namespace("oai-identifier", OAI_IDENTIFIER)


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str


FORMATS = {
    "oai_dc": MetadataFormat("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", dublin_core.OAI_DC),
    "marcxml": MetadataFormat("marcxml", marc.MARC_XML_SCHEMA, marc.MARC_XML),
}
#: The arguments each verb takes besides ``verb``: required, optional, and the one that excludes all others.
_ARGUMENTS: dict[str, tuple[set[str], set[str], str | None]] = {
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class OaiError(Exception):
    """An OAI-PMH error condition: ``code`` is the protocol's (``badArgument``, ``noRecordsMatch``, …)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class _ListRequest:
    """What a list asks for, carried from one page to the next inside the resumption token."""

    prefix: str
    since: str | None = None  # catalog stamps, both ends included
    until: str | None = None
    set_spec: str | None = None
    after: tuple[str, str] | None = None  # (change stamp, document id) of the last record sent
    cursor: int = 0
    size: int | None = None

    def token(self) -> str:
        fields = [self.prefix, self.since, self.until, self.set_spec, self.after, self.cursor, self.size]
        return base64.urlsafe_b64encode(json.dumps(fields, ensure_ascii=False).encode()).decode().rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> _ListRequest:
        try:
            prefix, since, until, set_spec, after, cursor, size = json.loads(
                base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            )
            request = cls(prefix, since, until, set_spec, tuple(after) if after else None, int(cursor), int(size))
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
            raise OaiError("badResumptionToken", "the resumption token is not one this repository issued") from None
        if prefix not in FORMATS or request.after is None or not all(isinstance(part, str) for part in request.after):
            raise OaiError("badResumptionToken", "the resumption token is not one this repository issued")
        return request


class OaiRepository:
    """Answers OAI-PMH requests over one archive; each request opens the catalog afresh, so it sees every change.

    ``name`` and ``admin_email`` are what Identify says of the repository;
    ``namespace``, the domain name in its records' identifiers, keeps two
    libraries' records apart in a union catalogue that harvests both.
    """

    def __init__(
        self,
        archive: Archive,
        name: str,
        admin_email: str,
        page_size: int = PAGE_SIZE,
        clock: Callable[[], datetime] = utc_now,
        namespace: str = DEFAULT_NAMESPACE,
    ) -> None:
        if not is_namespace(namespace):
            raise ValueError(f"not a domain name: {namespace!r}")
        self.namespace = namespace
        self.archive = archive
        self.name = name
        self.admin_email = admin_email
        self.page_size = page_size
        self.clock = clock

    def answer(self, arguments: Mapping[str, Sequence[str]], base_url: str) -> bytes:
        """The OAI-PMH document answering ``arguments`` (each name with every value it was given) at ``base_url``."""
        root = ET.Element(f"{{{OAI}}}OAI-PMH", {f"{{{XSI}}}schemaLocation": f"{OAI} {OAI}OAI-PMH.xsd"})
        _sub(root, "responseDate", _datestamp(self.clock()))
        request = _sub(root, "request", base_url)
        try:
            verb, given = _checked(arguments)
            request.attrib.update({"verb": verb, **given})  # echoed once they are known to be legal
            with Catalog(self.archive.existing_catalog_path()) as catalog:
                root.append(self._verb(catalog, verb, given, base_url))
        except OaiError as error:
            if error.code in ("badVerb", "badArgument"):
                request.attrib.clear()
            _sub(root, "error", error.message, code=error.code)
        ET.indent(root)
        return to_string(root, OAI, encoding="utf-8", xml_declaration=True)

    def _verb(self, catalog: Catalog, verb: str, given: dict[str, str], base_url: str) -> ET.Element:
        sets = _set_specs(catalog)
        if verb == "Identify":
            return self._identify(catalog, base_url)
        if verb == "ListMetadataFormats":
            if "identifier" in given:
                self._document(catalog, given["identifier"])
            return _list_formats()
        if verb == "ListSets":
            if "resumptionToken" in given:
                raise OaiError("badResumptionToken", "the list of sets is never split: it has no resumption token")
            if not sets:  # the schema wants at least one set: none is said as the protocol's error
                raise OaiError("noSetHierarchy", "the archive has no collection yet")
            return _list_sets(sets)
        if verb == "GetRecord":
            format_ = _format(given["metadataPrefix"])
            element = ET.Element(f"{{{OAI}}}GetRecord")
            element.append(self._record(self._document(catalog, given["identifier"]), format_, sets, base_url))
            return element
        return self._list(catalog, verb, given, sets, base_url)

    def _identify(self, catalog: Catalog, base_url: str) -> ET.Element:
        earliest = catalog.described.earliest_change()
        element = ET.Element(f"{{{OAI}}}Identify")
        for name, value in (
            ("repositoryName", self.name),
            ("baseURL", base_url),
            ("protocolVersion", "2.0"),
            ("adminEmail", self.admin_email),
            ("earliestDatestamp", _datestamp(datetime.fromisoformat(earliest) if earliest else self.clock())),
            ("deletedRecord", "no"),
            ("granularity", GRANULARITY),
        ):
            _sub(element, name, value)
        if DOMAIN_NAME.fullmatch(self.namespace):  # the scheme's description is only for a domain name
            _describe_identifiers(_sub(element, "description"), self.namespace, self.identifier("0"))
        return element

    def _list(
        self, catalog: Catalog, verb: str, given: dict[str, str], sets: dict[str, str], base_url: str
    ) -> ET.Element:
        if "resumptionToken" in given:
            request = _ListRequest.from_token(given["resumptionToken"])
        else:
            since, until = _window(given.get("from"), given.get("until"))
            request = _ListRequest(_format(given["metadataPrefix"]).prefix, since, until, given.get("set"))
        if request.set_spec is not None and request.set_spec not in sets.values():
            raise OaiError("noRecordsMatch", f"no set {request.set_spec!r}: ListSets names them")
        collection = {spec: name for name, spec in sets.items()}.get(request.set_spec)
        size = request.size
        if size is None:
            size = catalog.described.count_changed(request.since, request.until, collection)
        found = catalog.described.changed(request.since, request.until, collection, request.after, self.page_size + 1)
        if not found:
            if request.after is not None:  # the documents after it have since changed or gone
                raise OaiError("badResumptionToken", "the list has changed since this token: harvest it again")
            raise OaiError("noRecordsMatch", "no document matches these arguments")
        page, more = found[: self.page_size], len(found) > self.page_size
        element = ET.Element(f"{{{OAI}}}{verb}")
        format_ = FORMATS[request.prefix]
        for described in page:
            if verb == "ListRecords":
                element.append(self._record(described, format_, sets, base_url))
            else:
                element.append(self._header(described, sets))
        if more or request.after is not None:
            last = page[-1]
            following = _ListRequest(
                request.prefix,
                request.since,
                request.until,
                request.set_spec,
                (stamp(last.changed_at), last.document.id),
                request.cursor + len(page),
                size,
            )
            token = following.token() if more else ""
            attributes = {"completeListSize": str(max(size, request.cursor + len(page))), "cursor": str(request.cursor)}
            _sub(element, "resumptionToken", token, **attributes)
        return element

    def identifier(self, doc_id: str) -> str:
        return f"oai:{self.namespace}:{doc_id}"

    def _document(self, catalog: Catalog, oai_identifier: str) -> DescribedDocument:
        prefix = self.identifier("")
        described = None
        if oai_identifier.startswith(prefix):
            described = catalog.described.get(oai_identifier.removeprefix(prefix))
        if described is None:
            raise OaiError("idDoesNotExist", f"no document {oai_identifier!r} in this repository")
        return described

    def _header(self, described: DescribedDocument, sets: dict[str, str]) -> ET.Element:
        header = ET.Element(f"{{{OAI}}}header")
        _sub(header, "identifier", self.identifier(described.document.id))
        _sub(header, "datestamp", _datestamp(described.changed_at))
        _sub(header, "setSpec", sets[described.document.collection])
        return header

    def _record(
        self, described: DescribedDocument, format_: MetadataFormat, sets: dict[str, str], base_url: str
    ) -> ET.Element:
        record = ET.Element(f"{{{OAI}}}record")
        record.append(self._header(described, sets))
        if format_.prefix == "oai_dc":
            content = dublin_core.to_element(described.metadata, described.document.sha256)
        else:
            site = base_url.removesuffix("/oai")
            content = marc.to_xml_element(marc.to_record(described, site))
        _sub(record, "metadata").append(content)
        return record


def is_namespace(name: str) -> bool:
    """Whether ``name`` may stand in the records' identifiers: a domain name, or the default until one is given."""
    return name == DEFAULT_NAMESPACE or DOMAIN_NAME.fullmatch(name) is not None


def set_spec(collection: str) -> str:
    """The collection's name as a setSpec: without diacritics, lower case, words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", fold(collection).lower())
    return "-".join(words) or "collection"


def _set_specs(catalog: Catalog) -> dict[str, str]:
    """Each collection's setSpec; two names that fold alike are told apart by a short hash of the name."""
    names = sorted(collection.name for collection in catalog.collections.all())
    folded = [set_spec(name) for name in names]
    return {
        name: spec if folded.count(spec) == 1 else f"{spec}-{hashlib.sha256(name.encode()).hexdigest()[:6]}"
        for name, spec in zip(names, folded, strict=True)
    }


def _checked(arguments: Mapping[str, Sequence[str]]) -> tuple[str, dict[str, str]]:
    """The verb and its arguments, once each is legal, given once, and none required is missing."""
    verbs = arguments.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in _ARGUMENTS:
        raise OaiError("badVerb", "the verb is missing, repeated or not an OAI-PMH verb")
    required, optional, exclusive = _ARGUMENTS[verbs[0]]
    given = {name: values for name, values in arguments.items() if name != "verb"}
    repeated = sorted(name for name, values in given.items() if len(values) != 1)
    if repeated:
        raise OaiError("badArgument", f"repeated argument: {', '.join(repeated)}")
    names = set(given)
    if exclusive in names:
        if names != {exclusive}:
            raise OaiError("badArgument", f"{exclusive} is exclusive: give it alone")
    else:
        illegal = sorted(names - required - optional)
        missing = sorted(required - names)
        if illegal:
            raise OaiError("badArgument", f"{verbs[0]} does not take: {', '.join(illegal)}")
        if missing:
            raise OaiError("badArgument", f"{verbs[0]} needs: {', '.join(missing)}")
    return verbs[0], {name: values[0] for name, values in given.items()}


def _window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """``from`` and ``until`` as catalog stamps, both ends included; a day covers all its seconds."""
    for value in (since, until):
        if value is not None and not (_DAY.fullmatch(value) or _SECOND.fullmatch(value)):
            raise OaiError("badArgument", f"not a UTC datestamp (YYYY-MM-DD or {GRANULARITY}): {value!r}")
    if since and until and len(since) != len(until):
        raise OaiError("badArgument", "from and until must have the same granularity")
    return _stamp(since, "00:00:00"), _stamp(until, "23:59:59")


def _stamp(value: str | None, time_of_day: str) -> str | None:
    if value is None:
        return None
    moment = value if "T" in value else f"{value}T{time_of_day}Z"
    try:
        parsed = datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        raise OaiError("badArgument", f"no such day or time: {value!r}") from None
    return stamp(parsed)


def _format(prefix: str) -> MetadataFormat:
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat", f"no metadata format {prefix!r}: {', '.join(FORMATS)} are offered")
    return FORMATS[prefix]


def _list_formats() -> ET.Element:
    element = ET.Element(f"{{{OAI}}}ListMetadataFormats")
    for format_ in FORMATS.values():
        entry = _sub(element, "metadataFormat")
        _sub(entry, "metadataPrefix", format_.prefix)
        _sub(entry, "schema", format_.schema)
        _sub(entry, "metadataNamespace", format_.namespace)
    return element


def _list_sets(sets: dict[str, str]) -> ET.Element:
    element = ET.Element(f"{{{OAI}}}ListSets")
    for name, spec in sets.items():
        entry = _sub(element, "set")
        _sub(entry, "setSpec", spec)
        _sub(entry, "setName", name)
    return element


def _describe_identifiers(description: ET.Element, namespace: str, sample: str) -> None:
    """The OAI identifier scheme's ``oai-identifier`` description: how this repository's identifiers are made."""
    described = ET.SubElement(
        description,
        f"{{{OAI_IDENTIFIER}}}oai-identifier",
        {f"{{{XSI}}}schemaLocation": f"{OAI_IDENTIFIER} {OAI_IDENTIFIER}.xsd"},
    )
    for name, value in (
        ("scheme", "oai"),
        ("repositoryIdentifier", namespace),
        ("delimiter", ":"),
        ("sampleIdentifier", sample),
    ):
        ET.SubElement(described, f"{{{OAI_IDENTIFIER}}}{name}").text = value


def _datestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{OAI}}}{name}", attributes)
    element.text = text
    return element
