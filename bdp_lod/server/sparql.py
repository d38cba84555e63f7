"""The SPARQL 1.1 Protocol query endpoint of ``serve``: an in-memory pyoxigraph store loaded
from the folder's dump, catalog and VoID; read-only; results in the formats the client accepts.

A query runs in a worker thread and is given up after the timeout with a clear error; pyoxigraph
cannot cancel a running query, so the thread finishes in the background while the server keeps
answering others (docs/site.md says so).
"""

from __future__ import annotations

import queue
import threading
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


class QueryFailed(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class QueryTimedOut(Exception):
    pass


class SparqlEndpoint:
    def __init__(self, store: ox.Store, timeout: float) -> None:
        self.store = store
        self.timeout = timeout

    @classmethod
    def of_folder(cls, folder: Path, *, timeout: float = 10.0) -> SparqlEndpoint:
        store = ox.Store()
        for name, fmt in STORE_FILES.items():
            if (folder / name).is_file():
                try:
                    store.bulk_load(path=str(folder / name), format=fmt)
                except (SyntaxError, ValueError, OSError) as exc:
                    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    raise InputError(f"cannot load into the SPARQL store: {first}", file=str(folder / name),
                                     pl=f"nie można wczytać do magazynu SPARQL: {first}") from None
        return cls(store, timeout)

    def run(self, query: str, accept: str | None) -> tuple[bytes, str]:
        """The serialised result and its media type."""
        answer: queue.Queue[tuple[bytes, str] | BaseException] = queue.Queue(maxsize=1)

        def work() -> None:
            try:
                answer.put(self._evaluate(query, accept))
            except BaseException as exc:  # handed to the request thread, which reports it
                answer.put(exc)

        threading.Thread(target=work, daemon=True).start()
        try:
            result = answer.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimedOut(f"the query ran past the {self.timeout:g} s timeout and was given up") from None
        if isinstance(result, BaseException):
            raise result
        return result

    def _evaluate(self, query: str, accept: str | None) -> tuple[bytes, str]:
        try:
            result = self.store.query(query)
        except SyntaxError as exc:
            raise QueryFailed(f"malformed query: {exc}") from None
        # Nothing acceptable gets the protocol's usual default (as Fuseki and Oxigraph answer):
        # clients such as rdflib's SPARQLStore ask for results JSON whatever the query form.
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(_GRAPHS)) or "text/turtle"
            return result.serialize(format=_GRAPHS[media]) or b"", media
        media = negotiate(accept, list(_RESULTS)) or "application/sparql-results+json"
        return result.serialize(format=_RESULTS[media]) or b"", media
