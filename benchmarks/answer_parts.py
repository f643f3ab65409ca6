"""Where the search engine's CPU goes in one uncached answer of the reading room's mix, part by part.

Run from the project root:
  nice -n 10 .venv/bin/python -m benchmarks.answer_parts --keep DIR [--repeats 30]

``DIR`` is ``benchmarks.serve``'s index. Each of ``benchmarks.serve``'s
searches is answered ``--repeats`` times by ``index.search.search_documents``
as the reading room asks it, and the CPU of each step of
``index.search`` is counted in the thread that runs it (``time.thread_time``,
so the facets, counted in another thread while the pages are ranked, are
apart): the ranking (``first_documents``), the shown documents' pages read
and their snippets (``_document_hits``, of which ``snippet``), the facets
(``facet_counts``), and the fixed costs (opening, parsing). A step's figure
includes the steps it calls. The page view's two calls follow.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.web_layer import timed
from index import search

#: ``index.search``'s steps, as it calls them by name.
STEPS = ("open_index", "parse_query", "ranked", "first_documents", "_document_hits", "snippet", "facet_counts")
#: ``benchmarks.serve``'s searches as the reading room passes them on.
SEARCHES = {
    "chuyen doi so": ("chuyen doi so", {}),
    "thu vien, newest first": ("thu vien", {"sort": "date"}),
    "du lieu": ("du lieu", {}),
    '"cơ sở dữ liệu"': ('"cơ sở dữ liệu"', {}),
    "ho so, 2015-2020": ("ho so", {"year_from": 2015, "year_to": 2020}),
}


class StepClock:
    """CPU seconds of the calling thread inside each of ``index.search``'s steps, wrapped in place."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        for name in STEPS:
            setattr(search, name, timed(getattr(search, name), time.thread_time, functools.partial(self._add, name)))

    def _add(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, required=True, help="benchmarks.serve's folder (its index/)")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    directory, clock = args.keep / "index", StepClock()
    search.warm_up(directory)
    print(f"CPU ms an answer, {args.repeats} answers each; a step includes those it calls")
    print(f"{'':26}{'process':>9}{'main':>8}" + "".join(f"{name.strip('_')[:11]:>12}" for name in STEPS))
    for label, (query, options) in SEARCHES.items():
        search.search_documents(directory, query, **options)
        clock.seconds.clear()
        process, main_thread = time.process_time(), time.thread_time()
        for _ in range(args.repeats):
            search.search_documents(directory, query, **options)
        row = [time.process_time() - process, time.thread_time() - main_thread, *(clock.seconds[s] for s in STEPS)]
        print(
            f"{label:26}"
            + "".join(
                f"{seconds * 1000 / args.repeats:{w}.2f}"
                for seconds, w in zip(row, (9, 8, *[12] * len(STEPS)), strict=True)
            )
        )
    for label, call in (
        ("page view: read_page", lambda: search.read_page(directory, "d0000001", 1, "chuyen doi so")),
        ("page view: document_pages", lambda: search.document_pages(directory, "d0000001", "chuyen doi so")),
    ):
        call()
        start = time.process_time()
        for _ in range(args.repeats):
            call()
        print(f"{label:26}{(time.process_time() - start) * 1000 / args.repeats:9.2f}")


if __name__ == "__main__":
    main()
