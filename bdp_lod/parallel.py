"""Work spread over the machine's cores by forked processes, results back in order.

Forking lets the workers share the parent's compiled shapes, TERC register and records without
copying them; ``gc.freeze()`` before the fork keeps the workers' garbage collector from touching
(and so copying) the inherited objects (docs/performance.md §4: 21.8 s against 26.3 s for 10k
records inside a 100k run). Where fork is missing (Windows, macOS by default) the work runs
in-process.

The same holds for what piles up while the work runs: the results the parent keeps (100,000
records read) and the caches each worker keeps across its tasks. Collecting them again and again
cost the parent a third of its time when reading 100,000 records (5 of 15.7 s; 0.2 of 1.1 s at
10,000), so each side freezes what it holds after every task; the parent unfreezes at the end,
and any garbage frozen meanwhile is collected then.

A pool never hangs and is never killed mid-work:

* workers put SIGTERM back to its default and ignore SIGINT: a command's own SIGTERM handler
  (``publish`` turns SIGTERM into SystemExit to remove its working folder) must not run inside
  a worker, where it unwound a worker holding the task queue's lock and left its siblings and
  the parent waiting for ever; Ctrl-C reaches the parent, which stops handing out work;
* at most `WINDOW` tasks per worker are handed out ahead of the results, so stopping early
  leaves little to finish;
* however the consumer stops (all results taken, an exception, an abandoned generator), the
  pool is shut down by draining: tasks not started are cancelled, those running finish, every
  worker exits on its own and is joined; nothing is terminated;
* a worker that dies (killed, out of memory) fails the run with `BrokenProcessPool` instead of
  leaving its task's result awaited for ever (what `multiprocessing.Pool` does);
* fewer than two tasks, or one worker, run in-process: no fork for a small input.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import chain, islice
from typing import Callable, Generic, Iterable, Iterator, TypeVar

__all__ = ["WINDOW", "available_workers", "ordered_map"]

_T = TypeVar("_T")
_R = TypeVar("_R")

WINDOW = 2
"""Tasks handed out per worker ahead of the results: one running, one waiting, so no worker
idles while the parent takes a result."""


def available_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _worker_signals() -> None:
    """Run first in every worker (see the module's docstring)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _frozen() -> Iterator[None]:
    # No gc.collect() first: it walked the whole heap before every fork (about 1 s with 100,000
    # records held), and garbage frozen here is collected after `gc.unfreeze()` like any other.
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _FreezingAfter(Generic[_T, _R]):
    """``fn``, then a freeze of what the worker process kept from it (picklable by reference)."""

    def __init__(self, fn: Callable[[_T], _R]) -> None:
        self.fn = fn

    def __call__(self, task: _T) -> _R:
        try:
            return self.fn(task)
        finally:
            gc.freeze()


def ordered_map(fn: Callable[[_T], _R], tasks: Iterable[_T], workers: int) -> Iterator[_R]:
    """``map(fn, tasks)`` in order, over ``workers`` forked processes when there are two or more
    workers and tasks.

    ``fn`` must be a module-level function; whatever it reads besides its task is what the
    parent held when this was called. ``tasks`` is consumed lazily, as workers become free. A
    task's exception is raised in the parent, once the pool is drained.
    """
    pending = iter(tasks)
    first = list(islice(pending, 2))
    if workers < 2 or len(first) < 2 or not _can_fork():
        yield from map(fn, chain(first, pending))
        return
    call = _FreezingAfter(fn)
    with _frozen():
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_signals)
        try:
            running: deque[Future[_R]] = deque()
            queue = chain(first, pending)
            running.extend(pool.submit(call, task) for task in islice(queue, workers * WINDOW))
            while running:
                result = running.popleft().result()
                running.extend(pool.submit(call, task) for task in islice(queue, 1))
                yield result
                gc.freeze()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
