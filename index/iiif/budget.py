"""A memory budget for image renders: a render waits until its pixels fit, or is refused with 503.

A 9999 × 9999 page decoded whole is 300 MB in RGB; a hundred viewers asking
for it at once once took the server to 3.1 GB. Each render reserves the
bytes it will hold (the decoded page, the scaled copy, the JPEG) before it
starts, and gives them back when done; a render larger than the whole budget
runs alone. A render that cannot start within ``wait`` seconds is refused:
the viewer asks again, and the server stays within its memory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from index.i18n import N_
from index.iiif.errors import IiifError

#: Bytes of image renders one worker process holds at once. With the decoded pages kept (``CACHE_BYTES``) and the
#: process itself, two workers stay under 1 GB (``benchmarks/iiif_memory.py``).
RENDER_BYTES = 128 * 1024 * 1024
#: Seconds a render may wait for room before it is answered 503.
WAIT = 20.0


class RenderBudget:
    """Bytes reserved by the renders running now, at most ``total``; safe across the server's threads."""

    def __init__(self, total: int = RENDER_BYTES, wait: float = WAIT) -> None:
        self.total = total
        self.wait = wait
        self.used = 0
        self._room = threading.Condition()

    @contextmanager
    def reserved(self, cost: Callable[[], int]) -> Iterator[None]:
        """Hold ``cost()`` bytes (the whole budget at most) while the block runs; 503 if they are not free in time.

        The cost is asked again each time room is freed: a page another render has just decoded and kept costs less.
        """
        held = 0

        def fits() -> bool:
            nonlocal held
            held = min(cost(), self.total)
            return self.used + held <= self.total

        with self._room:
            if not self._room.wait_for(fits, timeout=self.wait):
                raise IiifError(N_("the server is busy drawing images: try again in a moment"), 503)
            self.used += held
        try:
            yield
        finally:
            with self._room:
                self.used -= held
                self._room.notify_all()
