"""IIIF Image API: level 1 (tiles cut on request) beside level 0 (tiles cut once and stored), on 300-dpi A4 pages.

Run from the project root:  .venv/bin/python -m benchmarks.iiif_image [--pages 3] [--folder DIR_OF_JPEGS]

Two views, as OpenSeadragon inside Mirador asks for them (512-px tiles):
the whole page in a 900-px-high window (the tiles of scale factor 4), and a
zoomed region at full resolution (12 tiles, 4 × 3, from the page's middle).
Level 1 is timed three ways: each tile decoding its page (no decoded pages
kept), a view's first tile decoding it and the rest reusing it (as
``PageImages`` serves a viewer), and the same view again. Level 0 reads the
same tiles from files cut beforehand, whose cutting time and bytes on disk
are printed beside the page's own JPEG. Pages are generated (the demo's
renderer, saved as the archive saves them: JPEG quality 75) unless a folder
of page JPEGs is given, such as an archive's ``documents/*/``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from index.iiif.image import SCALE_FACTORS, TILE, ImageRequest, PageImages, image_size
from pipelines.demo.seed_articles import seed_texts
from pipelines.demo.synthetic import LIGHT, scanned_pages

Tile = tuple[int, int, int, int, int, int]  # region x, y, w, h; size w, h


def tiles_at(width: int, height: int, factor: int) -> list[Tile]:
    """Every tile of one scale factor, as OpenSeadragon names them."""
    step = TILE * factor
    found = []
    for y in range(0, height, step):
        for x in range(0, width, step):
            w, h = min(step, width - x), min(step, height - y)
            found.append((x, y, w, h, -(-w // factor), -(-h // factor)))
    return found


def views(width: int, height: int) -> dict[str, list[Tile]]:
    whole = tiles_at(width, height, 4)
    full = tiles_at(width, height, 1)
    columns = -(-width // TILE)
    middle_row = (-(-height // TILE)) // 2 - 1
    zoomed = [full[(middle_row + row) * columns + column] for row in range(3) for column in range(min(4, columns))]
    return {"whole page": whole, "zoomed region": zoomed}


def render(images: PageImages, path: Path, tile: Tile) -> bytes:
    x, y, w, h, out_w, out_h = tile
    return images.render(path, ImageRequest((x, y, w, h), (out_w, out_h)))


def cut_level0(path: Path, folder: Path) -> dict[Tile, Path]:
    """Every tile of every scale factor, written once, as a level 0 server would keep them."""
    width, height = image_size(path)
    images, written = PageImages(), {}
    for factor in SCALE_FACTORS:
        for tile in tiles_at(width, height, factor):
            file = folder / f"{path.stem}-{'-'.join(map(str, tile))}.jpg"
            file.write_bytes(render(images, path, tile))
            written[tile] = file
    return written


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def generated_pages(folder: Path, count: int) -> list[Path]:
    text = "\n".join(seed_texts().values())
    paths = []
    for number, page in enumerate(scanned_pages(text, degradation=LIGHT)[:count], 1):
        path = folder / f"page-{number:04d}.jpg"
        page.image.convert("L").save(path, "JPEG", quality=75)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="page JPEGs to use instead of generated pages")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        if args.folder:
            pages = sorted(args.folder.glob("**/page-*.jpg"))[: args.pages]
        else:
            pages = generated_pages(work, args.pages)
        results: dict[tuple[str, str], list[float]] = {}
        sent: dict[str, list[int]] = {}
        cut_ms, stored, originals = [], 0, 0
        for path in pages:
            width, height = image_size(path)
            originals += path.stat().st_size
            start = time.perf_counter()
            tiles = cut_level0(path, work)
            cut_ms.append((time.perf_counter() - start) * 1000)
            stored += sum(file.stat().st_size for file in tiles.values())
            for view, wanted in views(width, height).items():
                sent.setdefault(view, []).append(sum(len(render(PageImages(), path, tile)) for tile in wanted))
                results.setdefault((view, "level 1, every tile decodes"), []).append(
                    timed(lambda wanted=wanted, path=path: [render(PageImages(), path, t) for t in wanted])
                )
                shared = PageImages()
                results.setdefault((view, "level 1, first view (PageImages)"), []).append(
                    timed(lambda wanted=wanted, path=path, shared=shared: [render(shared, path, t) for t in wanted])
                )
                results.setdefault((view, "level 1, same view again"), []).append(
                    timed(lambda wanted=wanted, path=path, shared=shared: [render(shared, path, t) for t in wanted])
                )
                results.setdefault((view, "level 0, tiles read from files"), []).append(
                    timed(lambda wanted=wanted, tiles=tiles: [tiles[t].read_bytes() for t in wanted])
                )
        print(f"{len(pages)} pages of {width}×{height} px; 2 shared cores, timings are noisy: compare within this run")
        print(f"{'view':<15} {'server':<34} {'median ms':>10} {'tiles':>6} {'KB sent':>8}")
        for (view, server), times in results.items():
            count = len(views(width, height)[view])
            kb = statistics.median(sent[view]) / 1024
            print(f"{view:<15} {server:<34} {statistics.median(times):>10.1f} {count:>6} {kb:>8.0f}")
        per_page = len(pages) * 1024
        print(
            f"level 0 cutting: {statistics.median(cut_ms):.0f} ms a page; tiles on disk {stored / per_page:.0f} KB"
            f" a page beside the page JPEG's {originals / per_page:.0f} KB"
        )


if __name__ == "__main__":
    main()
