"""``bdp-lod push --incremental``: an edition's change set applied to a real Oxigraph server.

The two editions are published from the bundled examples, the second after one practice's
description was corrected and another was withdrawn, with ``publish --previous``: what push
reads is what the publishing side writes. Nothing here leaves 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import threading
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest
import requests

from bdp_lod.errors import StoreError
from bdp_lod.publish.folder import CHECKSUMS, sha256sums
from bdp_lod.store import Credentials, RetryPolicy, push_incremental
from bdp_lod.vocab import BDP
from test_push import (  # noqa: F401  (fixtures)
    EX, FakeStore, Oxigraph, RecordingSession, down_url, fake_store, needs_oxigraph, no_traceback, oxigraph, run,
)



def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATASET = "https://w3id.org/bdp/data/bdp"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_NON_NEGATIVE_INTEGER = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"


# --- two editions, published with --previous ----------------------------------------------------------------

def publish(records: Path, out: Path, *options: str) -> Path:
    result = run("publish", str(records), "--out", str(out), *options)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("editions")
    one = publish(EXAMPLES, root / "one")
    records = root / "records"
    shutil.copytree(EXAMPLES, records)
    srem = json.loads((records / "001-srem.json").read_text(encoding="utf-8"))
    srem["description"] = "Opis poprawiony przez urząd: Centrum Aktywności Lokalnej w Gminie Śrem."
    (records / "001-srem.json").write_text(json.dumps(srem, ensure_ascii=False, indent=2), encoding="utf-8")
    (records / "004-kramsk.json").unlink()
    (records / "bdp-practices.csv").unlink()  # it repeats Śrem, which would now disagree
    two = publish(records, root / "two", "--previous", str(one))
    return one, two


@pytest.fixture
def graphs(request) -> tuple[str, str]:
    """A data graph and a catalog graph of this test's own on the shared server."""
    name = f"{EX}graph/{re.sub(r'[^A-Za-z0-9]+', '-', request.node.name).strip('-')}"
    return f"{name}/data", f"{name}/catalog"


def copy(folder: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(folder, tmp_path / folder.name))


def edition_json(folder: Path) -> dict:
    return json.loads((folder / "edition.json").read_text(encoding="utf-8"))


# --- what the store holds -------------------------------------------------------------------------

def _normal(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> object:
    """Oxigraph may answer an xsd:nonNegativeInteger as xsd:integer: the same number either way."""
    if isinstance(term, ox.Literal) and term.datatype.value in (XSD_INTEGER, XSD_NON_NEGATIVE_INTEGER):
        return ("integer", int(term.value))
    return term


def as_set(triples: Iterator[ox.Triple]) -> set[tuple[object, object, object]]:
    return {(_normal(t.subject), _normal(t.predicate), _normal(t.object)) for t in triples}


def stored(server: Oxigraph, graph: str) -> set[tuple[object, object, object]]:
    answer = requests.get(server.store, params={"graph": graph}, headers={"Accept": "application/n-triples"},
                          timeout=30)
    if answer.status_code == 404:
        return set()
    answer.raise_for_status()
    return as_set(quad.triple for quad in ox.parse(answer.content, format=ox.RdfFormat.N_TRIPLES))


def dumped(*paths: Path) -> set[tuple[object, object, object]]:
    return set().union(*(as_set(quad.triple for quad in ox.parse(path=str(p))) for p in paths))


def marker(server: Oxigraph, catalog: str) -> list[tuple[str, str]]:
    rows = server.select(
        f"SELECT ?v ?s WHERE {{ GRAPH <{catalog}> {{ <{DATASET}> <{BDP.loadedVersion}> ?v ; <{BDP.loadedSha256}> ?s }} }}")
    return [(row["v"]["value"], row["s"]["value"]) for row in rows]


def marker_triples(version: str, folder: Path) -> set[tuple[object, object, object]]:
    return {
        (ox.NamedNode(DATASET), ox.NamedNode(str(BDP.loadedVersion)), ox.Literal(version)),
        (ox.NamedNode(DATASET), ox.NamedNode(str(BDP.loadedSha256)), ox.Literal(sha256(folder / "bdp.nt"))),
    }


def push_args(folder: Path, server_store: str, graphs: tuple[str, str], *more: str) -> list[str]:
    return ["push", str(folder), "--store", server_store, "--graph", graphs[0], "--catalog-graph", graphs[1], *more]


def load_edition_one(server: Oxigraph, one: Path, graphs: tuple[str, str]) -> None:
    result = run(*push_args(one, server.store, graphs, "--replace"))
    assert result.exit_code == 0, result.output
    assert marker(server, graphs[1]) == [("1", sha256(one / "bdp.nt"))]


# --- the change set applied -----------------------------------------------------------------------

@needs_oxigraph
def test_the_change_set_turns_the_store_into_the_next_edition_in_one_request(oxigraph, editions, graphs):
    one, two = editions
    data, catalog = graphs
    load_edition_one(oxigraph, one, graphs)
    changes = edition_json(two)["changes"]
    assert (changes["deleted_triples"], changes["added_triples"]) != (0, 0)
    session = RecordingSession()
    result = push_incremental(two, oxigraph.store, graph=data, catalog_graph=catalog, credentials=Credentials(),
                              session=session)
    assert (result.requests, result.deleted, result.added) == (1, changes["deleted_triples"], changes["added_triples"])
    assert (result.found.version, result.loaded.version, result.replaced) == ("1", "2", None)
    assert len(session.bodies) == 1, "one SPARQL Update request, and no Graph Store upload"
    assert stored(oxigraph, data) == dumped(two / "bdp.nt")
    assert stored(oxigraph, catalog) == dumped(two / "catalog.ttl", two / "void.ttl") | marker_triples("2", two)
    assert marker(oxigraph, catalog) == [("2", sha256(two / "bdp.nt"))]


@needs_oxigraph
def test_the_command_says_what_it_applied_and_a_second_run_has_nothing_to_send(oxigraph, editions, graphs):
    one, two = editions
    data, catalog = graphs
    load_edition_one(oxigraph, one, graphs)
    record = edition_json(two)
    changes = record["changes"]
    result = run(*push_args(two, oxigraph.store, graphs, "--incremental"))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Applied edition 2's change set to <{data}> in 1 request: "
        f"{changes['deleted_triples']} triples deleted, {changes['added_triples']} added.\n"
        f"Marked <{catalog}> as holding edition 2.\n"
        f"<{data}> holds {record['triples']} triples, as edition 2's bdp.nt.\n"
    )
    again = run("--lang", "pl", *push_args(two, oxigraph.store, graphs, "--incremental"))
    assert again.exit_code == 0, again.output
    assert again.output == (
        "Magazyn zawiera już wydanie 2: nie ma czego wysyłać.\n"
        f"<{data}> zawiera trójki: {record['triples']}, tyle co bdp.nt wydania 2.\n"
    )


