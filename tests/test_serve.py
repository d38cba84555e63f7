"""`bdp-lod serve` started as a real server on loopback: every identifier negotiates, every
document is the resource's RDF, and a standard SPARQL client queries /sparql."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from bdp_lod.server.negotiation import negotiate
from bdp_lod.site.documents import descriptions
from bdp_lod.site.layout import Variant

from site_support import LAYOUT, RENAMED, WITHDRAWN, as_triples, publish_edition_site, publish_site, serving


PRACTICE = "id/practice/cus-klucze-plan-osl-2023"
FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}
VARIANTS = {"text/html": Variant.HTML, "text/turtle": Variant.TURTLE, "application/ld+json": Variant.JSONLD,
            "application/n-triples": Variant.NTRIPLES}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_site(tmp_path_factory.mktemp("serve") / "out")


@pytest.fixture(scope="module")
def url(folder: Path) -> Iterator[str]:
    with serving(folder) as address:
        yield address


@pytest.mark.parametrize(("accept", "chosen"), [
    ("text/turtle", "text/turtle"),
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
    ("*/*", "text/html"),
    (None, "text/html"),
    ("application/*;q=0.9, text/turtle;q=0.1", "application/ld+json"),
    ("image/png", None),
    ("text/html;q=0, */*;q=0.1", "text/turtle"),
])
def test_q_values_are_honoured(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept, list(VARIANTS)) == chosen


def test_every_resource_answers_303_with_each_type_and_its_rdf_is_its_description(folder: Path, url: str) -> None:
    session = requests.Session()
    described = list(descriptions(folder, LAYOUT))
    assert len(described) > 100
    for description in described:
        for accept, variant in VARIANTS.items():
            response = session.get(url + description.path, headers={"Accept": accept}, allow_redirects=False)
            location = "/" + LAYOUT.document(description.path, variant)
            assert (response.status_code, response.headers["Location"], response.headers["Vary"]) == (303, location, "Accept")
            if accept == "text/html":
                continue
            document = session.get(url + location.lstrip("/"))
            assert document.status_code == 200 and document.headers["Content-Type"].split(";")[0] == accept
            graph = Graph().parse(data=document.content, format=FORMATS[accept])
            assert set(graph) == as_triples((*description.triples, *description.neighbours)), description.path


def test_nothing_acceptable_is_406(url: str) -> None:
    assert requests.get(url + PRACTICE, headers={"Accept": "image/png"}, allow_redirects=False).status_code == 406


def test_documents_carry_an_etag_and_answer_304_when_unchanged(url: str) -> None:
    document = url + LAYOUT.document(PRACTICE, Variant.TURTLE)
    first = requests.get(document)
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    again = requests.get(document, headers={"If-None-Match": first.headers["ETag"]})
    assert (again.status_code, again.content) == (304, b"")


def test_unknown_paths_are_404_in_the_sites_style_for_browsers_and_plain_for_rdf_clients(url: str) -> None:
    page = requests.get(url + "doc/id/practice/no/ne/xx/none.html", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "Nie ma takiej strony" in page.text
    plain = requests.get(url + "id/practice/nothing-like-this", headers={"Accept": "text/turtle"}, allow_redirects=False)
    assert (plain.status_code, plain.text) == (404, "Not found\n")


@pytest.mark.parametrize("escape", ["doc/../../../etc/passwd", "doc/%2e%2e/%2e%2e/etc/passwd", "%2e%2e/catalog.ttl", "doc/..%2f..%2fetc/passwd"])
def test_dots_never_leave_the_folder(url: str, escape: str) -> None:
    with requests.Session() as session:
        request = requests.Request("GET", url + escape).prepare()
        request.url = url + escape  # as sent, not normalised by the client
        assert session.send(request).status_code == 404


def test_a_standard_sparql_client_runs_select_ask_and_construct(url: str) -> None:
    store = SPARQLStore(url + "sparql", returnFormat="json")
    rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/bdp/def#Practice> }"))
    assert int(rows[0][0]) == 5
    assert store.query(f"ASK {{ <{LAYOUT.iri(PRACTICE)}> ?p ?o }}").askAnswer is True
    constructed = Graph()
    for triple in store.query(f"CONSTRUCT {{ <{LAYOUT.iri(PRACTICE)}> ?p ?o }} WHERE {{ <{LAYOUT.iri(PRACTICE)}> ?p ?o }}"):
        constructed.add(triple)
    assert (URIRef(LAYOUT.iri(PRACTICE)), None, None) in constructed


@pytest.mark.parametrize(("accept", "first_line"), [
    ("text/csv", "n\r\n"),
    ("text/tab-separated-values", "?n\n"),
])
def test_select_results_come_as_csv_and_tsv_too(url: str, accept: str, first_line: str) -> None:
    response = requests.get(url + "sparql", params={"query": "SELECT ?n WHERE { BIND(1 AS ?n) }"}, headers={"Accept": accept})
    assert response.status_code == 200 and response.text.startswith(first_line)


def test_post_queries_work_and_updates_are_refused(url: str) -> None:
    posted = requests.post(url + "sparql", data="ASK {}", headers={"Content-Type": "application/sparql-query",
                                                                  "Accept": "application/sparql-results+json"})
    assert posted.json() == {"head": {}, "boolean": True}
    update = requests.post(url + "sparql", data={"update": "DROP ALL"})
    assert update.status_code == 403


def test_malformed_sparql_is_400_with_the_parsers_message(url: str) -> None:
    response = requests.get(url + "sparql", params={"query": "SELECT WHERE {"})
    assert response.status_code == 400 and response.text.startswith("malformed query:")


def test_the_command_refuses_a_folder_that_is_not_a_publication(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bdp_lod.cli", "serve", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (2, f"bdp-lod: {tmp_path}: not a published folder (no catalog.ttl)\n")


def test_the_command_serves_until_stopped_and_then_leaves_nothing_behind(folder: Path, tmp_path: Path) -> None:
    """SIGTERM (what a service manager sends) stops the SPARQL workers and removes their store."""
    process = subprocess.Popen([sys.executable, "-m", "bdp_lod.cli", "serve", str(folder), "--port", "0"],
                               stdout=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        address = line.split(" at ")[1].split(" ")[0]
        assert requests.get(address + PRACTICE, headers={"Accept": "text/turtle"}, allow_redirects=False).status_code == 303
        assert [p.name.startswith("bdp-lod-sparql-") for p in tmp_path.iterdir()] == [True]
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert (process.returncode, list(tmp_path.iterdir())) == (0, [])


@pytest.mark.parametrize(("name", "text", "says"), [
    ("catalog.ttl", "<a> <b> .", "catalog.ttl: cannot parse the catalog"),
    ("bdp.nt", "<https://x> <https://y> .\n", "bdp.nt: cannot load into the SPARQL store"),
])
def test_a_damaged_folder_is_one_line_and_exit_2(folder: Path, tmp_path: Path, name: str, text: str, says: str) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(folder, damaged)
    (damaged / name).write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bdp_lod.cli", "serve", str(damaged)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith(f"bdp-lod: {damaged / name}: ") and says.split(": ")[1] in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    folder = publish_edition_site(tmp_path_factory.mktemp("serve-edition") / "out")
    with serving(folder) as address:
        yield folder, address


@pytest.mark.parametrize(("accept", "variant"), [*VARIANTS.items(), ("*/*", Variant.HTML), ("image/png", Variant.HTML),
                                                 ("text/turtle;q=0.2, application/ld+json;q=0.9", Variant.JSONLD)])
def test_a_withdrawn_identifier_is_410_with_the_tombstone_the_client_prefers(
    edition: tuple[Path, str], accept: str, variant: Variant,
) -> None:
    folder, url = edition
    response = requests.get(url + WITHDRAWN, headers={"Accept": accept}, allow_redirects=False)
    assert (response.status_code, response.headers["Content-Type"].split(";")[0], response.headers["Vary"]) == (
        410, variant.media_type, "Accept")
    assert response.content == (folder / LAYOUT.document(WITHDRAWN, variant)).read_bytes()


def test_a_withdrawn_identifiers_documents_are_410_and_its_head_too(edition: tuple[Path, str]) -> None:
    _folder, url = edition
    for variant in Variant:
        assert requests.get(url + LAYOUT.document(WITHDRAWN, variant)).status_code == 410
    head = requests.head(url + WITHDRAWN, headers={"Accept": "text/turtle"})
    assert (head.status_code, head.content) == (410, b"")


def test_a_renamed_identifier_and_its_documents_are_301_to_the_newest_name(edition: tuple[Path, str]) -> None:
    _folder, url = edition
    for old in RENAMED:
        response = requests.get(url + old, headers={"Accept": "text/turtle"}, allow_redirects=False)
        assert (response.status_code, response.headers["Location"]) == (301, "/" + PRACTICE)
        page = requests.get(url + LAYOUT.document(old, Variant.HTML_EN), allow_redirects=False)
        assert (page.status_code, page.headers["Location"]) == (301, "/" + LAYOUT.document(PRACTICE, Variant.HTML_EN))
    followed = requests.get(url + next(iter(RENAMED)), headers={"Accept": "text/turtle"})
    assert followed.status_code == 200 and (URIRef(LAYOUT.iri(PRACTICE)), None, None) in Graph().parse(
        data=followed.text, format="turtle")


def test_an_edition_iri_answers_like_the_dataset(edition: tuple[Path, str]) -> None:
    _folder, url = edition
    response = requests.get(url + "data/bdp/edition/1", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(LAYOUT.iri("data/bdp/edition/1")), URIRef("http://www.w3.org/ns/dcat#isVersionOf"),
            URIRef(LAYOUT.iri("data/bdp"))) in graph


def test_a_retired_ttl_that_does_not_parse_is_one_line_and_exit_2(edition: tuple[Path, str], tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(edition[0], damaged)
    (damaged / "retired.ttl").write_text("<a> <b> .", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bdp_lod.cli", "serve", str(damaged)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith(f"bdp-lod: {damaged / 'retired.ttl'}: cannot read the retired identifiers")
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
