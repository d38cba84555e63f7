"""``bdp-lod push``: uploads through the SPARQL 1.1 Graph Store protocol to a real Oxigraph server.

What Oxigraph cannot show (authentication, a busy store, redirects, how the body travels) is
shown against a small local HTTP server that answers from a script and records every request.
Nothing here leaves 127.0.0.1.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
import types
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner

from bdp_lod.cli import cli
from bdp_lod.errors import InputError, StoreError
from bdp_lod.store import Credentials, RetryPolicy, push
from bdp_lod.store.client import GraphStore, query_endpoint_for

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
needs_oxigraph = pytest.mark.skipif(
    OXIGRAPH is None, reason="the oxigraph server binary is not installed (pip install oxigraph)"
)

EX = "http://example.org/"
SECRET_PASSWORD = "pa55-w0rd-never-shown"
SECRET_TOKEN = "t0ken-never-shown"


# --- data ------------------------------------------------------------------------------------

def nt_lines(subjects: range, predicate: str = "name") -> list[str]:
    return [f'<{EX}thing/{i}> <{EX}{predicate}> "thing {i}"@pl .\n' for i in subjects]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def convert_nt(nt: Path, target: Path) -> Path:
    """The same triples in the format ``target``'s extension names (.ttl, .jsonld, .rdf, + .gz)."""
    suffixes = target.suffixes
    inner = suffixes[-2] if suffixes[-1] == ".gz" else suffixes[-1]
    fmt = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE, ".jsonld": ox.RdfFormat.JSON_LD,
           ".rdf": ox.RdfFormat.RDF_XML}[inner]
    data = ox.serialize(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES), format=fmt) or b""
    target.write_bytes(gzip.compress(data, mtime=0) if suffixes[-1] == ".gz" else data)
    return target


CATALOG_TTL = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://w3id.org/bdp/id/catalog> a dcat:Catalog ; dct:title "Baza Dobrych Praktyk"@pl ;
    dcat:dataset <https://w3id.org/bdp/data/bdp> .
<https://w3id.org/bdp/data/bdp> a dcat:Dataset ; dct:title "Baza Dobrych Praktyk"@pl .
"""
"""5 triples; the dataset's title is repeated in void.ttl."""

VOID_TTL = """\
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://w3id.org/bdp/data/bdp> a void:Dataset ; void:triples 4 ; dct:title "Baza Dobrych Praktyk"@pl .
"""
"""3 triples, one of them also in catalog.ttl: the catalog graph holds 7 distinct triples, and 9
with the edition marker push adds (bdp:loadedVersion, bdp:loadedSha256)."""


