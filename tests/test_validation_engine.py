"""bdp-lod's SHACL engine gives exactly pyshacl's results, in a fraction of its time.

Exactness is checked three ways: on a graph that fails every constraint the engine evaluates
(fixtures/validation/engine-*.ttl), on the examples, and through the whole `validate` pipeline
on a few hundred practices with defects, read in parallel and validated in small batches whose
practices disagree about shared nodes, against one whole-graph pyshacl run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from bdp_lod import records, teryt
from bdp_lod.mapping import to_graph
from bdp_lod.records import prepare
from bdp_lod.validation import pipeline, validate
from bdp_lod.validation.engine import Index, evaluate
from bdp_lod.validation.foreign import read_report
from bdp_lod.validation.shapes import compile_shapes, load_shapes

from conftest import EXAMPLES, FIXTURES

EX = "http://example.org/"
ENGINE = FIXTURES / "validation"


def pyshacl_keys(data: Graph, shapes: Graph) -> set[tuple[object, ...]]:
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return {r.key for r in read_report(report)}


@pytest.fixture(scope="module")
def engine_graphs() -> tuple[Graph, Graph]:
    shapes = Graph().parse(ENGINE / "engine-shapes.ttl")
    data = Graph().parse(ENGINE / "engine-data.ttl")
    return shapes, data


@pytest.fixture(scope="module")
def engine_results(engine_graphs):  # type: ignore[no-untyped-def]
    shapes, data = engine_graphs
    return evaluate(compile_shapes(shapes), data)


def test_every_feature_of_the_subset_is_evaluated_natively(engine_graphs) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_shapes(engine_graphs[0])
    assert compiled.foreign == []
    assert {str(s.node) for s in compiled.native if isinstance(s.node, URIRef)} == {
        EX + name for name in (
            "PersonShape", "ClosedShape", "ManagedShape", "ManagerShape", "Gadget", "AdultShape",
            "EndAfterStart", "OffShape",
        )
    }


def test_results_equal_pyshacl_on_a_graph_failing_every_constraint(engine_graphs, engine_results) -> None:  # type: ignore[no-untyped-def]
    keys = {r.key for r in engine_results}
    assert len(keys) == 54
    assert keys == pyshacl_keys(engine_graphs[1], engine_graphs[0])


def _of(results, focus: str, component: str):  # type: ignore[no-untyped-def]
    return sorted(
        (r for r in results if r.focus == URIRef(EX + focus) and r.component == SH[component]),
        key=lambda r: str(r.value),
    )


def test_a_failed_sh_node_carries_the_nested_results_as_details(engine_results) -> None:  # type: ignore[no-untyped-def]
    shell = [r for r in _of(engine_results, "bad", "NodeConstraintComponent") if r.value == URIRef(EX + "shell")]
    assert len(shell) == 1
    details = sorted((str(d.path), str(d.value), str(d.component).rsplit("#")[1]) for d in shell[0].details)
    assert details == [
        (EX + "country", "None", "HasValueConstraintComponent"),
        (EX + "name", "Shell", "DatatypeConstraintComponent"),
    ]


def test_unique_lang_reports_each_repeated_language_once_without_a_value(engine_results) -> None:  # type: ignore[no-untyped-def]
    unique = _of(engine_results, "bad", "UniqueLangConstraintComponent")
    assert [(r.value, r.severity) for r in unique] == [(None, SH.Info)]


def test_sparql_results_take_value_and_path_from_the_solution_and_fill_the_message(engine_results) -> None:  # type: ignore[no-untyped-def]
    adult = _of(engine_results, "bob", "SPARQLConstraintComponent")
    assert [(r.value, r.path, r.severity, [str(m) for m in r.messages]) for r in adult] == [
        (Literal(17), URIRef(EX + "age"), SH.Warning, [f"{EX}bob is 17 years old."])
    ]
    end = [r for r in _of(engine_results, "bad", "SPARQLConstraintComponent") if r.shape == URIRef(EX + "EndAfterStart")]
    assert [(r.value, r.path) for r in end] == [(None, URIRef(EX + "end"))]


def test_targets_other_than_classes(engine_results) -> None:  # type: ignore[no-untyped-def]
    assert [str(r.value) for r in _of(engine_results, "closed1", "ClosedConstraintComponent")] == ["blue", "red"]
    assert len(_of(engine_results, "missing", "MinCountConstraintComponent")) == 1  # sh:targetNode not in the data
    assert len(_of(engine_results, "team2", "MaxCountConstraintComponent")) == 1  # sh:targetSubjectsOf
    inverse = {str(r.focus) for r in engine_results if r.component == SH.MinCountConstraintComponent and r.severity == SH.Warning}
    assert inverse == {EX + "acme", EX + "bob"}  # sh:targetObjectsOf, an inverse path
    assert {str(r.value) for r in _of(engine_results, "g2", "MinInclusiveConstraintComponent")} == {"-2.0", "heavy"}


def test_deactivated_shapes_and_constraints_report_nothing(engine_results) -> None:  # type: ignore[no-untyped-def]
    assert not [r for r in engine_results if r.component == SH.MaxCountConstraintComponent and r.path == URIRef(EX + "name") and r.focus == URIRef(EX + "ok")]
    assert not [r for r in engine_results if r.focus == URIRef(EX + "ok") and r.shape == URIRef(EX + "EndAfterStart")]



SPARQL_SHAPES = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:Anchored a sh:NodeShape ; sh:targetClass ex:Person ; sh:sparql [ sh:message "young" ; sh:select
    "SELECT $this ?value WHERE { $this ex:age ?value . FILTER (?value < 18) BIND (1 AS ?one) }" ;
    sh:prefixes ex:prefixes ] .
ex:Optional a sh:NodeShape ; sh:targetClass ex:Person ; sh:sparql [ sh:message "no age" ; sh:select
    "SELECT $this WHERE { OPTIONAL { $this ex:age ?age } FILTER (!bound(?age)) }" ; sh:prefixes ex:prefixes ] .
ex:Exists a sh:NodeShape ; sh:targetClass ex:Person ; sh:sparql [ sh:message "knows nobody" ; sh:select
    "SELECT $this WHERE { $this a ex:Person . FILTER NOT EXISTS { $this ex:knows ?other } }" ; sh:prefixes ex:prefixes ] .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/" ] .
"""
SPARQL_DATA = """
@prefix ex: <http://example.org/> .
ex:ann a ex:Person ; ex:age 17 ; ex:knows ex:bob .
ex:bob a ex:Person ; ex:age 40 .
ex:cy a ex:Person .
ex:dog ex:age 3 .
"""


