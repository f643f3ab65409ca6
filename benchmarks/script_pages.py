"""Pages for script triage beyond the demo's: sparse Hán-Nôm decrees of a few columns of large characters, dense
pages of small ones, in several fonts, sizes and paper tints, with column rules and seals; and Latin pages that
carry a seal or a Han word, which must stay Latin.

As in ``benchmarks/layout_pages.py``, the parameters are split up front: the
script thresholds were fitted on ``TUNE`` only; ``HELD_OUT`` (another font,
other sizes, tints, column counts and seeds) is only measured.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pipelines.demo.rare_pages import HAN_TEXT, han_fonts
from pipelines.demo.seed_articles import seed_texts
from pipelines.demo.synthetic import HEAVY, LIGHT, MEDIUM, Degradation, scan, scanned_pages

A4_PX = (2480, 3508)


@dataclass(frozen=True)
class ScriptParameters:
    fonts: tuple[str, ...]  # stems of the Han fonts installed (``han_fonts``)
    sizes_pt: tuple[float, ...]
    columns: tuple[int, ...]  # columns on a page; 0: as many as fit
    papers: tuple[float, ...]  # the paper's brightness (1: white, 0.75: old, yellowed)
    seeds: tuple[int, ...]


TUNE = ScriptParameters(("uming",), (20.0, 72.0), (5, 0), (1.0, 0.8), (1, 2))
HELD_OUT = ScriptParameters(("wqy-zenhei",), (14.0, 48.0, 110.0), (3, 7, 0), (0.9, 0.72), (5,))


@dataclass(frozen=True)
class ScriptPage:
    name: str
    script: str  # "Han" or "Latin"
    image: Image.Image


def han_decree(
    font_path: Path, size_pt: float, columns: int, paper: float, seed: int, rules: bool, seal: bool
) -> Image.Image:
    """A Hán-Nôm page: ``columns`` columns (0: as many as fit) of ``size_pt`` characters, top to bottom and right to
    left, sparse or dense, on paper of brightness ``paper``, with column rules and a seal when asked."""
    rng = random.Random(seed)
    size = round(size_pt / 72 * 300)
    face = ImageFont.truetype(str(font_path), size)
    page = Image.new("L", A4_PX, 255)
    draw = ImageDraw.Draw(page)
    margin = 260
    pitch = round(size * rng.uniform(1.4, 1.8))
    fit = (A4_PX[0] - 2 * margin) // pitch
    count = min(columns or fit, fit)
    per_column = (A4_PX[1] - 2 * margin) // round(size * 1.15)
    start = rng.randrange(len(HAN_TEXT))
    right = A4_PX[0] - margin - (fit - count) * pitch // 2
    for column in range(count):
        x = right - (column + 1) * pitch
        length = per_column if columns == 0 else rng.randrange(max(2, per_column // 2), per_column + 1)
        for row in range(length):
            char = HAN_TEXT[(start + column * per_column + row) % len(HAN_TEXT)]
            draw.text((x, margin + row * round(size * 1.15)), char, font=face, fill=0)
        if rules:
            draw.line((x - (pitch - size) // 2, margin, x - (pitch - size) // 2, A4_PX[1] - margin), fill=60, width=3)
    if seal:
        _seal(draw, (rng.randrange(600, 1800), rng.randrange(1500, 2800)), rng)
    page.info["dpi"] = (300, 300)
    scanned = scan(page, rng.uniform(-1, 1), (LIGHT, MEDIUM)[seed % 2], seed)
    tinted = Image.fromarray((np.asarray(scanned, dtype=np.float32) * paper).astype(np.uint8), "L")
    tinted.info["dpi"] = (300, 300)
    return tinted


def latin_page(seed: int, seal: bool, han_word: bool, degradation: Degradation = LIGHT) -> Image.Image:
    """A Vietnamese page of a seed article, with a round seal over its foot, or a Han word (a name in characters)
    in its first lines."""
    texts = list(seed_texts().values())
    page = scanned_pages(texts[seed % len(texts)], [0.0], degradation=degradation, seed=seed)[0].image.convert("L")
    draw = ImageDraw.Draw(page)
    rng = random.Random(seed)
    if seal:
        _seal(draw, (rng.randrange(1400, 2000), rng.randrange(2200, 3000)), rng)
    if han_word:
        face = ImageFont.truetype(str(han_fonts()[0]), 50)
        draw.text((rng.randrange(300, 1800), 150), HAN_TEXT[seed % 40 : seed % 40 + 4], font=face, fill=30)
    return page


def _seal(draw: ImageDraw.ImageDraw, centre: tuple[int, int], rng: random.Random) -> None:
    """A round seal as a grey scan shows a red one: two rings, a star and a ring of marks, in mid grey."""
    x, y = centre
    radius = rng.randrange(180, 260)
    for ring in (radius, radius - 30):
        draw.ellipse((x - ring, y - ring, x + ring, y + ring), outline=130, width=10)
    draw.regular_polygon((x, y, radius // 4), 5, fill=130)
    for angle in np.linspace(0, 2 * np.pi, 24, endpoint=False):
        px, py = x + (radius - 65) * np.cos(angle), y + (radius - 65) * np.sin(angle)
        draw.rectangle((px - 10, py - 14, px + 10, py + 14), fill=130)


def script_set(parameters: ScriptParameters) -> list[ScriptPage]:
    """Han pages of every size, column count and paper of ``parameters``, and as many Latin pages with seals or
    Han words, light and heavy."""
    fonts = [font for font in han_fonts() if font.stem in parameters.fonts]
    pages = []
    for seed in parameters.seeds:
        for font in fonts:
            for size in parameters.sizes_pt:
                for columns in parameters.columns:
                    for paper in parameters.papers:
                        rules, seal = (seed + columns) % 2 == 0, (seed + round(size)) % 2 == 1
                        name = f"han {font.stem} {size:g}pt {columns or 'full'} col paper {paper:g} seed {seed}"
                        image = han_decree(font, size, columns, paper, seed, rules, seal)
                        name += (" ruled" if rules else "") + (" seal" if seal else "")
                        pages.append(ScriptPage(name, "Han", image))
        for seal, han_word in ((True, False), (False, True), (True, True)):
            for label, degradation in (("light", LIGHT), ("heavy", HEAVY)):
                name = f"latin seed {seed} {label}" + (" seal" if seal else "") + (" han word" if han_word else "")
                pages.append(ScriptPage(name, "Latin", latin_page(seed, seal, han_word, degradation)))
    return pages
