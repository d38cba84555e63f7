"""One serialiser (bdp_lod.serialize): ``convert`` writes the very bytes ``publish`` does, and
every file it writes is standard RDF other tools read back to the same graph."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from bdp_lod.convert import convert
from bdp_lod.mapping import to_graph
from bdp_lod.publish import publish
from bdp_lod.publish.release import PublishOptions
from bdp_lod.records import prepare
from bdp_lod.serialize import FORMATS, serialize, write_practices
from bdp_lod.terms import to_ox
from bdp_lod.uris import DEFAULT_BASE

from conftest import EXAMPLES

BASE = "https://dane.example.pl/bdp/"
OX_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


@pytest.fixture(scope="module", params=[False, True], ids=["contacts", "redacted"])
def publication(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bool]:
    out = tmp_path_factory.mktemp("published") / "release"
    result = publish([EXAMPLES], out, options=PublishOptions(base_uri=BASE), redact_contacts=request.param)
    assert result.ok, result.findings
    return out, request.param


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_convert_writes_the_bytes_of_the_published_dump(
    publication: tuple[Path, bool], suffix: str, tmp_path: Path
) -> None:
    folder, redacted = publication
    result = convert([EXAMPLES], tmp_path / f"bdp{suffix}", base_uri=BASE, redact_contacts=redacted)
    assert result.ok, result.findings
    assert (tmp_path / f"bdp{suffix}").read_bytes() == (folder / f"bdp{suffix}").read_bytes()


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_serialize_writes_standard_rdf_of_the_same_graph(suffix: str) -> None:
    practices = prepare([EXAMPLES]).practices
    graph = to_graph(practices)
    data = serialize(graph, FORMATS[suffix])
    by_rdflib = Graph().parse(data=data, format=RDFLIB_FORMATS[suffix])
    assert isomorphic(by_rdflib, graph)
    by_oxigraph = {quad.triple for quad in ox.parse(data, format=OX_FORMATS[suffix])}
    assert by_oxigraph == {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph}  # type: ignore[arg-type]


def test_serialize_of_a_graph_is_the_dump_of_its_records_for_ntriples_and_turtle() -> None:
    practices = prepare([EXAMPLES]).practices
    graph = to_graph(practices)
    for suffix in (".ttl", ".nt"):
        out = BytesIO()
        write_practices(practices, FORMATS[suffix], out, base_uri=DEFAULT_BASE)
        assert serialize(graph, FORMATS[suffix]) == out.getvalue()
