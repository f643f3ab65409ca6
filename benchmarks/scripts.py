"""Script per page: our ink measures against Tesseract's OSD, French read with and without its model, Han with chi_tra.

Pages of known script are rendered here (``pipelines/demo/rare_pages.py``):
Hán-Nôm pages in every Han font installed, in columns and in lines, clean and
on tinted paper with heavy scanner noise; generated Vietnamese pages of the
seed articles and a French report, light and heavy; photographs and maps
(synthesised, and matplotlib's sample photograph: ``make bench`` installs matplotlib). With a folder of real scans
(``../shared/realscans``-style: ``scans/``, ``born-digital/``) its 60 pages are
added as Latin. For each page: what ``digitize.script`` says and what
Tesseract's ``osd`` says (its script name, CJK names counted as Han, no answer
as no text), and the time each took. Then the French page's CER read as
Vietnamese and as ``fra+vie``, and what ``chi_tra`` reads of a Han page.

``--generalization`` measures instead what the page stages (``preprocess.prepare``:
small pages enlarged first, as a batch does) take the pages of
``benchmarks/script_pages.py`` for: the TUNE set the thresholds were fitted on
and the HELD_OUT set (another font, other sizes, tints and column counts),
beside Tesseract's OSD; with ``--hannom FOLDER`` (``../shared/realscans/hannom``)
real Hán-Nôm pages too, all Han, the works of ``HANNOM_TUNE`` apart from the others; with a real-scans folder,
its Vietnamese pages, all Latin.

    python -m benchmarks.scripts [../shared/realscans]
    python -m benchmarks.scripts --generalization [--hannom ../shared/realscans/hannom] [../shared/realscans]
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from pathlib import Path

import numpy as np
from matplotlib import cbook
from PIL import Image

from digitize import preprocess
from digitize.evaluation import score
from digitize.ink import find_ink
from digitize.ocr.engines import recognize
from digitize.ocr.options import OcrOptions
from digitize.ocr.tesseract import available_languages
from digitize.script import HAN, LATIN, NO_TEXT, OSD_HAN, osd_script, page_script
from pipelines.demo.rare_pages import FRENCH_TEXT, HAN_TEXT, drawing, han_fonts, han_page, photograph
from pipelines.demo.seed_articles import seed_texts
from pipelines.demo.synthetic import HEAVY, LIGHT, MEDIUM, scanned_pages

#: The real Hán-Nôm works (``../shared/realscans/hannom``, three pages each) the doubt band was tuned on; the other
#: five are held out.
HANNOM_TUNE = ("dvsktt1", "dvsktt3", "kieu1866", "lvt")


def rendered_pages() -> list[tuple[str, str, np.ndarray]]:
    """(name, true script, grey page) for every rendered page."""
    pages = []
    for font in han_fonts():
        for vertical in (True, False):
            for label, degradation, paper in (("clean", LIGHT, 1.0), ("tinted-heavy", HEAVY, 0.78)):
                for seed in (1, 2):
                    name = f"han {font.stem} {'columns' if vertical else 'lines'} {label} {seed}"
                    pages.append((name, HAN, _grey(han_page(font, vertical, degradation, paper, seed=seed).image)))
    texts = [*seed_texts().items(), ("french", FRENCH_TEXT)]
    for seed, (name, text) in enumerate(texts):
        for label, degradation in (("light", LIGHT), ("medium", MEDIUM), ("heavy", HEAVY)):
            page = scanned_pages(text, [1.5], degradation=degradation, seed=seed)[0]
            pages.append((f"latin {name[:12]} {label}", LATIN, _grey(page.image)))
    for seed in range(4):
        pages.append((f"photograph {seed}", NO_TEXT, _grey(photograph(seed))))
        pages.append((f"map {seed}", NO_TEXT, _grey(drawing(seed))))
    sample = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    pages.append(("photograph grace_hopper.jpg", NO_TEXT, _grey(Image.open(sample))))
    return pages


def real_pages(folder: Path) -> list[tuple[str, str, np.ndarray]]:
    from benchmarks.realscan_pages import real_pages as load

    return [(f"real {page.name} {page.kind}", LATIN, page.image) for page in load(folder)]


def _grey(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"))


def ours(grey: np.ndarray) -> str:
    paper = preprocess.paper_mask(grey)
    if paper is not None:
        grey = np.where(paper, grey, np.median(grey[paper])).astype(np.uint8)
    ink = find_ink(grey)
    return page_script(grey, ink, preprocess.is_blank(ink)).script


def osd(grey: np.ndarray) -> str:
    """Tesseract's OSD alone, as a script of ours: CJK names count as Han, no answer as no text."""
    named = osd_script(grey)
    return HAN if named in OSD_HAN else LATIN if named == "Latin" else NO_TEXT