def published_folder(folder: Path, data: list[str]) -> Path:
    """A folder as ``bdp-lod publish`` writes it, as far as ``push`` reads one."""
    folder.mkdir()
    write(folder / "bdp.nt", data)
    (folder / "bdp.ttl").write_text("this dump is not uploaded", encoding="utf-8")
    (folder / "catalog.ttl").write_text(CATALOG_TTL, encoding="utf-8")
    (folder / "void.ttl").write_text(VOID_TTL, encoding="utf-8")
    sums = "".join(
        f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}\n"
        for name in ("bdp.nt", "bdp.ttl", "catalog.ttl", "void.ttl")
    )
    (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return folder


# --- a real Oxigraph server --------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Oxigraph:
    process: subprocess.Popen
    base: str

    @property
    def store(self) -> str:
        return f"{self.base}/store"

    def select(self, query: str) -> list[dict]:
        answer = requests.get(f"{self.base}/query", params={"query": query},
                              headers={"Accept": "application/sparql-results+json"}, timeout=30)
        answer.raise_for_status()
        return answer.json()["results"]["bindings"]

    def count(self, graph: str | None) -> int:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        return int(self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"]["value"])

    def subjects(self, graph: str) -> set[str]:
        rows = self.select(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return {row["s"]["value"] for row in rows}


def start_oxigraph(*args: str) -> Oxigraph:
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, *args, "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        if process.poll() is not None:
            pytest.fail(f"oxigraph {' '.join(args)} exited: {process.stderr.read().decode()}")
        try:
            requests.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
            return Oxigraph(process, base)
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    pytest.fail("oxigraph did not start listening")


def stop(server: Oxigraph) -> None:
    server.process.terminate()
    server.process.wait(timeout=30)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory) -> Iterator[Oxigraph]:
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    server = start_oxigraph("serve", "--location", str(tmp_path_factory.mktemp("oxigraph")))
    yield server
    stop(server)


@pytest.fixture(scope="module")
def read_only_oxigraph(tmp_path_factory) -> Iterator[Oxigraph]:
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    location = tmp_path_factory.mktemp("oxigraph-ro")
    seed = write(location.parent / "seed.nt", nt_lines(range(1)))
    subprocess.run([OXIGRAPH, "load", "--location", str(location), "--file", str(seed)], check=True, capture_output=True)
    server = start_oxigraph("serve-read-only", "--location", str(location))
    yield server
    stop(server)


@pytest.fixture
def graph(request) -> str:
    """A graph of this test's own on the shared server."""
    return f"{EX}graph/{re.sub(r'[^A-Za-z0-9]+', '-', request.node.name).strip('-')}"


# --- a scripted local HTTP server --------------------------------------------------------------

@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    size: int


@dataclass
class FakeStore:
    """Answers each method from its script (then 204, or a SPARQL count for GET) and records requests."""

    script: dict[str, list[tuple[int, dict[str, str], bytes]]] = field(default_factory=dict)
    count: int = 0
    keep_bodies: bool = True
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def answer(self, method: str) -> tuple[int, dict[str, str], bytes]:
        if self.script.get(method):
            return self.script[method].pop(0)
        if method == "GET":
            result = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {
                "type": "literal", "value": str(self.count),
                "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}
            return 200, {"Content-Type": "application/sparql-results+json"}, json.dumps(result).encode()
        return 204, {}, b""

    @property
    def store(self) -> str:
        return f"{self.url}/store"

    @property
    def uploads(self) -> list[Received]:
        return [r for r in self.received if r.method in ("PUT", "POST")]


def _handler(fake: FakeStore) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _chunks(self) -> Iterator[bytes]:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                while size := int(self.rfile.readline().split(b";")[0], 16):
                    yield self.rfile.read(size)
                    self.rfile.readline()
                self.rfile.readline()
            else:
                left = int(self.headers.get("Content-Length", 0))
                while left:
                    chunk = self.rfile.read(min(left, 1 << 16))
                    left -= len(chunk)
                    yield chunk

        def _serve(self) -> None:
            body, size = bytearray(), 0
            for chunk in self._chunks():
                size += len(chunk)
                if fake.keep_bodies:
                    body += chunk
            fake.received.append(Received(self.command, self.path, dict(self.headers), bytes(body), size))
            status, headers, payload = fake.answer(self.command)
            payload = payload.replace(b"{authorization}", self.headers.get("Authorization", "").encode())
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_PUT = do_POST = _serve

    return Handler


@pytest.fixture
def fake_store() -> Iterator[type[FakeStore]]:
    servers: list[ThreadingHTTPServer] = []

    def start(**kwargs) -> FakeStore:
        fake = FakeStore(**kwargs)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
        fake.url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return fake

    yield start  # type: ignore[misc]
    for server in servers:
        server.shutdown()
        server.server_close()


def down_url() -> str:
    """A store URL on which nothing listens."""
    return f"http://127.0.0.1:{free_port()}/store"


def run(*args: str, env: dict[str, str] | None = None):
    base = {"BDP_LOD_STORE_USER": "", "BDP_LOD_STORE_PASSWORD": "", "BDP_LOD_STORE_TOKEN": ""}
    return CliRunner().invoke(cli, list(args), env={**base, **(env or {})})


def no_traceback(result) -> bool:
    return "Traceback" not in result.output and isinstance(result.exception, (SystemExit, type(None)))


# --- push, replace, append, count: a real store --------------------------------------------------

@needs_oxigraph
def test_a_file_is_pushed_into_the_named_graph_and_counted(oxigraph, tmp_path, graph):
    dump = write(tmp_path / "bdp.nt", nt_lines(range(3)))
    result = run("push", str(dump), "--store", oxigraph.store, "--graph", graph)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Sent bdp.nt to <{graph}> (adding): 3 triples.\n"
        f"<{graph}> now holds 3 triples (before: 0).\n"
    )
    assert oxigraph.count(graph) == 3
    assert oxigraph.subjects(graph) == {f"{EX}thing/{i}" for i in range(3)}


@needs_oxigraph
def test_replace_leaves_exactly_the_new_file_in_the_graph(oxigraph, tmp_path, graph):
    first = write(tmp_path / "first.nt", nt_lines(range(5)))
    second = write(tmp_path / "second.nt", nt_lines(range(10, 13)))
    assert run("push", str(first), "--store", oxigraph.store, "--graph", graph).exit_code == 0
    result = run("push", str(second), "--store", oxigraph.store, "--graph", graph, "--replace")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Sent second.nt to <{graph}> (replacing): 3 triples.\n"
        f"<{graph}> now holds 3 triples (before: 5).\n"
    )
    assert oxigraph.subjects(graph) == {f"{EX}thing/{i}" for i in (10, 11, 12)}


@needs_oxigraph
def test_append_adds_what_is_new_and_keeps_what_was_there(oxigraph, tmp_path, graph):
    first = write(tmp_path / "first.nt", nt_lines(range(4)))
    overlapping = write(tmp_path / "second.nt", nt_lines(range(2, 7)))
    push(first, oxigraph.store, graph=graph, credentials=Credentials())
    result = push(overlapping, oxigraph.store, graph=graph, credentials=Credentials())
    assert [(f.file, f.method, f.triples, f.status) for f in result.files] == [("second.nt", "POST", 5, 204)]
    (count,) = result.graphs
    assert (count.graph, count.replaced, count.before, count.after, count.sent) == (graph, False, 4, 7, 5)
    assert oxigraph.subjects(graph) == {f"{EX}thing/{i}" for i in range(7)}


@needs_oxigraph
def test_without_graph_a_file_goes_to_the_default_graph(oxigraph, tmp_path):
    dump = write(tmp_path / "default.nt", nt_lines(range(100, 102)))
    result = run("--lang", "pl", "push", str(dump), "--store", oxigraph.store, "--replace")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Wysłano default.nt do graf domyślny (zastąpienie): trójki: 2.\n"
        "Graf domyślny zawiera teraz trójki: 2 (przedtem: 0).\n"
    )
    assert oxigraph.count(None) == 2