def test_a_sparql_constraint_anchored_on_this_runs_once_for_every_focus_node_with_pyshacl_s_results() -> None:
    shapes = Graph().parse(data=SPARQL_SHAPES, format="turtle")
    compiled = compile_shapes(shapes)
    anchored = {str(s.node).removeprefix(EX): c.value.anchored for s in compiled.native for c in s.constraints}
    assert anchored == {"Anchored": True, "Optional": False, "Exists": False}
    results = evaluate(compiled, Graph().parse(data=SPARQL_DATA, format="turtle"))
    found = sorted((str(r.shape).removeprefix(EX), str(r.focus).removeprefix(EX)) for r in results)
    assert found == [("Anchored", "ann"), ("Exists", "bob"), ("Exists", "cy"), ("Optional", "cy")]  # not ex:dog, no Person
    assert {r.key for r in results} == pyshacl_keys(Graph().parse(data=SPARQL_DATA, format="turtle"), shapes)

RANGE_SHAPES = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:IntegerRange a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:v ; sh:minInclusive 1 ; sh:maxExclusive 10 ] .
ex:CountRange a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:v ; sh:minExclusive "0"^^xsd:nonNegativeInteger ; sh:maxInclusive 5600000 ] .
ex:DecimalRange a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:v ; sh:minInclusive 2.5 ; sh:maxInclusive 7.25 ] .
ex:DateRange a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:v ; sh:minInclusive "2007-01-01"^^xsd:date ; sh:maxExclusive "2030-01-01"^^xsd:date ] .
ex:DoubleRange a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:v ; sh:minInclusive 1.0e0 ] .
ex:StringRange a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:v ; sh:maxInclusive "m" ] .
"""
RANGE_VALUES = (
    "0", "1", "9", "10", "-3", "5600000", "5600001", "2.5", "2.4", "7.25", "7.26", "1.0e0", "0.5e0",
    '"3"^^xsd:nonNegativeInteger', '"-5"^^xsd:nonNegativeInteger', '"0"^^xsd:positiveInteger', '"x"^^xsd:integer',
    '"12"^^xsd:unsignedByte', '"2.5"^^xsd:decimal', "true",
    '"2007-01-01"^^xsd:date', '"2006-12-31"^^xsd:date', '"2029-12-31"^^xsd:date', '"2030-01-01"^^xsd:date',
    '"2020-13-45"^^xsd:date', '"2007-01-01T00:00:00"^^xsd:dateTime', '"2010-05-01T12:00:00Z"^^xsd:dateTime',
    '"2010"^^xsd:gYear', '"a"', '"z"', '"m"@pl', "ex:iri",
)


def test_range_checks_equal_pyshacl_for_integers_decimals_dates_and_every_other_literal() -> None:
    """Integers, finite decimals and dates are compared directly, anything else as pyshacl
    compares it (`compare_literal`): the results are pyshacl's either way."""
    data = "@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n" + "".join(
        f"ex:t{i} a ex:Thing ; ex:v {value} .\n" for i, value in enumerate(RANGE_VALUES)
    )
    shapes, graph = Graph().parse(data=RANGE_SHAPES, format="turtle"), Graph().parse(data=data, format="turtle")
    keys = {r.key for r in evaluate(compile_shapes(shapes), graph)}
    assert len(keys) > 80
    assert keys == pyshacl_keys(graph, shapes)


