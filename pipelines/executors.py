"""Where page work runs: in this process, in a pool of local worker processes, or on a cluster.

An executor takes a function and its tasks and yields the results as they
finish, never holding more than a few tasks per worker in flight, so a batch of
thousands of pages neither floods memory nor delays the first results. The
batch's main process consumes the results and alone writes the catalog.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Protocol, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")

#: Tasks queued per worker: enough to keep it busy between two results.
IN_FLIGHT_PER_WORKER = 2


class Executor(Protocol):
    def run(self, work: Callable[[Task], Result], tasks: Iterable[Task]) -> Iterator[Result]:
        """``work(task)`` for every task, yielded in the order they finish."""
        ...


def limit_engine_threads() -> None:
    """Tesseract's OpenMP threads fight each other when workers already fill the cores: 1.9 s a page instead of 10."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


class LocalExecutor:
    """``jobs`` worker processes on this machine; one job runs in this process."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs

    def run(self, work: Callable[[Task], Result], tasks: Iterable[Task]) -> Iterator[Result]:
        tasks = list(tasks)
        if self.jobs <= 1 or len(tasks) <= 1:
            yield from map(work, tasks)
            return
        pending = iter(tasks)
        with ProcessPoolExecutor(max_workers=self.jobs, initializer=limit_engine_threads) as pool:
            in_flight: set[Future[Result]] = set()
            limit = self.jobs * IN_FLIGHT_PER_WORKER
            _submit(pool, work, pending, in_flight, limit)
            while in_flight:
                finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
                _submit(pool, work, pending, in_flight, limit)


def _submit(
    pool: ProcessPoolExecutor,
    work: Callable[[Task], Result],
    pending: Iterator[Task],
    in_flight: set[Future[Result]],
    limit: int,
) -> None:
    while len(in_flight) < limit:
        task = next(pending, None)
        if task is None:
            return
        in_flight.add(pool.submit(work, task))
