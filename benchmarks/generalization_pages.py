"""The generalization page set: a TUNE split and a HELD-OUT split, decided here, before any result was seen.

``FOLDER`` is the real-scans folder (``scans/*.pdf``, ``born-digital/*.pdf``);
only its ground truth is in the repository (``benchmarks/realscans/truth``).

The split is by source document, never by result:

- scanned decisions: ``TUNE_DOCUMENTS`` are tuned on, the others only measured;
- born-digital documents: likewise;
- generated pages (``benchmarks/pages.py``'s layouts and seed texts): tuned on
  DejaVu Serif and Liberation Sans 2, measured on FreeSerif, DejaVu Sans,
  Liberation Serif 2 and FreeSans.

Each real page is shown as four kinds of page, made from parameters that differ
between the splits (``CONDITIONS``: other blur radii,
darkening, noise, turns, resolutions and generator seeds):

- ``scan 300``: the scan itself, or a born-digital page printed and scanned at 300 dpi;
- ``scan low``: the same page at a low resolution (tune 150 dpi, held-out 110 dpi);
- ``photo``: a phone photo reduced to 576 px across (~55 dpi): slant, uneven light, JPEG;
- ``blurred photo``: that photo blurred, darkened, with noise and turned a little.

A third row, ``FRESH``, was drawn after the held-out figures had been looked at
for a round of tuning, and before anything was measured on it: the held-out
documents again, made from parameters of its own (seed, dpi, blur, darkening,
noise, turns, fonts), its ``--quick`` subset on the held-out documents' *other*
pages (``87_QD-UB-p1``, ``vht534-p1``). It is measured once before a change and
once after, to confirm what TUNE and HELD-OUT said on pages nobody has seen.

A fourth row, ``FRESH2``, was drawn at the start of issue 24's ``lexicon`` branch,
after FRESH had been measured by two rounds, and before anything was measured on
it: the held-out documents once more, from a seed, dpi, blur, darkening, noise,
turns and fonts of its own, every number between or beside the others' (none
equal), its ``--quick`` subset on the held-out documents' third pages
(``88_QD-UB-p1``, ``vht534-p2``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2

from benchmarks.pages import compose
from benchmarks.realscan_pages import TRUTH, RealPage, _jpeg, _read, print_and_scan
from digitize.ingest import load_page
from digitize.textnorm import normalize
from pipelines.demo.seed_articles import seed_texts
from pipelines.demo.synthetic import Degradation, scan

TUNE, HELD_OUT, FRESH, FRESH2 = "tune", "held-out", "fresh", "fresh2"
#: Every split, in the order reports show them.
ALL_SPLITS = (TUNE, HELD_OUT, FRESH, FRESH2)
#: The splits a run measures unless asked: FRESH is for confirming a change once, not for looking at while tuning.
SPLITS = (TUNE, HELD_OUT)
#: Source documents tuned on; every other document of the folder is held out.
TUNE_DOCUMENTS = frozenset(
    {"04_QD-138", "15_QD-XP", "47_QD-UB", "51_QD-UB", "84_QD-UB", "86_QD-CT", "05_TB-UBND", "vht507"}
)
KINDS = ("scan 300", "scan low", "photo", "blurred photo", "generated", "generated heavy")
PHOTO_WIDTH = 576  # pixels across an A4 page: about 55 dpi, a phone photo sent by chat
_FONTS = "/usr/share/fonts/truetype"


@dataclass(frozen=True)
class Conditions:
    """The generator's parameters for one split."""

    seed: int
    low_dpi: int
    slant: float  # how far each photo corner may move, as a share of the page
    light_drop: float  # the photo's light falloff across the page
    blur_sigma: float  # of the blurred photo, in photo pixels
    darkening: float  # the blurred photo's brightness factor
    noise_sd: float
    max_turn: float  # degrees, of the blurred photo
    generated_turn: float  # generated pages turn within ±this; the heavy ones get ``heavy_turn``
    heavy_turn: float
    fonts: tuple[str, ...]
    degradation: Degradation  # of the generated pages
    heavy: Degradation