def test_a_value_not_comparable_with_a_range_bound_fails_it_instead_of_stopping_the_run() -> None:
    """``NaN`` as a decimal, or a NaN double against a decimal bound: pyshacl's compare_literal
    raises decimal.InvalidOperation; the engine reports the value as out of range."""
    data = ("@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            'ex:a a ex:Thing ; ex:v "NaN"^^xsd:decimal .\nex:b a ex:Thing ; ex:v "NaN"^^xsd:double .\n')
    shapes = Graph().parse(data=RANGE_SHAPES, format="turtle")
    found = sorted((str(r.focus).removeprefix(EX), str(r.component).rsplit("#")[1])
                   for r in evaluate(compile_shapes(shapes), Graph().parse(data=data, format="turtle")))
    min_i, max_i = "MinInclusiveConstraintComponent", "MaxInclusiveConstraintComponent"
    min_e, max_e = "MinExclusiveConstraintComponent", "MaxExclusiveConstraintComponent"
    assert found == sorted(
        [("a", c) for c in (max_e, max_e, max_i, max_i, max_i, min_e, min_i, min_i, min_i)]
        + [("b", c) for c in (max_e, max_i, max_i, min_e, min_i, min_i, min_i)]
    )


FOREIGN = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:Chain a sh:NodeShape ;
    sh:targetClass ex:Person ;
    sh:property [ sh:path ( ex:employer ex:country ) ; sh:minCount 1 ] .
ex:Qualified a sh:NodeShape ;
    sh:targetClass ex:Person ;
    sh:property [ sh:path ex:knows ; sh:qualifiedValueShape [ sh:class ex:Robot ] ; sh:qualifiedMaxCount 0 ] .
"""


def test_shapes_outside_the_subset_are_run_by_pyshacl(engine_graphs) -> None:  # type: ignore[no-untyped-def]
    shapes = Graph().parse(data=FOREIGN, format="turtle")
    compiled = compile_shapes(shapes)
    assert compiled.native == []
    assert compiled.foreign == [URIRef(EX + "Chain"), URIRef(EX + "Qualified")]
    from bdp_lod.validation.foreign import foreign_results

    found = {r.key for r in foreign_results(compiled, Index(engine_graphs[1]))}
    assert found == pyshacl_keys(engine_graphs[1], shapes)
    by_shape = sorted((str(k[0]).removeprefix(EX), str(k[4]).rsplit("#")[1]) for k in found if isinstance(k[0], URIRef))
    assert by_shape == [
        ("bad", "QualifiedMaxCountConstraintComponent"),
        ("bob", "MinCountConstraintComponent"),
        ("robot", "MinCountConstraintComponent"),
    ]
    assert sum(1 for k in found if not isinstance(k[0], URIRef)) == 1  # the blank-node person


def test_results_equal_pyshacl_on_the_examples() -> None:
    shapes = load_shapes()
    graph = to_graph(prepare([EXAMPLES]).practices)
    assert {r.key for r in evaluate(shapes, graph)} == pyshacl_keys(graph, shapes.graph)


# --- the whole pipeline on a few hundred practices ------------------------------------------------


def _practices(n: int) -> list[dict[str, object]]:
    """Submissions in the style of the examples, with defects only SHACL sees.

    Every 7th practice has a date added in the future, every 11th a short description, every
    13th a contact with only a name, every 17th a foreign phone number, every 19th no unit;
    practices of one institution give two different street numbers; an unresolved unit is
    placed in two different powiats by records of different institutions.
    """
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
    gminas = [u for u in teryt.register().units if u.level == "gmina"][::37][:40]
    out = []
    for i in range(n):
        record = json.loads(json.dumps(bases[i % len(bases)]))
        unit = gminas[i % len(gminas)]
        record["id"] = f"test-{i:04d}"
        record["title"] = f"{record['title']} ({i})"
        record["unit"] = {"name": unit.name, "voivodeship": unit.voivodeship}
        record["institution"] = {
            "name": f"Urząd Gminy {unit.name}",
            "address": {"street": f"Rynek {1 + (i // len(gminas)) % 2}", "postal_code": "89-650", "post_office": unit.name},
        }
        record["contacts"] = [{"name": f"Osoba {i % 9}", "phones": ["52 395 48 68"], "emails": [f"osoba{i % 9}@example.pl"]}]
        if i % 7 == 0:
            record["date_added"] = "2999-01-01"
        if i % 11 == 0:
            record["description"] = "Krótki opis."
        if i % 13 == 0:
            record["contacts"] = [{"name": f"Osoba {i % 9}"}]
        if i % 17 == 0:
            record["contacts"][0]["phones"] = ["+44 20 7946 0958"]
        if i % 19 == 0:
            del record["unit"]
        if i % 23 == 0:
            record["unit"] = {"name": "Nibylandia", "type": "gmina-wiejska", "voivodeship": "pomorskie",
                              "powiat": "Bajkowy" if i % 2 else "Baśniowy"}
            record["institution"]["name"] = f"Ośrodek Pomocy {i}"
        out.append(record)
    return out


@pytest.fixture(scope="module")
def practices_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("practices") / "practices.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _practices(240)), encoding="utf-8")
    return path


def _shacl_keys(report) -> set[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return {
        (f.focus_node, f.result_path, f.rdf_value, f.source_shape, f.component, f.severity.value)
        for f in report.findings if f.component
    }


def test_validate_in_parallel_batches_equals_one_whole_graph_pyshacl_run(practices_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH", 16)
    monkeypatch.setattr(pipeline, "PARALLEL_RECORDS", 50)
    monkeypatch.setattr(pipeline, "PARALLEL_BYTES", 10_000)
    report = validate([practices_file], workers=2)
    shapes = load_shapes()
    graph = to_graph(prepare([practices_file]).practices)
    _conforms, pyshacl_report, _text = pyshacl.validate(graph, shacl_graph=shapes.graph, inference="none")
    theirs = {
        (str(r.focus), str(r.path) if r.path is not None else None, r.value.n3() if r.value is not None else None,
         str(r.shape), str(r.component), {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}[r.severity])
        for r in read_report(pyshacl_report)
    }
    # Records that disagree about an office's address are one record.conflict finding each, in
    # place of pyshacl's maxCount results on that address (docs/validation.md, "Conflicts").
    shared = {f.focus_node for f in report.findings if f.code == "record.conflict"}
    explained = {key for key in theirs if key[0] in shared and key[4] == str(SH.MaxCountConstraintComponent)}
    assert shared and {key[0] for key in explained} == shared
    assert _shacl_keys(report) == theirs - explained
    codes = {f.code for f in report.findings}
    assert {"shacl.sparql", "shacl.minLength", "shacl.or", "shacl.pattern", "record.conflict", "shacl.minCount"} <= codes


def test_findings_do_not_depend_on_batches_or_processes(practices_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = validate([practices_file], workers=1).findings
    monkeypatch.setattr(pipeline, "BATCH", 16)
    monkeypatch.setattr(pipeline, "PARALLEL_RECORDS", 50)
    monkeypatch.setattr(pipeline, "PARALLEL_BYTES", 10_000)
    assert validate([practices_file], workers=2).findings == alone


def test_reading_in_parallel_chunks_prepares_what_records_prepare_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from bdp_lod.sources import input_files

    files = input_files([EXAMPLES, *sorted((FIXTURES / "broken").glob("[jcp]*.*"))])
    sequential = prepare(files)
    monkeypatch.setattr(records, "READ_CHUNK", 1)
    parallel = prepare(files, workers=2)
    assert parallel.records == sequential.records
    assert sorted(map(repr, parallel.findings)) == sorted(map(repr, sequential.findings))


def test_validation_can_hand_back_the_records_it_read_with_the_same_report() -> None:
    from bdp_lod.sources import input_files

    inputs = [EXAMPLES, *sorted((FIXTURES / "broken").glob("[jc]*.*"))]
    kept: list = []
    report = validate(inputs, workers=1, records=kept)
    assert report.to_json() == validate(inputs, workers=1).to_json()
    assert kept == prepare(input_files(inputs)).records


def test_a_graph_in_memory_is_validated_with_the_same_field_paths() -> None:
    from bdp_lod.validation import validate_graph

    graph = Graph().parse(FIXTURES / "broken" / "ttl-email-without-at.ttl")
    (finding,) = validate_graph(graph)
    assert (finding.file, finding.record_index, finding.field, finding.value, finding.code) == (
        None, 0, "contacts[0].emails[0]", "promocja.czersk.pl", "shacl.pattern",
    )
