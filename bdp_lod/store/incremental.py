"""``push --incremental``: bring a store from one edition to the next with its change set alone.

An edition made by ``publish --previous`` carries ``changes.deleted.nt`` and ``changes.added.nt``,
which turn the previous edition's ``bdp.nt`` into this one's. Applied to a store that holds the
previous edition (its marker says so), they leave it holding this edition, at the cost of the
change rather than of the whole dump. Everything is checked before the first request: the
folder's digests, the change set's counts, and the store's marker. The change, the new catalog
and the new marker then go in ONE SPARQL 1.1 Update request, which Oxigraph and Fuseki apply as
one transaction; only a change set larger than the store takes in one request is cut into
several, and then the user is told what an interruption would leave. Afterwards the data
graph's triple count must be the edition's. ``docs/push.md`` gives the sources for each claim.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
import requests

from ..errors import InputError, StoreError
from ..findings import Message
from .client import Credentials, GraphStore, RetryPolicy, check_graph_iri
from ..publish.edition_file import EDITION_FILE, ChangeFiles, EditionFile
from .marker import Marker, folder_edition, read_marker
from .push import PushResult, push
from .sources import DumpSource, PublishedFolder
from .update_body import FileSlice, Piece, UpdateRequest, data_operation, pack, slices, split_lines

__all__ = ["DEFAULT_MAX_UPDATE_SIZE", "IncrementalResult", "push_incremental"]

DEFAULT_MAX_UPDATE_SIZE = 128 * 1024 * 1024
"""Oxigraph's server refuses a SPARQL body larger than 128 MiB (its ``MAX_SPARQL_BODY_SIZE``)."""


@dataclass(frozen=True)
class IncrementalResult:
    store_url: str
    update_url: str
    graph: str
    catalog_graph: str
    found: Marker | None
    """What the store's marker said before the push (None: no marker, or an ambiguous one)."""
    loaded: Marker
    """What it says now."""
    deleted: int
    added: int
    requests: int
    """Update requests sent: 1 unless the change set was larger than ``max_update_size``; 0 when
    the store already held this edition."""
    triples: int
    """Triples in the data graph afterwards, as counted by the store."""
    replaced: PushResult | None = None
    """The full replace done instead, when the store was not at the previous edition and
    ``replace`` allowed it."""


