"""The SPARQL 1.1 Protocol query endpoint of ``serve``: a pyoxigraph store loaded from the folder's
dump, catalog and VoID; read-only; results in the formats the client accepts; a timeout that stops.

pyoxigraph evaluates a query in Rust without ever returning to Python, so nothing in the serving
process can interrupt it: a thread that gives up waiting leaves the query burning a core, and a
few such queries take the machine. The one thing that stops it is ending the process it runs in.
So the files are loaded once into an on-disk store in a temporary directory, and a small pool of
worker processes (spawned, never forked from the threaded server) each open it read-only. A
request hands its query to a free worker over a pipe and waits up to the timeout; past it the
worker is terminated (then killed), a fresh one takes its place, and the request gets
`QueryTimedOut`. A request that finds every worker busy waits for one within the same timeout.
`SparqlEndpoint.close` stops the workers and removes the store.

Spawning runs the caller's main module again in each worker, so a script that starts a server must
do so under ``if __name__ == "__main__":`` (multiprocessing's rule; ``bdp-lod serve`` does).
"""

from __future__ import annotations

import multiprocessing
import queue
import shutil
import signal
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from .negotiation import negotiate

__all__ = ["QueryFailed", "QueryTimedOut", "SparqlEndpoint", "STORE_FILES"]

STORE_FILES = {"bdp.nt": ox.RdfFormat.N_TRIPLES, "catalog.ttl": ox.RdfFormat.TURTLE, "void.ttl": ox.RdfFormat.TURTLE}
_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# Spawn, not fork: forking a process that runs threads copies locks held by other threads.
_CONTEXT = multiprocessing.get_context("spawn")
_STARTUP = 60.0  # seconds a worker of the first pool may take to open the store
_GRACE = 1.0  # seconds a terminated worker gets before it is killed


