"""`bdp_lod.parallel.ordered_map`: results in order, and a pool that never hangs.

The hang these tests guard against: a command's SIGTERM handler (``publish`` raises SystemExit
on SIGTERM to remove its working folder) was inherited by forked workers, and the SIGTERM that
``Pool.terminate()`` sends unwound a worker holding the task queue's lock, leaving its siblings
and the parent waiting for ever. Workers now reset their signal handlers, and the pool is always
drained and joined, never terminated.
"""

from __future__ import annotations

import os
import signal
import time
from types import FrameType
from typing import Iterator

import multiprocessing
import pytest

from bdp_lod import parallel
from bdp_lod.parallel import ordered_map

pytestmark = pytest.mark.timeout(60)


def square(n: int) -> int:
    return n * n


def pid_of(_: int) -> int:
    return os.getpid()


def slow_square(n: int) -> int:
    time.sleep(0.02)
    return n * n


def fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def sigterm_handler_of(_: int) -> str:
    return repr(signal.getsignal(signal.SIGTERM))


def _children() -> list[multiprocessing.process.BaseProcess]:
    return multiprocessing.active_children()


@pytest.fixture
def sigterm_raises_system_exit() -> Iterator[None]:
    """The parent as ``bdp-lod publish`` sets it up."""
    def terminate(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_results_come_back_in_the_order_of_the_tasks_whatever_the_workers() -> None:
    assert list(ordered_map(slow_square, range(40), 2)) == [n * n for n in range(40)]
    assert list(ordered_map(slow_square, range(40), 1)) == [n * n for n in range(40)]


def test_tasks_are_taken_lazily_from_a_generator() -> None:
    taken: list[int] = []

    def tasks() -> Iterator[int]:
        for n in range(100):
            taken.append(n)
            yield n

    results = ordered_map(square, tasks(), 2)
    assert next(results) == 0
    assert len(taken) <= 2 * parallel.WINDOW + 2  # not all 100 handed out ahead of the results
    results.close()


def test_a_small_input_never_forks() -> None:
    assert list(ordered_map(pid_of, [1], 2)) == [os.getpid()]
    assert list(ordered_map(pid_of, [1, 2], 1)) == [os.getpid(), os.getpid()]
    assert set(ordered_map(pid_of, [1, 2, 3], 2)) & {os.getpid()} == set()


def test_workers_put_sigterm_back_to_its_default(sigterm_raises_system_exit: None) -> None:
    handlers = set(ordered_map(sigterm_handler_of, range(6), 2))
    assert handlers == {repr(signal.SIG_DFL)}


def test_a_consumer_that_stops_early_leaves_no_process_behind(sigterm_raises_system_exit: None) -> None:
    for _ in range(20):
        results = ordered_map(slow_square, range(50), 2)
        assert [next(results) for _ in range(3)] == [0, 1, 4]
        results.close()
        assert _children() == []


def test_a_consumer_that_raises_drains_the_pool(sigterm_raises_system_exit: None) -> None:
    with pytest.raises(KeyError):
        for result in ordered_map(slow_square, range(50), 2):
            if result == 9:
                raise KeyError(result)
    assert _children() == []


def test_a_worker_exception_reaches_the_parent_as_itself_after_the_pool_is_joined() -> None:
    with pytest.raises(ValueError, match="three"):
        list(ordered_map(fail_on_three, range(20), 2))
    assert _children() == []


def test_a_worker_that_dies_fails_the_run_instead_of_hanging() -> None:
    from concurrent.futures.process import BrokenProcessPool

    with pytest.raises(BrokenProcessPool):
        list(ordered_map(os._exit, [0, 0, 0, 0], 2))
    assert _children() == []
