"""docs/architecture.md's module map is the modules' own docstrings: it fails when a module changes and the map
does not."""

from pathlib import Path

import pytest

from pipelines.module_map import ARCHITECTURE, first_line, render, with_map


def test_the_committed_map_is_the_modules_docstrings():
    document = ARCHITECTURE.read_text(encoding="utf-8")
    assert document == with_map(document), "the module map is out of date: run `python -m pipelines.module_map`"


def test_the_map_lists_every_package_and_module():
    text = render()
    for name in ("digitize/", "ocr/", "registry.py", "pipelines/", "catalog/", "index/", "iiif/", "benchmarks/"):
        assert f" {name} " in text or f"\n{name} " in text
    assert "resolution.py" in text and text.count("resolution.py") == 1  # digitize's, not a second one in ocr/


def test_a_module_without_a_docstring_is_refused(tmp_path: Path, monkeypatch):
    undocumented = tmp_path / "undocumented.py"
    undocumented.write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.setattr("pipelines.module_map.ROOT", tmp_path)
    with pytest.raises(ValueError, match=r"undocumented\.py: no docstring"):
        first_line(undocumented)