@needs_oxigraph
@pytest.mark.parametrize("name", ["data.ttl", "data.jsonld", "data.rdf", "data.nt.gz", "data.ttl.gz"])
def test_every_triple_format_is_sent_with_its_media_type(oxigraph, tmp_path, graph, name):
    dump = convert_nt(write(tmp_path / "source.nt", nt_lines(range(6))), tmp_path / name)
    result = push(dump, oxigraph.store, graph=graph, replace=True, credentials=Credentials())
    assert [(f.method, f.triples) for f in result.files] == [("PUT", 6)]
    assert oxigraph.count(graph) == 6


@needs_oxigraph
def test_a_repeated_triple_is_counted_once_as_the_store_keeps_it(oxigraph, tmp_path, graph):
    lines = nt_lines(range(3))
    dump = write(tmp_path / "twice.nt", lines + lines[:1])
    result = push(dump, oxigraph.store, graph=graph, replace=True, credentials=Credentials())
    assert [(g.sent, g.after) for g in result.graphs] == [(4, 3)]


@needs_oxigraph
def test_a_published_folder_sends_data_and_catalog_into_their_graphs(oxigraph, tmp_path):
    folder = published_folder(tmp_path / "out", nt_lines(range(4)))
    result = run("push", str(folder), "--store", oxigraph.store, "--replace")
    assert result.exit_code == 0, result.output
    data, catalog = "https://w3id.org/bdp/data/bdp", "https://w3id.org/bdp/id/catalog"
    assert result.output == (
        f"Sent bdp.nt to <{data}> (replacing): 4 triples.\n"
        f"Sent catalog.ttl to <{catalog}> (replacing): 5 triples.\n"
        f"Sent void.ttl to <{catalog}> (adding): 3 triples.\n"
        f"<{data}> now holds 4 triples (before: 0).\n"
        f"<{catalog}> now holds 9 triples (before: 0).\n"
        f"Marked <{catalog}> as holding edition 1.\n"
    )
    assert oxigraph.count(data) == 4 and oxigraph.count(catalog) == 9
    sha256 = hashlib.sha256((folder / "bdp.nt").read_bytes()).hexdigest()
    marker = oxigraph.select(
        f"SELECT ?v ?s WHERE {{ GRAPH <{catalog}> {{ <{data}> <https://w3id.org/bdp/def#loadedVersion> ?v ; "
        f"<https://w3id.org/bdp/def#loadedSha256> ?s }} }}")
    assert [(row["v"]["value"], row["s"]["value"]) for row in marker] == [("1", sha256)]


