"""``push``: load a dump or a published folder into a triple store, then check what it holds.

The upload goes through the SPARQL 1.1 Graph Store HTTP Protocol, so any conforming store
(Oxigraph, Fuseki, GraphDB …) will do. Every file is parsed and checksummed before the first
request, so a bad input never half-replaces a graph; afterwards the store is asked, through
SPARQL, how many triples each graph holds, because a ``2xx`` only says the store took the bytes.
See ``docs/push.md`` for the choices behind the defaults.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
import requests

from ..errors import StoreError
from ..findings import Message
from .client import Credentials, GraphStore, RetryPolicy, check_graph_iri
from .marker import MARKER_TRIPLES, Marker, folder_marker
from .sources import DumpSource, PublishedFolder, Upload, folder_uploads, plan_uploads

__all__ = ["Credentials", "GraphCount", "PushResult", "RetryPolicy", "SentFile", "push"]


@dataclass(frozen=True)
class SentFile:
    """One file the store accepted."""

    file: str
    graph: str | None
    """None: the store's default graph."""
    method: str
    """``PUT`` (replaced the graph) or ``POST`` (added to it)."""
    triples: int
    """Triples in the file as written."""
    status: int


@dataclass(frozen=True)
class GraphCount:
    """What one graph held before and after the push, and what was sent into it."""

    graph: str | None
    replaced: bool
    before: int
    after: int
    sent: int
    """Triples in the files sent, as written (a repeated triple counts each time)."""


@dataclass(frozen=True)
class PushResult:
    store_url: str
    sparql_url: str
    files: tuple[SentFile, ...]
    graphs: tuple[GraphCount, ...]
    marker: Marker | None = None
    """The edition marker written with a published folder's catalog (a single file writes none)."""
    marker_graph: str | None = None


def push(
    source: str | os.PathLike[str],
    store_url: str,
    *,
    graph: str | None = None,
    catalog_graph: str | None = None,
    replace: bool = False,
    sparql_url: str | None = None,
    credentials: Credentials | None = None,
    retry: RetryPolicy | None = None,
    timeout: float = 300.0,
    session: requests.Session | None = None,
    on_retry: Callable[[Message], None] | None = None,
) -> PushResult:
    """Upload ``source`` (an RDF file or a folder written by ``publish``) to a Graph Store.

    ``replace`` puts each graph's first file with ``PUT`` (the graph then holds exactly what was
    sent); otherwise everything is ``POST``ed and added to what is there. A folder's catalog graph
    also gets the edition marker (`marker`), which ``push --incremental`` reads later. ``credentials`` default
    to the environment (`Credentials.from_env`); pass ``Credentials()`` to send none.
    Raises `InputError` for an unusable source or option, `StoreError` when the store cannot be
    reached, refuses a request, or afterwards holds a number of triples the upload cannot explain.
    """
    for name in (graph, catalog_graph):
        if name is not None:
            check_graph_iri(name)
    client = GraphStore(
        store_url,
        sparql_url=sparql_url,
        credentials=Credentials.from_env() if credentials is None else credentials,
        retry=retry,
        timeout=timeout,
        session=session,
        on_retry=on_retry,
    )
    path = Path(source)
    published = PublishedFolder.read(path) if path.is_dir() else None
    if published is None:
        uploads, marker = plan_uploads(path, graph=graph, catalog_graph=catalog_graph), None
    else:
        uploads, marker = folder_uploads(published, graph=graph, catalog_graph=catalog_graph), folder_marker(published)
    marker_graph = uploads[-1].graph if marker is not None else None
    triples = [upload.source.count() for upload in uploads]
    graphs = list(dict.fromkeys(upload.graph for upload in uploads))
    before = {g: client.count(g) for g in graphs}

    sent: list[SentFile] = []
    for upload, count in zip(uploads, triples):
        put = replace and all(previous.graph != upload.graph for previous in sent)
        status = client.upload(
            upload.source.open_body, upload.source.media_type, upload.graph,
            replace=put, name=upload.source.path.name,
        )
        sent.append(SentFile(upload.source.path.name, upload.graph, "PUT" if put else "POST", count, status))
    if marker is not None:
        body = marker.triples().encode("utf-8")
        client.upload(lambda: io.BytesIO(body), "application/n-triples", marker_graph, replace=False, name="the edition marker")

    checks = []
    for g in graphs:
        extra = MARKER_TRIPLES if marker is not None and g == marker_graph else 0
        check = GraphCount(
            graph=g,
            replaced=replace,
            before=before[g],
            after=client.count(g),
            sent=sum(file.triples for file in sent if file.graph == g) + extra,
        )
        _verify(check, [upload for upload in uploads if upload.graph == g], extra)
        checks.append(check)
    return PushResult(client.store_url, client.sparql_url, tuple(sent), tuple(checks), marker, marker_graph)


def _expected(check: GraphCount, distinct: int) -> tuple[int, int]:
    """The range the graph's size must fall in, given ``distinct`` new triples.

    After a replace the graph is exactly the triples sent. After an append nothing may be lost
    and everything sent must fit: at least the larger of before and sent, at most their sum.
    """
    if check.replaced:
        return distinct, distinct
    return max(check.before, distinct), check.before + distinct


def _verify(check: GraphCount, uploads: list[Upload], extra: int) -> None:
    """``extra``: the marker's triples, which no file holds (and no file repeats)."""
    low, high = _expected(check, check.sent)
    if low <= check.after <= high:
        return
    # A file may repeat a triple, which a store keeps once: count distinct triples and look again.
    low, high = _expected(check, _distinct([upload.source for upload in uploads]) + extra)
    if low <= check.after <= high:
        return
    label = f"<{check.graph}>" if check.graph else "the default graph"
    label_pl = f"<{check.graph}>" if check.graph else "graf domyślny"
    wanted = f"{low}" if low == high else f"between {low} and {high}"
    wanted_pl = f"{low}" if low == high else f"od {low} do {high}"
    raise StoreError(Message(
        en=f"{label} holds {check.after} triples after the upload, expected {wanted} "
           f"({check.before} before, {check.sent} sent); was the graph written to meanwhile?",
        pl=f"{label_pl} zawiera po wysłaniu {check.after} trójek, oczekiwano {wanted_pl} "
           f"(przedtem {check.before}, wysłano {check.sent}); czy ktoś w tym czasie zapisywał do grafu?",
    ))


def _distinct(sources: list[DumpSource]) -> int:
    """Distinct triples across files, as a store would keep them: blank nodes are local to a file.

    Holds a 16-byte digest per triple, so it runs only when the plain count does not add up.
    """
    seen: set[bytes] = set()
    for index, source in enumerate(sources):
        for triple in source.triples():
            key = str(triple)
            if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
                key = f"{index} {key}"
            seen.add(hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest())
    return len(seen)