# One row a split, so that every parameter can be seen to differ:
#   seed, low dpi, slant, light drop, blur σ, darkening, noise sd, max turn, generated turn, heavy turn
_NUMBERS = {
    TUNE: (1, 150, 0.03, 0.3, 0.6, 0.8, 5.0, 1.5, 10.0, 15.0),
    HELD_OUT: (2, 110, 0.045, 0.4, 0.75, 0.7, 7.0, 2.5, 20.0, 25.0),
    FRESH: (3, 90, 0.04, 0.35, 0.7, 0.75, 6.0, 2.0, 15.0, 20.0),
    FRESH2: (5, 100, 0.05, 0.45, 0.65, 0.72, 6.5, 3.0, 12.0, 18.0),
}
_FONT_FILES = {
    TUNE: ("dejavu/DejaVuSerif.ttf", "liberation2/LiberationSans-Regular.ttf"),
    HELD_OUT: (
        "freefont/FreeSerif.ttf",
        "dejavu/DejaVuSans.ttf",
        "liberation2/LiberationSerif-Regular.ttf",
        "freefont/FreeSans.ttf",
    ),
    FRESH: ("dejavu/DejaVuSerifCondensed.ttf", "liberation2/LiberationSans-Bold.ttf", "freefont/FreeSerifBold.ttf"),
    FRESH2: ("freefont/FreeSansBold.ttf", "dejavu/DejaVuSansCondensed.ttf", "liberation2/LiberationSerif-Bold.ttf"),
}
# Degradation(blur, noise sd, specks a megapixel, lighting drop, JPEG quality): light, then heavy.
_SCANS = {
    TUNE: (Degradation(0.6, 6.0, 20.0, 0.1, 75), Degradation(1.2, 16.0, 150.0, 0.35, 40)),
    HELD_OUT: (Degradation(0.8, 9.0, 40.0, 0.2, 60), Degradation(1.3, 18.0, 180.0, 0.4, 35)),
    FRESH: (Degradation(0.7, 8.0, 30.0, 0.25, 65), Degradation(1.25, 17.0, 160.0, 0.3, 38)),
    FRESH2: (Degradation(0.75, 7.0, 35.0, 0.15, 70), Degradation(1.35, 17.5, 170.0, 0.38, 37)),
}
CONDITIONS = {
    split: Conditions(*_NUMBERS[split], tuple(f"{_FONTS}/{f}" for f in _FONT_FILES[split]), *_SCANS[split])
    for split in ALL_SPLITS
}


@dataclass(frozen=True)
class SplitPage:
    split: str
    page: RealPage

    @property
    def key(self) -> str:
        return f"{self.split}/{self.page.kind}/{self.page.name}"


def split_of(document: str) -> str:
    """The split whose documents ``document`` is among (FRESH and FRESH2 pages are made from HELD_OUT's documents)."""
    return TUNE if document in TUNE_DOCUMENTS else HELD_OUT


def split_pages(folder: Path, splits: tuple[str, ...] = SPLITS, quick: bool = False) -> list[SplitPage]:
    """Every page of the set in ``splits``; ``quick`` keeps two sources of each split (a scan, a born-digital page:
    the first ones, for FRESH the next ones, for FRESH2 the third) and the generated pages of one font, so that a
    run takes minutes."""
    pages = []
    for split in splits:
        conditions = CONDITIONS[split]
        documents = HELD_OUT if split in (FRESH, FRESH2) else split
        sources = [source for source in _real_sources(folder) if split_of(source[0].rsplit("-p", 1)[0]) == documents]
        if quick:
            first = {FRESH: 1, FRESH2: 2}.get(split, 0)
            scans = [s for s in sources if s[2] == "scan"][first : first + 1]
            sources = scans + [s for s in sources if s[2] == "born-digital"][first : first + 1]
        for name, image, origin, truth in sources:
            rng = random.Random(f"{conditions.seed}/{name}")
            for kind, degraded in _kinds(image, origin, conditions, rng):
                pages.append(SplitPage(split, RealPage(name, kind, degraded, truth)))
        pages += [SplitPage(split, page) for page in generated_pages(conditions, quick)]
    return pages


