"""catalog.ttl: DCAT-AP 3.0.1 (official SEMIC shapes) and what dane.gov.pl's DCAT harvester reads."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from bdp_lod.publish.catalog import catalog_graph
from bdp_lod.publish.release import PublishOptions
from bdp_lod.serialize import FORMATS, serialize
from bdp_lod.vocab import DCAT, DCTERMS, FOAF, RDF, SKOS, VCARD, XSD, vocabulary_graph

from publish_support import DANE_GOV_PL, Release, eu_vocabularies, make_release, shapes

SPDX = Namespace("http://spdx.org/rdf/terms#")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
BASE = "https://w3id.org/bdp/"
DATASET = URIRef(BASE + "data/bdp")
CATALOG = URIRef(BASE + "id/catalog")


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Release:
    return make_release(tmp_path_factory.mktemp("release"))


@pytest.fixture(scope="module")
def catalog(release) -> Graph:
    return catalog_graph(PublishOptions(), release.dumps, release.summary)


def findings(data: Graph, shapes_graph: Graph) -> set[tuple[str, str, str]]:
    """(severity, focus node, path) of every result, so a test can say exactly what it expects."""
    _, report, _ = validate(data, shacl_graph=shapes_graph, allow_warnings=False)
    found = set()
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        found.add((str(severity).rsplit("#", 1)[1], str(focus), str(path)))
    return found


def with_background(catalog: Graph) -> Graph:
    return catalog + eu_vocabularies()


def distributions(catalog: Graph) -> list[URIRef]:
    return sorted(catalog.objects(DATASET, DCAT.distribution))


# --- the official DCAT-AP 3.0.1 shapes --------------------------------------------------------


def test_no_violation_of_the_base_shapes(catalog):
    assert findings(with_background(catalog), shapes("shapes.ttl")) == set()


def test_no_warning_of_the_recommended_shapes(catalog):
    # The catalogue alone: the EU's own concepts (Poland lacks dcat:bbox there) are not ours to describe.
    assert findings(catalog, shapes("shapes_recommended.ttl")) == set()


def test_every_value_has_its_range_class_given_the_eu_code_lists(catalog):
    assert findings(with_background(catalog), shapes("range.ttl")) == set()


def test_code_list_shapes_report_only_the_two_known_false_alarms(catalog):
    expected = {
        # Upstream defect (docs/standards.md §2.3): the pattern wants https://spdx.org/…, the SPDX IRIs are http.
        *(("Violation", str(checksum), str(SPDX.algorithm)) for checksum in catalog.subjects(RDF.type, SPDX.Checksum)),
        # A "MAY": only EU institutions are in the EU corporate-body table.
        ("Warning", str(CATALOG), str(DCTERMS.publisher)),
        ("Warning", str(DATASET), str(DCTERMS.publisher)),
    }
    assert findings(with_background(catalog), shapes("mdr-vocabularies.shape.ttl")) == expected


def test_a_sparql_endpoint_is_a_data_service_that_passes_the_same_shapes(release):
    options = PublishOptions(sparql_endpoint="https://sparql.example.org/bdp")
    catalog = catalog_graph(options, release.dumps, release.summary)
    service = URIRef(BASE + "data/bdp/sparql")
    assert (CATALOG, DCAT.service, service) in catalog
    assert catalog.value(service, DCAT.endpointURL) == URIRef("https://sparql.example.org/bdp")
    assert catalog.value(service, DCAT.servesDataset) == DATASET
    assert findings(with_background(catalog), shapes("shapes.ttl")) == set()
    assert findings(catalog, shapes("shapes_recommended.ttl")) == set()
    assert findings(with_background(catalog), shapes("range.ttl")) == set()


def test_every_eu_theme_the_vocabulary_maps_to_is_a_known_concept(release):
    every_theme = frozenset(str(s) for s in vocabulary_graph().subjects(SKOS.broadMatch, None))
    catalog = catalog_graph(PublishOptions(), release.dumps, replace(release.summary, themes=every_theme))
    themes = {str(t).rsplit("/", 1)[1] for t in catalog.objects(DATASET, DCAT.theme)}
    assert themes == {"EDUC", "ENER", "ENVI", "GOVE", "HEAL", "REGI", "SOCI", "TRAN"}
    assert findings(with_background(catalog), shapes("shapes.ttl")) == set()
    assert findings(with_background(catalog), shapes("range.ttl")) == set()


def test_dane_gov_pl_shapes_only_miss_availability_under_their_misspelt_namespace(catalog):
    # Their file declares dcatap: as <http://data.europa.eu/r5r> (no slash), so it looks for
    # <http://data.europa.eu/r5ravailability>; every distribution has dcatap:availability.
    portal = Graph().parse(DANE_GOV_PL / "dcat-ap_2.1.0_shacl_shapes_recommended_modified.ttl")
    expected = {("Warning", str(d), "http://data.europa.eu/r5ravailability") for d in distributions(catalog)}
    assert findings(catalog, portal) == expected
    for d in distributions(catalog):
        assert catalog.value(d, URIRef("http://data.europa.eu/r5r/availability")) is not None


# --- the files -----------------------------------------------------------------------------------


def test_one_distribution_per_dump_with_size_and_sha256_of_the_file(release, catalog):
    assert len(distributions(catalog)) == len(release.dumps) == 4
    for dump in release.dumps:
        content = (release.folder / dump.name).read_bytes()
        node = URIRef(f"{BASE}data/bdp/{dump.name.partition('.')[2].replace('.', '-')}")
        assert catalog.value(node, DCAT.byteSize) == Literal(str(len(content)), datatype=XSD.nonNegativeInteger)
        checksum = catalog.value(node, SPDX.checksum)
        assert catalog.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert catalog.value(checksum, SPDX.checksumValue) == Literal(
            hashlib.sha256(content).hexdigest(), datatype=XSD.hexBinary
        )
        url = URIRef(BASE + "data/bdp/" + dump.name)
        assert catalog.value(node, DCAT.downloadURL) == url
        assert catalog.value(node, DCAT.accessURL) == url


def test_media_types_formats_and_compression(catalog):
    iana = "https://www.iana.org/assignments/media-types/"
    described = {
        str(catalog.value(d, DCTERMS.identifier)): (
            str(catalog.value(d, DCAT.mediaType)).removeprefix(iana),
            str(catalog.value(d, DCTERMS.format)).removeprefix(AUTHORITY + "file-type/"),
            catalog.value(d, DCAT.compressFormat),
        )
        for d in distributions(catalog)
    }
    assert described == {
        "bdp-ttl": ("text/turtle", "RDF_TURTLE", None),
        "bdp-nt": ("application/n-triples", "RDF_N_TRIPLES", None),
        "bdp-jsonld": ("application/ld+json", "JSON_LD", None),
        "bdp-nt-gz": ("application/n-triples", "RDF_N_TRIPLES", URIRef(iana + "application/gzip")),
    }


def test_download_base_is_configurable(release):
    options = PublishOptions(download_base="https://dane.example.pl/pliki")
    catalog = catalog_graph(options, release.dumps, release.summary)
    urls = {str(u) for d in distributions(catalog) for u in catalog.objects(d, DCAT.downloadURL)}
    assert urls == {f"https://dane.example.pl/pliki/{dump.name}" for dump in release.dumps}


# --- what dane.gov.pl reads ----------------------------------------------------------------------


def test_identifiers_fit_dane_gov_pl(catalog):
    identifiers = [str(catalog.value(n, DCTERMS.identifier)) for n in [DATASET, *distributions(catalog)]]
    assert identifiers[0] == "bdp"
    assert len(set(identifiers)) == len(identifiers)
    assert all(len(i) <= 36 for i in identifiers)


def test_issue_and_modification_dates_are_date_times_from_the_data(release, catalog):
    newest = release.summary.last_date
    assert newest is not None
    expected = Literal(f"{newest.isoformat()}T00:00:00", datatype=XSD.dateTime)
    for node in [CATALOG, DATASET, *distributions(catalog)]:
        assert catalog.value(node, DCTERMS.issued) == expected
        assert catalog.value(node, DCTERMS.modified) == expected


def test_configured_dates_win(release):
    options = PublishOptions(issued=date(2024, 1, 15), modified=date(2025, 6, 30))
    catalog = catalog_graph(options, release.dumps, release.summary)
    assert catalog.value(DATASET, DCTERMS.issued) == Literal("2024-01-15T00:00:00", datatype=XSD.dateTime)
    assert catalog.value(DATASET, DCTERMS.modified) == Literal("2025-06-30T00:00:00", datatype=XSD.dateTime)


def test_temporal_coverage_spans_the_dates_practices_were_added(release, catalog):
    period = catalog.value(DATASET, DCTERMS.temporal)
    assert (period, RDF.type, DCTERMS.PeriodOfTime) in catalog
    assert catalog.value(period, DCAT.startDate) == Literal(release.summary.first_date.isoformat(), datatype=XSD.date)
    assert catalog.value(period, DCAT.endDate) == Literal(release.summary.last_date.isoformat(), datatype=XSD.date)


def test_without_any_date_the_catalogue_omits_dates_and_still_passes_the_base_shapes(release):
    undated = replace(release.summary, first_date=None, last_date=None)
    catalog = catalog_graph(PublishOptions(), release.dumps, undated)
    assert not any(catalog.triples((None, DCTERMS.issued, None)))
    assert not any(catalog.triples((None, DCTERMS.modified, None)))
    assert catalog.value(DATASET, DCTERMS.temporal) is None
    assert findings(with_background(catalog), shapes("shapes.ttl")) == set()


def test_titles_and_descriptions_in_polish_and_english(catalog):
    for node in [CATALOG, DATASET, *distributions(catalog)]:
        for predicate in (DCTERMS.title, DCTERMS.description):
            assert {o.language for o in catalog.objects(node, predicate)} == {"pl", "en"}, (node, predicate)
    assert Literal("Baza Dobrych Praktyk – dobre praktyki samorządów", lang="pl") in set(
        catalog.objects(DATASET, DCTERMS.title)
    )


def test_eu_themes_spatial_coverage_and_licence_on_every_distribution(release):
    options = PublishOptions(licence=AUTHORITY + "licence/CC_BYSA_4_0")
    catalog = catalog_graph(options, release.dumps, release.summary)
    assert {str(t) for t in catalog.objects(DATASET, DCAT.theme)} >= {
        AUTHORITY + "data-theme/GOVE", AUTHORITY + "data-theme/SOCI",
    }
    assert catalog.value(DATASET, DCTERMS.spatial) == URIRef(AUTHORITY + "country/POL")
    assert catalog.value(CATALOG, DCTERMS.license) == URIRef(AUTHORITY + "licence/CC_BYSA_4_0")
    for d in distributions(catalog):
        assert catalog.value(d, DCTERMS.license) == URIRef(AUTHORITY + "licence/CC_BYSA_4_0")


def test_themes_follow_the_practices(release):
    energy = frozenset({"https://w3id.org/bdp/def/theme/efektywnosc-energetyczna"})
    catalog = catalog_graph(PublishOptions(), release.dumps, replace(release.summary, themes=energy))
    assert {str(t).rsplit("/", 1)[1] for t in catalog.objects(DATASET, DCAT.theme)} == {"ENER", "GOVE", "SOCI"}


def test_conforms_to_the_vocabulary_and_the_shapes(catalog):
    assert set(catalog.objects(DATASET, DCTERMS.conformsTo)) == {
        URIRef("https://w3id.org/bdp/def"), URIRef("https://w3id.org/bdp/def/shapes"),
    }


# --- publisher and contact ------------------------------------------------------------------------


def test_the_default_publisher_is_the_project_and_the_contact_its_homepage(catalog):
    publisher = catalog.value(DATASET, DCTERMS.publisher)
    assert publisher == URIRef(BASE + "id/publisher")
    assert catalog.value(publisher, FOAF.name) == Literal("bdp-lod")
    contact = catalog.value(DATASET, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in catalog
    assert catalog.value(contact, VCARD.hasURL) == URIRef(BASE)


def test_a_configured_publisher_and_contact_email(release):
    options = PublishOptions(
        publisher_name="Związek Miast Polskich",
        publisher_uri="https://www.zmp.poznan.pl/",
        contact_email="bdp@zmp.poznan.pl",
    )
    catalog = catalog_graph(options, release.dumps, release.summary)
    publisher = URIRef("https://www.zmp.poznan.pl/")
    assert catalog.value(CATALOG, DCTERMS.publisher) == publisher
    assert catalog.value(publisher, FOAF.name) == Literal("Związek Miast Polskich")
    contact = catalog.value(DATASET, DCAT.contactPoint)
    assert catalog.value(contact, VCARD.hasEmail) == URIRef("mailto:bdp@zmp.poznan.pl")
    assert catalog.value(contact, VCARD.hasURL) is None


# --- reproducibility --------------------------------------------------------------------------


def test_no_blank_nodes_and_the_same_bytes_whatever_the_order_of_the_dumps(release, catalog):
    assert not any(isinstance(term, BNode) for triple in catalog for term in triple)
    reordered = catalog_graph(PublishOptions(), list(reversed(release.dumps)), release.summary)
    first = serialize(catalog, FORMATS[".ttl"])
    assert serialize(reordered, FORMATS[".ttl"]) == first
    assert first.decode("utf-8").count("dcat:Distribution") == 4
