"""Running the reading room: uvicorn with several worker processes, or one in a thread for tests and benchmarks.

Each worker is its own process (its own GIL, index reader, answer cache and
image budget), all accepting on one socket bound before they start; uvicorn
restarts a worker that dies. Workers import the app by name
(``module:function``, a factory that reads its settings from the
environment), as uvicorn's spawned processes cannot be handed a live object.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette
from uvicorn.supervisors import Multiprocess

DEFAULT_HOST = "127.0.0.1"
#: Connections waiting to be accepted; ``http.server``'s 5 overflowed under 200 clients (issue 13, item 9).
BACKLOG = 1024
#: Allocations from this size up get their own mapping, returned to the system when freed.
MMAP_THRESHOLD = 1 << 20
#: Seconds an idle kept-alive connection is held open.
KEEP_ALIVE = 5


def default_workers() -> int:
    """One worker per core: a search is CPU work, and more workers than cores only queue on the CPU."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Listening:
    """Where and how the server listens, and what a reverse proxy in front of it may tell it."""

    host: str = DEFAULT_HOST
    port: int = 8000
    workers: int = 1
    #: Believe ``X-Forwarded-Proto``/``X-Forwarded-For`` from these addresses (comma-separated, ``*`` for any).
    forwarded_allow_ips: str | None = None
    #: The path the proxy serves the reading room under (``/phong-doc``), prefixed to every link.
    root_path: str = ""

    def config(self, app: str | Starlette, **options: object) -> uvicorn.Config:
        return uvicorn.Config(
            app,
            host=self.host,
            port=self.port,
            workers=self.workers,
            proxy_headers=self.forwarded_allow_ips is not None,
            forwarded_allow_ips=self.forwarded_allow_ips,
            root_path=self.root_path,
            backlog=BACKLOG,
            timeout_keep_alive=KEEP_ALIVE,
            log_level="warning",
            access_log=False,
            server_header=False,
            **options,
        )


def bound(host: str, port: int) -> socket.socket:
    """A listening socket the workers share; readers who come while they start wait in its queue."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    return sock


def run(factory: str, listening: Listening, started: Callable[[int], None]) -> None:
    """Serve the app ``factory`` names (``module:function``) until interrupted; ``started(port)`` once bound."""
    # Page images are decoded into blocks of many MB: glibc's threshold for giving such blocks their own mapping
    # grows with each one freed, after which freed images stay in the heap. A fixed threshold returns them to the
    # system (RSS after 100 large renders: 848 → 571 MB, benchmarks/iiif_memory.py). Read by the workers at start.
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(MMAP_THRESHOLD))
    config = listening.config(factory, factory=True)
    sock = bound(listening.host, listening.port)  # an address in use is an OSError for the command to word
    started(sock.getsockname()[1])
    server = uvicorn.Server(config)
    if listening.workers > 1:
        Multiprocess(config, sockets=[sock]).run()
    else:
        config.load()
        server.run(sockets=[sock])


@contextmanager
def in_thread(app: Starlette, listening: Listening | None = None) -> Iterator[str]:
    """``app`` served on a free port of 127.0.0.1 in a thread of this process; its base URL while open."""
    config = (listening or Listening(port=0)).config(app)
    sock = bound(config.host, config.port)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        threading.Event().wait(0.01)
    try:
        yield f"http://{config.host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
