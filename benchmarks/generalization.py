"""Does OCR hold on pages it was never tuned on: plain Tesseract, trueocr alone and ``digitize`` side by side,
the TUNE split beside the HELD-OUT split.

Run from the project root:
  nice -n 10 .venv/bin/python -m benchmarks.generalization ../shared/realscans [--quick] [--cache FILE]

The pages are ``benchmarks/generalization_pages.py``'s: real scans and born-digital
pages, each as a 300-dpi scan, a low-dpi scan, a 576-px phone photo and a blurred
photo, and generated pages (light and heavy scans, other fonts), every one in
the split its source document was put in before anything was measured. Each
tool reads the same image files one page at a time on one core
(``OMP_THREAD_LIMIT=1``); the tools are ``benchmarks/realscans.py``'s. Errors
are ``digitize eval``'s: CER in reading order and the order-free word error,
totals by kind of page. Decide by the held-out columns; ``--split fresh`` (the
``FRESH`` row of conditions, pages nobody tuned on or looked at; ``fresh2`` another) confirms a change once it
is made.

``--cache FILE`` keeps the readings of plain Tesseract and trueocr alone (they do
not change with this project's code) so that a run after a change reads only with
``digitize``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import cv2

from benchmarks.generalization_pages import ALL_SPLITS, KINDS, SPLITS, SplitPage, split_pages
from benchmarks.realscans import readers
from digitize.evaluation import Score, score
from digitize.ocr.options import ENGINE_NAMES

REAL_KINDS = KINDS[:4]
PEERS = ("tesseract", "trueocr")


def read_all(pages: list[SplitPage], engines: tuple[str, ...], cache: Path | None) -> dict[str, dict[str, str]]:
    """Each tool's text of each page (by ``SplitPage.key``); the peers' from ``cache`` where it has them."""
    kept: dict[str, dict[str, str]] = json.loads(cache.read_text()) if cache and cache.exists() else {}
    texts: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for number, page in enumerate(pages):
            files.append(Path(folder) / f"{number:03d}.png")
            cv2.imwrite(str(files[-1]), page.page.image)
        for tool, read in readers(engines).items():
            texts[tool] = dict(kept.get(tool, {})) if tool in PEERS else {}
            missing = [(page, path) for page, path in zip(pages, files, strict=True) if page.key not in texts[tool]]
            started = time.perf_counter()
            for page, path in missing:
                texts[tool][page.key] = read(path)
            if missing:
                print(
                    f"  {tool}: {len(missing)} pages, {(time.perf_counter() - started) / len(missing):.1f} s a page",
                    flush=True,
                )
    if cache:
        cache.write_text(json.dumps({tool: texts[tool] for tool in PEERS if tool in texts}, ensure_ascii=False))
    return texts


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.2%}"


def report(pages: list[SplitPage], texts: dict[str, dict[str, str]]) -> None:
    tools = list(texts)
    scores = {tool: {page.key: score(page.page.truth, texts[tool][page.key]) for page in pages} for tool in tools}

    def total(tool: str, split: str, kinds: tuple[str, ...]) -> Score:
        chosen = (p.key for p in pages if p.split == split and p.page.kind in kinds)
        return sum((scores[tool][key] for key in chosen), Score())

    splits = [split for split in ALL_SPLITS if any(p.split == split for p in pages)]
    width = max(12, *(len(tool) + 2 for tool in tools))
    header = "".join(f"{tool:>{width}}" for tool in tools)
    print(f"\n{'':<28}" + "  ".join(f"{split:^{width * len(tools)}}" for split in splits))
    for measure, rate in (("CER", "cer"), ("order-free word error", "bag_wer")):
        print(f"\n{measure:<22}{'pages':>6}" + "  ".join(header for _ in splits))
        rows = [(kind, (kind,)) for kind in KINDS] + [("all real", REAL_KINDS), ("all generated", KINDS[4:])]
        for label, kinds in rows:
            count = sum(1 for p in pages if p.page.kind in kinds and p.split == splits[-1])
            cells = [
                "".join(f"{_pct(getattr(total(tool, split, kinds), rate)):>{width}}" for tool in tools)
                for split in splits
            ]
            print(f"{label:<22}{count:>6}" + "  ".join(cells))
    print(f"\nworst {splits[-1]} pages for {tools[-1]} (CER)")
    held = sorted((p for p in pages if p.split == splits[-1]), key=lambda p: -(scores[tools[-1]][p.key].cer or 0))
    for page in held[:8]:
        print(f"  {page.key:<52}" + "".join(f"{_pct(scores[t][page.key].cer):>{width}}" for t in tools))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-scans folder (scans/, born-digital/)")
    parser.add_argument("--quick", action="store_true", help="two sources and one font a split: minutes, not an hour")
    parser.add_argument(
        "--split", choices=ALL_SPLITS, action="append", help=f"this split (default {' and '.join(SPLITS)})"
    )
    parser.add_argument("--engine", action="append", choices=ENGINE_NAMES, help="our engines to run (default auto)")
    parser.add_argument("--cache", type=Path, help="a JSON file keeping plain Tesseract's and trueocr's readings")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    splits = tuple(args.split or SPLITS)
    pages = split_pages(args.folder, splits, quick=args.quick)
    print(f"{len(pages)} pages: " + ", ".join(f"{sum(p.split == s for p in pages)} {s}" for s in splits))
    report(pages, read_all(pages, tuple(args.engine or ("auto",)), args.cache))


if __name__ == "__main__":
    main()
