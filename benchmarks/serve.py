"""The reading room under load: Starlette on uvicorn beside today's server and ``http.server``'s defaults.

Run from the project root:
  nice -n 10 .venv/bin/python -m benchmarks.serve [--pages 20000] [--clients 200] [--seconds 20]
    [--workers 2] [--think 0] [--client python|wrk]

Issue 25's target: 200 uncached clients for 20 s on 20,000 pages with no
errors and a p99 within 300 ms; cached answers at least as fast as today's
server. This builds a temporary index of generated pages (the corpus of
``benchmarks.search``) and serves it from separate processes (so the
clients do not share the server's GIL), in turn:

- ``http.server``: today's server (``index/web.py`` as it was at
  ``BASELINE``, read from git) with ``http.server``'s backlog of 5 and no
  answers kept;
- ``today``: that server as it was configured (backlog 1,024, answers kept);
- ``uvicorn``: the Starlette app on uvicorn with ``--workers`` processes.

Each serves a cached round (the same mix of queries, each asked once before
the clock starts) and, the last two, an uncached one (every request the
same work made new by a parameter the server ignores, ``&n=N``, so nothing
is answered from memory). C clients, one new connection per request (no keep-alive), ask for
S seconds. With ``--think T``, each client is a reader who pauses between requests (uniformly
0 to 2T seconds, seeded per client) instead of asking again at once: a closed loop with no pause
measures what the machine can answer in a second, and its latency is then clients ÷ that rate
(Little's law), whatever the server; readers who pause measure the latency they see.
With ``--client wrk``, Debian's C load generator asks instead of the Python clients
(``benchmarks.wrk_load``): the clients' own CPU, on the same two cores, is printed for both
("client cores", beside the server's), so one can tell the server's figures from the client's.
The last rows, the server's CPU per answer (all its processes, from ``/proc``, counted after each
query has been asked a few times, so no worker's start-up is in it) and its main threads' part (uvicorn's
event loop: HTTP, middleware, sending; the routes run in other threads), hold still better than the
latencies when other work loads the machine. The load average is printed with them: CPU per answer itself
grows by about a quarter when both cores are busy (``docs/benchmarks.md``).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from benchmarks import wrk_load
from benchmarks.search import batches, corpus
from index.site import Site
from index.store import add_pages

CLIENT_TIMEOUT = 15.0
#: The last commit whose ``index/web.py`` was today's server (``http.server`` with routing written by hand).
BASELINE = "2f6e3b2"
#: The mix: search pages and API calls as the web page makes them, and one page view.
PATHS = (
    "/?q=chuyen+doi+so",
    "/?q=thu+vien&sort=date",
    "/api/search?q=du+lieu",
    "/api/search?q=%22c%C6%A1+s%E1%BB%9F+d%E1%BB%AF+li%E1%BB%87u%22",
    "/api/search?q=ho+so&from=2015&to=2020",
    "/page/d0000001/1?q=chuyen+doi+so",
)
#: The rounds, in the order they run.
ROUNDS = ("http.server", "today cached", "today uncached", "uvicorn cached", "uvicorn uncached")
#: Where the uvicorn workers find the index (they build their app themselves: ``bench_app``).
ROOT_VARIABLE, CACHE_VARIABLE = "BENCH_SERVE_ROOT", "BENCH_SERVE_CACHE"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    timeouts: int = 0
    #: CPU seconds the server's processes spent while the clients asked, and their main threads' part of it.
    server_cpu: float = 0.0
    loop_cpu: float = 0.0
    #: CPU seconds the load generator itself spent (the Python clients' process, or wrk).
    client_cpu: float = 0.0
    #: Where wrk asked: the answers it counted and the percentiles (ms) it printed (50, 75, 90, 99), in place of
    #: ``latencies``.
    counted: int | None = None
    printed: dict[int, float] = field(default_factory=dict)

    @property
    def answers(self) -> int:
        return len(self.latencies) if self.counted is None else self.counted

    def cpu_ms_per_answer(self, seconds: float | None = None) -> float:
        return (self.server_cpu if seconds is None else seconds) * 1000 / max(1, self.answers)

    def percentile_ms(self, p: int) -> float:
        if self.counted is not None:
            return self.printed.get(p, float("nan"))
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100)[p - 1] * 1000


def build_index(directory: Path, pages: int) -> None:
    for batch in batches(corpus(pages)):
        add_pages(directory, batch)


def bench_app():
    """One uvicorn worker's app over the benchmark's index (a factory: workers are spawned processes)."""
    from index.reading_room.app import app

    root = Path(os.environ[ROOT_VARIABLE])
    site = Site(root / "index", lambda doc_id, page: root / doc_id / f"{page}.jpg", root)
    return app(site, cache_size=int(os.environ[CACHE_VARIABLE]))


def legacy_server() -> ModuleType:
    """Today's ``index/web.py`` with its templates, read from git at ``BASELINE`` (this branch replaced them)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-serve-legacy-"))
    files = subprocess.run(
        ["git", "archive", BASELINE, "index/web.py", "index/templates"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=files.stdout, check=True)
    spec = importlib.util.spec_from_file_location("legacy_web", folder / "index" / "web.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def _serve_legacy(root: Path, plain: bool, cached: bool, ports: multiprocessing.Queue) -> None:
    """Today's server in this process: stderr silenced, as ``http.server`` prints a traceback per disconnect."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    web = legacy_server()

    class Configured(web.SearchServer):
        request_queue_size = 5 if plain else web.BACKLOG
        cache_size = web.CACHE_SIZE if cached else 0

    site = web.Site(root / "index", lambda doc_id, page: root / doc_id / f"{page}.jpg", root)
    with Configured(site, port=0, timeout=None if plain else 10.0) as server:
        ports.put(server.server_port)
        server.serve_forever()


def serve_uvicorn(root: Path, workers: int, cached: bool, ports: multiprocessing.Queue) -> None:
    """The reading room over ``root/index`` (page images ``root/DOC/N.jpg``) on uvicorn; its port put in ``ports``."""
    from index.reading_room.server import Listening, run

    os.environ[ROOT_VARIABLE], os.environ[CACHE_VARIABLE] = str(root), "256" if cached else "0"
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # multiprocessing closed it; uvicorn hands its workers fd 0
    sys.stdin = open(0)  # noqa: SIM115
    run(f"{__name__}:bench_app", Listening(port=0, workers=workers), ports.put)


async def request(port: int, path: str) -> tuple[int, bytes]:
    """One GET on its own connection: the status code (0 for no HTTP answer) and the body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**24)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    return (int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0), body


async def fetch(port: int, path: str) -> int:
    return (await request(port, path))[0]


def _asked(path: str, number: int, cached: bool) -> str:
    """The path, or (uncached) the same request made new by a parameter the server ignores, so none is kept."""
    return path if cached else f"{path}&n={number}"


async def client(port: int, number: int, deadline: float, tally: Tally, cached: bool, think: float) -> None:
    requests, pauses = 0, random.Random(number)
    while time.monotonic() < deadline:
        if think:
            await asyncio.sleep(pauses.uniform(0, 2 * think))
        path = _asked(PATHS[(number + requests) % len(PATHS)], number * 1000 + requests, cached)
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


async def ready(port: int, seconds: float = 120) -> None:
    """Once the server answers: uvicorn's workers import the app and open the index after the socket is bound."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            await fetch(port, "/static/style.css")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


async def warm(port: int) -> None:
    """Each query once (templates compiled, the index's caches filled), so a cached round measures kept answers
    and neither round counts a worker's first answers."""
    for path in PATHS * 4:  # each worker takes some
        assert await fetch(port, path) == 200, path


async def load(port: int, clients: int, seconds: float, cached: bool, think: float) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(client(port, number, deadline, tally, cached, think) for number in range(clients)))
    return tally


def cpu_seconds(pid: int) -> tuple[float, float]:
    """User and system CPU of ``pid`` and every process under it (uvicorn's workers), from ``/proc``: a figure
    that, unlike latency, does not grow when other work shares the cores. Second, the part spent by each process's
    main thread: uvicorn's event loop (HTTP, middleware, sending), where the routes run in other threads."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])))
    tree = {pid}
    for _ in range(3):  # the server, uvicorn's supervisor, its workers
        tree |= {child for child, (parent, _) in parents.items() if parent in tree}
    total = sum(parents[member][1] for member in tree if member in parents)
    main = sum(_main_thread_ticks(member) for member in tree if member in parents)
    return total / os.sysconf("SC_CLK_TCK"), main / os.sysconf("SC_CLK_TCK")


def _main_thread_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def asked_by_wrk(port: int, clients: int, seconds: float, cached: bool) -> Tally:
    figures = wrk_load.run(port, PATHS, clients, seconds, cached, CLIENT_TIMEOUT)
    answers = figures.requests - figures.errors - figures.timeouts
    return Tally(
        errors=figures.errors,
        timeouts=figures.timeouts,
        client_cpu=figures.cpu,
        counted=answers,
        printed=figures.percentiles,
    )


def asked_by_python(port: int, clients: int, seconds: float, cached: bool, think: float) -> Tally:
    start = time.process_time()
    tally = asyncio.run(load(port, clients, seconds, cached, think))
    tally.client_cpu = time.process_time() - start
    return tally


def measure(target, arguments: tuple, clients: int, seconds: float, cached: bool, think: float, wrk: bool) -> Tally:
    context = multiprocessing.get_context("fork")
    ports: multiprocessing.Queue = context.Queue()
    process = context.Process(target=target, args=(*arguments, ports), daemon=False)
    process.start()
    try:
        port = ports.get(timeout=60)
        asyncio.run(ready(port))
        asyncio.run(warm(port))
        before = cpu_seconds(process.pid)
        if wrk:
            tally = asked_by_wrk(port, clients, seconds, cached)
        else:
            tally = asked_by_python(port, clients, seconds, cached, think)
        after = cpu_seconds(process.pid)
        tally.server_cpu, tally.loop_cpu = after[0] - before[0], after[1] - before[1]
        return tally
    finally:
        process.terminate()
        process.join(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think", type=float, default=0, help="mean seconds a client pauses between requests")
    parser.add_argument("--client", choices=("python", "wrk"), default="python", help="who asks (see above)")
    parser.add_argument("--keep", type=Path, help="build the index in this folder once, and use it again")
    parser.add_argument(
        "--rounds", help="comma-separated rounds to run (default all): " + ", ".join(ROUNDS), default=",".join(ROUNDS)
    )
    args = parser.parse_args()
    if args.client == "wrk" and (args.think or not wrk_load.available()):
        parser.error("--client wrk needs wrk on PATH (make bench installs it) and cannot pause readers (--think)")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as temporary:
        root = args.keep or Path(temporary)
        if not (root / "index" / "meta.json").exists():
            start = time.perf_counter()
            build_index(root / "index", args.pages)
            print(f"{args.pages} pages indexed in {time.perf_counter() - start:.0f} s")
        rounds = {
            "http.server": (_serve_legacy, (root, True, False), False),
            "today cached": (_serve_legacy, (root, False, True), True),
            "today uncached": (_serve_legacy, (root, False, False), False),
            "uvicorn cached": (serve_uvicorn, (root, args.workers, True), True),
            "uvicorn uncached": (serve_uvicorn, (root, args.workers, False), False),
        }
        results = {
            name: measure(target, arguments, args.clients, args.seconds, cached, args.think, args.client == "wrk")
            for name, (target, arguments, cached) in rounds.items()
            if name in args.rounds.split(",")
        }
    print(f"load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}")
    pausing = f", each pausing 0–{2 * args.think:g} s between requests" if args.think else ", none pausing"
    print(f"\n{args.clients} clients for {args.seconds:g} s{pausing}, {args.pages} pages,")
    print(f"client timeout {CLIENT_TIMEOUT:g} s; asked by {args.client};")
    print(f"uvicorn with {args.workers} workers; http.server: today's server with backlog 5 and nothing kept")
    print(f"{'':12}" + "".join(f"{name:>18}" for name in results))
    rows = {
        "requests": lambda t: f"{t.answers + t.errors + t.timeouts}",
        "answers/s": lambda t: f"{t.answers / args.seconds:.0f}",
        "errors": lambda t: f"{t.errors}",
        "timeouts": lambda t: f"{t.timeouts}",
        "p50 ms": lambda t: f"{t.percentile_ms(50):.0f}",
        "p90 ms": lambda t: f"{t.percentile_ms(90):.0f}",
        "p95 ms": lambda t: f"{t.percentile_ms(95):.0f}",
        "p99 ms": lambda t: f"{t.percentile_ms(99):.0f}",
        "CPU ms/ans": lambda t: f"{t.cpu_ms_per_answer():.2f}",
        "main thread": lambda t: f"{t.cpu_ms_per_answer(t.loop_cpu):.2f}",
        "server cores": lambda t: f"{t.server_cpu / args.seconds:.2f}",
        "client cores": lambda t: f"{t.client_cpu / args.seconds:.2f}",
    }
    for label, cell in rows.items():
        print(f"{label:12}" + "".join(f"{cell(tally):>18}" for tally in results.values()))


if __name__ == "__main__":
    main()
