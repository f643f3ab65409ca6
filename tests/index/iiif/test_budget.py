"""Renders share a memory budget: one that does not fit waits for room, and is refused with 503 after a while."""

import threading
import time

import pytest

from index.iiif.budget import RenderBudget
from index.iiif.errors import IiifError


def test_a_render_waits_until_the_one_before_gives_its_bytes_back():
    budget, order = RenderBudget(total=100, wait=5), []
    first_started = threading.Event()

    def first() -> None:
        with budget.reserved(lambda: 80):
            first_started.set()
            time.sleep(0.2)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    first_started.wait()
    with budget.reserved(lambda: 50):
        order.append("second started")
    thread.join()
    assert order == ["first done", "second started"] and budget.used == 0


def test_a_render_that_finds_no_room_in_time_is_refused_with_503():
    budget = RenderBudget(total=100, wait=0.05)
    with budget.reserved(lambda: 100), pytest.raises(IiifError) as refused, budget.reserved(lambda: 1):
        pass
    assert refused.value.status == 503 and budget.used == 0


def test_a_render_larger_than_the_budget_runs_alone():
    budget = RenderBudget(total=100, wait=0.05)
    with budget.reserved(lambda: 10**9):
        assert budget.used == 100
