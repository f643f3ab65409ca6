"""The desk over HTTP, as an archivist's browser or script meets it: sign in, correct, audit, undo, and every way
a change is refused."""

import http.client
import http.cookiejar
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from digitize import alto
from index.i18n import gettext_in
from index.reading_room import desk as desk_page
from index.reading_room.app import app
from index.reading_room.errors import BUSY
from index.reading_room.server import in_thread
from index.reading_room.sessions import COOKIE
from index.site import Site
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_lock
from pipelines.archive.reading_room import reading_room
from pipelines.desk import queue
from pipelines.desk.accounts import add_account
from pipelines.desk.site import MAX_FAILURES_PER_NAME, desk_for, session_key

PASSWORD = "mật khẩu dài"


@dataclass
class Browser:
    """One visitor: its own cookies, and the CSRF token its sign-in gave."""

    url: str
    cookies: http.cookiejar.CookieJar
    csrf: str | None = None

    def call(self, method: str, path: str, body: object = None, token: bool = True) -> tuple[int, object]:
        headers = {"Content-Type": "application/json"}
        if token and self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data, headers, method=method)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        try:
            with opener.open(request) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def sign_in(self, user: str, password: str = PASSWORD) -> int:
        status, answer = self.call("POST", "/api/login", {"user": user, "password": password}, token=False)
        if status == 200:
            self.csrf = answer["csrf"]
        return status


def with_accounts(archive: Archive, private: bool = False) -> tuple[Site, str]:
    """The reading room of ``archive`` with an archivist (lan) and a reader (doc); its one document's id."""
    with Catalog(archive.catalog_path) as catalog:
        add_account(catalog, "lan", "archivist", PASSWORD)
        add_account(catalog, "doc", "reader", PASSWORD)
        doc_id = catalog.documents.all("done")[0].id
    session_key(archive, create=True)
    return replace(reading_room(archive), desk=desk_for(archive), private=private), doc_id


@pytest.fixture
def room(digitized_archive: Archive) -> Iterator[tuple[str, Archive, str]]:
    site, doc_id = with_accounts(digitized_archive)
    with in_thread(app(site)) as url:
        yield url, digitized_archive, doc_id


def browser(url: str) -> Browser:
    return Browser(url, http.cookiejar.CookieJar())


def test_an_archivist_corrects_a_field_and_the_audit_says_who_did(room):
    url, _, doc_id = room
    lan = browser(url)
    assert lan.sign_in("lan") == 200
    [cookie] = list(lan.cookies)
    assert cookie.has_nonstandard_attr("HttpOnly") and not cookie.secure
    status, described = lan.call("POST", f"/api/documents/{doc_id}/fields", {"field": "number", "value": "01/CT-UBND"})
    assert status == 200 and described["number"] == "01/CT-UBND" and described["confidence"]["number"] == 1.0
    status, found = lan.call("GET", "/api/search?q=number:01/CT-UBND")
    assert status == 200 and [d["doc_id"] for d in found["documents"]] == [doc_id]
    status, [change] = lan.call("GET", f"/api/audit?doc={doc_id}")
    assert (change["user"], change["target"], json.loads(change["after"])) == ("lan", "field:number", "01/CT-UBND")
    assert change["time"] and "before" in change


def test_a_corrected_line_is_searchable_at_once_and_undone_by_a_change(room):
    url, archive, doc_id = room
    lan = browser(url)
    lan.sign_in("lan")
    line_id = next(iter(alto.line_ids(archive.page_words(doc_id, 1))))
    status, line = lan.call("POST", f"/api/pages/{doc_id}/1/lines", {"line": line_id, "text": "Dòng chữ bảnthảo"})
    assert status == 200 and line["text"] == "Dòng chữ bảnthảo"
    assert lan.call("GET", "/api/search?q=banthao")[1]["total_documents"] == 1
    [change] = lan.call("GET", f"/api/audit?doc={doc_id}")[1]
    status, undone = lan.call("POST", f"/api/audit/{change['id']}/undo", {})
    assert status == 200 and undone["undoes"] == change["id"] and undone["after"] == change["before"]
    assert lan.call("GET", "/api/search?q=banthao")[1]["total_documents"] == 0


