"""void.ttl: the VoID description agrees with the dumps it describes."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import VOID

from bdp_lod.publish.catalog import catalog_graph
from bdp_lod.publish.release import PublishOptions
from bdp_lod.publish.void import void_graph
from bdp_lod.serialize import FORMATS, serialize
from bdp_lod.vocab import DCAT, RDF, XSD

from publish_support import Release, make_release

DATASET = URIRef("https://w3id.org/bdp/data/bdp")


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Release:
    return make_release(tmp_path_factory.mktemp("release"))


@pytest.fixture(scope="module")
def void(release) -> Graph:
    return void_graph(PublishOptions(), release.dumps, release.summary)


def count(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


def test_the_void_dataset_is_the_dcat_dataset(release, void):
    catalog = catalog_graph(PublishOptions(), release.dumps, release.summary)
    assert (DATASET, RDF.type, VOID.Dataset) in void
    assert (DATASET, RDF.type, DCAT.Dataset) in catalog


def test_sizes_match_the_dump(release, void):
    data = release.data
    assert void.value(DATASET, VOID.triples) == count(len(data))
    assert void.value(DATASET, VOID.entities) == count(len(set(data.subjects())))
    assert void.value(DATASET, VOID.distinctSubjects) == count(len(set(data.subjects())))
    assert void.value(DATASET, VOID.classes) == count(len(set(data.objects(None, RDF.type))))
    assert void.value(DATASET, VOID.properties) == count(len(set(data.predicates())))


def test_class_partitions_count_instances(release, void):
    expected = Counter(o for _, o in set(release.data.subject_objects(RDF.type)))
    partitions = {
        void.value(p, VOID["class"]): void.value(p, VOID.entities) for p in void.objects(DATASET, VOID.classPartition)
    }
    assert partitions == {cls: count(n) for cls, n in expected.items()}
    assert URIRef("https://w3id.org/bdp/data/bdp/class/bdp-Practice") in set(void.objects(DATASET, VOID.classPartition))


def test_property_partitions_count_triples(release, void):
    expected = Counter(p for _, p, _ in release.data)
    partitions = {
        void.value(p, VOID.property): void.value(p, VOID.triples) for p in void.objects(DATASET, VOID.propertyPartition)
    }
    assert partitions == {prop: count(n) for prop, n in expected.items()}
    assert URIRef("https://w3id.org/bdp/data/bdp/property/dcterms-title") in set(
        void.objects(DATASET, VOID.propertyPartition)
    )


def test_dumps_formats_uri_space_and_vocabularies(release, void):
    assert set(void.objects(DATASET, VOID.dataDump)) == {
        URIRef(f"https://w3id.org/bdp/data/bdp/{dump.name}") for dump in release.dumps
    }
    assert set(void.objects(DATASET, VOID.feature)) == {
        URIRef("http://www.w3.org/ns/formats/Turtle"),
        URIRef("http://www.w3.org/ns/formats/N-Triples"),
        URIRef("http://www.w3.org/ns/formats/JSON-LD"),
    }
    assert void.value(DATASET, VOID.uriSpace) == Literal("https://w3id.org/bdp/id/")
    vocabularies = set(void.objects(DATASET, VOID.vocabulary))
    assert {URIRef("https://w3id.org/bdp/def"), URIRef("http://purl.org/dc/terms/"), URIRef("http://www.w3.org/ns/dcat")} <= vocabularies


def test_example_resource_is_a_practice(release, void):
    example = void.value(DATASET, VOID.exampleResource)
    assert (example, RDF.type, URIRef("https://w3id.org/bdp/def#Practice")) in release.data


def test_sparql_endpoint_only_when_configured(release, void):
    assert void.value(DATASET, VOID.sparqlEndpoint) is None
    options = PublishOptions(base_uri="https://dane.example.pl/bdp", sparql_endpoint="https://dane.example.pl/sparql")
    configured = void_graph(options, release.dumps, release.summary)
    dataset = URIRef("https://dane.example.pl/bdp/data/bdp")
    assert configured.value(dataset, VOID.sparqlEndpoint) == URIRef("https://dane.example.pl/sparql")
    assert configured.value(dataset, VOID.uriSpace) == Literal("https://dane.example.pl/bdp/id/")


def test_reproducible_without_blank_nodes(release, void):
    assert not any(isinstance(term, BNode) for triple in void for term in triple)
    again = void_graph(PublishOptions(), list(reversed(release.dumps)), release.summary)
    assert serialize(again, FORMATS[".ttl"]) == serialize(void, FORMATS[".ttl"])
