"""Records become triples in the bdp vocabulary with the URIs of docs/design.md §3."""

from __future__ import annotations

import dataclasses
import random

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from bdp_lod.mapping import split_street, to_graph, unit_label
from bdp_lod.model import LocalGovernmentUnit
from bdp_lod.serialize import FORMATS, serialize
from bdp_lod.vocab import BDP, CV, DCAT, DCTERMS, FOAF, LOCN, ORG, RDF, SCHEMA, SKOS, VCARD

from conftest import example

ID = "https://w3id.org/bdp/id/"
PRACTICE = URIRef(ID + "practice/wzmocnienie-infrastruktury-soleckiej-w-celu-aktywizacji-i-integracji-mieszkancow-2013-06-28")
UNIT = URIRef(ID + "unit/gmina-miejsko-wiejska-czersk-pomorskie")
AREA = URIRef(ID + "area/gmina-miejsko-wiejska-czersk-pomorskie")
INSTITUTION = URIRef(ID + "institution/urzad-miejski-w-czersku")
CONTACT = URIRef(ID + "contact/urzad-miejski-w-czersku-magdalena-apostolowicz")


def test_a_practice_without_id_is_named_by_its_title_slug_and_date(czersk):
    graph = to_graph([czersk])
    assert (PRACTICE, RDF.type, BDP.Practice) in graph


def test_practice_text_is_polish_and_dates_are_typed(czersk):
    graph = to_graph([czersk])
    assert graph.value(PRACTICE, DCTERMS.title) == Literal(czersk.title, lang="pl")
    assert graph.value(PRACTICE, DCTERMS.description).language == "pl"
    assert graph.value(PRACTICE, DCTERMS.issued) == Literal("2013-06-28", datatype=XSD.date)
    assert graph.value(PRACTICE, BDP.populationAtEntry) == Literal("21224", datatype=XSD.nonNegativeInteger)


def test_theme_and_programme_are_concepts(czersk):
    graph = to_graph([czersk])
    assert graph.value(PRACTICE, DCAT.theme) == URIRef("https://w3id.org/bdp/def/theme/pomoc-spoleczna")
    assert graph.value(PRACTICE, BDP.programme) == URIRef("https://w3id.org/bdp/def/programme/doskonalenie-zarzadzania")


def test_the_unit_is_a_body_with_a_territory_inside_its_powiat_and_voivodeship(czersk):
    graph = to_graph([czersk])
    assert graph.value(PRACTICE, BDP.localGovernmentUnit) == UNIT
    assert graph.value(PRACTICE, DCTERMS.spatial) == AREA
    assert set(graph.objects(UNIT, RDF.type)) == {BDP.LocalGovernmentUnit, CV.PublicOrganisation}
    assert graph.value(UNIT, SKOS.prefLabel) == Literal("Gmina Czersk", lang="pl")
    assert graph.value(UNIT, ORG.classification) == URIRef("https://w3id.org/bdp/def/unit-type/gmina-miejsko-wiejska")
    assert graph.value(UNIT, DCTERMS.spatial) == AREA
    powiat = graph.value(AREA, SCHEMA.containedInPlace)
    assert powiat == URIRef(ID + "area/powiat-chojnicki-pomorskie")
    assert graph.value(powiat, SCHEMA.containedInPlace) == URIRef(ID + "area/wojewodztwo-pomorskie")
    assert graph.value(AREA, CV.level) == URIRef("https://w3id.org/bdp/def/level/gmina")


def test_a_city_with_powiat_rights_has_two_classifications():
    graph = to_graph([example("002-katowice")])
    unit = URIRef(ID + "unit/miasto-na-prawach-powiatu-katowice-slaskie")
    assert set(graph.objects(unit, ORG.classification)) == {
        URIRef("https://w3id.org/bdp/def/unit-type/miasto-na-prawach-powiatu"),
        URIRef("https://w3id.org/bdp/def/unit-type/gmina-miejska"),
    }
    assert graph.value(unit, SKOS.prefLabel) == Literal("Miasto Katowice", lang="pl")


def test_institution_address_follows_core_location(czersk):
    graph = to_graph([czersk])
    assert graph.value(PRACTICE, BDP.implementedBy) == INSTITUTION
    assert graph.value(INSTITUTION, FOAF.homepage) == URIRef("http://www.czersk.pl/")
    assert graph.value(INSTITUTION, ORG.subOrganizationOf) == UNIT
    address = graph.value(INSTITUTION, LOCN.address)
    assert address == URIRef(str(INSTITUTION) + "/address")
    assert graph.value(address, LOCN.thoroughfare) == Literal("Kościuszki", lang="pl")
    assert graph.value(address, LOCN.locatorDesignator) == Literal("27")
    assert graph.value(address, LOCN.postCode) == Literal("89-650")
    assert graph.value(address, LOCN.postName) == Literal("Czersk", lang="pl")
    assert graph.value(address, LOCN.adminUnitL1) == Literal("Polska", lang="pl")
    assert graph.value(address, LOCN.fullAddress) == Literal("Kościuszki 27, 89-650 Czersk", lang="pl")
    assert graph.value(address, CV.adminUnit) == AREA


