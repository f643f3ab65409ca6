import unicodedata
from pathlib import Path

import pytest

from digitize import ingest
from digitize.legacy_encoding import LOSSY_CAPITALS, Conversion, from_unicode, to_unicode
from pipelines.demo.seed_articles import seed_texts
from tests.conftest import legacy_font_pdf

MOTTO = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nQuyết định về việc phê duyệt kế hoạch năm 2024"
)
FRENCH = (
    "Le Gouverneur général de l'Indochine a décidé que les élèves français et annamites seront reçus "
    "à l'école du Protectorat. Où est-il ? Ça va très bien, à côté du théâtre, dit l'œuvre."
)


def _seeds() -> dict[str, str]:
    return {name: unicodedata.normalize("NFC", text) for name, text in seed_texts().items()}


def test_tcvn3_mojibake_from_a_vntime_file_becomes_unicode():
    converted = to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc")
    assert converted.text == "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"
    assert converted.flags == ("legacy-encoding:tcvn3",)


def test_vni_and_viqr_become_unicode():
    assert to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Tröôøng ñaïi hoïc").text == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam. Trường đại học"
    )
    viqr = to_unicode("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam. DDo^.c la^.p - Tu+. do - Ha.nh phu'c.")
    assert viqr.text == "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc."
    assert viqr.encoding == "viqr"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr"])
def test_seed_articles_round_trip_through_each_encoding(encoding: str):
    for name, text in _seeds().items():
        converted = to_unicode(from_unicode(text, encoding))
        assert converted.encoding == encoding, name
        if encoding == "tcvn3":  # toned capitals have no code of their own: their case may be lost, and is flagged
            assert converted.text.lower() == text.lower(), name
            assert converted.lossy_capitals == (converted.text != text), name
        else:
            assert converted.text == text, name


def test_a_heading_typed_in_tcvn3_capitals_comes_back_in_capitals_flagged():
    converted = to_unicode("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc")
    assert converted.text.splitlines()[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert LOSSY_CAPITALS in converted.flags


@pytest.mark.parametrize("text", [MOTTO, FRENCH, *_seeds().values()], ids=lambda text: text[:12])
def test_unicode_vietnamese_and_french_are_left_alone(text: str):
    assert to_unicode(text) == Conversion(unicodedata.normalize("NFC", text))


def test_vietnamese_typed_without_diacritics_is_left_alone():
    assert to_unicode("Cong hoa xa hoi chu nghia Viet Nam. Doc lap - Tu do - Hanh phuc.").encoding is None


@pytest.mark.parametrize("font", ["Times-Roman", "DejaVuSans"])
def test_a_pdf_typed_in_a_tcvn3_font_keeps_its_text_layer_in_unicode(tmp_path: Path, font: str):
    typed = f"{MOTTO}\nNgười lưu trữ của thư viện được trường đại học giúp đỡ, những năm gần đây"
    pdf = legacy_font_pdf(tmp_path / "vntime.pdf", from_unicode(typed, "tcvn3"), font)
    page = ingest.load_page(pdf, 1)
    assert page.text_layer == typed  # ư, a soft hyphen in Latin-1, read as a space from a standard font: put back
    assert page.flags == ("legacy-encoding:tcvn3",)
