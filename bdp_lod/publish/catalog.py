"""The DCAT-AP 3.0.1 catalogue of a release (``catalog.ttl``).

It carries every mandatory and recommended DCAT-AP 3.0.1 property of the Catalogue, the Dataset
and each Distribution (docs/standards.md §2.1, §2.5) and what dane.gov.pl's DCAT harvester reads
(§3.1): identifiers of at most 36 characters, ``xsd:dateTime`` issue and modification dates,
Polish titles and descriptions, EU data themes and the licence on every distribution.

Values from EU authority tables, IANA and SPDX are plain IRIs: the catalogue does not restate
those tables (the tests validate it together with a copy of the concepts it uses). Dates come
from the options or the data, never from the clock, and every node is an IRI, so the same
release always serialises to the same bytes.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator, Sequence

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from ..vocab import ADMS, DCAT, DCTERMS, FOAF, RDF, VCARD, XSD
from .dataset import (
    AUTHORITY, DATASET_ID, IANA, SHAPES_IRI, VOCABULARY_IRI, ReleaseIris, Text, catalog_texts, dataset_texts,
    date_time, distribution_texts, dump_format, eu_themes, keywords,
)
from .left_out import LEFT_OUT_LIST, REPORT_HTML, REPORT_JSON, Omissions
from .release import DataSummary, DumpFile, PublishOptions

__all__ = ["DCATAP", "SPDX", "catalog_graph"]

DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")

_POLISH = URIRef(AUTHORITY + "language/POL")
_ENGLISH = URIRef(AUTHORITY + "language/ENG")
_POLAND = URIRef(AUTHORITY + "country/POL")
_DATA_THEMES = URIRef(AUTHORITY + "data-theme")
_IRREGULAR = URIRef(AUTHORITY + "frequency/IRREG")
_PUBLIC = URIRef(AUTHORITY + "access-right/PUBLIC")
_STABLE = URIRef(AUTHORITY + "planned-availability/STABLE")
_COMPLETED = URIRef(AUTHORITY + "distribution-status/COMPLETED")
_SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")

_STANDARDS: dict[str, Text] = {
    VOCABULARY_IRI: Text(pl="Słownik Bazy Dobrych Praktyk", en="Good Practice Database vocabulary"),
    SHAPES_IRI: Text(pl="Kształty SHACL Bazy Dobrych Praktyk", en="Good Practice Database SHACL shapes"),
}

Triple = tuple[URIRef, URIRef, Node]


def _texts(node: URIRef, predicate: URIRef, text: Text) -> Iterator[Triple]:
    yield node, predicate, Literal(text.pl, lang="pl")
    yield node, predicate, Literal(text.en, lang="en")


def _title_and_description(node: URIRef, texts: tuple[Text, Text]) -> Iterator[Triple]:
    title, description = texts
    yield from _texts(node, DCTERMS.title, title)
    yield from _texts(node, DCTERMS.description, description)


def _dated(node: URIRef, dates: tuple[date, date] | None) -> Iterator[Triple]:
    if dates is not None:
        issued, modified = dates
        yield node, DCTERMS.issued, Literal(date_time(issued), datatype=XSD.dateTime)
        yield node, DCTERMS.modified, Literal(date_time(modified), datatype=XSD.dateTime)


def _keywords(node: URIRef) -> Iterator[Triple]:
    pl, en = keywords()
    for word in pl:
        yield node, DCAT.keyword, Literal(word, lang="pl")
    for word in en:
        yield node, DCAT.keyword, Literal(word, lang="en")


def _agents(options: PublishOptions, iris: ReleaseIris) -> Iterator[Triple]:
    publisher = URIRef(options.publisher)
    yield publisher, RDF.type, FOAF.Agent
    yield publisher, RDF.type, FOAF.Organization
    yield publisher, FOAF.name, Literal(options.publisher_name)
    yield publisher, DCTERMS.type, URIRef(options.publisher_type)
    contact = URIRef(iris.contact)
    yield contact, RDF.type, VCARD.Kind
    yield contact, RDF.type, VCARD.Organization
    yield contact, VCARD.fn, Literal(options.publisher_name)
    if options.contact_email:
        yield contact, VCARD.hasEmail, URIRef(f"mailto:{options.contact_email}")
    else:
        yield contact, VCARD.hasURL, URIRef(options.landing_page)


def _distribution(
    options: PublishOptions, iris: ReleaseIris, dump: DumpFile, dates: tuple[date, date] | None
) -> Iterator[Triple]:
    node = URIRef(iris.distribution(dump))
    url = URIRef(options.download_url(dump))
    yield node, RDF.type, DCAT.Distribution
    yield node, DCTERMS.identifier, Literal(iris.identifier(dump))
    yield from _title_and_description(node, distribution_texts(dump))
    yield node, DCAT.accessURL, url
    yield node, DCAT.downloadURL, url
    yield node, DCAT.mediaType, URIRef(IANA + dump.media_type)
    if dump.compress_format:
        yield node, DCAT.compressFormat, URIRef(IANA + dump.compress_format)
    yield node, DCTERMS.format, URIRef(AUTHORITY + "file-type/" + dump_format(dump).file_type)
    yield node, DCTERMS.license, URIRef(options.licence)
    yield node, DCTERMS.language, _POLISH
    yield node, DCATAP.availability, _STABLE
    yield node, ADMS.status, _COMPLETED
    yield node, DCAT.byteSize, Literal(str(dump.byte_size), datatype=XSD.nonNegativeInteger)
    yield from _dated(node, dates)
    checksum = URIRef(iris.checksum(dump))
    yield node, SPDX.checksum, checksum
    yield checksum, RDF.type, SPDX.Checksum
    yield checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256
    yield checksum, SPDX.checksumValue, Literal(dump.sha256.lower(), datatype=XSD.hexBinary)


def _service(options: PublishOptions, iris: ReleaseIris, endpoint: URIRef, themes: list[URIRef]) -> Iterator[Triple]:
    """The SPARQL endpoint as a DCAT data service: the route dane.gov.pl's DCAT harvester takes."""
    node = URIRef(iris.service)
    yield node, RDF.type, DCAT.DataService
    yield from _title_and_description(node, (
        Text(pl="Punkt dostępowy SPARQL Bazy Dobrych Praktyk", en="Good Practice Database SPARQL endpoint"),
        Text(pl="Zapytania SPARQL 1.1 o cały zbiór.", en="SPARQL 1.1 queries over the whole dataset."),
    ))
    yield node, DCAT.endpointURL, endpoint
    yield node, DCAT.endpointDescription, endpoint
    yield node, DCAT.servesDataset, URIRef(iris.dataset)
    yield node, DCTERMS.conformsTo, _SPARQL_PROTOCOL
    yield _SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard
    yield _SPARQL_PROTOCOL, DCTERMS.title, Literal("SPARQL 1.1 Protocol", lang="en")
    yield node, DCTERMS.publisher, URIRef(options.publisher)
    yield node, DCAT.contactPoint, URIRef(iris.contact)
    yield node, DCTERMS.license, URIRef(options.licence)
    for theme in themes:
        yield node, DCAT.theme, theme
    yield from _keywords(node)