def test_contacts_are_vcards_with_tel_and_mailto_iris(czersk):
    graph = to_graph([czersk])
    assert graph.value(PRACTICE, DCAT.contactPoint) == CONTACT
    assert set(graph.objects(CONTACT, RDF.type)) == {VCARD.Kind, VCARD.Individual}
    assert graph.value(CONTACT, VCARD.fn) == Literal("Magdalena Apostołowicz")
    assert graph.value(CONTACT, VCARD.title) == Literal("Inspektor Wydziału Rozwoju Społecznego", lang="pl")
    assert graph.value(CONTACT, VCARD.hasTelephone) == URIRef("tel:+48523954868")
    assert graph.value(CONTACT, VCARD.hasEmail) == URIRef("mailto:promocja@czersk.pl")


def test_a_contact_without_a_name_is_a_functional_organisation_contact(czersk):
    nameless = dataclasses.replace(czersk.contacts[0], name=None)
    graph = to_graph([dataclasses.replace(czersk, contacts=(nameless,))])
    contact = URIRef(ID + "contact/urzad-miejski-w-czersku-promocja-czersk-pl")
    assert set(graph.objects(contact, RDF.type)) == {VCARD.Kind, VCARD.Organization}


def test_activities_keep_their_order_and_precision_of_periods():
    graph = to_graph([example("003-klucze")])
    practice = URIRef(ID + "practice/cus-klucze-plan-osl-2023")
    activities = sorted(graph.objects(practice, BDP.activity), key=lambda a: int(graph.value(a, SCHEMA.position)))
    assert len(activities) == 12
    assert activities[0] == URIRef(str(practice) + "/activity/1")
    period = graph.value(activities[4], DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate) == Literal("2023-01", datatype=XSD.gYearMonth)
    assert graph.value(period, DCAT.endDate) == Literal("2023-02", datatype=XSD.gYearMonth)
    assert str(graph.value(period, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == "Styczeń – luty 2023"


def test_unknown_source_fields_are_kept_as_labelled_values(czersk):
    graph = to_graph([dataclasses.replace(czersk, extra=(("Rok realizacji", "2012"),))])
    field = graph.value(PRACTICE, BDP.sourceField)
    assert field == URIRef(str(PRACTICE) + "/field/rok-realizacji")
    assert graph.value(field, RDF.value) == Literal("2012", lang="pl")


def test_every_node_is_an_iri_and_every_plain_text_literal_is_polish(all_examples):
    graph = to_graph(all_examples)
    untagged_ok = {VCARD.fn, DCTERMS.identifier, LOCN.postCode, LOCN.locatorDesignator, BDP.terc, SKOS.notation, SCHEMA.encodingFormat}
    for s, p, o in graph:
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
        if isinstance(o, Literal) and o.datatype is None and p not in untagged_ok:
            assert o.language == "pl", (s, p, o)


def test_the_graph_does_not_depend_on_record_order(all_examples):
    shuffled = list(all_examples)
    random.Random(7).shuffle(shuffled)
    for fmt in FORMATS.values():
        assert serialize(to_graph(all_examples), fmt) == serialize(to_graph(shuffled), fmt)


def test_base_uri_moves_the_data_but_not_the_vocabulary(czersk):
    graph = to_graph([czersk], base_uri="https://dane.example.pl/bdp")
    practice = next(graph.subjects(RDF.type, BDP.Practice))
    assert str(practice).startswith("https://dane.example.pl/bdp/id/practice/")
    assert graph.value(practice, DCAT.theme) == URIRef("https://w3id.org/bdp/def/theme/pomoc-spoleczna")


def test_street_split_only_when_unambiguous():
    assert split_street("Kościuszki 27") == ("Kościuszki", "27")
    assert split_street("Al. Jana Pawła II 12/3") == ("Al. Jana Pawła II", "12/3")
    assert split_street("Rynek 1a") == ("Rynek", "1a")
    assert split_street("Plac Wolności") == ("Plac Wolności", None)
    assert split_street("3 Maja") == ("3 Maja", None)


def test_unit_labels_follow_polish_usage():
    assert unit_label(LocalGovernmentUnit("Czersk", "gmina-wiejska")) == "Gmina Czersk"
    assert unit_label(LocalGovernmentUnit("chojnicki", "powiat")) == "Powiat chojnicki"
    assert unit_label(LocalGovernmentUnit("Związek Gmin Pomorskich", "zwiazek-gmin")) == "Związek Gmin Pomorskich"


def test_every_literal_is_the_one_rdflib_s_constructor_makes(all_examples):
    """The mapping builds its texts without rdflib's checks (bdp_lod.mapping._text) and reuses its
    typed literals: each must still be, attribute for attribute, what ``Literal(...)`` gives."""
    from bdp_lod.mapping import practice_triples

    literals = [o for p in all_examples for _s, _p, o in practice_triples(p) if isinstance(o, Literal)]
    assert {type(o) for o in literals} == {Literal}
    assert {o.language for o in literals} == {"pl", None}
    for literal in literals:
        if isinstance(literal.value, (bool, int)) and literal.datatype in (XSD.boolean, XSD.integer):
            rebuilt = Literal(literal.value)  # positions and flags are built from Python values
        else:
            rebuilt = Literal(str(literal), lang=literal.language, datatype=literal.datatype)
        assert [getattr(literal, s) for s in Literal.__slots__] == [getattr(rebuilt, s) for s in Literal.__slots__]
        assert (literal == rebuilt, hash(literal) == hash(rebuilt), literal.n3()) == (True, True, rebuilt.n3())
