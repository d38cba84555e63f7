"""The three dumps: standard syntax, one graph, readable JSON-LD (bdp_lod.serialize)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from bdp_lod.serialize.blocks import Lit, RowMaker, SubjectBlocks, nt_line, nt_term, rows_of, write_ntriples, write_turtle
from bdp_lod.serialize.jsonld import Compactor, JsonLdWriter, Renderer
from bdp_lod.publish.writing import context, write_dumps
from bdp_lod.records import prepare
from bdp_lod.uris import DEFAULT_BASE
from bdp_lod.vocab import XSD

from conftest import EXAMPLES

XSD_STRING = str(XSD.string)
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
EX = "http://example.org/"


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples' dumps, written once for the module."""
    folder = tmp_path_factory.mktemp("dumps")
    write_dumps(prepare([EXAMPLES]).practices, folder, base_uri=DEFAULT_BASE)
    return folder


def _rdflib(path: Path) -> Graph:
    return Graph().parse(path, format={".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[path.suffix])


def _refuse(url: str, options: object = None) -> Any:
    raise AssertionError(f"a remote document was fetched: {url}")


# --- N-Triples terms --------------------------------------------------------------------------


def test_literals_use_the_canonical_escapes() -> None:
    text = 'a "b" \\ c\nd\re\tf\x01g\x7f'
    assert nt_term(Lit(text, None, XSD_STRING)) == '"a \\"b\\" \\\\ c\\nd\\re\\tf\\u0001g\\u007F"'
    assert nt_term(Lit("Czersk", "pl", LANG_STRING)) == '"Czersk"@pl'
    assert nt_term(Lit("2013-06-28", None, str(XSD.date))) == '"2013-06-28"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert nt_term(f"{EX}a") == f"<{EX}a>"


def test_what_n_triples_cannot_write_is_refused() -> None:
    with pytest.raises(ValueError, match="not an absolute IRI"):
        nt_term("http://example.org/a b")
    with pytest.raises(ValueError, match="not an absolute IRI"):
        nt_term("relative/path")
    with pytest.raises(ValueError, match="not a language tag"):
        nt_term(Lit("x", "pl_PL", LANG_STRING))
    with pytest.raises(ValueError, match="no blank nodes"):
        list(rows_of([(URIRef(f"{EX}a"), URIRef(f"{EX}p"), BNode())]))


def test_rows_keep_every_kind_of_term() -> None:
    triples = [
        (URIRef(f"{EX}a"), URIRef(f"{EX}p"), URIRef(f"{EX}b")),
        (URIRef(f"{EX}a"), URIRef(f"{EX}p"), Literal("x", lang="pl")),
        (URIRef(f"{EX}a"), URIRef(f"{EX}p"), Literal("x")),
        (URIRef(f"{EX}a"), URIRef(f"{EX}p"), Literal(3)),
    ]
    assert list(rows_of(triples)) == [
        (f"{EX}a", f"{EX}p", f"{EX}b"),
        (f"{EX}a", f"{EX}p", Lit("x", "pl", LANG_STRING)),
        (f"{EX}a", f"{EX}p", Lit("x", None, XSD_STRING)),
        (f"{EX}a", f"{EX}p", Lit("3", None, str(XSD.integer))),
    ]


def test_a_row_maker_converts_a_shared_triple_once_and_a_practice_s_own_every_time() -> None:
    shared = (URIRef(f"{EX}unit"), URIRef(f"{EX}p"), Literal("Czersk", lang="pl"))
    own = [(URIRef(f"{EX}practice/1"), URIRef(f"{EX}p"), shared[0])]
    maker = RowMaker(f"{EX}practice/")
    first = maker.rows([*own, shared])
    second = maker.rows([*own, shared])
    assert first == second == list(rows_of([*own, shared]))
    assert second[1] is first[1]
    assert second[0] is not first[0]
    with pytest.raises(ValueError, match="no blank nodes"):
        maker.rows([(URIRef(f"{EX}a"), URIRef(f"{EX}p"), BNode())])


# --- blocks, N-Triples and Turtle ------------------------------------------------------------


def _rows() -> list[tuple[str, str, Any]]:
    return [
        (f"{EX}b", f"{EX}name", Lit("Bé", "pl", LANG_STRING)),
        (f"{EX}a", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://schema.org/Thing"),
        (f"{EX}a", f"{EX}count", Lit("7", None, str(XSD.integer))),
        (f"{EX}a", f"{EX}flag", Lit("true", None, str(XSD.boolean))),
        (f"{EX}a", f"{EX}day", Lit("2024-05-01", None, str(XSD.date))),
        (f"{EX}a", "https://schema.org/about", f"{EX}b"),
        (f"{EX}a", "https://schema.org/about", "https://schema.org/x/y"),
    ]


def test_a_subject_arriving_again_adds_nothing_and_a_changed_one_adds_the_difference() -> None:
    blocks = SubjectBlocks()
    blocks.add(_rows())
    blocks.add(_rows())
    extra = (f"{EX}b", f"{EX}name", Lit("B", "en", LANG_STRING))
    blocks.add([_rows()[0], extra])
    assert len(blocks) == 2
    assert sorted(blocks.rows(), key=nt_line) == sorted([*_rows(), extra], key=nt_line)


def test_rows_read_back_from_the_lines_are_the_rows_written() -> None:
    tricky = [
        (f"{EX}a", f"{EX}p", Lit('a "b" \\ c\nd\re\tf\x01g\x7f ż „x”', None, XSD_STRING)),
        (f"{EX}a", f"{EX}p", Lit("x", "pl", LANG_STRING)),
        (f"{EX}a", f"{EX}p", Lit("2023-01", None, str(XSD.gYearMonth))),
        (f"{EX}a", f"{EX}p", f"{EX}b"),
    ]
    blocks = SubjectBlocks()
    blocks.add(tricky)
    assert sorted(blocks.rows(), key=nt_line) == sorted(tricky, key=nt_line)


def test_n_triples_is_the_sorted_set_of_lines() -> None:
    blocks = SubjectBlocks()
    rows = _rows()
    blocks.add(rows[:4])
    blocks.add(rows[2:])
    blocks.add(rows[::-1])
    out = io.BytesIO()
    write_ntriples(blocks, out)
    assert out.getvalue().decode("utf-8") == "".join(sorted({nt_line(r) for r in rows}))


def test_turtle_statement_per_subject_with_type_first() -> None:
    blocks = SubjectBlocks()
    blocks.add(_rows())
    out = io.BytesIO()
    write_turtle(blocks, out, prefixes={"schema": "https://schema.org/", "xsd": str(XSD)})
    assert out.getvalue().decode("utf-8") == (
        "@prefix schema: <https://schema.org/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "\n"
        f"<{EX}a> a schema:Thing ;\n"
        f"\t<{EX}count> 7 ;\n"
        f'\t<{EX}day> "2024-05-01"^^xsd:date ;\n'
        f"\t<{EX}flag> true ;\n"
        f"\tschema:about <{EX}b> , <https://schema.org/x/y> .\n"
        "\n"
        f'<{EX}b> <{EX}name> "Bé"@pl .\n'
    )


# --- the examples' dumps ------------------------------------------------------------------------


def test_the_three_dumps_hold_the_same_graph(dumps: Path) -> None:
    turtle = _rdflib(dumps / "bdp.ttl")
    assert len(turtle) > 400
    assert isomorphic(turtle, _rdflib(dumps / "bdp.nt"))
    assert isomorphic(turtle, _rdflib(dumps / "bdp.jsonld"))


def test_pyoxigraph_reads_the_same_triples_from_each_dump(dumps: Path) -> None:
    formats = {"bdp.ttl": ox.RdfFormat.TURTLE, "bdp.nt": ox.RdfFormat.N_TRIPLES, "bdp.jsonld": ox.RdfFormat.JSON_LD}
    parsed = {name: {str(t) for t in ox.parse(path=str(dumps / name), format=fmt)} for name, fmt in formats.items()}
    assert parsed["bdp.ttl"] == parsed["bdp.nt"] == parsed["bdp.jsonld"]


def test_pyld_expands_the_json_ld_to_the_turtle_graph_without_fetching(dumps: Path) -> None:
    document = json.loads((dumps / "bdp.jsonld").read_text(encoding="utf-8"))
    quads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": _refuse})
    assert isomorphic(Graph().parse(data=quads, format="nt"), _rdflib(dumps / "bdp.ttl"))


def test_n_triples_is_sorted_and_unique_as_sort_makes_it(dumps: Path) -> None:
    data = (dumps / "bdp.nt").read_bytes()
    lines = data.splitlines(keepends=True)
    assert lines == sorted(set(lines))
    if shutil.which("sort"):
        env = {**os.environ, "LC_ALL": "C"}
        assert subprocess.run(["sort", "-u"], input=data, capture_output=True, env=env, check=True).stdout == data


def test_turtle_declares_the_prefixes_then_one_statement_per_subject(dumps: Path) -> None:
    text = (dumps / "bdp.ttl").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    assert head.splitlines()[:2] == ["@prefix adms: <http://www.w3.org/ns/adms#> .", "@prefix bdp: <https://w3id.org/bdp/def#> ."]
    statements = body.split("\n\n")
    subjects = [s.split(" ", 1)[0] for s in statements]
    assert subjects == sorted(subjects, key=lambda s: s.encode()) and len(set(subjects)) == len(subjects)
    assert len(subjects) == len({line.split(" ", 1)[0] for line in (dumps / "bdp.nt").read_text(encoding="utf-8").splitlines()})


def test_json_ld_embeds_its_context_and_reads_as_plain_json(dumps: Path) -> None:
    document = json.loads((dumps / "bdp.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == context()
    czersk = next(n for n in document["@graph"] if n.get("title", {}).get("pl", "").startswith("Wzmocnienie infrastruktury"))
    assert czersk["type"] == "Practice"
    assert czersk["issued"] == "2013-06-28"
    assert czersk["localGovernmentUnit"] == "https://w3id.org/bdp/id/unit/220204"
    institution = czersk["implementedBy"]
    assert institution["prefLabel"] == {"pl": "Urząd Miejski w Czersku"}
    assert institution["address"]["postCode"] == "89-650"
    assert czersk["contactPoint"]["hasEmail"] == "mailto:promocja@czersk.pl"
    unit = next(n for n in document["@graph"] if n["id"] == "https://w3id.org/bdp/id/unit/220204")
    assert unit["prefLabel"] == {"pl": "Gmina Czersk"}
    assert unit["spatial"] == "https://w3id.org/bdp/id/area/220204"


def test_practices_come_first_in_iri_order_then_shared_nodes_once_each(dumps: Path) -> None:
    graph = json.loads((dumps / "bdp.jsonld").read_text(encoding="utf-8"))["@graph"]
    kinds = [n["type"] == "Practice" for n in graph]
    practices = [n["id"] for n in graph if n["type"] == "Practice"]
    assert kinds == [True] * len(practices) + [False] * (len(graph) - len(practices))
    assert practices == sorted(practices) and len(practices) == 5
    ids = [n["id"] for n in graph]
    assert len(ids) == len(set(ids))


def test_json_ld_one_node_a_line(dumps: Path) -> None:
    lines = (dumps / "bdp.jsonld").read_text(encoding="utf-8").splitlines()
    graph = lines[lines.index('  "@graph": [') + 1:-2]
    assert all(line.startswith('    {"id": ') for line in graph)


def test_a_value_no_term_can_hold_keeps_its_datatype_under_the_compact_iri() -> None:
    compactor = Compactor(context())
    month = Lit("2023-01", None, str(XSD.gYearMonth))
    day = Lit("2023-01-05", None, str(XSD.date))
    start = "http://www.w3.org/ns/dcat#startDate"
    assert compactor.literal(start, day) == ("startDate", None, "2023-01-05")
    assert compactor.literal(start, month) == ("dcat:startDate", None, {"@value": "2023-01", "@type": "xsd:gYearMonth"})
    assert compactor.literal("http://purl.org/dc/terms/title", Lit("T", "pl", LANG_STRING)) == ("title", "pl", "T")
    assert compactor.iri_key("http://purl.org/dc/terms/spatial") == ("spatial", True)
    assert compactor.iri_key(f"{EX}p") == (f"{EX}p", False)


def test_nodes_only_shared_nodes_reach_are_written_with_them() -> None:
    out = io.BytesIO()
    writer = JsonLdWriter(out, context())
    renderer = Renderer(context())
    unit, ident = "https://w3id.org/bdp/id/unit/22", "https://w3id.org/bdp/id/unit/22/identifier/22"
    rows = [
        (f"{EX}p", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/bdp/def#Practice"),
        (f"{EX}p", "https://w3id.org/bdp/def#localGovernmentUnit", unit),
        (unit, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/bdp/def#LocalGovernmentUnit"),
        (unit, "http://www.w3.org/ns/adms#identifier", ident),
        (ident, "http://www.w3.org/2004/02/skos/core#notation", Lit("22", None, XSD_STRING)),
    ]
    writer.write(renderer.practice(f"{EX}p", rows))
    writer.write(renderer.practice(f"{EX}p", rows))
    writer.close()
    graph = json.loads(out.getvalue())["@graph"]
    assert graph[0] == {"id": f"{EX}p", "type": "Practice", "localGovernmentUnit": unit}
    assert graph[2] == {"id": unit, "type": "LocalGovernmentUnit", "identifier": {"id": ident, "notation": "22"}}
    assert len(graph) == 3


def test_dumps_do_not_depend_on_input_order_or_workers(dumps: Path, tmp_path: Path) -> None:
    practices = prepare([EXAMPLES]).practices
    write_dumps(list(reversed(practices)), tmp_path, base_uri=DEFAULT_BASE, workers=2)
    for name in ("bdp.ttl", "bdp.nt", "bdp.jsonld"):
        assert (tmp_path / name).read_bytes() == (dumps / name).read_bytes(), name