class QueryFailed(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class QueryTimedOut(Exception):
    pass


# --- what a worker says over its pipe -----------------------------------------------------------

@dataclass(frozen=True)
class _Ready:
    """The store is open: the worker takes queries (its first message, and only then)."""


@dataclass(frozen=True)
class _Broken:
    """The store could not be opened: the worker has ended."""
    message: str


@dataclass(frozen=True)
class _Answer:
    body: bytes
    media: str


@dataclass(frozen=True)
class _Failure:
    status: int
    message: str




def _work(store_path: str, conn: Connection) -> None:
    """A worker's life: open the store read-only, then answer (query, accept) pairs until the
    server closes its end of the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server decides
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(_Broken(str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        return
    conn.send(_Ready())
    while True:
        try:
            query, accept = conn.recv()
        except EOFError:
            return
        conn.send(_evaluate(store, query, accept))


def _evaluate(store: ox.Store, query: str, accept: str | None) -> _Answer | _Failure:
    try:
        result = store.query(query)
        # Nothing acceptable gets the protocol's usual default (as Fuseki and Oxigraph answer):
        # clients such as rdflib's SPARQLStore ask for results JSON whatever the query form.
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(_GRAPHS)) or "text/turtle"
            return _Answer(result.serialize(format=_GRAPHS[media]) or b"", media)
        media = negotiate(accept, list(_RESULTS)) or "application/sparql-results+json"
        return _Answer(result.serialize(format=_RESULTS[media]) or b"", media)
    except SyntaxError as exc:
        return _Failure(400, f"malformed query: {exc}")
    except Exception as exc:  # evaluation errors (e.g. a SERVICE call) are the query's, reported as such
        return _Failure(500, f"the query failed: {exc}")


# --- the parent's side ------------------------------------------------------------------------

class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, store_path: str) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(target=_work, args=(store_path, child), daemon=True,
                                                     name="bdp-lod-sparql")
        self.process.start()
        child.close()  # the parent keeps only its end, so the worker's death reads as EOF here

    @property
    def pid(self) -> int:
        assert self.process.pid is not None  # started in __init__
        return self.process.pid

    def ask(self, query: str, accept: str | None, deadline: float) -> _Answer | _Failure | None:
        """The worker's reply, or None when the deadline passed first."""
        self.conn.send((query, accept))
        if not self.conn.poll(max(0.0, deadline - time.monotonic())):
            return None
        reply: _Answer | _Failure = self.conn.recv()
        return reply

    def started(self, deadline: float) -> str | None:
        """None once the worker has opened the store; why not, when it could not by ``deadline``."""
        try:
            if not self.conn.poll(max(0.0, deadline - time.monotonic())):
                return "the worker did not start in time"
            reply: _Ready | _Broken = self.conn.recv()
        except (EOFError, OSError):  # it ended, or close() stopped it meanwhile
            # Most often: spawn re-runs the main module in the worker, and it started a server too
            return ("the worker ended at start (a script that starts the server must keep that code "
                    "under `if __name__ == \"__main__\":`, as multiprocessing requires)")
        return reply.message if isinstance(reply, _Broken) else None

    def stop(self) -> None:
        """End the process, whatever it is doing: terminate, then kill, and reap it."""
        self.conn.close()
        self.process.terminate()
        self.process.join(_GRACE)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _shutdown(workers: set[_Worker], lock: threading.Lock, store_path: Path) -> None:
    """Stop every worker, then remove the store (also at interpreter exit, should close be missed)."""
    with lock:
        stopping = list(workers)
        workers.clear()
    for worker in stopping:
        worker.stop()
    shutil.rmtree(store_path, ignore_errors=True)


class SparqlEndpoint:
    """A pool of worker processes over one read-only on-disk store; `run` answers one query."""

    def __init__(self, store_path: Path, timeout: float, *, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError("a SPARQL endpoint needs at least one worker")
        self.store_path = store_path
        self.timeout = timeout
        self._lock = threading.Lock()
        self._closed = False
        self._workers: set[_Worker] = set()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._finalizer = weakref.finalize(self, _shutdown, self._workers, self._lock, store_path)
        pool = [self._spawn() for _ in range(workers)]
        deadline = time.monotonic() + _STARTUP
        problems = [problem for problem in (worker.started(deadline) for worker in pool) if problem]
        if problems:
            self.close()
            raise InputError(f"cannot open the SPARQL store: {problems[0]}", file=str(store_path),
                             pl=f"nie można otworzyć magazynu SPARQL: {problems[0]}")
        for worker in pool:
            self._idle.put(worker)

    @classmethod
    def of_folder(cls, folder: Path, *, timeout: float = 10.0, workers: int = 2) -> SparqlEndpoint:
        """The folder's `STORE_FILES` loaded once into a store in a new temporary directory, which
        `close` removes."""
        store_path = Path(tempfile.mkdtemp(prefix="bdp-lod-sparql-"))
        try:
            _load(folder, store_path)
        except BaseException:
            shutil.rmtree(store_path, ignore_errors=True)
            raise
        return cls(store_path, timeout, workers=workers)

    @property
    def pids(self) -> frozenset[int]:
        """The worker processes' ids, busy or idle."""
        with self._lock:
            return frozenset(worker.pid for worker in self._workers)

    def run(self, query: str, accept: str | None) -> tuple[bytes, str]:
        """The serialised result and its media type."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimedOut(f"no SPARQL worker was free within the {self.timeout:g} s timeout; "
                                "try again later") from None
        try:
            reply = worker.ask(query, accept, deadline)
        except (EOFError, OSError):  # the worker died under the query, or close() ended it
            closing = self._closed
            self._replace(worker)
            if closing:
                raise QueryFailed("the SPARQL endpoint is closing", 503) from None
            raise QueryFailed("the query ended its worker process", 500) from None
        if reply is None:
            self._replace(worker)
            raise QueryTimedOut(f"the query ran past the {self.timeout:g} s timeout and was stopped")
        self._idle.put(worker)
        if isinstance(reply, _Failure):
            raise QueryFailed(reply.message, reply.status)
        return reply.body, reply.media

    def close(self) -> None:
        """Stop the workers and remove the store; queries after this fail with 503."""
        with self._lock:
            self._closed = True
        self._finalizer()

    def _spawn(self) -> _Worker:
        worker = _Worker(str(self.store_path))
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Stop ``worker`` and start a fresh one, unless the endpoint is closing (checked under the
        lock that `close` takes, so no worker outlives it)."""
        with self._lock:
            self._workers.discard(worker)
        worker.stop()
        with self._lock:
            if self._closed:
                return
            fresh = _Worker(str(self.store_path))
            self._workers.add(fresh)
        threading.Thread(target=self._welcome, args=(fresh,), daemon=True, name="bdp-lod-sparql-start").start()

    def _welcome(self, worker: _Worker) -> None:
        """Join ``worker`` to the pool once it has opened the store, so that its start-up never
        counts against a query's timeout; one that cannot open it is dropped (requests then wait
        for the others, within their timeout)."""
        if worker.started(time.monotonic() + _STARTUP) is None:
            self._idle.put(worker)
            return
        with self._lock:
            self._workers.discard(worker)
        worker.stop()


def _load(folder: Path, store_path: Path) -> None:
    """Bulk-load the folder's files into a new store at ``store_path`` and close it, so that the
    workers may open it read-only (pyoxigraph forbids a reader beside a writer)."""
    store = ox.Store(str(store_path))
    for name, fmt in STORE_FILES.items():
        if (folder / name).is_file():
            try:
                store.bulk_load(path=str(folder / name), format=fmt)
            except (SyntaxError, ValueError, OSError) as exc:
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise InputError(f"cannot load into the SPARQL store: {first}", file=str(folder / name),
                                 pl=f"nie można wczytać do magazynu SPARQL: {first}") from None
    store.flush()
    del store  # the last reference: pyoxigraph closes the database when the store is dropped
