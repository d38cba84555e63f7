"""The VoID description of a release (``void.ttl``): what is in the dumps and where to get it.

Linked-data tools read VoID (W3C Note "Describing Linked Datasets with the VoID Vocabulary") to
learn a dataset's size, URI space, vocabularies, classes and properties without downloading it.
The VoID dataset has the same IRI as the DCAT dataset in ``catalog.ttl``, so the two descriptions
merge into one. Class and property partitions get IRIs built from the class or property (not
blank nodes), so the file is byte-for-byte reproducible.
"""

from __future__ import annotations

from typing import Iterator, Sequence
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID
from rdflib.term import Node

from ..vocab import DCTERMS, FOAF, PREFIXES, RDF, XSD
from .dataset import ReleaseIris, Text, dataset_texts, date_time, dump_format
from .release import DataSummary, DumpFile, PublishOptions

__all__ = ["VOID", "void_graph"]

Triple = tuple[URIRef, URIRef, Node]


def _namespace(iri: str) -> str:
    """The vocabulary an IRI belongs to: up to its last ``#`` (excluded) or ``/`` (included)."""
    if "#" in iri:
        return iri.rsplit("#", 1)[0]
    return iri.rsplit("/", 1)[0] + "/"


def _partition_key(iri: str) -> str:
    """A readable, unique path segment for a class or property: ``dcterms-title``, ``bdp-Practice``."""
    known = [(ns, prefix) for prefix, ns in PREFIXES.items() if iri.startswith(ns) and len(iri) > len(ns)]
    if not known:
        return quote(iri, safe="")
    namespace, prefix = max(known)
    return quote(f"{prefix}-{iri[len(namespace):]}", safe="")


def _count(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


def _triples(options: PublishOptions, dumps: Sequence[DumpFile], summary: DataSummary) -> Iterator[Triple]:
    iris = ReleaseIris(options)
    dataset = URIRef(iris.dataset)
    title: Text = dataset_texts(summary)[0]
    yield dataset, RDF.type, VOID.Dataset
    yield dataset, DCTERMS.title, Literal(title.pl, lang="pl")
    yield dataset, DCTERMS.title, Literal(title.en, lang="en")
    yield dataset, DCTERMS.license, URIRef(options.licence)
    yield dataset, DCTERMS.publisher, URIRef(options.publisher)
    yield dataset, FOAF.homepage, URIRef(options.landing_page)
    dates = options.release_dates(summary)
    if dates is not None:
        yield dataset, DCTERMS.modified, Literal(date_time(dates[1]), datatype=XSD.dateTime)
    yield dataset, VOID.uriSpace, Literal(f"{options.base_uri}id/")
    yield dataset, VOID.triples, _count(summary.triples)
    yield dataset, VOID.entities, _count(summary.entities)
    yield dataset, VOID.distinctSubjects, _count(summary.entities)
    yield dataset, VOID.classes, _count(len(summary.classes))
    yield dataset, VOID.properties, _count(len(summary.properties))
    if summary.example:
        yield dataset, VOID.exampleResource, URIRef(summary.example)
    if options.sparql_endpoint:
        yield dataset, VOID.sparqlEndpoint, URIRef(options.sparql_endpoint)
    for dump in dumps:
        yield dataset, VOID.dataDump, URIRef(options.download_url(dump))
        yield dataset, VOID.feature, URIRef(dump_format(dump).w3c)
    for vocabulary in {_namespace(iri) for iri in (*summary.classes, *summary.properties)}:
        yield dataset, VOID.vocabulary, URIRef(vocabulary)
    for cls, instances in summary.classes.items():
        partition = URIRef(f"{iris.dataset}/class/{_partition_key(cls)}")
        yield dataset, VOID.classPartition, partition
        yield partition, VOID["class"], URIRef(cls)
        yield partition, VOID.entities, _count(instances)
    for prop, triples in summary.properties.items():
        partition = URIRef(f"{iris.dataset}/property/{_partition_key(prop)}")
        yield dataset, VOID.propertyPartition, partition
        yield partition, VOID.property, URIRef(prop)
        yield partition, VOID.triples, _count(triples)


def void_graph(options: PublishOptions, dumps: Sequence[DumpFile], summary: DataSummary) -> Graph:
    """The VoID description of one release; write it with `bdp_lod.serialize.write_graph`."""
    graph = Graph()
    for triple in _triples(options, dumps, summary):
        graph.add(triple)
    return graph
