"""The catalogs: Vietnamese complete, compiled files current, and the browser's language honoured."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from index.i18n import LANGUAGES, LOCALE_DIR, TranslatableError, gettext_in, negotiate, render

ROOT = Path(__file__).resolve().parents[2]


def catalog(lang: str):
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_mo_files_are_compiled_from_the_po_files(lang: str):
    compiled = io.BytesIO()
    write_mo(compiled, catalog(lang))
    committed = (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert compiled.getvalue() == committed, "run: make catalogs"


def test_the_catalogs_hold_every_message_of_the_templates_and_vietnamese_translates_them_all(tmp_path: Path):
    template = tmp_path / "messages.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "N_"]
    subprocess.run([*command, "-k", "_", "-k", "ngettext:1,2", "-o", str(template), "."], cwd=ROOT, check=True)
    with open(template, "rb") as pot:
        wanted = {message.id for message in read_po(pot) if message.id}
    for lang in LANGUAGES:
        assert {message.id for message in catalog(lang) if message.id} == wanted, "run: make catalogs"
    untranslated = [message.id for message in catalog("vi") if message.id and not all(message.string or [""])]
    assert untranslated == []


def test_the_browsers_preferred_language_is_chosen_among_those_we_have():
    assert negotiate("en-US,en;q=0.9,vi;q=0.8") == "en"
    assert negotiate("fr-FR, vi;q=0.5, en;q=0.4") == "vi"
    assert negotiate("vi;q=0.2, en;q=0.9") == "en"
    assert negotiate("fr, de") == "vi" and negotiate(None) == "vi" and negotiate("fr", default="en") == "en"
    assert negotiate("en;q=0, vi;q=abc") == "vi"


def test_messages_are_vietnamese_first_and_english_on_request():
    assert gettext_in("vi", "no such page") == "không có trang này"
    assert gettext_in("en", "no such page") == "no such page"
    page = render(
        ROOT / "index" / "templates",
        "error.html",
        "vi",
        params={},
        reason="<b>x</b>",
        here="/",
        link=lambda p, **c: p,
        path=lambda *parts: "/",
        static=lambda name: f"/static/{name}",
    )
    assert '<html lang="vi">' in page and "Phòng đọc" in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_an_error_shown_to_a_reader_keeps_its_message_for_each_language_and_its_status():
    error = TranslatableError("{name} must be a whole number, not {value!r}", 404, name="from", value="x")
    assert str(error) == "from must be a whole number, not 'x'" and error.status == 404
    assert error.message.in_language("vi") != str(error) and "'x'" in error.message.in_language("vi")
    assert TranslatableError("empty query").status == 400
