import sys
from pathlib import Path

import pytest

from digitize.errors import OcrEngineError
from digitize.ocr.options import OcrOptions
from digitize.ocr.registry import ENGINES, EngineEntry, engine_entry
from digitize.page import process_page
from digitize.resolution import TextSize, resample_factor
from tests.conftest import render_strip, save_pages

# A fourth engine: its own module (a ``load(options)`` and a class with ``software``, ``settings`` and ``read``) ...
FAKE_MODULE = """
from digitize.ocr.page import Block, Line, OcrPage, Software, Word


def load(options):
    return FakeEngine()


class FakeEngine:
    software = (Software("FakeOCR", "0.1"),)

    def settings(self):
        return {"model": "fake"}

    def read(self, image, unflattened=None):
        height, width = image.shape
        return OcrPage((Block((Line((Word("Hà Nội", 91.0, 0, 0, width // 2, height // 10),), "fakeocr"),)),))
"""
# ... and one registry entry.
FAKE = EngineEntry("fakeocr", "fakeocr", target_x_height=30.0, second_reading="tesseract", step_label="ocr-fake")


@pytest.fixture
def fake_engine(tmp_path: Path, monkeypatch):
    (tmp_path / "fakeocr.py").write_text(FAKE_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(ENGINES, FAKE.name, FAKE)
    yield FAKE
    sys.modules.pop("fakeocr", None)


def test_a_fourth_engine_is_one_entry_and_its_module(fake_engine: EngineEntry, tmp_path: Path):
    path = save_pages(tmp_path / "scan.tif", [render_strip().image])
    result = process_page(path, 1, OcrOptions(engine="fakeocr"))
    assert result.text == "Hà Nội" and result.engine == "fakeocr"
    assert result.steps[-1] == "ocr-fake-vie-psm3"
    # Its reading target enlarges pages for it, as Tesseract's does for Tesseract.
    assert resample_factor(TextSize(15.0, 500), "fakeocr") == 2.0
    assert engine_entry("fakeocr").second_reading == "tesseract"


def test_every_engine_is_read_again_by_another_known_engine():
    for entry in ENGINES.values():
        assert entry.second_reading in ENGINES and entry.second_reading != entry.name


def test_an_unknown_engine_fails_with_the_names_there_are():
    with pytest.raises(OcrEngineError, match="tesseract"):
        engine_entry("abbyy")
