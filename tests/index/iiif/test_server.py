"""The IIIF routes of ``digitize serve`` over HTTP: on an archive the pipeline made, and on one made by hand
with hostile metadata and OCR text, hostile ids and files outside the archive."""

import dataclasses
import http.client
import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from digitize.alto import to_xml
from digitize.ocr.page import Block, Line, OcrPage, Word
from digitize.textnorm import fold
from index.reading_room.headers import CSP, VIEWER_CSP
from index.store import PageRecord, add_pages
from pipelines.archive.layout import Archive
from pipelines.archive.reading_room import reading_room
from tests.index.test_web import serve

PRESENTATION = "http://iiif.io/api/presentation/3/context.json"
HOSTILE = '"><img src=x onerror=alert(1)>'
SECRET = "the bytes of a file outside the documents"


@dataclasses.dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str) -> Response:
    """The answer as sent: redirects are not followed, error statuses are answers too."""
    try:
        with urllib.request.build_opener(_NoRedirect).open(url) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


@pytest.fixture(scope="module")
def pipeline(digitized_folder: Path) -> Iterator[tuple[str, Archive, str]]:
    """The server over the archive the pipeline made of a scanned page and its blank back: (url, archive, doc id)."""
    archive = Archive(digitized_folder / "archive")
    (doc_id,) = [folder.name for folder in archive.documents_dir.iterdir()]
    with serve(reading_room(archive)) as url:
        yield url, archive, doc_id