def _real_sources(folder: Path) -> list[tuple[str, np.ndarray, str, str]]:
    """(name, 300-dpi greyscale image, origin, truth) for each transcribed page."""
    sources = []
    for truth in sorted((TRUTH / "scans").glob("*.txt")):
        stem, number = truth.stem.rsplit("-p", 1)
        source = load_page(folder / "scans" / f"{stem}.pdf", int(number), mode="force")
        sources.append((truth.stem, source.image, "scan", _read(truth)))
    for truth in sorted((TRUTH / "born-digital").glob("*.txt")):
        stem, number = truth.stem.rsplit("-p", 1)
        pdf = pypdfium2.PdfDocument(folder / "born-digital" / f"{stem}.pdf")
        image = np.asarray(pdf[int(number) - 1].render(scale=300 / 72).to_pil().convert("L"))
        pdf.close()
        sources.append((truth.stem, image, "born-digital", _read(truth)))
    return sources


def _kinds(image: np.ndarray, origin: str, conditions: Conditions, rng: random.Random):
    scanned = image if origin == "scan" else print_and_scan(image, 300, rng)
    yield "scan 300", scanned
    low = cv2.resize(
        image, None, fx=conditions.low_dpi / 300, fy=conditions.low_dpi / 300, interpolation=cv2.INTER_AREA
    )
    yield "scan low", low if origin == "scan" else print_and_scan(low, conditions.low_dpi, rng)
    photo = phone_photo(image, conditions, rng)
    yield "photo", photo
    yield "blurred photo", blurred(photo, conditions, rng)


def phone_photo(image: np.ndarray, conditions: Conditions, rng: random.Random) -> np.ndarray:
    """The page shot at a slant under a lamp: perspective, light falling off across it, reduced, JPEG."""
    height, width = image.shape
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    slant = conditions.slant
    moved = corners + np.float32(
        [[rng.uniform(-slant, slant) * width, rng.uniform(-slant, slant) * height] for _ in corners]
    )
    page = cv2.warpPerspective(
        image.astype(np.float32), cv2.getPerspectiveTransform(corners, moved), (width, height), borderValue=90.0
    )
    drop = conditions.light_drop
    light = (
        np.linspace(1.0, 1.0 - drop, width, dtype=np.float32)[None, :]
        * np.linspace(1.0, 1.0 - drop / 2, height, dtype=np.float32)[:, None]
    )
    page = cv2.resize(page * light, (PHOTO_WIDTH, round(height * PHOTO_WIDTH / width)), interpolation=cv2.INTER_AREA)
    page = page + np.random.default_rng(rng.randrange(2**32)).normal(0, 4, page.shape)
    return _jpeg(page, 70)


def blurred(photo: np.ndarray, conditions: Conditions, rng: random.Random) -> np.ndarray:
    """A photo shaken or out of focus, in a darker room, with more sensor noise, turned a little."""
    page = cv2.GaussianBlur(photo.astype(np.float32), (0, 0), conditions.blur_sigma) * conditions.darkening
    height, width = page.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-conditions.max_turn, conditions.max_turn), 1)
    page = cv2.warpAffine(page, turn, (width, height), borderValue=float(np.median(page)))
    page = page + np.random.default_rng(rng.randrange(2**32)).normal(0, conditions.noise_sd, page.shape)
    return _jpeg(page, 60)


def generated_pages(conditions: Conditions, quick: bool = False) -> list[RealPage]:
    """One page per layout and font of the split, scanned light, and as many heavy (the first font's heavy pages
    turned the split's ``heavy_turn`` exactly: a heavy turned page is where a line finder fails)."""
    texts = list(seed_texts().values())
    layouts = ("article", "decree", "two-column", "sparse")
    fonts = conditions.fonts[:1] if quick else conditions.fonts
    pages = []
    for f, font_path in enumerate(fonts):
        for k, layout in enumerate(layouts):
            number = f * len(layouts) + k
            rng = random.Random(conditions.seed * 7919 + number)
            text = texts[number % len(texts)]
            offset = text.find("\n", rng.randrange(0, max(1, len(text) // 2))) + 1
            image, truth = compose(layout, text[offset:], Path(font_path), rng)
            heavy = (f + k) % 2 == 1
            kind, degradation = (
                ("generated heavy", conditions.heavy) if heavy else ("generated", conditions.degradation)
            )
            limit = conditions.heavy_turn if heavy else conditions.generated_turn
            turn = limit if heavy and f == 0 else round(rng.uniform(-limit, limit), 2)
            scanned = scan(image, turn, degradation, seed=conditions.seed * 1000 + number)
            name = f"{layout}-{Path(font_path).stem}-{turn:g}°"
            pages.append(RealPage(name, kind, np.asarray(scanned.convert("L")), normalize(truth)))
    return pages