def push_incremental(
    source: str | os.PathLike[str],
    store_url: str,
    *,
    graph: str | None = None,
    catalog_graph: str | None = None,
    replace: bool = False,
    sparql_url: str | None = None,
    update_url: str | None = None,
    max_update_size: int = DEFAULT_MAX_UPDATE_SIZE,
    credentials: Credentials | None = None,
    retry: RetryPolicy | None = None,
    timeout: float = 300.0,
    session: requests.Session | None = None,
    on_retry: Callable[[Message], None] | None = None,
    on_warning: Callable[[Message], None] | None = None,
) -> IncrementalResult:
    """Apply the change set of the edition in ``source`` (a published folder) to the store.

    The store must hold the previous edition, by its marker; otherwise `StoreError`, unless
    ``replace``, which loads the edition whole with `push` instead. ``on_warning`` hears when
    the change set needs more than one request. Raises `InputError` for an unusable folder or
    option (nothing sent), `StoreError` when the store refuses, cannot be reached, or
    afterwards holds other than the edition.
    """
    for name in (graph, catalog_graph):
        if name is not None:
            check_graph_iri(name)
    folder = Path(source)
    if not folder.is_dir():
        raise InputError("--incremental needs a published folder, not a single file", file=str(folder),
                         pl="--incremental wymaga folderu publikacji, nie pojedynczego pliku")
    published = PublishedFolder.read(folder)
    edition = folder_edition(published)
    data_graph = graph or published.dataset_iri
    meta_graph = catalog_graph or published.catalog_iri
    if data_graph == meta_graph:
        raise InputError(
            "--incremental needs the catalog in a graph of its own: it replaces the catalog graph whole",
            pl="--incremental wymaga katalogu we własnym grafie: zastępuje cały graf katalogu",
        )
    client = GraphStore(
        store_url, sparql_url=sparql_url, update_url=update_url,
        credentials=Credentials.from_env() if credentials is None else credentials,
        retry=retry, timeout=timeout, session=session, on_retry=on_retry,
    )
    update_endpoint = client.update_url  # one that cannot be told is a usage error, before any request
    checked = _checked(published, edition)
    target, previous, changes = checked.target, checked.previous, checked.changes
    catalog = _catalog_triples(published)
    plan = _plan(published, changes, catalog, data_graph, meta_graph, previous, target, max_update_size)
    found = read_marker(client, meta_graph, published.dataset_iri)

    def result(loaded: Marker, requests_sent: int, full: PushResult | None = None) -> IncrementalResult:
        triples = client.count(data_graph)
        _verify_count(data_graph, triples, checked.triples, target)
        applied = requests_sent > 0
        return IncrementalResult(
            client.store_url, update_endpoint, data_graph, meta_graph, found, loaded,
            changes.deleted_triples if applied else 0, changes.added_triples if applied else 0,
            requests_sent, triples, full,
        )

    if found == target:
        return result(target, 0)
    if found != previous:
        if not replace:
            raise StoreError(_not_previous(found, previous, target))
        if on_warning is not None:
            on_warning(Message(
                en=f"{_holds(found).en}, not edition {previous.version}: replacing it with edition {target.version} whole (--replace)",
                pl=f"{_holds(found).pl}, a nie wydanie {previous.version}: zastępuję je całym wydaniem {target.version} (--replace)",
            ))
        full = push(folder, store_url, graph=data_graph, catalog_graph=meta_graph, replace=True,
                    sparql_url=client.sparql_url, credentials=client.credentials, retry=client.retry,
                    timeout=timeout, session=client.session, on_retry=on_retry)
        return result(target, 0, full)

    if len(plan) > 1 and on_warning is not None:
        on_warning(Message(
            en=f"the change set does not fit in one update request of at most {max_update_size} bytes: "
               f"sending it in {len(plan)} requests. Until the last one is applied the store holds part of "
               f"the change and no edition marker; if the push is interrupted, reload with push --replace",
            pl=f"zestaw zmian nie mieści się w jednym żądaniu aktualizacji o rozmiarze do {max_update_size} bajtów: "
               f"wysyłam go w {len(plan)} żądaniach. Do zastosowania ostatniego magazyn zawiera część zmian i nie ma "
               f"znacznika wydania; jeśli wysyłanie się przerwie, wczytaj całość przez push --replace",
        ))
    for number, request in enumerate(plan, start=1):
        what = Message(
            en=f"update of <{data_graph}> to edition {target.version}" + (f" (request {number} of {len(plan)})" if len(plan) > 1 else ""),
            pl=f"aktualizacja <{data_graph}> do wydania {target.version}" + (f" (żądanie {number} z {len(plan)})" if len(plan) > 1 else ""),
        )
        try:
            client.update(request.open_body, what)
        except StoreError as exc:
            raise StoreError(_interrupted(exc.message, previous, target, len(plan)), status=exc.status) from None
    loaded = read_marker(client, meta_graph, published.dataset_iri)
    if loaded != target:
        held = _held(loaded)
        raise StoreError(Message(
            en=f"after the update <{meta_graph}> holds {held.en}, not edition {target.version}: "
               "was the store written to meanwhile? Reload it with push --replace",
            pl=f"po aktualizacji <{meta_graph}> zawiera: {held.pl}, a nie wydanie {target.version}: "
               "czy ktoś w tym czasie zapisywał do magazynu? Wczytaj całość przez push --replace",
        ))
    return result(target, len(plan))


@dataclass(frozen=True)
class _Checked:
    target: Marker
    previous: Marker
    changes: ChangeFiles
    triples: int
    """Triples in this edition's bdp.nt, by edition.json."""


