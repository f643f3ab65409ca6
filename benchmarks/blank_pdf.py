"""Pages per second and peak memory of ``digitize run`` on scanned PDFs of blank pages, short and long.

Run from the project root:  .venv/bin/python -m benchmarks.blank_pdf [--pages 50 500] [--jobs 2] [--peer DIR]

A PDF of N blank A4 pages scanned at 300 DPI (one JPEG a page, as a scanner
writes them) is digitized into a new archive by ``digitize run``, in a
process of its own. Printed for each N: wall time, pages per second, and the
peak resident memory of the largest process of the run (main or worker).
Per-page time should not grow with the file's length, nor memory with it
much. ``--peer DIR`` runs the same files beside this checkout through the
code in DIR (another checkout's root, such as an export of ``main``), so a
change is measured before and after in one run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

#: Runs ``digitize`` from whatever code is first on the path, then prints the peak RSS of its largest process.
_RUN = """
import resource, sys
from pipelines.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
"""


def blank_pdf(path: Path, pages: int) -> Path:
    page = Image.new("L", (2480, 3508), 250)
    page.save(path, "PDF", save_all=True, append_images=[page] * (pages - 1), resolution=300.0)
    return path


def timed_run(pdf: Path, archive: Path, jobs: int, code: Path | None) -> tuple[float, float]:
    """Seconds and peak memory (MB) of ``digitize run`` on ``pdf``, with the code in ``code`` when given."""
    # Run outside any checkout, so that the code on PYTHONPATH is the code that runs.
    env = dict(os.environ, PYTHONPATH=str(code or Path(__file__).resolve().parents[1]))
    command = [sys.executable, "-c", _RUN, "run", str(pdf), "--collection", "bench", "--archive", str(archive)]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--jobs", str(jobs)], env=env, cwd=pdf.parent, capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - started
    if "1 documents and" not in done.stdout:
        raise RuntimeError(f"the run did not finish the document: {done.stdout}{done.stderr}")
    return seconds, int(done.stdout.split()[-1]) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--peer", type=Path, help="root of another checkout to run beside this one")
    args = parser.parse_args()
    runs = [("this checkout", None)] + ([(f"peer {args.peer}", args.peer.resolve())] if args.peer else [])
    print(f"digitize run, --jobs {args.jobs}, blank scanned A4 pages at 300 DPI (a shared machine: times are noisy)")
    print(f"{'code':<40} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as scratch:
        for pages in args.pages:
            pdf = blank_pdf(Path(scratch) / f"blank-{pages}.pdf", pages)
            for name, code in runs:
                archive = Path(tempfile.mkdtemp(dir=scratch))
                seconds, peak = timed_run(pdf, archive, args.jobs, code)
                print(f"{name:<40} {pages:>6} {seconds:>8.1f} {pages / seconds:>8.2f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
