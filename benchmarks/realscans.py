"""OCR on real scans: plain Tesseract, the second engine alone and each ``--engine`` of ours, side by side.

Run from the project root:  .venv/bin/python -m benchmarks.realscans ../shared/realscans [--no-photos] [--dpi 150]

The pages are ``benchmarks/realscan_pages.py``'s: hand-transcribed 300-dpi
scans of signed decisions (handwritten numbers, red seals), and born-digital
pages printed and scanned at 100–300 dpi or shot as phone photos, whose truth is
their own text layer. Every tool reads the same image files one page at a time
on one core (``OMP_THREAD_LIMIT=1``):

- ``tesseract``: ``tesseract IMG - -l vie``, the command line, nothing else;
- ``trueocr``: ``trueocr``'s own page reading (its detection, orientation and
  reading order), nothing of ours;
- ``digitize:NAME``: ``digitize ocr IMG --engine NAME``, the whole page stage
  (load, turn upright, clean, resample, read).

Errors are ``digitize eval``'s: CER in reading order, and the order-free word
error; totals over all pages, then by kind of page.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import cv2

from benchmarks.realscan_pages import SCAN_DPIS, RealPage, real_pages, write_born_digital_truth
from digitize.evaluation import Score, score
from digitize.ocr.options import ENGINE_NAMES, OcrOptions
from digitize.page import page_texts
from digitize.textnorm import normalize

Reader = Callable[[Path], str]


def plain_tesseract(image: Path) -> str:
    done = subprocess.run(["tesseract", str(image), "-", "-l", "vie"], capture_output=True, text=True, check=True)
    return normalize(done.stdout)


@cache
def _trueocr_model():
    import trueocr

    return trueocr.TrueOCR(trueocr.OCRConfig(threads=1))


def trueocr_alone(image: Path) -> str:
    return normalize(_trueocr_model().predict(str(image)).text)


def digitize_engine(name: str) -> Reader:
    def read(image: Path) -> str:
        return "\n\n".join(page_texts(image, OcrOptions(engine=name)))

    return read


def readers(engines: tuple[str, ...]) -> dict[str, Reader]:
    return {"tesseract": plain_tesseract, "trueocr": trueocr_alone} | {
        f"digitize:{name}": digitize_engine(name) for name in engines
    }


def run(pages: list[RealPage], folder: Path, tools: dict[str, Reader]) -> dict[str, tuple[list[Score], float]]:
    """Each tool over every page: its scores, page by page, and its seconds in all."""
    files = []
    for page in pages:
        path = folder / f"{page.name}.png"
        cv2.imwrite(str(path), page.image)
        files.append(path)
    results = {}
    for tool, read in tools.items():
        read(files[0])  # loads the models: a batch pays that once
        started = time.perf_counter()
        scores = [score(page.truth, read(path)) for page, path in zip(pages, files, strict=True)]
        results[tool] = (scores, time.perf_counter() - started)
        print(f"  {tool}: {sum(scores, Score()).cer:.2%} CER", flush=True)
    return results


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1%}"


def print_report(pages: list[RealPage], results: dict[str, tuple[list[Score], float]]) -> None:
    tools = list(results)
    width = max(14, *(len(tool) + 2 for tool in tools))
    print(f"\n{len(pages)} pages, one core each\n{'':<16}" + "".join(f"{tool:>{width}}" for tool in tools))
    totals = {tool: sum(scores, Score()) for tool, (scores, _) in results.items()}
    print(f"{'CER':<16}" + "".join(f"{_pct(totals[tool].cer):>{width}}" for tool in tools))
    print(f"{'WER any order':<16}" + "".join(f"{_pct(totals[tool].bag_wer):>{width}}" for tool in tools))
    print(f"{'pages/min':<16}" + "".join(f"{len(pages) * 60 / results[tool][1]:>{width}.1f}" for tool in tools))
    kinds = list(dict.fromkeys(page.kind for page in pages))
    print(f"\n{'CER by kind':<16}" + "".join(f"{tool:>{width}}" for tool in tools) + f"{'pages':>7}")
    for kind in kinds:
        chosen = [i for i, page in enumerate(pages) if page.kind == kind]
        cells = "".join(f"{_pct(sum((results[t][0][i] for i in chosen), Score()).cer):>{width}}" for t in tools)
        print(f"{kind:<16}{cells}{len(chosen):>7}")
    print(f"\n{'CER by page':<24}" + "".join(f"{tool:>{width}}" for tool in tools))
    for i, page in enumerate(pages):
        if page.kind == "scan 300":
            print(f"{page.name:<24}" + "".join(f"{_pct(results[t][0][i].cer):>{width}}" for t in tools))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-scans folder (scans/, born-digital/)")
    parser.add_argument("--dpi", type=int, action="append", help=f"print-and-scan resolutions (default {SCAN_DPIS})")
    parser.add_argument("--no-photos", action="store_true", help="leave out the phone photos")
    parser.add_argument("--engine", action="append", choices=ENGINE_NAMES, help="our engines to run (default all)")
    parser.add_argument("--write-truth", action="store_true", help="make the born-digital truth anew from the PDFs")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if args.write_truth:
        print(f"wrote {len(write_born_digital_truth(args.folder))} truth files")
    pages = real_pages(args.folder, tuple(args.dpi or SCAN_DPIS), photos=not args.no_photos)
    with tempfile.TemporaryDirectory() as folder:
        results = run(pages, Path(folder), readers(tuple(args.engine or ENGINE_NAMES)))
    print_report(pages, results)


if __name__ == "__main__":
    main()
