"""A resolved unit is published with its TERC identity and its place in the hierarchy (issue 4.3)."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from bdp_lod.mapping import to_graph
from bdp_lod.model import Practice
from bdp_lod.records import prepare
from bdp_lod.vocab import ADMS, BDP, CV, DCTERMS, ORG, RDF, RDFS, SCHEMA, SKOS

from conftest import EXAMPLES

ID = "https://w3id.org/bdp/id/"
DEF = "https://w3id.org/bdp/def/"


def unit(key: str) -> URIRef:
    return URIRef(f"{ID}unit/{key}")


def area(key: str) -> URIRef:
    return URIRef(f"{ID}area/{key}")


def unit_type(name: str) -> URIRef:
    return URIRef(f"{DEF}unit-type/{name}")


def level(name: str) -> URIRef:
    return URIRef(f"{DEF}level/{name}")


@pytest.fixture(scope="module")
def practices() -> list[Practice]:
    return prepare([EXAMPLES]).practices


@pytest.fixture(scope="module")
def graph(practices: list[Practice]) -> Graph:
    return to_graph(practices)


def pl(text: str) -> Literal:
    return Literal(text, lang="pl")


def test_czersk_body_carries_its_official_name_type_and_code(graph: Graph):
    body = unit("220204")
    assert set(graph.predicate_objects(body)) == {
        (RDF.type, BDP.LocalGovernmentUnit),
        (RDF.type, CV.PublicOrganisation),
        (SKOS.prefLabel, pl("Gmina Czersk")),
        (ORG.classification, unit_type("gmina-miejsko-wiejska")),
        (BDP.terc, Literal("2202043")),
        (ADMS.identifier, URIRef(f"{body}/identifier/2202043")),
        (DCTERMS.spatial, area("220204")),
    }


def test_the_identifier_names_the_code_its_agency_and_the_register_date(graph: Graph):
    identifier = URIRef(f"{unit('220204')}/identifier/2202043")
    assert set(graph.predicate_objects(identifier)) == {
        (RDF.type, ADMS.Identifier),
        (SKOS.notation, Literal("2202043")),
        (ADMS.schemeAgency, pl("Główny Urząd Statystyczny")),
        (DCTERMS.issued, Literal("2025-01-01", datatype=XSD.date)),
    }


def test_czersk_lies_in_powiat_chojnicki_which_lies_in_pomorskie(graph: Graph):
    assert (area("220204"), SCHEMA.containedInPlace, area("2202")) in graph
    assert (area("2202"), SCHEMA.containedInPlace, area("22")) in graph
    assert list(graph.objects(area("22"), SCHEMA.containedInPlace)) == []
    assert graph.value(area("2202"), RDFS.label) == pl("chojnicki")
    assert set(graph.objects(area("2202"), CV.level)) == {level("powiat")}
    assert graph.value(area("22"), RDFS.label) == pl("pomorskie")
    assert set(graph.objects(area("22"), CV.level)) == {level("wojewodztwo")}


def test_the_powiat_and_the_wojewodztwo_are_bodies_with_codes_too(graph: Graph):
    assert graph.value(unit("2202"), SKOS.prefLabel) == pl("Powiat chojnicki")
    assert set(graph.objects(unit("2202"), BDP.terc)) == {Literal("2202")}
    assert set(graph.objects(unit("2202"), ORG.classification)) == {unit_type("powiat")}
    assert graph.value(unit("2202"), DCTERMS.spatial) == area("2202")
    assert graph.value(unit("22"), SKOS.prefLabel) == pl("Województwo pomorskie")
    assert set(graph.objects(unit("22"), BDP.terc)) == {Literal("22")}
    assert set(graph.objects(unit("22"), ORG.classification)) == {unit_type("wojewodztwo")}


def test_katowice_is_one_body_with_both_codes_both_types_and_both_levels(graph: Graph):
    body = unit("246901")
    assert set(graph.objects(body, BDP.terc)) == {Literal("2469"), Literal("2469011")}
    assert set(graph.objects(body, ORG.classification)) == {
        unit_type("miasto-na-prawach-powiatu"), unit_type("gmina-miejska"),
    }
    assert graph.value(body, SKOS.prefLabel) == pl("Miasto Katowice")
    assert set(graph.objects(area("246901"), CV.level)) == {level("gmina"), level("powiat")}
    # a city with powiat rights is its own powiat: it lies directly in its województwo
    assert set(graph.objects(area("246901"), SCHEMA.containedInPlace)) == {area("24")}
    assert (unit("2469"), None, None) not in graph


def test_srem_is_keyed_by_the_code_without_its_type_digit(graph: Graph):
    assert set(graph.objects(unit("302604"), ORG.classification)) == {unit_type("gmina-miejsko-wiejska")}
    assert (area("302604"), SCHEMA.containedInPlace, area("3026")) in graph


def test_practices_point_at_the_resolved_body_and_territory(graph: Graph, practices: list[Practice]):
    bodies = set(graph.objects(None, BDP.localGovernmentUnit))
    assert bodies == {unit(k) for k in ("220204", "302604", "246901", "121204", "301005")}
    assert set(graph.objects(None, ORG.subOrganizationOf)) <= bodies
    addresses = set(graph.objects(None, CV.adminUnit))
    assert addresses == {area("220204"), area("302604"), area("246901")}


def test_a_query_groups_practices_by_wojewodztwo(graph: Graph):
    rows = graph.query(
        """
        SELECT ?name (COUNT(?practice) AS ?n) WHERE {
          ?practice a bdp:Practice ; dcterms:spatial/schema:containedInPlace* ?region .
          ?region cv:level <https://w3id.org/bdp/def/level/wojewodztwo> ; rdfs:label ?name .
        } GROUP BY ?name ORDER BY ?name
        """,
        initNs={"bdp": BDP, "dcterms": DCTERMS, "schema": SCHEMA, "cv": CV, "rdfs": RDFS},
    )
    assert [(str(r.name), int(r.n)) for r in rows] == [
        ("małopolskie", 1), ("pomorskie", 1), ("wielkopolskie", 2), ("śląskie", 1),
    ]


def test_an_unresolved_unit_keeps_the_slug_uri_and_the_source_names(practices: list[Practice]):
    czersk = practices[0]
    assert czersk.unit is not None
    unknown = dataclasses.replace(czersk, unit=dataclasses.replace(czersk.unit, name="Nibylandia", terc=()))
    graph = to_graph([unknown])
    slug = "gmina-miejsko-wiejska-nibylandia-pomorskie"
    assert (unit(slug), BDP.terc, None) not in graph
    assert graph.value(area(slug), RDFS.label) == pl("Nibylandia")
    assert (area(slug), SCHEMA.containedInPlace, area("powiat-chojnicki-pomorskie")) in graph


def test_a_record_with_an_unknown_code_is_published_as_given(practices: list[Practice]):
    czersk = practices[0]
    assert czersk.unit is not None
    odd = dataclasses.replace(czersk, unit=dataclasses.replace(czersk.unit, terc=("2202049",)))
    graph = to_graph([odd])
    identifier = URIRef(f"{unit('220204')}/identifier/2202049")
    assert set(graph.predicate_objects(identifier)) == {
        (RDF.type, ADMS.Identifier), (SKOS.notation, Literal("2202049")),
    }
    assert (unit("2202"), None, None) not in graph