def _report_pages(options: PublishOptions, dataset: URIRef) -> Iterator[Triple]:
    """A release that left records out documents it: the validation report and the list are
    pages about the dataset (``foaf:page``, DCAT-AP's "documentation"), not distributions of it."""
    for name, title in (
        (REPORT_HTML, Text(pl="Raport walidacji (HTML)", en="Validation report (HTML)")),
        (REPORT_JSON, Text(pl="Raport walidacji (JSON)", en="Validation report (JSON)")),
        (LEFT_OUT_LIST, Text(pl="Rekordy pominięte w wydaniu", en="Records left out of the release")),
    ):
        page = URIRef(options.downloads + name)
        yield dataset, FOAF.page, page
        yield page, RDF.type, FOAF.Document
        yield from _texts(page, DCTERMS.title, title)


def _triples(
    options: PublishOptions, dumps: Sequence[DumpFile], summary: DataSummary, omissions: Omissions | None
) -> Iterator[Triple]:
    """The catalogue's triples, in no particular order (the serialiser sorts them)."""
    iris = ReleaseIris(options)
    dates = options.release_dates(summary)
    catalog, dataset = URIRef(iris.catalog), URIRef(iris.dataset)
    homepage = URIRef(options.landing_page)
    themes = [URIRef(AUTHORITY + "data-theme/" + code) for code in eu_themes(summary)]

    yield catalog, RDF.type, DCAT.Catalog
    yield from _title_and_description(catalog, catalog_texts())
    yield catalog, DCTERMS.publisher, URIRef(options.publisher)
    yield catalog, DCTERMS.language, _POLISH
    yield catalog, DCTERMS.language, _ENGLISH
    yield catalog, DCTERMS.spatial, _POLAND
    yield catalog, DCTERMS.license, URIRef(options.licence)
    yield catalog, FOAF.homepage, homepage
    yield homepage, RDF.type, FOAF.Document
    yield catalog, DCAT.themeTaxonomy, _DATA_THEMES
    yield catalog, DCAT.dataset, dataset
    yield from _dated(catalog, dates)
    yield from _agents(options, iris)

    yield dataset, RDF.type, DCAT.Dataset
    yield dataset, DCTERMS.identifier, Literal(DATASET_ID)
    texts = dataset_texts(summary)
    if omissions is not None:
        texts = omissions.described(texts, options.downloads)
        yield from _report_pages(options, dataset)
    yield from _title_and_description(dataset, texts)
    yield dataset, DCTERMS.publisher, URIRef(options.publisher)
    yield dataset, DCAT.contactPoint, URIRef(iris.contact)
    yield from _keywords(dataset)
    for theme in themes:
        yield dataset, DCAT.theme, theme
    yield dataset, DCTERMS.spatial, _POLAND
    yield dataset, DCTERMS.language, _POLISH
    yield dataset, DCTERMS.accrualPeriodicity, _IRREGULAR
    yield dataset, DCTERMS.accessRights, _PUBLIC
    yield dataset, DCAT.landingPage, homepage
    for standard, title in _STANDARDS.items():
        yield dataset, DCTERMS.conformsTo, URIRef(standard)
        yield URIRef(standard), RDF.type, DCTERMS.Standard
        yield from _texts(URIRef(standard), DCTERMS.title, title)
    yield from _dated(dataset, dates)
    if summary.first_date and summary.last_date:
        period = URIRef(iris.period)
        yield dataset, DCTERMS.temporal, period
        yield period, RDF.type, DCTERMS.PeriodOfTime
        yield period, DCAT.startDate, Literal(summary.first_date.isoformat(), datatype=XSD.date)
        yield period, DCAT.endDate, Literal(summary.last_date.isoformat(), datatype=XSD.date)
    for dump in dumps:
        yield dataset, DCAT.distribution, URIRef(iris.distribution(dump))
        yield from _distribution(options, iris, dump, dates)
    if options.sparql_endpoint:
        yield catalog, DCAT.service, URIRef(iris.service)
        yield from _service(options, iris, URIRef(options.sparql_endpoint), themes)


def catalog_graph(
    options: PublishOptions, dumps: Sequence[DumpFile], summary: DataSummary, *, omissions: Omissions | None = None
) -> Graph:
    """The DCAT-AP 3.0.1 catalogue of one release; write it with `bdp_lod.serialize.write_graph`.

    ``omissions``: the release left records out (``publish --skip-invalid``); the dataset's
    description says how many and names them, and links the validation report."""
    graph = Graph()
    for triple in _triples(options, dumps, summary, omissions):
        graph.add(triple)
    return graph