def _ocr_page(*texts: str) -> OcrPage:
    words = tuple(Word(text, 90.0, 100 + 150 * n, 200, 120, 40) for n, text in enumerate(texts))
    return OcrPage((Block((Line(words),)),))


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An archive made by hand: ``evil`` with hostile metadata and OCR text, ``..`` (an id no run makes), and
    secrets beside and outside the documents; (url, root)."""
    root = tmp_path_factory.mktemp("handmade")
    archive = Archive(root)
    text = ("Chuyển", "<script>alert(3)</script>", "đổi", "số")
    add_pages(
        archive.index_dir,
        [
            PageRecord("evil", 1, " ".join(text), title=HOSTILE, agency=f"<b>{HOSTILE}</b>", type="Công văn"),
            PageRecord("..", 1, "tài liệu lạ"),
        ],
    )
    folder = archive.document_dir("evil")
    folder.mkdir(parents=True)
    Image.new("L", (800, 600), 255).save(folder / "page-0001.jpg", "JPEG")
    (folder / "page-0001.alto.xml").write_text(to_xml(_ocr_page(*text), 800, 600, "page-0001.jpg"), encoding="utf-8")
    (folder / "metadata.json").write_text("{}")
    Image.new("L", (10, 10)).save(root / "page-0001.jpg", "JPEG")  # where ".."'s image would be
    (root / "secret.txt").write_text(SECRET)
    with serve(reading_room(archive)) as url:
        yield url, root


# The Presentation API


def _language_map(value: object) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(texts, list) and all(isinstance(t, str) for t in texts) for texts in value.values())
    )


def _ids(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("id"), str) and value.get("type") not in ("Text",):
            yield value["id"]
        for inner in value.values():
            yield from _ids(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _ids(inner)


def test_the_manifest_follows_the_presentation_3_rules(pipeline):
    url, _, doc_id = pipeline
    answer = get(f"{url}/iiif/{doc_id}/manifest")
    manifest = answer.json()
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("application/ld+json")
    assert manifest["@context"] == PRESENTATION
    assert (manifest["type"], manifest["id"]) == ("Manifest", f"{url}/iiif/{doc_id}/manifest")
    assert manifest["label"] == {"vi": ["Chuyển đổi số - từ nhận thức đến hành động"]}
    assert all(_language_map(entry["label"]) and _language_map(entry["value"]) for entry in manifest["metadata"])
    shown = {entry["label"]["en"][0]: entry["value"] for entry in manifest["metadata"]}
    assert shown["Date"] == {"none": ["2022-04-22"]} and shown["Collection"] == {"vi": ["Hán Nôm"]}
    ids = list(_ids(manifest))
    assert len(ids) == len(set(ids)) and all(id_.startswith(f"{url}/") for id_ in ids)
    assert [canvas["label"]["vi"] for canvas in manifest["items"]] == [["Trang 1"], ["Trang 2"]]
    for canvas in manifest["items"]:
        assert canvas["type"] == "Canvas" and isinstance(canvas["width"], int) and isinstance(canvas["height"], int)
        (page,) = canvas["items"]
        (painting,) = page["items"]
        assert page["type"] == "AnnotationPage" and painting["type"] == "Annotation"
        assert (painting["motivation"], painting["target"]) == ("painting", canvas["id"])
        body = painting["body"]
        assert (body["type"], body["format"]) == ("Image", "image/jpeg")
        assert (body["width"], body["height"]) == (canvas["width"], canvas["height"])
        assert body["service"][0]["type"] == "ImageService3" and body["service"][0]["profile"] == "level1"
    assert manifest["homepage"][0]["id"] == f"{url}/page/{doc_id}/1"
    assert get(manifest["homepage"][0]["id"]).status == 200
    services = {service.get("type") or service.get("@type"): service for service in manifest["service"]}
    assert services["SearchService2"]["id"] == f"{url}/iiif/{doc_id}/search"
    assert services["SearchService1"]["profile"] == "http://iiif.io/api/search/1/search"


def test_canvases_are_exactly_their_page_images(pipeline):
    url, archive, doc_id = pipeline
    for number, canvas in enumerate(get(f"{url}/iiif/{doc_id}/manifest").json()["items"], 1):
        with Image.open(archive.page_image_path(doc_id, number)) as image:
            assert (canvas["width"], canvas["height"]) == image.size
        service = canvas["items"][0]["items"][0]["body"]["service"][0]["id"]
        described = get(f"{service}/info.json").json()
        assert (described["width"], described["height"]) == (canvas["width"], canvas["height"])
        painted = get(canvas["items"][0]["items"][0]["body"]["id"])
        assert Image.open(io.BytesIO(painted.body)).size == (canvas["width"], canvas["height"])


def test_the_manifest_offers_the_downloads_the_archive_holds(pipeline):
    url, _, doc_id = pipeline
    manifest = get(f"{url}/iiif/{doc_id}/manifest").json()
    download = f"{url}/download/{doc_id}"
    assert [r["id"] for r in manifest["rendering"]] == [f"{download}/pdf", f"{download}/dc"]
    first, blank = ([r["id"] for r in canvas["rendering"]] for canvas in manifest["items"])
    assert first == [f"{download}/1/alto", f"{download}/1/hocr", f"{download}/1/text"]
    assert blank == [f"{download}/2/text"]  # a blank page is not read, so it has no ALTO or hOCR
    pdf = get(manifest["rendering"][0]["id"])
    assert (pdf.status, pdf.headers["Content-Type"], pdf.body[:5]) == (200, "application/pdf", b"%PDF-")
    alto = get(manifest["items"][0]["rendering"][0]["id"])
    assert alto.status == 200 and b"<alto" in alto.body


# The Content Search API


def _boxes(targets: list[str], canvas: str) -> set[tuple[int, ...]]:
    found = set()
    for target in targets:
        prefix, _, box = target.partition("#xywh=")
        assert prefix == canvas
        found.add(tuple(int(value) for value in box.split(",")))
    return found


def test_search_outlines_every_word_of_the_query_where_alto_has_it(pipeline):
    url, archive, doc_id = pipeline
    answer = get(f"{url}/iiif/{doc_id}/search?q=chuyen+doi+so")
    found = answer.json()
    assert answer.status == 200 and answer.headers["Access-Control-Allow-Origin"] == "*"
    assert found["@context"] == "http://iiif.io/api/search/2/context.json" and found["type"] == "AnnotationPage"
    assert found["id"] == f"{url}/iiif/{doc_id}/search?q=chuyen+doi+so"
    assert all(item["type"] == "Annotation" and item["body"]["type"] == "TextualBody" for item in found["items"])
    canvas = f"{url}/iiif/{doc_id}/canvas/1"
    words = archive.page_words(doc_id, 1).words
    expected = {
        (w.left, w.top, w.width, w.height) for w in words if fold(w.text).lower().strip(".,") in {"chuyen", "doi", "so"}
    }
    assert len(expected) >= 6  # the title's and the sentence's "Chuyển đổi số", and "số 505"
    assert _boxes([item["target"] for item in found["items"]], canvas) == expected
    typed = get(f"{url}/iiif/{doc_id}/search?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91").json()
    assert [item["target"] for item in typed["items"]] == [item["target"] for item in found["items"]]
    (context,) = found["annotations"]
    assert {a["target"]["source"] for a in context["items"]} == {item["id"] for item in found["items"]}
    assert len({item["id"] for item in found["items"]}) == len(found["items"])
    canvas_size = get(f"{url}/iiif/{doc_id}/manifest").json()["items"][0]
    for x, y, w, h in expected:  # every box lies on its canvas
        assert min(x, y) >= 0 and x + w <= canvas_size["width"] and y + h <= canvas_size["height"]


def test_mirador_gets_the_same_hits_as_search_1(pipeline):
    url, _, doc_id = pipeline
    version_2 = get(f"{url}/iiif/{doc_id}/search?q=%22chuyen+doi+so%22").json()
    version_1 = get(f"{url}/iiif/{doc_id}/search-v1?q=%22chuyen+doi+so%22").json()
    assert version_1["@context"] == "http://iiif.io/api/search/1/context.json"
    assert [r["on"] for r in version_1["resources"]] == [item["target"] for item in version_2["items"]]
    assert len(version_1["resources"]) == len(version_2["items"]) == 6 and version_1["within"]["total"] == 2
    # Each phrase is one hit of three words, so a viewer lists it once and outlines each word.
    assert [hit["match"] for hit in version_1["hits"]] == ["Chuyển đổi số", "Chuyển đổi số"]
    assert [a for hit in version_1["hits"] for a in hit["annotations"]] == [r["@id"] for r in version_1["resources"]]


def test_a_search_without_hits_or_words_is_an_empty_page_and_names_what_it_ignored(pipeline):
    url, _, doc_id = pipeline
    nothing = get(f"{url}/iiif/{doc_id}/search?q=khong+co+dau&motivation=painting").json()
    assert (nothing["items"], nothing["ignored"]) == ([], ["motivation"])
    assert get(f"{url}/iiif/{doc_id}/search").json()["items"] == []
    assert get(f"{url}/iiif/{doc_id}/search-v1?q=zzz&user=x").json()["within"] == {
        "@type": "sc:Layer",
        "total": 0,
        "ignored": ["user"],
    }


def test_a_malformed_search_is_a_message(pipeline):
    url, _, doc_id = pipeline
    answer = get(f"{url}/iiif/{doc_id}/search?q=%22unclosed")
    assert answer.status == 400 and "thiếu dấu ngoặc kép" in answer.json()["error"]


# The Image API


def test_image_requests_as_a_viewer_sends_them(pipeline):
    url, archive, doc_id = pipeline
    service = f"{url}/iiif/image/{doc_id}-1"
    with Image.open(archive.page_image_path(doc_id, 1)) as page:
        width, height = page.size
    redirect = get(service)
    assert (redirect.status, redirect.headers["Location"]) == (303, f"{service}/info.json")
    tile = get(f"{service}/0,0,512,512/256,/0/default.jpg")
    assert (tile.status, tile.headers["Content-Type"]) == (200, "image/jpeg")
    assert Image.open(io.BytesIO(tile.body)).size == (256, 256)
    thumbnail = Image.open(io.BytesIO(get(f"{service}/full/!200,200/0/default.jpg").body))
    assert max(thumbnail.size) == 200
    assert Image.open(io.BytesIO(get(f"{service}/full/max/0/default.jpg").body)).size == (width, height)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/full/max/90/default.jpg", 501),
        ("/full/max/0/default.png", 501),
        ("/pct:0,0,50,50/max/0/default.jpg", 501),
        ("/full/%5Emax/0/default.jpg", 501),
        ("/99999,0,10,10/max/0/default.jpg", 400),
        ("/0,0,100,100/200,/0/default.jpg", 400),
        ("/full/huge/0/default.jpg", 400),
    ],
)
def test_image_requests_beyond_level_1_are_refused_with_their_status(pipeline, path: str, status: int):
    url, _, doc_id = pipeline
    answer = get(f"{url}/iiif/image/{doc_id}-1{path}")
    assert answer.status == status and answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "error" in answer.json()


# Ids that are not documents, hostile ids, files outside the archive


@pytest.mark.parametrize(
    "path",
    [
        "/iiif/missing/manifest",
        "/iiif/missing/search?q=so",
        "/iiif/image/missing-1/info.json",
        "/iiif/image/evil-2/info.json",  # a page the index does not have
        "/iiif/image/evil/info.json",  # no page number
        "/iiif/image/evil-x/full/max/0/default.jpg",
        "/iiif/..%2F..%2Fsecret.txt/manifest",
        "/iiif/%2E%2E/manifest",
        "/iiif/%2E%2E/search?q=tai+lieu",
        "/iiif/image/..-1/info.json",  # indexed, but ".." is no document folder
        "/iiif/image/..-1/full/max/0/default.jpg",
        "/iiif/image/..%2F..%2Fsecret-1/info.json",
        "/viewer/missing",
        "/viewer/..",
        "/download/evil/metadata.json",  # not a download
        "/download/evil/..%2F..%2Fsecret.txt",
        "/download/..%2F..%2F/secret.txt",
        "/download/missing/document.pdf",
        "/static/mirador/..%2F..%2F..%2Fpackage.json",
        "/static/mirador/mirador.es.js",
        "/static/mirador/..",
    ],
)
def test_only_indexed_documents_and_their_own_files_are_served(handmade, path: str):
    url, _ = handmade
    answer = get(url + path)
    assert (
        answer.status in (400, 404) and SECRET.encode() not in answer.body and not answer.body.startswith(b"\xff\xd8")
    )


@pytest.mark.parametrize(
    "path",
    ["/iiif/evil/manifest", "/iiif/evil/search?q=so", "/iiif/image/evil-1/info.json", "/iiif/missing/manifest"],
)
def test_every_iiif_answer_may_be_read_by_other_sites(handmade, path: str):
    url, _ = handmade
    assert get(url + path).headers["Access-Control-Allow-Origin"] == "*"


def test_other_pages_are_not_opened_to_other_sites(handmade):
    url, _ = handmade
    assert "Access-Control-Allow-Origin" not in get(f"{url}/?q=so").headers


def test_hostile_metadata_and_ocr_text_stay_text(handmade):
    url, _ = handmade
    manifest = get(f"{url}/iiif/evil/manifest").json()
    assert manifest["label"] == {"vi": [HOSTILE]}  # a label is text to every client
    values = {entry["label"]["en"][0]: entry["value"]["vi"][0] for entry in manifest["metadata"]}
    # A value in <…> is HTML to a IIIF client: it is sent escaped, so it shows as it reads.
    assert values["Agency"] == "<span>&lt;b&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/b&gt;</span>"
    assert values["Title"] == HOSTILE
    hits = get(f"{url}/iiif/evil/search-v1?q=chuyen").json()["hits"]
    assert hits[0]["after"] == " &lt;script&gt;alert(3)&lt;/script&gt; đổi số"


def test_the_viewer_page_is_mirador_and_nothing_of_the_request(handmade):
    url, _ = handmade
    page = get(f"{url}/viewer/evil?q=%3Cscript%3E")
    assert page.status == 200 and page.headers["Content-Security-Policy"] == VIEWER_CSP
    bundle_url = r'<script src="(/static/mirador/mirador.min.js\?v=[0-9a-f]{12})"></script>'
    (script,) = re.findall(bundle_url, page.body.decode())
    assert "evil" not in page.body.decode() and "<script>" not in page.body.decode()
    assert get(f"{url}/?q=so").headers["Content-Security-Policy"] == CSP
    bundle = get(url + script)
    assert bundle.status == 200 and bundle.headers["Content-Type"].startswith("text/javascript")
    assert bundle.headers["Cache-Control"] == "public, max-age=31536000, immutable"  # the URL names its content
    assert re.search(rb"Mirador", bundle.body[:2000])
    assert get(f"{url}/static/iiif-viewer.js").status == 200


def test_without_mirador_installed_the_viewer_says_how_to_install_it(handmade):
    _, root = handmade
    with serve(dataclasses.replace(reading_room(Archive(root)), viewer_dir=root / "nowhere")) as url:
        answer = get(f"{url}/viewer/evil")
    assert answer.status == 503 and "make setup" in answer.body.decode()


def test_ids_are_made_from_the_host_the_client_named_unless_it_is_no_host_name(handmade):
    url, _ = handmade
    port = url.rsplit(":", 1)[1]
    for host, base in ((f"localhost:{port}", f"http://localhost:{port}"), ('evil"><x', url)):
        connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
        connection.request("GET", "/iiif/evil/manifest", headers={"Host": host})
        manifest = json.loads(connection.getresponse().read())
        connection.close()
        assert manifest["id"] == f"{base}/iiif/evil/manifest"


def test_the_reading_rooms_page_opens_the_document_in_mirador(handmade):
    url, _ = handmade
    page = get(f"{url}/page/evil/1?q=chuyen").body.decode()
    assert 'href="/viewer/evil?q=chuyen&amp;page=1"' in page and "Mở bằng Mirador (trình xem IIIF)" in page
    assert 'href="/iiif/evil/manifest"' in page
