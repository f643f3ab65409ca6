"""The search server under load: ``SearchServer`` beside ``http.server``'s defaults, many clients at once.

Run from the project root:  .venv/bin/python -m benchmarks.serve [--pages 20000] [--clients 200] [--seconds 20]

Issue 13 item 9: with 200 clients ``http.server``'s listen backlog of 5
overflowed, so connections waited for the kernel's SYN retries (1 s, 3 s,
7 s...) and some timed out at 15 s. This builds a temporary index of
generated pages (the corpus of ``benchmarks.search``), serves it twice from a
separate process (so the clients do not share the server's GIL): once with
``http.server``'s defaults (backlog 5, no socket timeout) and once as
``SearchServer`` is configured. Each time C clients, one new connection per
request (no keep-alive), ask a fixed mix of queries for S seconds, each asked
once before the clock starts (so ``SearchServer`` answers from its cache and
the index's files are in the page cache).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.search import batches, corpus
from index.site import Site
from index.store import add_pages
from index.web import SearchServer

CLIENT_TIMEOUT = 15.0
#: The mix: search pages and API calls as the web page makes them, and one page view.
PATHS = (
    "/?q=chuyen+doi+so",
    "/?q=thu+vien&sort=date",
    "/api/search?q=du+lieu",
    "/api/search?q=%22c%C6%A1+s%E1%BB%9F+d%E1%BB%AF+li%E1%BB%87u%22",
    "/api/search?q=ho+so&from=2015&to=2020",
    "/page/d0000001/1?q=chuyen+doi+so",
)


class PlainServer(SearchServer):
    """The server as it was: ``http.server``'s backlog of 5, no answers cached (and no socket timeout, below)."""

    request_queue_size = 5
    cache_size = 0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    timeouts: int = 0

    def percentile_ms(self, p: int) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100)[p - 1] * 1000


def build_index(directory: Path, pages: int) -> None:
    for batch in batches(corpus(pages)):
        add_pages(directory, batch)


def _serve(server_class: type[SearchServer], site: Site, timeout: float | None, ports: multiprocessing.Queue) -> None:
    """The server process: stderr silenced, as ``http.server`` prints a traceback per disconnect."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    with server_class(site, port=0, timeout=timeout) as server:
        ports.put(server.server_port)
        server.serve_forever()


async def fetch(port: int, path: str) -> int:
    """One request on its own connection; the status code."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


async def client(port: int, number: int, deadline: float, tally: Tally) -> None:
    requests = 0
    while time.monotonic() < deadline:
        path = PATHS[(number + requests) % len(PATHS)]
        requests += 1
        start = time.monotonic()
        try:
            status = await asyncio.wait_for(fetch(port, path), CLIENT_TIMEOUT)
        except TimeoutError:
            tally.timeouts += 1
            continue
        except OSError:
            tally.errors += 1
            continue
        if status != 200:
            tally.errors += 1
        else:
            tally.latencies.append(time.monotonic() - start)


async def load(port: int, clients: int, seconds: float) -> Tally:
    for path in PATHS:  # warm: each query once, so what is measured is a cached page
        assert await fetch(port, path) == 200, path
    tally = Tally()
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(client(port, number, deadline, tally) for number in range(clients)))
    return tally


def measure(server_class: type[SearchServer], site: Site, timeout: float | None, clients: int, seconds: float) -> Tally:
    context = multiprocessing.get_context("fork")
    ports: multiprocessing.Queue = context.Queue()
    process = context.Process(target=_serve, args=(server_class, site, timeout, ports), daemon=True)
    process.start()
    try:
        return asyncio.run(load(ports.get(timeout=30), clients, seconds))
    finally:
        process.terminate()
        process.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as temporary:
        root = Path(temporary)
        start = time.perf_counter()
        build_index(root / "index", args.pages)
        print(f"{args.pages} pages indexed in {time.perf_counter() - start:.0f} s")
        site = Site(root / "index", lambda doc_id, page: root / doc_id / f"{page}.jpg", root)
        results = {
            "http.server": measure(PlainServer, site, None, args.clients, args.seconds),
            "SearchServer": measure(SearchServer, site, 10.0, args.clients, args.seconds),
        }
    print(f"\n{args.clients} clients for {args.seconds:g} s, {args.pages} pages, client timeout {CLIENT_TIMEOUT:g} s")
    print(f"{'':12}" + "".join(f"{name:>14}" for name in results))
    rows = {
        "requests": lambda t: f"{len(t.latencies) + t.errors + t.timeouts}",
        "errors": lambda t: f"{t.errors}",
        "timeouts": lambda t: f"{t.timeouts}",
        "p50 ms": lambda t: f"{t.percentile_ms(50):.0f}",
        "p95 ms": lambda t: f"{t.percentile_ms(95):.0f}",
        "p99 ms": lambda t: f"{t.percentile_ms(99):.0f}",
    }
    for label, cell in rows.items():
        print(f"{label:12}" + "".join(f"{cell(tally):>14}" for tally in results.values()))


if __name__ == "__main__":
    main()
