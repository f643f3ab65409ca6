"""Where page work runs: in this process, in a pool of local worker processes, or on a Dask cluster.

An executor takes a function and its tasks and yields the results as they
finish, never holding more than a few tasks per worker in flight, so a batch of
thousands of pages neither floods memory nor delays the first results. The
batch's main process consumes the results and alone writes the catalog.

A task whose worker process dies (out of memory, a crash in a library) becomes
``lost(task, reason)``: the page fails with that reason and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Protocol, TypeVar

from digitize.errors import ExecutorError

if TYPE_CHECKING:
    from distributed import Client
    from distributed import Future as DaskFuture

Task = TypeVar("Task")
Result = TypeVar("Result")
Submitted = TypeVar("Submitted")

#: Tasks queued per worker: enough to keep it busy between two results.
IN_FLIGHT_PER_WORKER = 2
#: Names accepted by ``executor_for`` (and the CLI's ``--executor``).
EXECUTORS = ("local", "dask")
#: Seconds to wait for a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT_S = 10


class Executor(Protocol):
    def run(
        self, work: Callable[[Task], Result], tasks: Iterable[Task], lost: Callable[[Task, str], Result]
    ) -> Iterator[Result]:
        """``work(task)`` for each task, yielded in the order they finish; ``lost(task, reason)`` if its worker died."""
        ...


def limit_engine_threads() -> None:
    """Tesseract's OpenMP threads fight each other when workers already fill the cores: 1.9 s a page instead of 10."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


class LocalExecutor:
    """``jobs`` worker processes on this machine; one job runs in this process.

    A dead worker breaks the whole process pool, and which of the tasks in
    flight killed it is unknown: they are all lost, and the rest go on in a new pool.
    """

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs

    def run(
        self, work: Callable[[Task], Result], tasks: Iterable[Task], lost: Callable[[Task, str], Result]
    ) -> Iterator[Result]:
        # Tasks are taken one at a time, as workers get free: a caller may mark each as started.
        pending = iter(tasks)
        first = list(islice(pending, 2))
        if self.jobs <= 1 or len(first) <= 1:
            yield from map(work, chain(first, pending))
            return
        pending = chain(first, pending)
        limit = self.jobs * IN_FLIGHT_PER_WORKER
        while True:  # a pool per stretch between two worker deaths
            broken = False
            with ProcessPoolExecutor(max_workers=self.jobs, initializer=limit_engine_threads) as pool:
                submit = partial(_submit_to_pool, pool, work)
                in_flight: dict[Future[Result], Task] = {}
                _top_up(submit, pending, in_flight, limit)
                while in_flight:
                    finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in finished:
                        task = in_flight.pop(future)
                        try:
                            result = future.result()
                        except BrokenProcessPool:
                            broken = True
                            result = lost(task, "a worker process died while this page was in flight (out of memory?)")
                        yield result
                    if not broken:
                        _top_up(submit, pending, in_flight, limit)
            if not broken:
                return


def _submit_to_pool(pool: ProcessPoolExecutor, work: Callable[[Task], Result], task: Task) -> Future[Result]:
    """A task submitted just after a worker died fails like the tasks then in flight, rather than vanishing."""
    try:
        return pool.submit(work, task)
    except BrokenProcessPool as error:
        failed: Future[Result] = Future()
        failed.set_exception(error)
        return failed


class DaskExecutor:
    """Tasks on the workers of a Dask cluster, about two per worker thread in flight.

    Workers read the sources and write the pages' files themselves, so they
    need the digitize package, Tesseract, and the sources and the archive at
    the same absolute paths as here (a shared filesystem); only the small
    results come back. A task whose worker dies is retried on another worker
    up to the scheduler's ``allowed-failures`` (3 by default), then lost.
    """

    def __init__(self, client: Client) -> None:
        self.client = client

    def run(
        self, work: Callable[[Task], Result], tasks: Iterable[Task], lost: Callable[[Task, str], Result]
    ) -> Iterator[Result]:
        from distributed import KilledWorker, as_completed

        threads = sum(self.client.nthreads().values())
        limit = max(threads, 1) * IN_FLIGHT_PER_WORKER
        pending = iter(tasks)
        in_flight: dict[DaskFuture, Task] = {}

        def submit(task: Task) -> DaskFuture:
            return self.client.submit(_with_engine_threads_limited, work, task, pure=False)

        finished = as_completed(_top_up(submit, pending, in_flight, limit), loop=self.client.loop)
        for future in finished:
            task = in_flight.pop(future)
            try:
                result = future.result()
            except KilledWorker:
                result = lost(task, "its worker process died on every try (out of memory?)")
            except CancelledError as error:
                reason = "lost the scheduler; the pages recorded so far are kept, run again to resume"
                raise ExecutorError(self.client.scheduler.address, reason) from error
            yield result
            finished.update(_top_up(submit, pending, in_flight, limit))


def _with_engine_threads_limited(work: Callable[[Task], Result], task: Task) -> Result:
    """Worker side on a cluster, whose worker processes this project does not start."""
    limit_engine_threads()
    return work(task)


def _top_up(
    submit: Callable[[Task], Submitted], pending: Iterator[Task], in_flight: dict[Submitted, Task], limit: int
) -> list[Submitted]:
    """Submit tasks until ``limit`` are in flight; the new futures, each mapped to its task in ``in_flight``."""
    added: list[Submitted] = []
    while len(in_flight) < limit:
        task = next(pending, None)
        if task is None:
            break
        future = submit(task)
        in_flight[future] = task
        added.append(future)
    return added


@contextmanager
def executor_for(name: str, jobs: int = 1, scheduler: str | None = None) -> Iterator[Executor]:
    """The executor called ``name`` for the length of a run.

    ``local`` is ``jobs`` processes here; ``dask`` is the cluster whose
    scheduler listens at ``scheduler`` (``tcp://host:8786``), or without one a
    cluster of ``jobs`` worker processes started here for the run, to try it out.
    """
    if name == "local":
        yield LocalExecutor(jobs)
    elif name == "dask":
        with _dask_client(scheduler, jobs) as client:
            yield DaskExecutor(client)
    else:
        raise ValueError(f"unknown executor {name!r}; known: {', '.join(EXECUTORS)}")


@contextmanager
def _dask_client(scheduler: str | None, jobs: int) -> Iterator[Client]:
    # Imported here: distributed is an extra (digitize[dask]), takes a second to import, and most runs are local.
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ExecutorError(
            scheduler, f"--executor dask needs Dask, which is not installed ({error}): pip install 'digitize[dask]'"
        ) from error

    if scheduler is None:
        with (
            LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its status page: any free port
            ) as cluster,
            Client(cluster, set_as_default=False) as client,
        ):
            yield client
        return
    _check_reachable(scheduler)
    # The client logs each failed reconnection with a traceback; what matters reaches the run as one error.
    logging.getLogger("distributed.client").setLevel(logging.CRITICAL)
    try:
        client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT_S}s", set_as_default=False)
    except OSError as error:
        raise ExecutorError(scheduler, f"not a Dask scheduler, or it did not answer: {error}") from error
    with client:
        yield client


def _check_reachable(scheduler: str) -> None:
    """One plain connection first: a wrong address fails at once with the system's reason, not a Dask traceback."""
    from distributed.comm import get_address_host_port

    try:
        host, port = get_address_host_port(scheduler)
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()
    except ValueError as error:
        raise ExecutorError(scheduler, f"not a scheduler address such as tcp://host:8786 ({error})") from error
    except OSError as error:
        raise ExecutorError(scheduler, f"cannot reach the Dask scheduler: {error.strerror or error}") from error