def test_changes_need_a_session_an_archivist_and_the_sessions_token(room):
    url, _, doc_id = room
    change = (f"/api/documents/{doc_id}/fields", {"field": "title", "value": "Giả mạo"})
    assert browser(url).call("POST", *change)[0] == 401
    reader = browser(url)
    reader.sign_in("doc")
    assert reader.call("POST", *change)[0] == 403
    lan = browser(url)
    lan.sign_in("lan")
    assert lan.call("POST", *change, token=False)[0] == 403
    lan.csrf = "a token of another session"
    assert lan.call("POST", *change)[0] == 403
    assert reader.call("GET", "/api/audit")[0] == 403
    assert lan.call("GET", "/api/audit") == (200, [])


def test_signing_in_starts_a_new_session_and_signing_out_ends_it(room):
    url, _, doc_id = room
    lan = browser(url)
    lan.sign_in("lan")
    before = {c.name: c.value for c in lan.cookies}
    first = lan.csrf
    lan.sign_in("lan")
    assert lan.csrf != first and {c.name: c.value for c in lan.cookies} != before
    assert lan.call("POST", "/api/logout", {})[0] == 200
    assert lan.call("POST", f"/api/documents/{doc_id}/fields", {"field": "title", "value": "x"})[0] == 401


def test_guessing_passwords_is_throttled(room):
    url, _, _ = room
    guesser = browser(url)
    assert {guesser.sign_in("lan", f"guess {n}") for n in range(MAX_FAILURES_PER_NAME)} == {401}
    assert guesser.sign_in("lan") == 429  # the right password too, for a while


def test_a_wrong_password_and_an_unknown_name_are_told_alike(room):
    url, _, _ = room
    status, wrong = browser(url).call("POST", "/api/login", {"user": "lan", "password": "sai rồi sai"})
    assert (status, wrong) == browser(url).call("POST", "/api/login", {"user": "ai đó", "password": "sai rồi sai"})


def test_a_session_planted_before_sign_in_is_not_the_one_after(room):
    url, _, doc_id = room
    attacker = browser(url)
    attacker.sign_in("doc")  # a reader's own valid session, planted in the archivist's browser
    [planted] = [cookie for cookie in attacker.cookies if cookie.name == COOKIE]
    lan = browser(url)
    lan.cookies.set_cookie(planted)
    assert lan.sign_in("lan") == 200
    [after] = [cookie for cookie in lan.cookies if cookie.name == COOKIE]
    assert after.value != planted.value
    change = (f"/api/documents/{doc_id}/fields", {"field": "title", "value": "Giả mạo"})
    attacker.csrf = lan.csrf  # even with the archivist's token, the planted session is still only a reader's
    assert attacker.call("POST", *change)[0] == 403
    assert lan.call("POST", *change)[0] == 200


def test_a_private_room_sends_visitors_to_sign_in_and_lets_readers_in(digitized_archive: Archive):
    site, doc_id = with_accounts(digitized_archive, private=True)
    with in_thread(app(site)) as url:
        anonymous = browser(url)
        assert anonymous.call("GET", "/api/search?q=a")[0] == 401
        assert anonymous.call("GET", f"/iiif/{doc_id}/manifest")[0] == 401
        host, port = url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port))
        connection.request("GET", f"/page/{doc_id}/1")
        answer = connection.getresponse()
        assert (answer.status, answer.getheader("Location")) == (303, "/login")
        reader = browser(url)
        assert reader.sign_in("doc") == 200
        assert reader.call("GET", "/api/search?q=a")[0] == 200


def test_a_change_while_a_run_writes_is_refused_to_be_saved_again_later(room):
    url, archive, doc_id = room
    lan = browser(url)
    lan.sign_in("lan")
    change = (f"/api/documents/{doc_id}/fields", {"field": "number", "value": "01/CT-UBND"})
    with writer_lock(archive.root):  # as `digitize run` holds it
        status, refused = lan.call("POST", *change)
    # No path, no pid: the reader needs neither; in the reader's language.
    assert (status, refused) == (409, {"error": gettext_in("vi", BUSY)}) and "một lượt xử lý" in refused["error"]
    assert lan.call("POST", *change)[0] == 200
    assert len(lan.call("GET", f"/api/audit?doc={doc_id}")[1]) == 1  # the refused one left no record


def test_the_desk_names_every_reason_the_queue_gives_in_its_order():
    # the web layer may not import pipelines, so the reasons are written twice: this keeps them one list
    assert tuple(key for key, _ in desk_page.REASONS) == queue.REASONS