def _checked(published: PublishedFolder, edition: EditionFile | None) -> _Checked:
    """The markers before and after, and the change set, once every file it needs is verified.

    ``bdp.nt`` is only hashed (it is not sent); the change set and the catalog are parsed too,
    so a malformed file never reaches the store.
    """
    folder = published.folder
    if edition is None:
        raise InputError(
            f"has no {EDITION_FILE}: --incremental applies an edition's change set (publish it with --previous), "
            "or push the folder whole with --replace and without --incremental",
            file=str(folder),
            pl=f"nie ma {EDITION_FILE}: --incremental stosuje zestaw zmian wydania (opublikuj je z --previous) "
               "albo wyślij cały folder przez --replace bez --incremental",
        )
    if edition.changes is None or edition.previous_edition is None or edition.previous_sha256 is None:
        raise InputError(
            f"is edition {edition.edition}, which has no change set: push it whole with --replace and without --incremental",
            file=str(folder),
            pl=f"to wydanie {edition.edition}, które nie ma zestawu zmian: wyślij je w całości przez --replace bez --incremental",
        )
    if edition.dataset != published.dataset_iri:
        raise InputError(
            f"{EDITION_FILE} is of <{edition.dataset}>, catalog.ttl of <{published.dataset_iri}>", file=str(folder),
            pl=f"{EDITION_FILE} dotyczy <{edition.dataset}>, a catalog.ttl <{published.dataset_iri}>",
        )
    dump = published.data.path.name
    if published.checksums.get(dump) != edition.sha256:
        raise InputError(
            f"{EDITION_FILE} gives {dump} the SHA-256 {edition.sha256}, SHA256SUMS another", file=str(folder),
            pl=f"{EDITION_FILE} podaje dla {dump} SHA-256 {edition.sha256}, a SHA256SUMS inny",
        )
    published.verified(dump)
    changes = edition.changes
    for name, expected in ((changes.deleted, changes.deleted_triples), (changes.added, changes.added_triples)):
        source = published.listed(name)
        if (found := source.count()) != expected:
            raise InputError(
                f"holds {found} triples, {EDITION_FILE} says {expected}", file=str(source.path),
                pl=f"zawiera {found} trójek, a {EDITION_FILE} podaje {expected}",
            )
    _no_blank_nodes(published.listed(changes.deleted))
    return _Checked(
        Marker(published.dataset_iri, str(edition.edition), edition.sha256),
        Marker(published.dataset_iri, str(edition.previous_edition), edition.previous_sha256),
        changes,
        edition.triples,
    )


def _no_blank_nodes(source: DumpSource) -> None:
    """``DELETE DATA`` cannot name a blank node (SPARQL 1.1 Update §3.1.2); bdp-lod's dumps have none."""
    for triple in source.triples():
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            raise InputError(
                "deletes a triple with a blank node, which SPARQL DELETE DATA cannot name: push with --replace",
                file=str(source.path),
                pl="usuwa trójkę z pustym węzłem, którego SPARQL DELETE DATA nie potrafi wskazać: użyj --replace",
            )


def _catalog_triples(published: PublishedFolder) -> bytes:
    """catalog.ttl and void.ttl as N-Triples lines (checked against SHA256SUMS as they are parsed).

    Blank node labels are prefixed per file: they are local to a file, but one request shares them.
    """
    lines: list[str] = []
    for index, source in enumerate(published.metadata):
        source.count()
        for triple in source.triples():
            terms = [f"_:f{index}{term.value}" if isinstance(term, ox.BlankNode) else str(term)
                     for term in (triple.subject, triple.predicate, triple.object)]
            lines.append(" ".join(terms) + " .\n")
    return "".join(lines).encode("utf-8")


