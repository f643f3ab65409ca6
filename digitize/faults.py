"""Fault injection: a process killed at a named stage boundary, as ``kill -9`` or a power cut would kill it.

``DIGITIZE_FAULT=NAME`` makes the process SIGKILL itself the first time it
crosses the boundary ``NAME`` (``NAME@N``: the N-th time). Nothing is flushed
or cleaned up, so the fault-injection tests see exactly the state a real kill
leaves, and prove that the next run of the same command completes it.
Unset, a boundary costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV_VAR = "DIGITIZE_FAULT"

_crossed: Counter[str] = Counter()


def boundary(name: str) -> None:
    """Mark a stage boundary; the process dies here if ``DIGITIZE_FAULT`` names it (and this crossing)."""
    wanted = os.environ.get(ENV_VAR)
    if not wanted:
        return
    target, _, nth = wanted.partition("@")
    if target != name:
        return
    _crossed[name] += 1
    if _crossed[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