# --- a store at another edition -------------------------------------------------------------------

@needs_oxigraph
def test_a_store_without_the_previous_edition_is_refused_and_left_untouched(oxigraph, editions, graphs, tmp_path):
    one, two = editions
    data, catalog = graphs
    other = publish(EXAMPLES / "000-czersk.json", tmp_path / "other")
    load_edition_one(oxigraph, other, graphs)
    before = stored(oxigraph, data), stored(oxigraph, catalog)
    result = run(*push_args(two, oxigraph.store, graphs, "--incremental"))
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output == (
        f"bdp-lod: the store holds edition 1 (bdp.nt SHA-256 {sha256(other / 'bdp.nt')[:12]}…), but this "
        f"folder's change set turns edition 1 (bdp.nt SHA-256 {sha256(one / 'bdp.nt')[:12]}…) into edition 2: "
        "push --incremental --replace loads edition 2 whole\n"
    )
    assert (stored(oxigraph, data), stored(oxigraph, catalog)) == before


@needs_oxigraph
def test_an_empty_store_holds_no_marker_and_is_refused(oxigraph, editions, graphs):
    _, two = editions
    result = run("--lang", "pl", *push_args(two, oxigraph.store, graphs, "--incremental"))
    assert result.exit_code == 1
    assert result.output.startswith("bdp-lod: magazyn zawiera: brak znacznika wydania, a zestaw zmian tego folderu "
                                    "zmienia wydanie 1 (SHA-256 bdp.nt ")
    assert stored(oxigraph, graphs[0]) == set()


