"""One batch run's settings (``BatchSettings``, what a command is told) and its context (``RunContext``, the
settings with the open archive and executor), handed to each of its steps instead of a list of parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from digitize.ocr.options import DEFAULT_OPTIONS, OcrOptions
from pipelines.archive.catalog import Catalog
from pipelines.archive.catalog.connection import utc_now
from pipelines.archive.layout import Archive
from pipelines.archive.lock import writer_lock
from pipelines.archive.space import stop_when_full
from pipelines.batch.executors import Executor, executor_for


@dataclass(frozen=True)
class BatchSettings:
    """How a run works: how pages are read (``reading``), where they run (``executor``, ``local`` on ``jobs``
    processes or ``dask`` at ``scheduler``: see ``executors.executor_for``), whether each document's PDF is a
    PDF/A-2b file for deposit in a long-term archive (``pdfa``), and whether progress is shown."""

    reading: OcrOptions = DEFAULT_OPTIONS
    jobs: int = 1
    executor: str = "local"
    scheduler: str | None = None
    pdfa: bool = False
    show_progress: bool = True


DEFAULT_SETTINGS = BatchSettings()
#: What tests and benchmarks run with: no progress bar on a terminal that is not a person's.
QUIET = BatchSettings(show_progress=False)


@dataclass(frozen=True)
class RunContext:
    """Where a run writes (the archive and its open catalog), where its pages run, and its settings."""

    archive: Archive
    catalog: Catalog
    executor: Executor
    settings: BatchSettings = DEFAULT_SETTINGS

    @classmethod
    @contextmanager
    def open(
        cls,
        archive: Archive,
        settings: BatchSettings = DEFAULT_SETTINGS,
        executor: Executor | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> Iterator[RunContext]:
        """The context of a run into ``archive``, its catalog open (stamped by ``clock``) for the run's length, on
        the executor ``settings`` name unless one already running is given (a cluster shared by several runs).

        The archive's writer lock is held as long: a second run on it refuses at once (``ArchiveBusyError``).
        A full disk stops the run with one ``DiskFullError`` saying how much space the pages left need.
        """
        with (
            _executor(settings, executor) as page_executor,
            writer_lock(archive.root),
            Catalog(archive.catalog_path, clock) as catalog,
            stop_when_full(archive, catalog.pages.unfinished_count),
        ):
            yield cls(archive, catalog, page_executor, settings)


@contextmanager
def _executor(settings: BatchSettings, given: Executor | None) -> Iterator[Executor]:
    if given is not None:
        yield given
        return
    with executor_for(settings.executor, settings.jobs, settings.scheduler) as made:
        yield made
