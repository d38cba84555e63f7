"""Specification of the shipped vocabulary: the bdp: ontology, the SKOS concept schemes and the
JSON-LD context (``vocab/``).

Files are located through `bdp_lod.vocab.data_file`, so these tests run against a checkout and
against an installed wheel alike.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from pyld import jsonld
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from bdp_lod.concepts import unit_types
from bdp_lod.vocab import (
    ADMS, BDP, CV, DCAT, DCTERMS, DEF_BASE, FOAF, LOCN, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA,
    SKOS, VCARD, data_file, vocabulary_graph,
)
from bdp_lod import vocab as _vocab

# Open copies: pytest probes module attributes, and rdflib's closed namespaces warn on unknown names.
DCAT = Namespace(str(_vocab.DCAT))
XSD = Namespace(str(_vocab.XSD))

VANN = Namespace("http://purl.org/vocab/vann/")
ONTOLOGY = URIRef(DEF_BASE)
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")

# --------------------------------------------------------------------------------------------------
# What the ontology declares: the specification the Turtle must match.
# --------------------------------------------------------------------------------------------------

CLASSES = {
    BDP.Practice: SCHEMA.CreativeWork,
    BDP.LocalGovernmentUnit: CV.PublicOrganisation,
    BDP.Activity: PROV.Activity,
    BDP.SourceField: None,
}

# property: (OWL type, domain, range, super-property)
PROPERTIES = {
    BDP.programme: (OWL.ObjectProperty, BDP.Practice, SKOS.Concept, DCTERMS.subject),
    BDP.implementedBy: (OWL.ObjectProperty, BDP.Practice, ORG.Organization, PROV.wasAttributedTo),
    BDP.localGovernmentUnit: (OWL.ObjectProperty, BDP.Practice, BDP.LocalGovernmentUnit, PROV.wasAttributedTo),
    BDP.populationAtEntry: (OWL.DatatypeProperty, BDP.Practice, XSD.nonNegativeInteger, None),
    BDP.goal: (OWL.DatatypeProperty, BDP.Practice, RDF.langString, None),
    BDP.activity: (OWL.ObjectProperty, BDP.Practice, BDP.Activity, DCTERMS.relation),
    BDP.audience: (OWL.DatatypeProperty, BDP.Activity, RDF.langString, None),
    BDP.terc: (OWL.DatatypeProperty, None, XSD.string, SKOS.notation),
    BDP.hasAttachments: (OWL.DatatypeProperty, BDP.Practice, XSD.boolean, None),
    BDP.sourceField: (OWL.ObjectProperty, BDP.Practice, BDP.SourceField, None),
    BDP.loadedVersion: (OWL.DatatypeProperty, DCAT.Dataset, XSD.string, None),
    BDP.loadedSha256: (OWL.DatatypeProperty, DCAT.Dataset, XSD.string, None),
}

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

# Standard terms a bdp: term may specialise (rdfs:subClassOf / rdfs:subPropertyOf).
STANDARD_SUPER_TERMS = {
    SCHEMA.CreativeWork,
    CV.PublicOrganisation,
    PROV.Activity,
    DCTERMS.subject,
    DCTERMS.relation,
    PROV.wasAttributedTo,
    SKOS.notation,
}

# Standard classes and datatypes a bdp: property may point to (rdfs:domain / rdfs:range).
STANDARD_DOMAINS_AND_RANGES = {
    SKOS.Concept,
    ORG.Organization,
    RDF.langString,
    XSD.string,
    XSD.boolean,
    XSD.nonNegativeInteger,
    DCAT.Dataset,
}

CONCEPT_SCHEMES = {
    "themes.ttl": "theme",
    "unit-types.ttl": "unit-type",
    "levels.ttl": "level",
    "programmes.ttl": "programme",
}


@cache
def ontology() -> Graph:
    graph = Graph()
    graph.parse(data_file("vocab", "bdp.ttl"), format="turtle")
    return graph


@cache
def scheme_file(name: str) -> Graph:
    graph = Graph()
    graph.parse(data_file("vocab", name), format="turtle")
    return graph


@cache
def context_document() -> dict:
    return json.loads(data_file("vocab", "context.jsonld").read_text(encoding="utf-8"))


def context() -> dict:
    return context_document()["@context"]


def declared_terms(graph: Graph) -> set[URIRef]:
    return {
        s for t in TERM_TYPES for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(str(BDP))
    }


def languages(graph: Graph, subject, predicate) -> list[str | None]:
    return sorted((o.language or "") for o in graph.objects(subject, predicate) if isinstance(o, Literal))


# --------------------------------------------------------------------------------------------------
# bdp.ttl: the ontology header
# --------------------------------------------------------------------------------------------------


def test_ontology_parses_and_is_part_of_the_vocabulary_graph():
    assert len(ontology()) > 0
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in vocabulary_graph()
    assert (BDP.Practice, RDF.type, OWL.Class) in vocabulary_graph()


def test_exactly_one_ontology_with_the_def_iri():
    assert list(ontology().subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY]


def test_ontology_header():
    g = ontology()
    assert g.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert g.value(ONTOLOGY, OWL.versionIRI) == URIRef(DEF_BASE + "/0.1.0")
    assert set(g.objects(ONTOLOGY, DCTERMS.license)) == {CC_BY_4}
    assert g.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("bdp")
    assert str(g.value(ONTOLOGY, VANN.preferredNamespaceUri)) == str(BDP)
    assert PREFIXES["bdp"] == str(BDP)


@pytest.mark.parametrize("predicate", [DCTERMS.title, DCTERMS.description])
def test_ontology_title_and_description_in_polish_and_english(predicate):
    assert languages(ontology(), ONTOLOGY, predicate) == ["en", "pl"]


def test_ontology_has_a_creator():
    g = ontology()
    creators = list(g.objects(ONTOLOGY, DCTERMS.creator))
    assert len(creators) == 1
    creator = creators[0]
    if isinstance(creator, Literal):
        name = str(creator)
    else:
        name = str(g.value(creator, FOAF.name) or g.value(creator, RDFS.label))
    assert name == "bdp-lod developers"


# --------------------------------------------------------------------------------------------------
# bdp.ttl: the terms
# --------------------------------------------------------------------------------------------------


def test_declares_exactly_the_specified_terms():
    g = ontology()
    assert declared_terms(g) == set(CLASSES) | set(PROPERTIES)
    assert set(g.subjects(RDF.type, OWL.Class)) == set(CLASSES)
    for prop, (kind, *_rest) in PROPERTIES.items():
        assert set(g.objects(prop, RDF.type)) == {kind}, prop


def test_every_bdp_iri_used_in_the_vocabulary_is_declared():
    g = vocabulary_graph()
    declared = declared_terms(g)
    used = {
        node for triple in g for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(BDP))
    }
    assert used - declared == set()


@pytest.mark.parametrize("term", sorted(set(CLASSES) | set(PROPERTIES)), ids=lambda t: t.fragment)
def test_term_is_documented_in_polish_and_english(term):
    g = ontology()
    assert languages(g, term, RDFS.label) == ["en", "pl"], "one rdfs:label per language"
    assert languages(g, term, RDFS.comment) == ["en", "pl"], "one rdfs:comment per language"
    assert list(g.objects(term, RDFS.isDefinedBy)) == [ONTOLOGY]


@pytest.mark.parametrize("cls", sorted(CLASSES), ids=lambda t: t.fragment)
def test_class_specialises_its_standard_class(cls):
    expected = {CLASSES[cls]} - {None}
    assert set(ontology().objects(cls, RDFS.subClassOf)) == expected


@pytest.mark.parametrize("prop", sorted(PROPERTIES), ids=lambda t: t.fragment)
def test_property_domain_range_and_super_property(prop):
    g = ontology()
    _kind, domain, range_, super_property = PROPERTIES[prop]
    assert set(g.objects(prop, RDFS.domain)) == {domain} - {None}
    assert set(g.objects(prop, RDFS.range)) == {range_} - {None}
    assert set(g.objects(prop, RDFS.subPropertyOf)) == {super_property} - {None}


def test_super_terms_outside_bdp_are_standard_terms():
    g = ontology()
    targets = set(g.objects(None, RDFS.subClassOf)) | set(g.objects(None, RDFS.subPropertyOf))
    outside = {t for t in targets if not str(t).startswith(str(BDP))}
    assert outside <= STANDARD_SUPER_TERMS
    assert all(isinstance(t, URIRef) for t in targets)


def test_domains_and_ranges_are_declared_or_standard():
    g = ontology()
    declared = declared_terms(g)
    targets = set(g.objects(None, RDFS.domain)) | set(g.objects(None, RDFS.range))
    assert targets <= declared | STANDARD_DOMAINS_AND_RANGES


def test_object_properties_point_to_classes_and_datatype_properties_to_datatypes():
    g = ontology()
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        for range_ in g.objects(prop, RDFS.range):
            assert not str(range_).startswith(str(XSD)) and range_ != RDF.langString, prop
    for prop in g.subjects(RDF.type, OWL.DatatypeProperty):
        for range_ in g.objects(prop, RDFS.range):
            assert str(range_).startswith(str(XSD)) or range_ == RDF.langString, prop


# --------------------------------------------------------------------------------------------------
# Concept schemes
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("file_name", sorted(CONCEPT_SCHEMES))
def test_concept_scheme_file(file_name):
    g = scheme_file(file_name)
    scheme = URIRef(f"{DEF_BASE}/{CONCEPT_SCHEMES[file_name]}")
    assert list(g.subjects(RDF.type, SKOS.ConceptScheme)) == [scheme]
    assert languages(g, scheme, DCTERMS.title) == ["en", "pl"]
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert concepts, f"{file_name} has no concepts"
    for concept in concepts:
        assert str(concept).startswith(f"{scheme}/"), concept
        assert languages(g, concept, SKOS.prefLabel) == ["en", "pl"], concept
        assert list(g.objects(concept, SKOS.inScheme)) == [scheme], concept
    for top in g.objects(scheme, SKOS.hasTopConcept):
        assert (top, SKOS.topConceptOf, scheme) in g
    for top in g.subjects(SKOS.topConceptOf, scheme):
        assert (scheme, SKOS.hasTopConcept, top) in g


@pytest.mark.parametrize("file_name", sorted(CONCEPT_SCHEMES))
def test_notations_are_unique_within_a_scheme(file_name):
    g = scheme_file(file_name)
    notations = [str(n) for c in g.subjects(RDF.type, SKOS.Concept) for n in g.objects(c, SKOS.notation)]
    assert len(notations) == len(set(notations))


def test_broader_and_narrower_are_symmetric_and_stay_in_a_scheme():
    g = vocabulary_graph()
    for narrow, broad in g.subject_objects(SKOS.broader):
        assert (broad, SKOS.narrower, narrow) in g, (narrow, broad)
        assert set(g.objects(narrow, SKOS.inScheme)) == set(g.objects(broad, SKOS.inScheme))
    for broad, narrow in g.subject_objects(SKOS.narrower):
        assert (narrow, SKOS.broader, broad) in g, (broad, narrow)


def test_powiat_grodzki_is_an_alternative_label_of_a_city_with_county_rights():
    city = URIRef(f"{DEF_BASE}/unit-type/miasto-na-prawach-powiatu")
    assert Literal("powiat grodzki", lang="pl") in set(vocabulary_graph().objects(city, SKOS.altLabel))
    resolved = unit_types().resolve("Powiat grodzki")
    assert resolved is not None and resolved.iri == str(city)


# --------------------------------------------------------------------------------------------------
# context.jsonld
# --------------------------------------------------------------------------------------------------

EXTRA_PREFIXES = {
    "spdx": "http://spdx.org/rdf/terms#",
    "void": "http://rdfs.org/ns/void#",
    "dcatap": "http://data.europa.eu/r5r/",
}
STANDARD_NAMESPACES = {iri for name, iri in {**PREFIXES, **EXTRA_PREFIXES}.items() if name != "bdp"}

# Readable term -> IRI. The mapping and the documentation rely on these names.
CONTEXT_TERMS = {
    "Practice": BDP.Practice,
    "LocalGovernmentUnit": BDP.LocalGovernmentUnit,
    "Activity": BDP.Activity,
    "SourceField": BDP.SourceField,
    "title": DCTERMS.title,
    "description": DCTERMS.description,
    "issued": DCTERMS.issued,
    "theme": DCAT.theme,
    "programme": BDP.programme,
    "implementedBy": BDP.implementedBy,
    "localGovernmentUnit": BDP.localGovernmentUnit,
    "spatial": DCTERMS.spatial,
    "contactPoint": DCAT.contactPoint,
    "populationAtEntry": BDP.populationAtEntry,
    "goal": BDP.goal,
    "activity": BDP.activity,
    "audience": BDP.audience,
    "terc": BDP.terc,
    "hasAttachments": BDP.hasAttachments,
    "sourceField": BDP.sourceField,
    "loadedVersion": BDP.loadedVersion,
    "loadedSha256": BDP.loadedSha256,
    "value": RDF.value,
    "prefLabel": SKOS.prefLabel,
    "label": RDFS.label,
    "altLabel": SKOS.altLabel,
    "classification": ORG.classification,
    "level": CV.level,
    "containedInPlace": SCHEMA.containedInPlace,
    "address": LOCN.address,
    "thoroughfare": LOCN.thoroughfare,
    "locatorDesignator": LOCN.locatorDesignator,
    "postCode": LOCN.postCode,
    "postName": LOCN.postName,
    "adminUnitL1": LOCN.adminUnitL1,
    "adminUnitL2": LOCN.adminUnitL2,
    "fullAddress": LOCN.fullAddress,
    "adminUnit": CV.adminUnit,
    "homepage": FOAF.homepage,
    "subOrganizationOf": ORG.subOrganizationOf,
    "fn": VCARD.fn,
    "jobTitle": VCARD.title,
    "contactRole": VCARD.role,
    "hasTelephone": VCARD.hasTelephone,
    "hasEmail": VCARD.hasEmail,
    "organizationName": VCARD["organization-name"],
    "startDate": DCAT.startDate,
    "endDate": DCAT.endDate,
    "temporal": DCTERMS.temporal,
    "position": SCHEMA.position,
    "source": DCTERMS.source,
    "page": FOAF.page,
    "associatedMedia": SCHEMA.associatedMedia,
    "identifier": ADMS.identifier,
    "notation": SKOS.notation,
}

LANGUAGE_MAPS = {
    "title", "description", "goal", "audience", "prefLabel", "label", "altLabel",
    "thoroughfare", "postName", "adminUnitL1", "adminUnitL2", "fullAddress",
}
IRI_VALUED = {
    "theme", "programme", "implementedBy", "localGovernmentUnit", "spatial", "contactPoint",
    "activity", "sourceField", "classification", "level", "containedInPlace", "address",
    "adminUnit", "homepage", "subOrganizationOf", "hasTelephone", "hasEmail", "temporal",
    "source", "page", "associatedMedia", "identifier",
}
DATATYPES = {
    "issued": XSD.date,
    "startDate": XSD.date,
    "endDate": XSD.date,
    "populationAtEntry": XSD.nonNegativeInteger,
    "hasAttachments": XSD.boolean,
    "position": XSD.integer,
}


def is_prefix(name: str, definition) -> bool:
    return isinstance(definition, str) and definition.endswith(("#", "/")) and ":" in definition


def context_terms() -> dict[str, object]:
    """Terms of the context other than keywords, keyword aliases and prefixes."""
    return {
        name: definition for name, definition in context().items()
        if not name.startswith("@") and not is_prefix(name, definition)
        and not (isinstance(definition, str) and definition.startswith("@"))
    }


def expand_term(name: str) -> str:
    """The IRI a term stands for, computed by a JSON-LD processor (``@type`` values are expanded
    against the vocabulary whatever the term's container or coercion)."""
    expanded = jsonld.expand({"@context": context(), "@id": "urn:x:term", "@type": name})
    return expanded[0]["@type"][0]


def test_context_is_a_local_json_ld_1_1_context():
    document = context_document()
    assert set(document) == {"@context"}
    ctx = document["@context"]
    assert isinstance(ctx, dict), "no remote or array contexts"
    assert ctx["@version"] == 1.1
    assert "@import" not in ctx
    assert "@vocab" not in ctx and "@base" not in ctx


def test_context_prefixes_match_the_library_namespaces():
    prefixes = {name: iri for name, iri in context().items() if is_prefix(name, iri)}
    assert prefixes == {**PREFIXES, **EXTRA_PREFIXES}
    assert prefixes["schema"] == "https://schema.org/"


@pytest.mark.parametrize("name", sorted(CONTEXT_TERMS))
def test_context_term_expands_to_its_iri(name):
    assert expand_term(name) == str(CONTEXT_TERMS[name])


def test_every_context_term_is_standard_or_declared_in_the_ontology():
    declared = {str(t) for t in declared_terms(ontology())}
    for name in context_terms():
        iri = expand_term(name)
        if iri.startswith(str(BDP)):
            assert iri in declared, f"{name} -> {iri} is not declared in bdp.ttl"
        else:
            assert any(iri.startswith(ns) and len(iri) > len(ns) for ns in STANDARD_NAMESPACES), (name, iri)


def test_every_bdp_term_has_a_readable_context_term():
    named = {expand_term(name) for name in context_terms()}
    assert {str(t) for t in declared_terms(ontology())} <= named


def test_context_coercions():
    terms = context_terms()
    for name in LANGUAGE_MAPS:
        assert terms[name].get("@container") == "@language", name
    for name in IRI_VALUED:
        assert terms[name].get("@type") == "@id", name
    for name, datatype in DATATYPES.items():
        assert expand_term(terms[name]["@type"]) == str(datatype), name


def test_context_coercions_agree_with_the_ontology_ranges():
    g = ontology()
    terms = context_terms()
    for name, definition in terms.items():
        iri = URIRef(expand_term(name))
        if not isinstance(definition, dict) or not str(iri).startswith(str(BDP)):
            continue
        if (iri, RDF.type, OWL.ObjectProperty) in g:
            assert definition.get("@type") == "@id", name
        for range_ in g.objects(iri, RDFS.range):
            if range_ == RDF.langString:
                assert definition.get("@container") == "@language", name
            elif range_ != XSD.string and str(range_).startswith(str(XSD)):
                assert expand_term(definition["@type"]) == str(range_), name


PRACTICE = "https://w3id.org/bdp/id/practice/bdp-123"
UNIT = "https://w3id.org/bdp/id/unit/220204"

EXAMPLE = {
    "id": PRACTICE,
    "type": "Practice",
    "title": {"pl": "Czerskie Centrum Aktywności Lokalnej", "en": "Czersk local activity centre"},
    "issued": "2013-05-20",
    "theme": "https://w3id.org/bdp/def/theme/pomoc-spoleczna",
    "programme": "https://w3id.org/bdp/def/programme/doskonalenie-zarzadzania",
    "populationAtEntry": 21224,
    "hasAttachments": True,
    "goal": {"pl": "Aktywizacja mieszkańców"},
    "source": "https://dobrepraktyki.pl/practice/123",
    "localGovernmentUnit": {
        "id": UNIT,
        "type": ["LocalGovernmentUnit", "cv:PublicOrganisation"],
        "prefLabel": {"pl": "Gmina Czersk"},
        "classification": "https://w3id.org/bdp/def/unit-type/gmina-miejsko-wiejska",
        "terc": "2202043",
        "spatial": "https://w3id.org/bdp/id/area/220204",
    },
    "activity": {
        "id": PRACTICE + "/activity/1",
        "type": "Activity",
        "position": 1,
        "description": {"pl": "Warsztaty"},
        "audience": {"pl": "seniorzy"},
        "temporal": {
            "id": PRACTICE + "/activity/1/period",
            "type": "dcterms:PeriodOfTime",
            "startDate": "2013-01-01",
            "endDate": "2013-12-31",
        },
    },
    "contactPoint": {
        "id": "https://w3id.org/bdp/id/contact/urzad-miejski-w-czersku-jan-kowalski",
        "type": ["vcard:Kind", "vcard:Individual"],
        "fn": "Jan Kowalski",
        "jobTitle": "Kierownik",
        "contactRole": "Koordynator",
        "hasEmail": "mailto:promocja@czersk.pl",
        "hasTelephone": "tel:+48523954868",
        "organizationName": "Urząd Miejski w Czersku",
    },
    "sourceField": {
        "id": PRACTICE + "/field/1",
        "type": "SourceField",
        "label": {"pl": "Uwagi"},
        "value": "brak",
    },
}

EXPECTED_TURTLE = """
@prefix bdp: <https://w3id.org/bdp/def#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix p: <https://w3id.org/bdp/id/practice/> .

p:bdp-123 a bdp:Practice ;
    dcterms:title "Czerskie Centrum Aktywności Lokalnej"@pl , "Czersk local activity centre"@en ;
    dcterms:issued "2013-05-20"^^xsd:date ;
    dcat:theme <https://w3id.org/bdp/def/theme/pomoc-spoleczna> ;
    bdp:programme <https://w3id.org/bdp/def/programme/doskonalenie-zarzadzania> ;
    bdp:populationAtEntry "21224"^^xsd:nonNegativeInteger ;
    bdp:hasAttachments true ;
    bdp:goal "Aktywizacja mieszkańców"@pl ;
    dcterms:source <https://dobrepraktyki.pl/practice/123> ;
    bdp:localGovernmentUnit <https://w3id.org/bdp/id/unit/220204> ;
    bdp:activity <https://w3id.org/bdp/id/practice/bdp-123/activity/1> ;
    dcat:contactPoint <https://w3id.org/bdp/id/contact/urzad-miejski-w-czersku-jan-kowalski> ;
    bdp:sourceField <https://w3id.org/bdp/id/practice/bdp-123/field/1> .

<https://w3id.org/bdp/id/unit/220204> a bdp:LocalGovernmentUnit , cv:PublicOrganisation ;
    skos:prefLabel "Gmina Czersk"@pl ;
    org:classification <https://w3id.org/bdp/def/unit-type/gmina-miejsko-wiejska> ;
    bdp:terc "2202043" ;
    dcterms:spatial <https://w3id.org/bdp/id/area/220204> .

<https://w3id.org/bdp/id/practice/bdp-123/activity/1> a bdp:Activity ;
    schema:position 1 ;
    dcterms:description "Warsztaty"@pl ;
    bdp:audience "seniorzy"@pl ;
    dcterms:temporal <https://w3id.org/bdp/id/practice/bdp-123/activity/1/period> .

<https://w3id.org/bdp/id/practice/bdp-123/activity/1/period> a dcterms:PeriodOfTime ;
    dcat:startDate "2013-01-01"^^xsd:date ;
    dcat:endDate "2013-12-31"^^xsd:date .

<https://w3id.org/bdp/id/contact/urzad-miejski-w-czersku-jan-kowalski> a vcard:Kind , vcard:Individual ;
    vcard:fn "Jan Kowalski" ;
    vcard:title "Kierownik" ;
    vcard:role "Koordynator" ;
    vcard:hasEmail <mailto:promocja@czersk.pl> ;
    vcard:hasTelephone <tel:+48523954868> ;
    vcard:organization-name "Urząd Miejski w Czersku" .

<https://w3id.org/bdp/id/practice/bdp-123/field/1> a bdp:SourceField ;
    rdfs:label "Uwagi"@pl ;
    rdf:value "brak" .
"""


def example_document() -> dict:
    return {"@context": context(), **EXAMPLE}


def expected_graph() -> Graph:
    return Graph().parse(data=EXPECTED_TURTLE, format="turtle")


def test_example_expands_with_pyld_to_the_expected_triples():
    nquads = jsonld.to_rdf(example_document(), {"format": "application/n-quads"})
    graph = Graph().parse(data=nquads, format="nt")
    assert not any(isinstance(node, BNode) for triple in graph for node in triple)
    expected = expected_graph()
    assert isomorphic(graph, expected), (
        sorted(to_isomorphic(graph) - to_isomorphic(expected)),
        sorted(to_isomorphic(expected) - to_isomorphic(graph)),
    )


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_example_parses_with_rdflib_to_the_expected_triples():
    graph = Graph().parse(data=json.dumps(example_document()), format="json-ld")
    assert isomorphic(graph, expected_graph())


def test_context_compacts_rdf_back_to_readable_terms():
    nquads = expected_graph().serialize(format="nt")
    compacted = jsonld.compact(
        jsonld.from_rdf(nquads, {"format": "application/n-quads"}), {"@context": context()}
    )
    nodes = {node["id"]: node for node in compacted["@graph"]}
    practice = nodes[PRACTICE]
    assert practice["type"] == "Practice"
    assert practice["title"] == {"pl": "Czerskie Centrum Aktywności Lokalnej", "en": "Czersk local activity centre"}
    assert practice["issued"] == "2013-05-20"
    assert practice["theme"] == "https://w3id.org/bdp/def/theme/pomoc-spoleczna"
    assert practice["localGovernmentUnit"] == UNIT
    assert nodes[UNIT]["prefLabel"] == {"pl": "Gmina Czersk"}
    assert nodes[UNIT]["terc"] == "2202043"