def classify(pages: list[tuple[str, str, np.ndarray]]) -> None:
    readers = {"digitize.script": ours, "tesseract osd": osd}
    results: dict[str, list[str]] = {name: [] for name in readers}
    seconds = dict.fromkeys(readers, 0.0)
    for name, truth, grey in pages:
        said = []
        for reader, read in readers.items():
            start = time.process_time()
            results[reader].append(read(grey))
            seconds[reader] += time.process_time() - start
            said.append(results[reader][-1])
        if any(answer != truth for answer in said):
            print(f"  {name}: truth {truth}, " + ", ".join(f"{r} {a}" for r, a in zip(readers, said, strict=True)))
    truths = [truth for _, truth, _ in pages]
    kinds = Counter(truths)
    print(f"\n{len(pages)} pages: " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))
    print(f"{'':18}" + "".join(f"{kind + ' right':>14}" for kind in sorted(kinds)) + f"{'CPU s/page':>12}")
    for reader, answers in results.items():
        right = Counter(t for t, a in zip(truths, answers, strict=True) if t == a)
        row = "".join(f"{right[kind]:>9}/{kinds[kind]:<4}" for kind in sorted(kinds))
        print(f"{reader:18}{row}{seconds[reader] / len(pages):>12.2f}")


def languages() -> None:
    page = scanned_pages(FRENCH_TEXT, [0.0], degradation=LIGHT, seed=1)[0]
    prepared = preprocess.prepare(_grey(page.image))
    print("\nFrench report, clean render (CER):")
    for options in (
        OcrOptions(),
        OcrOptions(engine="tesseract", lang="vie"),
        OcrOptions(engine="tesseract", lang="fra"),
        OcrOptions(engine="tesseract", lang="fra+vie"),
    ):
        cer = score(page.text, recognize(prepared.image, options).text).cer
        print(f"  {options.engine:10} {options.lang:8} {cer:.2%}")
    models = [code for code in ("chi_tra", "chi_tra_vert") if code in available_languages()]
    if not models:
        return
    print("\nHan page read by Tesseract's traditional Chinese models (CER against the characters set):")
    font = han_fonts()[0]
    for vertical, lang, psm in ((False, "chi_tra", 3), (True, "chi_tra_vert", 5), (True, "chi_tra_vert+chi_tra", 3)):
        if not set(lang.split("+")) <= set(models):
            continue
        han = han_page(font, vertical, LIGHT, seed=1)
        read = recognize(_grey(han.image), OcrOptions(engine="tesseract", lang=lang, psm=psm)).text
        text = "".join(read.split())
        cer = score(han.text, text).cer
        kept = sum(c in HAN_TEXT for c in text) / max(len(text), 1)
        layout = "columns" if vertical else "lines"
        print(f"  {layout:8} {lang:22} psm {psm}: CER {cer:.1%}, {kept:.0%} of what it read is a character set")


def generalization(hannom: Path | None, realscans: Path | None) -> None:
    from benchmarks.script_pages import HELD_OUT, TUNE, script_set

    sets = {"tune": TUNE, "held-out": HELD_OUT}
    print(f"{'set':18}{'script':8}{'pages':>6}{'digitize':>10}{'osd':>6}")
    for name, parameters in sets.items():
        _triage(name, [(p.name, p.script, _grey(p.image)) for p in script_set(parameters)])
    if hannom:
        files = sorted(hannom.glob("*.jpg"))
        for name, tuned in (("real hannom tune", True), ("real hannom held", False)):
            chosen = [f for f in files if f.name.startswith(HANNOM_TUNE) == tuned]
            _triage(name, [(f.name, HAN, _grey(Image.open(f))) for f in chosen])
    if realscans:
        _triage("real vietnamese", real_pages(realscans))


def _triage(name: str, pages: list[tuple[str, str, np.ndarray]]) -> None:
    right: Counter[tuple[str, str]] = Counter()
    for page, truth, grey in pages:
        said = preprocess.prepare(grey).script
        right["digitize", truth] += said == truth
        right["osd", truth] += osd(grey) == truth
        if said != truth:
            print(f"  {page}: taken for {said}")
    for script, count in sorted(Counter(truth for _, truth, _ in pages).items()):
        print(f"{name:18}{script:8}{count:>6}{right['digitize', script]:>10}{right['osd', script]:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", help="a real-scans folder (scans/, born-digital/)")
    parser.add_argument("--generalization", action="store_true", help="tune and held-out pages, real Hán-Nôm")
    parser.add_argument("--hannom", type=Path, help="a folder of real Hán-Nôm pages (JPEG)")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if args.generalization:
        generalization(args.hannom, args.folder)
        return
    pages = rendered_pages() + (real_pages(args.folder) if args.folder else [])
    classify(pages)
    languages()


if __name__ == "__main__":
    main()
