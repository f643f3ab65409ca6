"""The server's memory while many viewers ask for a huge page's largest size at once.

Run from the project root:
  nice -n 10 .venv/bin/python -m benchmarks.iiif_memory [--side 9999] [--requests 100] [--workers 2]

Issue 25's target: 100 concurrent ``full/max`` requests on a 9999 × 9999
page keep the server under 1 GB (today's server reached 3.1 GB). A colour
page of that size is generated (JPEG quality 75, as the archive saves its
pages), indexed as one page, and served by ``digitize serve``'s stack with
``--workers`` processes (``benchmarks.serve``); all requests are sent at
once, each on its own connection, while the resident memory (RSS) of the
server's processes, summed, is sampled every 50 ms. Then as many requests
for sizes all different (none answered from the JPEGs kept: each a render
under the memory budget, or a 503 after waiting for room); then a viewer's tiles:
every tile of the page at scale factors 8 and 16 at once, as a zoomed-out
OpenSeadragon asks for them.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

from benchmarks.serve import ready, request, serve_uvicorn
from index.store import PageRecord, add_pages

SAMPLE = 0.05


def big_page(path: Path, side: int) -> None:
    """A colour page of ``side`` × ``side``: gradients and bands, quick to make and to compress."""
    ramp = np.linspace(0, 255, side, dtype=np.float32)
    red = np.broadcast_to(ramp, (side, side)).astype(np.uint8)
    green = red.T.copy()
    blue = ((np.arange(side) // 97 % 2) * 200 + 30).astype(np.uint8)[:, None].repeat(side, axis=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.dstack([red, green, blue])).save(path, "JPEG", quality=75)


def tree_rss(pid: int) -> int:
    """Bytes resident in ``pid`` and all its descendants."""
    total, queue = 0, [pid]
    while queue:
        current = queue.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                queue += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


async def get(port: int, path: str) -> tuple[int, int]:
    status, body = await request(port, path)
    return status, len(body)


def storm(pid: int, port: int, paths: list[str]) -> tuple[Counter, float, int]:
    """All ``paths`` at once: (statuses, seconds, peak RSS of the server's processes)."""
    peak, done = tree_rss(pid), threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(pid))
            time.sleep(SAMPLE)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.perf_counter()

    async def everyone() -> list[tuple[int, int]]:
        return await asyncio.gather(*(get(port, path) for path in paths))

    answers = asyncio.run(everyone())
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Counter(status for status, _ in answers), seconds, peak


def tiles(side: int, factor: int, tile: int = 512) -> list[str]:
    step, found = tile * factor, []
    for y in range(0, side, step):
        for x in range(0, side, step):
            w, h = min(step, side - x), min(step, side - y)
            found.append(f"/iiif/image/big-1/{x},{y},{w},{h}/{-(-w // factor)},/0/default.jpg")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", type=int, default=9999)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-iiif-memory-") as temporary:
        root = Path(temporary)
        big_page(root / "big" / "1.jpg", args.side)
        add_pages(root / "index", [PageRecord("big", 1, "trang rất lớn")])
        context = multiprocessing.get_context("fork")
        ports: multiprocessing.Queue = context.Queue()
        server = context.Process(target=serve_uvicorn, args=(root, args.workers, True, ports))
        server.start()
        try:
            port = ports.get(timeout=60)
            asyncio.run(ready(port))
            idle = tree_rss(server.pid)
            rounds = {
                f"{args.requests} × full/max": ["/iiif/image/big-1/full/max/0/default.jpg"] * args.requests,
                f"{args.requests} × distinct sizes": [
                    f"/iiif/image/big-1/full/{3000 - n},/0/default.jpg" for n in range(args.requests)
                ],
                "tiles at 1/8 and 1/16": tiles(args.side, 8) + tiles(args.side, 16),
            }
            print(f"{args.side} × {args.side} colour JPEG, {args.workers} workers; idle server {idle / 2**20:.0f} MB")
            print(f"{'':24}{'answers':>24}{'seconds':>10}{'peak RSS MB':>14}")
            for name, paths in rounds.items():
                statuses, seconds, peak = storm(server.pid, port, paths)
                counted = ", ".join(f"{count}× {status}" for status, count in sorted(statuses.items()))
                print(f"{name:24}{counted:>24}{seconds:>10.1f}{peak / 2**20:>14.0f}")
        finally:
            server.terminate()
            server.join(30)


if __name__ == "__main__":
    main()
