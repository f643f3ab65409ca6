import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitize import ingest, pixel_budget, preprocess


def test_a_page_within_the_budget_is_left_as_it_is():
    grey = np.full((300, 200), 255, np.uint8)
    assert pixel_budget.reduced(grey, 60_000) == (grey, 1.0)


def test_a_page_over_the_budget_is_reduced_to_it_keeping_its_shape():
    page, factor = pixel_budget.reduced(np.full((3000, 2000), 255, np.uint8), 600_000)
    assert page.shape[0] * page.shape[1] <= 600_000 and abs(page.shape[0] / page.shape[1] - 1.5) < 0.01
    assert factor == pytest.approx(0.316, abs=0.001)


def test_small_text_is_enlarged_only_as_far_as_the_budget_allows():
    assert pixel_budget.enlargement_within(2.0, (1000, 1000), 9_000_000) == 2.0
    assert pixel_budget.enlargement_within(4.0, (1000, 1000), 9_000_000) == 3.0
    assert pixel_budget.enlargement_within(4.0, (5000, 5000), 9_000_000) == 1.0


def test_a_colour_page_over_the_budget_is_decoded_grey_as_pillow_would_and_its_dpi_lowered(tmp_path: Path, strip):
    path = tmp_path / "colour.png"
    strip.image.convert("RGB").save(path, dpi=(300, 300))
    whole = ingest.load_page(path, 1)
    budget = whole.image.size // 4
    reduced = ingest.load_page(path, 1, max_pixels=budget)
    assert reduced.image.size <= budget and reduced.dpi == 150
    with Image.open(path) as image:
        direct = pixel_budget.decode_grey(path, image, 1)
    assert np.abs(direct.astype(int) - whole.image).max() <= 1


def test_an_enlarged_page_stays_within_the_budget(strip):
    small = np.asarray(strip.image.convert("L").resize((591, 283)))  # a 100-dpi scan: its text is enlarged
    assert preprocess.prepare(small).image.size > small.size
    assert preprocess.prepare(small, max_pixels=small.size).image.size <= small.size


def test_pillows_bomb_warning_is_not_printed_once_pages_are_read(tmp_path: Path):
    path = tmp_path / "page.png"
    Image.new("L", (100, 100), 255).save(path)
    # Pillow warns from 89 MP, as for a 9999×9999 page; here from 9,999 pixels. Pytest resets warning filters in
    # its own process, so the page is read in a fresh one, as a worker reads it.
    script = (
        "from pathlib import Path; from PIL import Image; from digitize import ingest\n"
        f"Image.MAX_IMAGE_PIXELS = 9_999; ingest.load_page(Path({str(path)!r}), 1); Image.open({str(path)!r}).load()"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stderr == ""