@needs_oxigraph
def test_replace_loads_the_edition_whole_when_the_store_is_not_at_the_previous_one(oxigraph, editions, graphs):
    _, two = editions
    data, catalog = graphs
    result = run(*push_args(two, oxigraph.store, graphs, "--incremental", "--replace"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "bdp-lod: the store holds no edition marker, not edition 1: replacing it with edition 2 whole (--replace)\n"
        f"Sent bdp.nt to <{data}> (replacing): {edition_json(two)['triples']} triples.\n"
    )
    assert result.output.endswith(f"Marked <{catalog}> as holding edition 2.\n")
    assert stored(oxigraph, data) == dumped(two / "bdp.nt")
    assert marker(oxigraph, catalog) == [("2", sha256(two / "bdp.nt"))]


# --- interrupted, cut into several requests -------------------------------------------------------

class DroppingProxy:
    """Forwards the head of each request and half its body to ``upstream``, then hangs up on both."""

    def __init__(self, upstream: str):
        host, port = upstream.removeprefix("http://").split("/")[0].split(":")
        self.upstream = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.forwarded: list[tuple[int, int]] = []
        """(body bytes forwarded, Content-Length) per request."""
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with client:
                received = b""
                while b"\r\n\r\n" not in received:
                    received += client.recv(1 << 16)
                head, body = received.split(b"\r\n\r\n", 1)
                length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
                while len(body) < length // 2:
                    body += client.recv(1 << 16)
                with socket.create_connection(self.upstream) as upstream:
                    upstream.sendall(head + b"\r\n\r\n" + body[: length // 2])
                    self.forwarded.append((length // 2, length))
                client.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.listener.close()


@needs_oxigraph
def test_an_update_cut_off_mid_body_leaves_the_store_at_the_previous_edition(oxigraph, editions, graphs):
    one, two = editions
    data, catalog = graphs
    load_edition_one(oxigraph, one, graphs)
    before = stored(oxigraph, data), stored(oxigraph, catalog)
    proxy = DroppingProxy(oxigraph.base)
    try:
        result = run(*push_args(two, oxigraph.store, graphs, "--incremental", "--update", f"{proxy.url}/update",
                                "--retries", "0"))
    finally:
        proxy.close()
    assert result.exit_code == 1 and no_traceback(result)
    assert re.fullmatch(
        rf"bdp-lod: cannot reach {proxy.url}/update for the update of <{re.escape(data)}> to edition 2: .+ \(1 attempt\)\. "
        r"The change was one update request, which the store applies whole or not at all: it holds edition 1 or 2, "
        r"and the same push run again finds which\n", result.output), result.output
    ((sent, length),) = proxy.forwarded
    assert 0 < sent < length
    assert (stored(oxigraph, data), stored(oxigraph, catalog)) == before
    assert marker(oxigraph, catalog) == [("1", sha256(one / "bdp.nt"))]


@needs_oxigraph
def test_a_change_set_larger_than_the_limit_goes_in_several_requests_with_a_warning(oxigraph, editions, graphs):
    one, two = editions
    data, catalog = graphs
    load_edition_one(oxigraph, one, graphs)
    warnings: list[str] = []
    session = RecordingSession()
    result = push_incremental(two, oxigraph.store, graph=data, catalog_graph=catalog, max_update_size=6000,
                              credentials=Credentials(), session=session, on_warning=lambda m: warnings.append(m.en))
    assert result.requests == len(session.bodies) > 3
    assert warnings == [
        f"the change set does not fit in one update request of at most 6000 bytes: sending it in {result.requests} "
        "requests. Until the last one is applied the store holds part of the change and no edition marker; "
        "if the push is interrupted, reload with push --replace"
    ]
    assert all(len(body) <= 6000 for body in session.bodies)
    assert stored(oxigraph, data) == dumped(two / "bdp.nt")
    assert stored(oxigraph, catalog) == dumped(two / "catalog.ttl", two / "void.ttl") | marker_triples("2", two)


@needs_oxigraph
def test_a_batched_push_cut_off_part_way_leaves_no_marker_so_the_next_one_refuses(oxigraph, editions, graphs):
    one, two = editions
    data, catalog = graphs
    load_edition_one(oxigraph, one, graphs)

    class FailsThirdUpdate(RecordingSession):
        def request(self, method, url, **kwargs):  # type: ignore[override]
            if method == "POST" and len(self.bodies) == 2:
                raise requests.ConnectionError("connection dropped")
            return super().request(method, url, **kwargs)

    with pytest.raises(StoreError) as caught:
        push_incremental(two, oxigraph.store, graph=data, catalog_graph=catalog, max_update_size=6000,
                         credentials=Credentials(), session=FailsThirdUpdate(), retry=RetryPolicy(retries=0))
    assert "the store may hold part of it, and then holds no edition marker; reload edition 2 with push --replace" in (
        caught.value.message.en)
    assert marker(oxigraph, catalog) == []
    refused = run(*push_args(two, oxigraph.store, graphs, "--incremental"))
    assert refused.exit_code == 1 and refused.output.startswith("bdp-lod: the store holds no edition marker, but ")
    assert run(*push_args(two, oxigraph.store, graphs, "--incremental", "--replace")).exit_code == 0
    assert stored(oxigraph, data) == dumped(two / "bdp.nt")


# --- nothing is sent when the folder is wrong -----------------------------------------------------

@pytest.mark.parametrize("name", ["changes.added.nt", "changes.deleted.nt", "bdp.nt", "edition.json", "catalog.ttl"])
def test_a_file_that_differs_from_its_checksum_stops_the_push_before_any_request(
        fake_store, editions, tmp_path, name):
    folder = copy(editions[1], tmp_path)
    with (folder / name).open("a", encoding="utf-8") as changed:
        changed.write("\n")
    fake = fake_store()
    result = run("push", str(folder), "--store", fake.store, "--incremental")
    assert result.exit_code == 2 and no_traceback(result)
    assert result.output.startswith(f"bdp-lod: {folder / name}: does not match its SHA-256 in SHA256SUMS")
    assert fake.received == []


def test_a_change_set_whose_count_differs_from_edition_json_is_refused(fake_store, editions, tmp_path):
    folder = copy(editions[1], tmp_path)
    record = edition_json(folder)
    record["changes"]["added_triples"] += 1
    (folder / "edition.json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (folder / CHECKSUMS).write_bytes(sha256sums(folder))
    fake = fake_store()
    result = run("push", str(folder), "--store", fake.store, "--incremental")
    assert result.exit_code == 2
    added = record["changes"]["added_triples"]
    assert result.output == (
        f"bdp-lod: {folder / 'changes.added.nt'}: holds {added - 1} triples, edition.json says {added}\n")
    assert fake.received == []


def test_a_folder_without_edition_json_has_no_change_set(fake_store, editions):
    fake = fake_store()
    result = run("push", str(editions[0]), "--store", fake.store, "--incremental")
    assert result.exit_code == 2
    assert result.output == (
        f"bdp-lod: {editions[0]}: has no edition.json: --incremental applies an edition's change set "
        "(publish it with --previous), or push the folder whole with --replace and without --incremental\n")
    assert fake.received == []


@pytest.mark.parametrize("args, message", [
    (["--catalog-graph", DATASET], "--incremental needs the catalog in a graph of its own"),
    (["--store", "http://127.0.0.1:1/rdf-graphs/service"],
     "cannot tell the SPARQL query endpoint from --store http://127.0.0.1:1/rdf-graphs/service: give it with --sparql"),
    (["--store", "http://127.0.0.1:1/rdf-graphs/service", "--sparql", "http://127.0.0.1:1/sparql"],
     "cannot tell the SPARQL update endpoint from --store http://127.0.0.1:1/rdf-graphs/service: give it with --update"),
    (["--max-update-size", "100"], "--max-update-size 100 leaves no room for the triples: give at least "),
])
def test_unusable_options_are_usage_errors_before_any_request(fake_store, editions, args, message):
    fake = fake_store()
    result = run("push", str(editions[1]), "--store", fake.store, "--incremental", *args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert fake.received == []


# --- the store holds other than the edition afterwards -------------------------------------------

def sparql_json(**row: str) -> tuple[int, dict[str, str], bytes]:
    bindings = [{name: {"type": "literal", "value": value} for name, value in row.items()}]
    return 200, {"Content-Type": "application/sparql-results+json"}, json.dumps(
        {"head": {"vars": list(row)}, "results": {"bindings": bindings}}).encode()


def test_a_count_other_than_the_editions_after_the_update_is_exit_1(fake_store, editions):
    one, two = editions
    record = edition_json(two)
    fake = fake_store(count=record["triples"] - 1, script={"GET": [
        sparql_json(v="1", s=record["previous"]["sha256"]),
        sparql_json(v="2", s=record["sha256"]),
    ]})
    result = run("push", str(two), "--store", fake.store, "--incremental")
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output == (
        f"bdp-lod: <{DATASET}> holds {record['triples'] - 1} triples after the update, edition 2's bdp.nt has "
        f"{record['triples']}: was the graph written to meanwhile? Reload it with push --replace\n")
    assert [(r.method, r.path.split("?")[0]) for r in fake.received] == [
        ("GET", "/query"), ("POST", "/update"), ("GET", "/query"), ("GET", "/query")]
    (update,) = [r for r in fake.received if r.method == "POST"]
    assert update.headers["Content-Type"] == "application/sparql-update"
    assert int(update.headers["Content-Length"]) == len(update.body)
    text = update.body.decode("utf-8")
    assert [line for line in text.splitlines() if line.endswith("{") or line.startswith(("}", "DROP"))] == [
        f"DELETE DATA {{ GRAPH <{DATASET}> {{", "} } ;",
        f"INSERT DATA {{ GRAPH <{DATASET}> {{", "} } ;",
        "DROP SILENT GRAPH <https://w3id.org/bdp/id/catalog> ;",
        "INSERT DATA { GRAPH <https://w3id.org/bdp/id/catalog> {", "} } ;",
    ]
