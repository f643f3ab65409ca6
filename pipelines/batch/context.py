"""One batch run's context, handed to each of its steps instead of a list of parameters."""

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
from pipelines.batch.executors import Executor, LocalExecutor


@dataclass(frozen=True)
class RunContext:
    """Where a run writes (the archive and its open catalog), how pages are read, where they run, what it shows.

    ``pdfa`` makes each document's PDF a PDF/A-2b file, for deposit in a long-term archive.
    """

    archive: Archive
    catalog: Catalog
    executor: Executor
    options: OcrOptions = DEFAULT_OPTIONS
    pdfa: bool = False
    show_progress: bool = True

    @classmethod
    @contextmanager
    def open(
        cls,
        archive: Archive,
        executor: Executor | None = None,
        options: OcrOptions = DEFAULT_OPTIONS,
        pdfa: bool = False,
        show_progress: bool = True,
        clock: Callable[[], datetime] = utc_now,
    ) -> Iterator[RunContext]:
        """The context of a run into ``archive``, its catalog open (stamped by ``clock``) for the run's length.

        The archive's writer lock is held as long: a second run on it refuses at once (``ArchiveBusyError``).
        A full disk stops the run with one ``DiskFullError`` saying how much space the pages left need.
        """
        with (
            writer_lock(archive.root),
            Catalog(archive.catalog_path, clock) as catalog,
            stop_when_full(archive, catalog.pages.unfinished_count, lambda: len(catalog.documents.all("pending"))),
        ):
            yield cls(archive, catalog, executor or LocalExecutor(), options, pdfa, show_progress)
