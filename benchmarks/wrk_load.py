"""``benchmarks.serve``'s load asked by wrk (Debian's C load generator) rather than by Python clients.

The Python clients run on the same two cores as the server and took a
measured part of them (``docs/benchmarks.md``, Serving: whose CPU); wrk
asks the same mix for a fraction of that, so the answers a second it
counts are more nearly the server's. Like the Python clients, every
request opens its own connection (``Connection: close``) and the clients
never pause; uncached requests are made new by ``&n=N``. wrk cannot pause
readers between requests (``--think``): that stays with the Python clients.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

#: wrk's own threads: one per core would take from the server what the Python client took; one is enough to
#: keep 200 connections busy.
THREADS = 1
#: Percentiles wrk prints with ``--latency``.
_PERCENTILE = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def script(paths: tuple[str, ...], cached: bool) -> str:
    """The Lua that makes each request: the mix in turn, each on its own connection, made new unless ``cached``."""
    listed = ", ".join(f'"{path}"' for path in paths)
    made_new = "" if cached else ' .. "&n=" .. counter'
    return f"""
local paths = {{{listed}}}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[counter % #paths + 1]{made_new}, {{["Connection"] = "close"}})
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def run(port: int, paths: tuple[str, ...], clients: int, seconds: float, cached: bool, timeout: float) -> WrkFigures:
    """wrk's figures for ``clients`` connections asking ``paths`` for ``seconds``, and the CPU wrk itself took."""
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as folder:
        lua = Path(folder) / "mix.lua"
        lua.write_text(script(paths, cached))
        load = ["-t", str(THREADS), "-c", str(clients), "-d", f"{seconds:g}s", "--timeout", f"{timeout:g}s"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        printed = subprocess.run(
            ["wrk", *load, "--latency", "-s", str(lua), f"http://127.0.0.1:{port}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return parsed(printed, cpu)


class WrkFigures:
    """What wrk printed: answers, errors, latency percentiles (ms), and its own CPU seconds."""

    def __init__(self, requests: int, errors: int, timeouts: int, percentiles: dict[int, float], cpu: float) -> None:
        self.requests, self.errors, self.timeouts = requests, errors, timeouts
        self.percentiles, self.cpu = percentiles, cpu


def parsed(printed: str, cpu: float) -> WrkFigures:
    """wrk's report read: requests, non-2xx answers and socket errors, timeouts apart."""
    requests = int(re.search(r"(\d+) requests in", printed).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", printed)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", printed)
    connect, read, write, timeouts = (int(n) for n in sockets.groups()) if sockets else (0, 0, 0, 0)
    percentiles = {int(p): float(value) * _UNITS[unit] for p, value, unit in _PERCENTILE.findall(printed)}
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + connect + read + write
    return WrkFigures(requests, errors, timeouts, percentiles, cpu)
