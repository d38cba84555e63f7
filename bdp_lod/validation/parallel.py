"""Work spread over the machine's cores by forked processes, results back in order.

Forking lets the workers share the parent's compiled shapes, TERC register and records without
copying them; ``gc.freeze()`` before the fork keeps the workers' garbage collector from touching
(and so copying) the inherited objects (PERFORMANCE.md §4: 21.8 s against 26.3 s for 10k records
inside a 100k run). Where fork is missing (Windows, macOS by default) the work runs in-process.

The same holds for what piles up while the work runs: the results the parent keeps (100,000
records read) and the caches each worker keeps across its tasks. Collecting them again and again
cost the parent a third of its time when reading 100,000 records (5 of 15.7 s; 0.2 of 1.1 s at
10,000), so each side freezes what it holds after every task; the parent unfreezes at the end,
and any garbage frozen meanwhile is collected then.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

__all__ = ["available_workers", "ordered_map"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def available_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def _frozen() -> Iterator[None]:
    # No gc.collect() first: it walked the whole heap before every fork (about 1 s with 100,000
    # records held), and garbage frozen here is collected after `gc.unfreeze()` like any other.
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _FreezingAfter:
    """``fn``, then a freeze of what the worker process kept from it (picklable by reference)."""

    def __init__(self, fn: Callable[[_T], _R]) -> None:
        self.fn = fn

    def __call__(self, task: _T) -> _R:
        try:
            return self.fn(task)
        finally:
            gc.freeze()


def ordered_map(fn: Callable[[_T], _R], tasks: Iterable[_T], workers: int) -> Iterator[_R]:
    """``map(fn, tasks)`` in order, over ``workers`` forked processes when there are two or more.

    ``fn`` must be a module-level function; whatever it reads besides its task is what the
    parent held when this was called.
    """
    if workers < 2 or not _can_fork():
        yield from map(fn, tasks)
        return
    context = multiprocessing.get_context("fork")
    with _frozen(), context.Pool(workers) as pool:
        for result in pool.imap(_FreezingAfter(fn), tasks):
            yield result
            gc.freeze()