@needs_oxigraph
def test_what_publish_writes_can_be_pushed_and_serves_the_portals_dcat_query(oxigraph, tmp_path, graph):
    site = tmp_path / "site"
    published = run("publish", str(Path(__file__).resolve().parent.parent / "examples"), "--out", str(site), "--gzip")
    assert published.exit_code == 0, published.output
    data, catalog = f"{graph}/data", f"{graph}/catalog"
    pushed = run("push", str(site), "--store", oxigraph.store, "--replace", "--graph", data, "--catalog-graph", catalog)
    assert pushed.exit_code == 0, pushed.output
    assert oxigraph.count(data) == len((site / "bdp.nt").read_text(encoding="utf-8").splitlines())
    # dane.gov.pl's DCAT harvester runs a CONSTRUCT over the endpoint; the catalog graph answers it
    datasets = oxigraph.select(
        f"PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT ?d WHERE {{ GRAPH <{catalog}> {{ ?d a dcat:Dataset }} }}"
    )
    assert [row["d"]["value"] for row in datasets] == ["https://w3id.org/bdp/data/bdp"]


@needs_oxigraph
def test_graph_and_catalog_graph_name_other_graphs(oxigraph, tmp_path, graph):
    folder = published_folder(tmp_path / "out", nt_lines(range(2)))
    result = push(folder, oxigraph.store, graph=graph, catalog_graph=graph + "/meta", credentials=Credentials())
    assert [(f.file, f.graph) for f in result.files] == [
        ("bdp.nt", graph), ("catalog.ttl", graph + "/meta"), ("void.ttl", graph + "/meta"),
    ]
    assert (oxigraph.count(graph), oxigraph.count(graph + "/meta")) == (2, 9)
    assert (result.marker_graph, result.marker.version) == (graph + "/meta", "1")


@needs_oxigraph
def test_data_and_catalog_may_share_one_graph(oxigraph, tmp_path, graph):
    folder = published_folder(tmp_path / "out", nt_lines(range(2)))
    result = push(folder, oxigraph.store, graph=graph, catalog_graph=graph, replace=True, credentials=Credentials())
    assert [f.method for f in result.files] == ["PUT", "POST", "POST"]
    assert [(g.graph, g.after) for g in result.graphs] == [(graph, 11)]


# --- nothing is sent when the input is wrong ------------------------------------------------------

@needs_oxigraph
def test_a_file_that_differs_from_its_checksum_is_refused_before_any_upload(oxigraph, tmp_path, graph):
    folder = published_folder(tmp_path / "out", nt_lines(range(2)))
    with (folder / "bdp.nt").open("a", encoding="utf-8") as dump:
        dump.writelines(nt_lines(range(5, 6)))
    result = run("push", str(folder), "--store", oxigraph.store, "--graph", graph)
    assert result.exit_code == 2 and no_traceback(result)
    assert f"bdp-lod: {folder / 'bdp.nt'}: does not match its SHA-256 in SHA256SUMS" in result.output
    assert oxigraph.count(graph) == 0


def test_a_file_missing_from_the_checksums_is_refused(tmp_path):
    folder = published_folder(tmp_path / "out", nt_lines(range(2)))
    (folder / "SHA256SUMS").write_text(
        "".join(line + "\n" for line in (folder / "SHA256SUMS").read_text().splitlines() if "void" not in line))
    result = run("push", str(folder), "--store", down_url())
    assert result.exit_code == 2
    assert result.output == f"bdp-lod: {folder}: void.ttl is not listed in SHA256SUMS: the folder is incomplete or was changed\n"


