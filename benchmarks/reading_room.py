"""The reading room at archive scale: results by document beside the page list it replaced, and the pages over HTTP.

Run from the project root:  .venv/bin/python -m benchmarks.reading_room [--pages 10000] [--keep DIR]

Issue 15's target: the search page and the page view answer in under 100 ms
at the median on a 10,000-page archive. The corpus is ``benchmarks.search``'s
(4 pages a document). In process, ``search_documents`` (10 documents, their
best 3 pages each, as the search page asks) is timed beside ``search`` (20
pages, what the search page asked before). Over HTTP, the server runs
without its answer cache, so every request is a search: the search page
(``/?q=``) and the page view (``/page/DOC/N?q=``, which reads the page's ALTO,
matches the hit boxes and reads the image header), one client at a time.
Every page view is given the same A4 image and the same ALTO of about 400
words, read from disk at each request as the archive's would be.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np
from PIL import Image

from benchmarks.search import QUERIES, REPEATS, build_ours, latencies
from digitize import alto
from digitize.ocr.page import Block, Line, OcrPage, Word
from index.search import search, search_documents
from index.site import Site
from index.web import SearchServer

#: Page views asked: (document, page), with each query of ``QUERIES``.
PAGE_VIEWS = (("d0000001", 3), ("d0000420", 1), ("d0001000", 1))
A4 = (2480, 3508)


class UncachedServer(SearchServer):
    """The server with no answers kept: every request searches."""

    cache_size = 0


def page_files(folder: Path) -> tuple[Path, Path]:
    """An A4 page image and an ALTO of ~400 words of the seed text laid in lines."""
    folder.mkdir(parents=True, exist_ok=True)
    image = folder / "page.jpg"
    Image.fromarray(np.full((A4[1], A4[0]), 235, np.uint8)).save(image, quality=75)
    words = (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")
    text = " ".join(next(iter(sorted(words))).read_text(encoding="utf-8").split()[:400])
    lines = []
    for row, start in enumerate(range(0, 400, 12)):
        chunk = text.split()[start : start + 12]
        lines.append(Line(tuple(Word(w, 90, 200 + 170 * n, 200 + 80 * row, 150, 50) for n, w in enumerate(chunk))))
    ocr = alto.to_xml(OcrPage((Block(tuple(lines)),)), A4[0], A4[1], image.name)
    (folder / "page.alto.xml").write_text(ocr, encoding="utf-8")
    return image, folder / "page.alto.xml"


def http_latencies(url: str, paths: list[str]) -> tuple[float, float]:
    """p50 and p95 in milliseconds of GET ``paths``, ``REPEATS`` rounds after one warm-up round."""
    for path in paths:
        urllib.request.urlopen(url + path).read()
    times = []
    for _ in range(REPEATS):
        for path in paths:
            start = time.perf_counter()
            with urllib.request.urlopen(url + path) as response:
                response.read()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def _cell(figures: tuple[float, float]) -> str:
    return f"{figures[0]:.1f} / {figures[1]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the index in this folder and leave it there")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-reading-room-"))
    index_dir = work / "index"
    try:
        if not (index_dir / "meta.json").exists():
            index_dir.mkdir(parents=True, exist_ok=True)
            build_ours(index_dir, args.pages)
        image, alto_file = page_files(work / "files")
        print(f"{args.pages:,} pages, 4 a document; 2 cores shared with other work: figures are noisy")
        print(f"{'in process, p50 / p95 ms':32}{'10 documents':>18}{'20 pages (before)':>20}")
        for kind, queries in QUERIES.items():
            documents = latencies(lambda query: search_documents(index_dir, query), queries)
            pages = latencies(lambda query: search(index_dir, query, limit=20), queries)
            print(f"{kind:32}{_cell(documents):>18}{_cell(pages):>20}")

        site = Site(
            index_dir,
            lambda doc_id, page: image,
            work,
            page_words=lambda doc_id, page: alto.read_page(alto_file.read_text(encoding="utf-8")),
        )
        queries = [query for kinds in QUERIES.values() for query in kinds]
        searches = [f"/?q={urllib.parse.quote(query)}" for query in queries]
        views = [f"/page/{doc}/{page}?q={urllib.parse.quote(query)}" for doc, page in PAGE_VIEWS for query in queries]
        with UncachedServer(site, port=0) as server:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            url = f"http://127.0.0.1:{server.server_port}"
            print(f"{'over HTTP, uncached, p50 / p95 ms':32}{'search page':>18}{'page view':>20}")
            found, viewed = http_latencies(url, searches), http_latencies(url, views)
            print(f"{'one client':32}{_cell(found):>18}{_cell(viewed):>20}")
            server.shutdown()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