def _plan(
    published: PublishedFolder, changes: ChangeFiles, catalog: bytes, data_graph: str, meta_graph: str,
    previous: Marker, target: Marker, limit: int,
) -> list[UpdateRequest]:
    """The requests: one when everything fits in ``limit`` bytes, else the change cut between lines.

    In one request: ``DELETE DATA`` the deleted, ``INSERT DATA`` the added, ``DROP`` the catalog
    graph and ``INSERT DATA`` the new catalog with the new marker. Cut into several, the first
    request also removes the old marker, so that a store left part-way says it holds no edition
    and the next ``--incremental`` refuses it; the catalog goes after the change, the new marker
    last of all.
    """
    deleted, added = (published.folder / changes.deleted, published.folder / changes.added)
    catalog_op = (
        f"DROP SILENT GRAPH <{meta_graph}> ;\n".encode("utf-8"),
        *data_operation("INSERT", meta_graph, catalog + target.triples().encode("utf-8")),
    )
    one = UpdateRequest((
        *data_operation("DELETE", data_graph, _whole(deleted)),
        *data_operation("INSERT", data_graph, _whole(added)),
        *catalog_op,
    ))
    if one.size <= limit:
        return [one]
    unmark = (previous.delete_where(meta_graph) + " ;\n").encode("utf-8")
    budget = limit - len(unmark) - UpdateRequest(data_operation("DELETE", data_graph, b"")).size
    if budget < 1024:
        raise InputError(
            f"--max-update-size {limit} leaves no room for the triples: give at least {limit - budget + 1024} bytes",
            pl=f"--max-update-size {limit} nie zostawia miejsca na trójki: podaj co najmniej {limit - budget + 1024} bajtów",
        )
    operations: list[tuple[Piece, ...]] = [
        data_operation(verb, data_graph, piece)
        for verb, path in (("DELETE", deleted), ("INSERT", added))
        for piece in slices(path, budget)
    ]
    operations.append((f"DROP SILENT GRAPH <{meta_graph}> ;\n".encode("utf-8"),))
    operations += [data_operation("INSERT", meta_graph, piece) for piece in split_lines(catalog, budget)]
    operations.append(data_operation("INSERT", meta_graph, target.triples().encode("utf-8")))
    return pack(operations, limit, first=unmark)


def _whole(path: Path) -> FileSlice:
    return FileSlice(path, 0, path.stat().st_size)


def _verify_count(graph: str, found: int, expected: int, target: Marker) -> None:
    if found != expected:
        raise StoreError(Message(
            en=f"<{graph}> holds {found} triples after the update, edition {target.version}'s bdp.nt has "
               f"{expected}: was the graph written to meanwhile? Reload it with push --replace",
            pl=f"<{graph}> zawiera po aktualizacji {found} trójek, a bdp.nt wydania {target.version} ma "
               f"{expected}: czy ktoś w tym czasie zapisywał do grafu? Wczytaj całość przez push --replace",
        ))


def _held(marker: Marker | None) -> Message:
    if marker is None:
        return Message(en="no edition marker", pl="brak znacznika wydania")
    return marker.describe()


def _holds(marker: Marker | None) -> Message:
    held = _held(marker)
    return Message(en=f"the store holds {held.en}", pl=f"magazyn zawiera: {held.pl}")


def _not_previous(found: Marker | None, previous: Marker, target: Marker) -> Message:
    held, wanted = _holds(found), previous.describe()
    return Message(
        en=f"{held.en}, but this folder's change set turns {wanted.en} into edition {target.version}: "
           f"push --incremental --replace loads edition {target.version} whole",
        pl=f"{held.pl}, a zestaw zmian tego folderu zmienia {wanted.pl} w wydanie {target.version}: "
           f"push --incremental --replace wczyta całe wydanie {target.version}",
    )


def _interrupted(reason: Message, previous: Marker, target: Marker, requests_: int) -> Message:
    if requests_ == 1:
        return Message(
            en=f"{reason.en}. The change was one update request, which the store applies whole or not at all: "
               f"it holds edition {previous.version} or {target.version}, and the same push run again finds which",
            pl=f"{reason.pl}. Zmiana była jednym żądaniem aktualizacji, które magazyn stosuje w całości albo wcale: "
               f"zawiera wydanie {previous.version} albo {target.version}, a ponowne wysłanie sprawdzi które",
        )
    return Message(
        en=f"{reason.en}. The change was sent in {requests_} requests: the store may hold part of it, and then "
           f"holds no edition marker; reload edition {target.version} with push --replace",
        pl=f"{reason.pl}. Zmianę wysyłano w {requests_} żądaniach: magazyn może zawierać jej część i wtedy nie ma "
           f"znacznika wydania; wczytaj wydanie {target.version} przez push --replace",
    )