def test_a_folder_without_checksums_is_not_a_published_folder(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    write(folder / "bdp.nt", nt_lines(range(1)))
    result = run("--lang", "pl", "push", str(folder), "--store", down_url())
    assert result.exit_code == 2
    assert result.output.startswith(f"bdp-lod: {folder}: to nie jest folder publikacji: nie można odczytać SHA256SUMS")


@needs_oxigraph
def test_a_malformed_file_is_named_with_its_line_and_never_reaches_the_store(oxigraph, tmp_path, graph):
    dump = write(tmp_path / "broken.nt", nt_lines(range(2)) + [f"<{EX}a> <{EX}b> .\n"])
    result = run("push", str(dump), "--store", oxigraph.store, "--graph", graph, "--replace")
    assert result.exit_code == 2 and no_traceback(result)
    assert result.output.startswith(f"bdp-lod: {dump}:3: not valid RDF: ")
    assert oxigraph.count(graph) == 0


@pytest.mark.parametrize("args, message", [
    (["--graph", "not-an-iri"], "graph name 'not-an-iri' is not an absolute IRI"),
    (["--graph", f"{EX}a>b"], f"graph name '{EX}a>b' is not an absolute IRI"),
    (["--catalog-graph", f"{EX}meta"], "--catalog-graph applies to a published folder, not to a single file"),
])
def test_unusable_options_are_usage_errors(tmp_path, args, message):
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    result = run("push", str(dump), "--store", down_url(), *args)
    assert result.exit_code == 2 and no_traceback(result)
    assert message in result.output


def test_an_unknown_extension_and_a_missing_source_are_usage_errors(tmp_path):
    odd = write(tmp_path / "x.csv", ["a,b\n"])
    assert run("push", str(odd), "--store", down_url()).output.startswith(
        f"bdp-lod: {odd}: cannot tell the RDF format from the name")
    result = run("push", str(tmp_path / "nope.nt"), "--store", down_url())
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {tmp_path / 'nope.nt'}: no such file or folder\n")


def test_a_truncated_gzip_and_a_named_graph_are_refused_before_the_store(tmp_path):
    truncated = tmp_path / "x.nt.gz"
    truncated.write_bytes(gzip.compress("".join(nt_lines(range(50))).encode())[:-20])
    result = run("push", str(truncated), "--store", down_url())
    assert result.exit_code == 2 and result.output.startswith(f"bdp-lod: {truncated}: cannot read: ")
    quads = tmp_path / "quads.jsonld"
    quads.write_text(json.dumps({"@id": f"{EX}g", "@graph": [{"@id": f"{EX}a", f"{EX}p": "x"}]}))
    result = run("push", str(quads), "--store", down_url())
    assert result.output == (
        f"bdp-lod: {quads}: holds the named graph <{EX}g>: push loads triples into one graph\n")


def test_a_changed_file_is_named_by_its_checksum_even_when_it_no_longer_parses(tmp_path):
    folder = published_folder(tmp_path / "out", nt_lines(range(2)))
    with (folder / "bdp.nt").open("a", encoding="utf-8") as dump:
        dump.write("<broken\n")
    result = run("push", str(folder), "--store", down_url())
    assert result.exit_code == 2
    assert result.output.startswith(f"bdp-lod: {folder / 'bdp.nt'}: does not match its SHA-256 in SHA256SUMS")


def test_the_query_endpoint_is_the_sibling_of_known_store_endpoints():
    assert query_endpoint_for("http://localhost:7878/store") == "http://localhost:7878/query"
    assert query_endpoint_for("https://example.org/fuseki/bdp/data") == "https://example.org/fuseki/bdp/query"
    with pytest.raises(InputError, match="give it with --sparql"):
        query_endpoint_for("http://localhost:8080/rdf4j-server/repositories/bdp/rdf-graphs/service")


def test_an_explicit_sparql_endpoint_is_used_for_the_count(fake_store, tmp_path):
    fake = fake_store(count=2)
    dump = write(tmp_path / "x.nt", nt_lines(range(2)))
    result = push(dump, f"{fake.url}/graphs/service", sparql_url=f"{fake.url}/sparql", graph=f"{EX}g",
                  replace=True, credentials=Credentials())
    assert result.sparql_url == f"{fake.url}/sparql"
    assert [(r.method, r.path.split("?")[0]) for r in fake.received] == [
        ("GET", "/sparql"), ("PUT", "/graphs/service"), ("GET", "/sparql")]


# --- the store says no ---------------------------------------------------------------------------

@needs_oxigraph
def test_a_read_only_store_refuses_with_exit_1_and_its_reason(read_only_oxigraph, tmp_path, graph):
    dump = write(tmp_path / "x.nt", nt_lines(range(2)))
    result = run("push", str(dump), "--store", read_only_oxigraph.store, "--graph", graph)
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output == (
        f"bdp-lod: the store refused the upload of x.nt to <{graph}>: HTTP 403 Forbidden: The server is read-only; "
        "check BDP_LOD_STORE_USER/BDP_LOD_STORE_PASSWORD or BDP_LOD_STORE_TOKEN and the store's permissions\n"
    )


def test_a_store_that_is_down_is_exit_1_after_the_retries(tmp_path):
    dump = write(tmp_path / "x.nt", nt_lines(range(2)))
    url = down_url()
    result = run("push", str(dump), "--store", url, "--retries", "2", "--retry-delay", "0")
    assert result.exit_code == 1 and no_traceback(result)
    query = url.replace("/store", "/query")
    assert result.output == (
        "bdp-lod: store unreachable (Connection refused); retrying in 0 s (attempt 2 of 3)\n"
        "bdp-lod: store unreachable (Connection refused); retrying in 0 s (attempt 3 of 3)\n"
        f"bdp-lod: cannot reach {query} for the count of the triples in the default graph: "
        "Connection refused (after 3 attempts)\n"
    )


def test_a_refusal_is_not_retried(fake_store, tmp_path):
    fake = fake_store(script={"PUT": [(400, {"Content-Type": "text/plain"}, b"Parser error at line 1")]})
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    result = run("push", str(dump), "--store", fake.store, "--graph", f"{EX}g", "--replace", "--retry-delay", "0")
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output == (
        f"bdp-lod: the store refused the upload of x.nt to <{EX}g>: HTTP 400 Bad Request: Parser error at line 1\n")
    assert [r.method for r in fake.received] == ["GET", "PUT"]


def test_a_store_that_holds_other_than_was_sent_fails_the_check(fake_store, tmp_path):
    fake = fake_store(count=0)
    dump = write(tmp_path / "x.nt", nt_lines(range(3)))
    result = run("--lang", "pl", "push", str(dump), "--store", fake.store, "--graph", f"{EX}g", "--replace")
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output == (
        f"bdp-lod: <{EX}g> zawiera po wysłaniu 0 trójek, oczekiwano 3 (przedtem 0, wysłano 3); "
        "czy ktoś w tym czasie zapisywał do grafu?\n")


def test_an_append_that_shrinks_the_graph_fails_the_check(fake_store, tmp_path):
    fake = fake_store(count=10, script={"GET": [(200, {}, json.dumps(
        {"results": {"bindings": [{"n": {"type": "literal", "value": "20"}}]}}).encode())]})
    dump = write(tmp_path / "x.nt", nt_lines(range(3)))
    with pytest.raises(StoreError, match=r"holds 10 triples after the upload, expected between 20 and 23"):
        push(dump, fake.store, graph=f"{EX}g", credentials=Credentials())


def test_a_redirect_is_not_followed(fake_store, tmp_path):
    fake = fake_store(script={"GET": [(301, {"Location": "https://store.example.org/query"}, b"")]})
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    with pytest.raises(StoreError) as caught:
        push(dump, fake.store, credentials=Credentials())
    assert caught.value.message.en == (
        "the store redirected the count of the triples in the default graph to https://store.example.org/query: "
        "give that URL instead")
    assert len(fake.received) == 1


# --- retries -------------------------------------------------------------------------------------

def upload_once(fake: FakeStore, delays: list[float], **policy) -> int:
    client = GraphStore(fake.store, credentials=Credentials(),
                        retry=RetryPolicy(sleep=delays.append, **policy))
    return client.upload(lambda: io.BytesIO(b"<http://a> <http://b> <http://c> .\n"), "application/n-triples",
                         f"{EX}g", replace=True, name="x.nt")


def test_a_busy_store_is_retried_with_doubling_back_off(fake_store):
    fake = fake_store(script={"PUT": [(503, {}, b""), (503, {}, b"")]})
    delays: list[float] = []
    assert upload_once(fake, delays, base_delay=0.5) == 204
    assert delays == [0.5, 1.0]
    assert [r.body for r in fake.uploads] == [b"<http://a> <http://b> <http://c> .\n"] * 3


@pytest.mark.parametrize("retry_after, delays", [
    ("7", [7.0]),
    ("120", [30.0]),
    (formatdate(0, usegmt=True), [0.0]),
])
def test_retry_after_is_respected_up_to_the_cap(fake_store, retry_after, delays):
    fake = fake_store(script={"PUT": [(429, {"Retry-After": retry_after}, b"")]})
    waited: list[float] = []
    assert upload_once(fake, waited, max_delay=30.0) == 204
    assert waited == delays


def test_back_off_is_capped_and_gives_up_after_the_last_retry():
    delays: list[float] = []
    client = GraphStore(down_url(), credentials=Credentials(),
                        retry=RetryPolicy(retries=3, base_delay=10.0, max_delay=15.0, sleep=delays.append))
    with pytest.raises(StoreError, match=r"Connection refused \(after 4 attempts\)"):
        client.count(None)
    assert delays == [10.0, 15.0, 15.0]


def test_a_store_still_busy_after_the_retries_is_reported(fake_store):
    fake = fake_store(script={"PUT": [(502, {}, b"Bad Gateway")] * 3})
    with pytest.raises(StoreError) as caught:
        upload_once(fake, [], retries=2)
    assert caught.value.status == 502
    assert caught.value.message.en == (
        f"the store refused the upload of x.nt to <{EX}g>: HTTP 502 Bad Gateway: Bad Gateway (after 3 attempts)")


# --- credentials ---------------------------------------------------------------------------------

def test_basic_credentials_come_from_the_environment(fake_store, tmp_path):
    fake = fake_store(count=1)
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    env = {"BDP_LOD_STORE_USER": "anna", "BDP_LOD_STORE_PASSWORD": SECRET_PASSWORD}
    result = run("push", str(dump), "--store", fake.store, "--replace", env=env)
    assert result.exit_code == 0, result.output
    expected = "Basic " + base64.b64encode(f"anna:{SECRET_PASSWORD}".encode()).decode()
    assert [r.headers.get("Authorization") for r in fake.received] == [expected] * 3


def test_a_bearer_token_comes_from_the_environment(fake_store, tmp_path):
    fake = fake_store(count=1)
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    result = run("push", str(dump), "--store", fake.store, env={"BDP_LOD_STORE_TOKEN": SECRET_TOKEN})
    assert result.exit_code == 0, result.output
    assert [r.headers.get("Authorization") for r in fake.received] == [f"Bearer {SECRET_TOKEN}"] * 3


def test_without_credentials_no_authorization_is_sent(fake_store, tmp_path):
    fake = fake_store(count=1)
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    assert run("push", str(dump), "--store", fake.store).exit_code == 0
    assert all("Authorization" not in r.headers for r in fake.received)


@pytest.mark.parametrize("env, message", [
    ({"BDP_LOD_STORE_USER": "anna", "BDP_LOD_STORE_PASSWORD": SECRET_PASSWORD, "BDP_LOD_STORE_TOKEN": SECRET_TOKEN},
     "set either BDP_LOD_STORE_TOKEN or BDP_LOD_STORE_USER and BDP_LOD_STORE_PASSWORD, not both"),
    ({"BDP_LOD_STORE_PASSWORD": SECRET_PASSWORD},
     "BDP_LOD_STORE_USER and BDP_LOD_STORE_PASSWORD go together: set both or neither"),
])
def test_half_or_doubly_set_credentials_are_usage_errors(tmp_path, env, message):
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    result = run("push", str(dump), "--store", down_url(), env=env)
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {message}\n")


def test_credentials_in_the_store_url_are_refused_without_being_echoed(tmp_path):
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    result = run("push", str(dump), "--store", f"http://anna:{SECRET_PASSWORD}@127.0.0.1:1/store")
    assert result.exit_code == 2
    assert result.output == ("bdp-lod: --store must not carry credentials: set BDP_LOD_STORE_USER and "
                             "BDP_LOD_STORE_PASSWORD (or BDP_LOD_STORE_TOKEN) instead\n")


@pytest.mark.parametrize("env, secrets", [
    ({"BDP_LOD_STORE_USER": "anna", "BDP_LOD_STORE_PASSWORD": SECRET_PASSWORD},
     [SECRET_PASSWORD, base64.b64encode(f"anna:{SECRET_PASSWORD}".encode()).decode()]),
    ({"BDP_LOD_STORE_TOKEN": SECRET_TOKEN}, [SECRET_TOKEN]),
])
def test_secrets_never_appear_even_when_the_store_echoes_them(fake_store, tmp_path, env, secrets):
    echo = f"denied for {{authorization}}; you sent {secrets[0]}".encode()
    fake = fake_store(script={"GET": [(401, {}, echo)]})
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    result = run("push", str(dump), "--store", fake.store, env=env)
    assert result.exit_code == 1 and no_traceback(result)
    assert result.output.startswith(
        "bdp-lod: the store refused the count of the triples in the default graph: "
        "HTTP 401 Unauthorized: denied for ***; you sent ***; check BDP_LOD_STORE_USER")
    assert [s for s in secrets if s in result.output] == []


def test_credentials_do_not_show_in_their_repr():
    text = repr(Credentials.from_env({"BDP_LOD_STORE_USER": "anna", "BDP_LOD_STORE_PASSWORD": SECRET_PASSWORD}))
    assert text == "Credentials(user='anna')"
    assert SECRET_TOKEN not in repr(Credentials.from_env({"BDP_LOD_STORE_TOKEN": SECRET_TOKEN}))


def test_store_unreachable_messages_carry_no_secret(tmp_path):
    dump = write(tmp_path / "x.nt", nt_lines(range(1)))
    result = run("push", str(dump), "--store", down_url(), "--retries", "0",
                 env={"BDP_LOD_STORE_TOKEN": SECRET_TOKEN})
    assert result.exit_code == 1
    assert SECRET_TOKEN not in result.output


# --- streaming -----------------------------------------------------------------------------------

class RecordingSession(requests.Session):
    """A real session that notes what it was handed as the request body."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[object] = []

    def request(self, method, url, **kwargs):  # type: ignore[override]
        if method in ("PUT", "POST"):
            self.bodies.append(kwargs.get("data"))
        return super().request(method, url, **kwargs)


def test_a_file_is_streamed_as_an_open_file_with_its_length(fake_store, tmp_path):
    fake = fake_store(count=50)
    dump = write(tmp_path / "x.nt", nt_lines(range(50)))
    session = RecordingSession()
    push(dump, fake.store, replace=True, credentials=Credentials(), session=session)
    (body,) = session.bodies
    assert isinstance(body, io.BufferedReader) and body.closed
    (upload,) = fake.uploads
    assert upload.headers["Content-Length"] == str(dump.stat().st_size)
    assert upload.headers["Content-Type"] == "application/n-triples"
    assert upload.body == dump.read_bytes()


def test_a_gzipped_file_is_streamed_decompressed_in_chunks(fake_store, tmp_path):
    fake = fake_store(count=50)
    plain = write(tmp_path / "x.nt", nt_lines(range(50)))
    dump = convert_nt(plain, tmp_path / "x.ttl.gz")
    session = RecordingSession()
    push(dump, fake.store, replace=True, credentials=Credentials(), session=session)
    (body,) = session.bodies
    assert isinstance(body, types.GeneratorType)
    (upload,) = fake.uploads
    assert upload.headers["Transfer-Encoding"] == "chunked" and "Content-Encoding" not in upload.headers
    assert upload.headers["Content-Type"] == "text/turtle"
    assert upload.body == gzip.decompress(dump.read_bytes())


def test_a_large_file_is_never_held_in_memory(fake_store, tmp_path):
    fake = fake_store(count=120_000, keep_bodies=False)
    dump = write(tmp_path / "large.nt", nt_lines(range(120_000)))
    size = dump.stat().st_size
    assert size > 8_000_000
    tracemalloc.start()
    try:
        result = push(dump, fake.store, replace=True, credentials=Credentials())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [f.triples for f in result.files] == [120_000]
    assert fake.uploads[0].size == size
    assert peak < size // 8
