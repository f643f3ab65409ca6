"""What an answer of the reading room costs in CPU, in process: the search engine's share and the web layer's.

Run from the project root:
  nice -n 10 .venv/bin/python -m benchmarks.web_layer --keep DIR [--requests 240]

``DIR`` is ``benchmarks.serve``'s index (built there when missing). The app
is called as ASGI, without sockets or a server, one request at a time, with
``benchmarks.serve``'s mix of requests: uncached (every request made new by
a parameter the server ignores) and cached (kept answers). The CPU of the
calls into the index (``PageIndex``: searches, pages read) is counted apart
from the rest: routing, templates, JSON, middleware. CPU time, not wall
time, so the split holds when other work shares the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from benchmarks import serve
from index import backend

#: The index's methods a request calls: the search engine's share.
ENGINE = ("search_documents", "read_page", "document_pages")


def timed(function: Callable, clock: Callable[[], float], spent: Callable[[float], None]) -> Callable:
    """``function`` that hands ``spent`` the ``clock`` seconds each of its calls took."""

    @functools.wraps(function)
    def timed_call(*args, **kwargs):
        start = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent(clock() - start)

    return timed_call


class EngineClock:
    """CPU seconds spent inside the index's methods, wrapped in place."""

    def __init__(self) -> None:
        self.seconds = 0.0
        for name in ENGINE:
            method = getattr(backend.TantivyIndex, name)
            setattr(backend.TantivyIndex, name, timed(method, time.process_time, self._add))

    def _add(self, seconds: float) -> None:
        self.seconds += seconds


async def call(app, path: str) -> int:
    """One GET through the whole ASGI app; its status."""
    route, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": route,
        "raw_path": route.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 8000),
    }
    sent = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"]


async def run(app, requests: int, cached: bool, clock: EngineClock) -> dict[str, tuple[float, float]]:
    """Path → (CPU ms a request, of which the engine's)."""
    for path in serve.PATHS:
        assert await call(app, path) == 200, path
    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for number in range(requests):
        path = serve.PATHS[number % len(serve.PATHS)]
        engine, start = clock.seconds, time.process_time()
        assert await call(app, path if cached else f"{path}&n={number}") == 200
        spent[path][0] += time.process_time() - start
        spent[path][1] += clock.seconds - engine
        spent[path][2] += 1
    return {path: (total * 1000 / n, engine * 1000 / n) for path, (total, engine, n) in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, required=True, help="benchmarks.serve's index folder")
    parser.add_argument("--pages", type=int, default=20_000, help="pages to index when DIR holds none")
    parser.add_argument("--requests", type=int, default=240)
    args = parser.parse_args()
    if not (args.keep / "index" / "meta.json").exists():
        serve.build_index(args.keep / "index", args.pages)
    clock = EngineClock()
    figures = {}
    for cached in (False, True):
        os.environ[serve.ROOT_VARIABLE], os.environ[serve.CACHE_VARIABLE] = str(args.keep), "256" if cached else "0"
        figures[cached] = asyncio.run(run(serve.bench_app(), args.requests, cached, clock))
    print(f"CPU ms a request, in process, {args.requests} requests each way")
    print(f"{'':62}{'uncached':>10}{'engine':>10}{'web':>10}{'cached':>10}")
    for path in serve.PATHS:
        total, engine = figures[False][path]
        print(f"{path[:60]:62}{total:10.2f}{engine:10.2f}{total - engine:10.2f}{figures[True][path][0]:10.3f}")
    (total, engine), (kept, _) = (
        [sum(costs[i] for costs in figures[cached].values()) / len(serve.PATHS) for i in (0, 1)]
        for cached in (False, True)
    )
    print(f"{'mean':62}{total:10.2f}{engine:10.2f}{total - engine:10.2f}{kept:10.3f}")


if __name__ == "__main__":
    main()
