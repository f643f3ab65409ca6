"""The HTML progress report's cost: its first render (imports included), then each render, and its size.

Run from the project root:  .venv/bin/python benchmarks/report.py [--collections 3] [--peer TREE]

A catalog of collections is made in a temporary folder (a baseline 13 weeks
back, a record a week since, two targets each) and ``digitize report --format
html`` is rendered from it in this process. With ``--peer TREE`` (another
checkout of the project, say ``git archive 2f6e3b2 | tar -x -C TREE``, the
report drawn with matplotlib) the same is measured in a process that imports
TREE's code, and the two are printed side by side. It is run as a file, not
``-m``, so the peer's tree needs no copy of it; this tree's code is the one installed (``make setup``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2026, 12, 7)
RENDERS = 5


def make_catalog(folder: Path, collections: int) -> Path:
    from pipelines.archive.catalog import Baseline, Catalog, Collection, OutsideRecord, Target

    path = folder / "catalog.sqlite"
    start = AS_OF - timedelta(weeks=13)
    with Catalog(path) as catalog:
        for i in range(collections):
            name = f"Bộ sưu tập {i + 1}"
            targets = (Target(50, date(2027, 6, 30)), Target(75, date(2028, 12, 31)))
            catalog.collections.save(Collection(name, 4820 + 1000 * i, targets, baseline=Baseline(1205, start)))
            for week in range(1, 14):
                day = start + timedelta(weeks=week)
                catalog.collections.add_outside_record(name, OutsideRecord(day, 20 + (7 * week + i) % 23))
    return path


def measure(collections: int) -> dict:
    from pipelines.archive.catalog import Catalog
    from pipelines.collections.progress import progress_report
    from pipelines.collections.report import render

    with tempfile.TemporaryDirectory() as folder:
        catalog = Catalog(make_catalog(Path(folder), collections), read_only=True)
        with catalog:
            report = progress_report(catalog, AS_OF)
    began = time.perf_counter()
    page = render(report, "html", "vi")  # the first render imports what draws the charts
    first = time.perf_counter() - began
    times = []
    for _ in range(RENDERS):
        began = time.perf_counter()
        render(report, "html", "vi")
        times.append(time.perf_counter() - began)
    return {
        "first_s": first,
        "median_ms": statistics.median(times) * 1000,
        "bytes": len(page.encode()),
        "matplotlib": "matplotlib" in sys.modules,
    }


def line(name: str, figures: dict) -> str:
    return (
        f"{name:<28} first render {figures['first_s']:5.2f} s  then {figures['median_ms']:7.0f} ms a render  "
        f"{figures['bytes']:>9,} bytes  matplotlib loaded: {'yes' if figures['matplotlib'] else 'no'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", type=int, default=3)
    parser.add_argument("--peer", type=Path, help="another checkout of the project, measured beside this one")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # how a peer's process answers
    args = parser.parse_args()
    figures = measure(args.collections)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"HTML report, {args.collections} collections, {RENDERS} renders after the first:")
    if args.peer:
        env = {**os.environ, "PYTHONPATH": str(args.peer.resolve())}
        command = [sys.executable, __file__, "--collections", str(args.collections), "--json"]
        answer = subprocess.run(command, env=env, capture_output=True, text=True, check=True, cwd=args.peer)
        print(line(f"peer ({args.peer.name})", json.loads(answer.stdout)))
    print(line("this tree", figures))


if __name__ == "__main__":
    main()
