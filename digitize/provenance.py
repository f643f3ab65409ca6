"""What was done to a page, stage by stage: tool, version, settings and time, as OCR-D records in METS.

``process_page`` is given a ``StageLog`` and runs each of its stages inside
``log.stage(...)``; the log keeps a ``StageRun`` per finished stage and names
the stage that was running when an error stopped the page, so the catalog can
say which stage failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from time import perf_counter


@dataclass(frozen=True)
class StageRun:
    """One stage's work on one page: ``parameters`` are the settings it ran with, not its findings."""

    stage: str
    tool: str
    version: str
    parameters: dict[str, object]
    seconds: float


@dataclass
class RunningStage:
    """A stage while it runs: its body may correct the tool and settings once it knows them (the library that
    turned out to read a file, the resolution it chose)."""

    tool: str
    version: str
    parameters: dict[str, object]


@dataclass
class StageLog:
    runs: list[StageRun] = field(default_factory=list)
    current: str | None = None

    @contextmanager
    def stage(self, name: str, tool: str, version: str, **parameters: object) -> Iterator[RunningStage]:
        """Time the body as stage ``name``; on an error ``current`` stays ``name``."""
        self.current = name
        started = perf_counter()
        running = RunningStage(tool, version, parameters)
        yield running
        seconds = round(perf_counter() - started, 4)
        self.runs.append(StageRun(name, running.tool, running.version, running.parameters, seconds))
        self.current = None


@cache
def package_version(distribution: str) -> str:
    """The installed version of ``distribution`` (``digitize``, ``pdfplumber``, …), or ``unknown``."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"
