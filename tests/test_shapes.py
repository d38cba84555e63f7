"""The SHACL shapes (`shapes/bdp.shacl.ttl`) as a specification, checked with plain pyshacl.

These tests pin what each shape says independently of bdp-lod's own SHACL engine: the examples
conform, the shapes graph keeps to the documented subset of SHACL (tests/test_shapes_elsewhere.py
checks it against SHACL-for-SHACL and Apache Jena), every message and name
exists in Polish and English, every term is declared, and each kind of bad data produces exactly
one expected result (severity, focus node, path, source shape, constraint and message).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SDO, DefinedNamespace
from rdflib.namespace import SH as SH_TERMS
from rdflib.term import Node

from bdp_lod import concepts, teryt
from bdp_lod.mapping import to_graph
from bdp_lod.model import Activity, Attachment, Practice
from bdp_lod.records import prepare
from bdp_lod.vocab import (
    ADMS, BDP, CV, DCAT, DCTERMS, FOAF, LOCN, ORG, OWL, RDF, RDFS, SCHEMA, SKOS, VCARD, XSD,
    data_file, vocabulary_graph,
)

from conftest import EXAMPLES, FIXTURES, ROOT

SH = Namespace("http://www.w3.org/ns/shacl#")
BDPSH = Namespace("https://w3id.org/bdp/def/shapes#")
ID = "https://w3id.org/bdp/id/"
UT = "https://w3id.org/bdp/def/unit-type/"

DOC = ROOT / "docs" / "shapes.md"
STANDARDS = FIXTURES / "standards"

CLOSED_NAMESPACES: tuple[type[DefinedNamespace], ...] = (SH_TERMS, RDF, RDFS, XSD, OWL, SDO)
"""rdflib's closed namespaces, generated from the official vocabularies: any term they lack is
a typo. schema.org is checked here rather than against its 1 MB release file."""


# --------------------------------------------------------------------------------------------------
# Reading validation reports
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Result:
    """One validation result, in the terms a finding carries."""

    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    focus: str
    path: str | None
    shape: str
    """Local name of the source shape in ``bdpsh:``."""
    component: str
    """Local name of the constraint component (``MinCountConstraintComponent``)."""
    value: Node | None
    en: str


def _local(iri: Node, namespace: Namespace) -> str:
    text = str(iri)
    assert text.startswith(str(namespace)), f"{iri} is not in {namespace}"
    return text[len(str(namespace)):]


def messages(report: Graph, result: Node, shapes: Graph) -> dict[str, str]:
    """The result's messages by language.

    pyshacl drops the language tag of every message of a SPARQL-based constraint (it formats
    them as templates even when they have no ``{?var}``); such untagged texts are matched back
    to the language of the source shape's own message, and must all be found there.
    """
    by_lang: dict[str, str] = {}
    shape = report.value(result, SH.sourceShape)
    declared = {str(m): m.language for m in shapes.objects(shape, SH.message)}
    for message in report.objects(result, SH.resultMessage):
        assert isinstance(message, Literal)
        lang = message.language or declared.get(str(message))
        assert lang, f"message {message!r} is neither tagged nor one of {shape}'s messages"
        assert lang not in by_lang, f"two {lang} messages on one result"
        by_lang[lang] = str(message)
    return by_lang


def results(report: Graph, shapes: Graph) -> list[Result]:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        found.append(
            Result(
                severity=_local(report.value(result, SH.resultSeverity), SH),
                focus=str(report.value(result, SH.focusNode)),
                path=str(path) if path is not None else None,
                shape=_local(report.value(result, SH.sourceShape), BDPSH),
                component=_local(report.value(result, SH.sourceConstraintComponent), SH),
                value=report.value(result, SH.value),
                en=messages(report, result, shapes)["en"],
            )
        )
    return sorted(found, key=lambda r: (r.severity, r.focus, r.shape, r.component, str(r.value)))


def check(data: Graph, shapes: Graph) -> tuple[list[Result], Graph]:
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none")
    found = results(report, shapes)
    assert conforms == (not found)
    return found, report


# --------------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data_file("shapes", "bdp.shacl.ttl"), format="turtle")


def _graph_of(*inputs: Path) -> Graph:
    prepared = prepare(inputs)
    return to_graph(prepared.practices)


@pytest.fixture(scope="module")
def examples_graph() -> Graph:
    return _graph_of(EXAMPLES)


@pytest.fixture(scope="module")
def czersk_graph() -> Graph:
    """One complete practice: nothing in it deserves even a hint."""
    return _graph_of(EXAMPLES / "000-czersk.json")


@dataclass(frozen=True)
class Nodes:
    """The nodes of the Czersk practice that mutations touch."""

    practice: URIRef
    unit: URIRef
    area: URIRef
    powiat: URIRef
    institution: URIRef
    address: URIRef
    contact: URIRef


def nodes_of(graph: Graph) -> Nodes:
    practice = graph.value(None, RDF.type, BDP.Practice)
    institution = graph.value(practice, BDP.implementedBy)
    return Nodes(
        practice=practice,
        unit=graph.value(practice, BDP.localGovernmentUnit),
        area=graph.value(practice, DCTERMS.spatial),
        powiat=URIRef(ID + "unit/2202"),
        institution=institution,
        address=graph.value(institution, LOCN.address),
        contact=graph.value(practice, DCAT.contactPoint),
    )


# --------------------------------------------------------------------------------------------------
# The examples conform
# --------------------------------------------------------------------------------------------------

KLUCZE = ID + "practice/cus-klucze-plan-osl-2023"
KRAMSK = ID + "practice/cus-kramsk-pobudzanie-aktywnosci-obywatelskiej"


def test_the_examples_have_no_violation_and_only_the_warnings_their_data_warrants(examples_graph, shapes):
    # The two community-organising plans are not BDP pages: they give no contact person, no
    # population and no theme, and the Kramsk one no date either.
    found, _ = check(examples_graph, shapes)
    no_contact = "The practice has no contact."
    no_population = "The practice does not give the unit's population."
    assert found == sorted([
        Result("Info", KLUCZE, str(DCAT.theme), "Practice-theme-present", "MinCountConstraintComponent", None,
               "The practice has no theme."),
        Result("Info", KRAMSK, str(DCAT.theme), "Practice-theme-present", "MinCountConstraintComponent", None,
               "The practice has no theme."),
        Result("Info", KRAMSK, str(DCTERMS.issued), "Practice-issued-present", "MinCountConstraintComponent", None,
               "The practice has no date added."),
        Result("Warning", KLUCZE, str(DCAT.contactPoint), "Practice-contactPoint-present",
               "MinCountConstraintComponent", None, no_contact),
        Result("Warning", KRAMSK, str(DCAT.contactPoint), "Practice-contactPoint-present",
               "MinCountConstraintComponent", None, no_contact),
        Result("Warning", KLUCZE, str(BDP.populationAtEntry), "Practice-population-present",
               "MinCountConstraintComponent", None, no_population),
        Result("Warning", KRAMSK, str(BDP.populationAtEntry), "Practice-population-present",
               "MinCountConstraintComponent", None, no_population),
    ], key=lambda r: (r.severity, r.focus, r.shape, r.component, str(r.value)))


def test_the_complete_example_is_clean(czersk_graph, shapes):
    assert check(czersk_graph, shapes)[0] == []


def test_every_optional_field_the_mapping_emits_conforms(shapes):
    """A practice using every field (activities, attachments, source fields …) draws nothing."""
    czersk = prepare([EXAMPLES / "000-czersk.json"]).practices[0]
    rich: Practice = dataclasses.replace(
        czersk,
        id="bdp-537",
        source_url="http://www.dobrepraktyki.pl/index.php?art=537",
        goals=("aktywizacja mieszkańców",),
        activities=(
            Activity("Spotkania sołeckie", "mieszkańcy", "Marzec 2023", "2023-03", "2023-03-31"),
            Activity("Festyn", None, "2024", "2024", "2024"),
        ),
        has_attachments=True,
        attachments=(Attachment("http://www.czersk.pl/plan.pdf", "Plan działań", "application/pdf"),),
        extra=(("Rok realizacji", "2012"),),
    )
    katowice = prepare([EXAMPLES / "002-katowice.json"]).practices[0]
    graph = to_graph([rich, katowice])
    assert {BDP.Activity, DCTERMS.PeriodOfTime, SCHEMA.MediaObject, BDP.SourceField, ADMS.Identifier} <= set(
        graph.objects(None, RDF.type)
    )
    assert check(graph, shapes)[0] == []


# --------------------------------------------------------------------------------------------------
# The shapes graph itself
# --------------------------------------------------------------------------------------------------


def _shapes_in(shapes: Graph) -> set[Node]:
    """Every node that is a shape: typed, targeted, with a path, or named by sh:property/sh:or."""
    found: set[Node] = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    found |= set(shapes.subjects(SH.path, None)) | set(shapes.objects(None, SH.property))
    for predicate in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
        found |= set(shapes.subjects(predicate, None))
    for head in shapes.objects(None, SH["or"]):
        found |= set(Collection(shapes, head))
    return found | set(shapes.objects(None, SH["not"]))


def _property_shapes(shapes: Graph) -> set[Node]:
    return set(shapes.subjects(SH.path, None))


def _sparql_constraints(shapes: Graph) -> set[Node]:
    return set(shapes.objects(None, SH.sparql))


def test_every_shape_and_sparql_constraint_is_named_in_the_shapes_namespace(shapes):
    for node in _shapes_in(shapes) | _sparql_constraints(shapes):
        assert isinstance(node, URIRef) and node.startswith(str(BDPSH)), node


def test_every_shape_has_one_severity_and_a_message_in_polish_and_english(shapes):
    for node in _shapes_in(shapes):
        languages = sorted(m.language for m in shapes.objects(node, SH.message))
        assert languages == ["en", "pl"], (node, languages)
        assert list(shapes.objects(node, SH.severity)) in ([SH.Violation], [SH.Warning], [SH.Info]), node


def test_a_sparql_constraint_leaves_its_messages_to_its_shape(shapes):
    """Apache Jena refuses a SPARQL constraint with more than one ``sh:message``; every engine
    reports the owning shape's Polish and English messages for its results instead."""
    for constraint in _sparql_constraints(shapes):
        assert list(shapes.objects(constraint, SH.message)) == [], constraint


def test_every_property_shape_has_a_name_and_a_description_in_polish_and_english(shapes):
    for node in _property_shapes(shapes):
        for predicate in (SH.name, SH.description):
            languages = sorted(v.language for v in shapes.objects(node, predicate))
            assert languages == ["en", "pl"], (node, predicate, languages)


def _documented_features() -> set[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## SHACL features used", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`(sh:\w+)`", section))


def test_the_shapes_use_exactly_the_documented_shacl_subset(shapes):
    used = {
        "sh:" + _local(term, SH)
        for triple in shapes
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(str(SH))
    }
    assert used == _documented_features()


def test_every_path_is_a_single_predicate(shapes):
    for path in shapes.objects(None, SH.path):
        assert isinstance(path, URIRef), path


def test_sparql_is_kept_to_the_one_rule_core_shacl_cannot_say(shapes):
    """Only "not after today" needs SPARQL (NOW()); pyshacl parses a query once per focus node."""
    assert set(shapes.subjects(SH.sparql, None)) == {BDPSH.PracticeIssuedNotInFutureShape}
    for shape, constraint in shapes.subject_objects(SH.sparql):
        query = str(shapes.value(constraint, SH.select))
        assert "PREFIX" not in query.upper().split("SELECT")[0], "IRIs are written in full: no sh:prefixes needed"
        assert "{?" not in " ".join(shapes.objects(shape, SH.message)), "no message templates"


def test_every_pattern_is_a_plain_regular_expression(shapes):
    """No look-around or other Python-only syntax: XPath regexes and Python's `re` agree."""
    for pattern in shapes.objects(None, SH.pattern):
        assert "(?" not in pattern, pattern
        re.compile(pattern)


def _iris_used(shapes: Graph) -> set[URIRef]:
    iris = {t for triple in shapes for t in triple if isinstance(t, URIRef)}
    for constraint in _sparql_constraints(shapes):
        iris |= {URIRef(i) for i in re.findall(r"<([^<>\s]+)>", str(shapes.value(constraint, SH.select)))}
    ontology = URIRef(str(BDPSH).rstrip("#"))
    licence = shapes.value(ontology, DCTERMS.license)
    return {i for i in iris if not i.startswith(str(BDPSH)) and i not in (ontology, licence)}


def test_every_term_the_shapes_use_is_declared_in_vocab_or_a_standard_vocabulary(shapes):
    declared = Graph()
    for path in sorted(STANDARDS.glob("*.ttl")):
        declared.parse(path, format="turtle")
    declared += vocabulary_graph()
    known = set(declared.subjects(RDF.type, None))
    undeclared = {
        iri for iri in _iris_used(shapes)
        if iri not in known and not any(iri in namespace for namespace in CLOSED_NAMESPACES)
    }
    assert undeclared == set()


def _in_list(shapes: Graph, shape: URIRef) -> list[Node]:
    return list(Collection(shapes, shapes.value(shape, SH["in"])))


@pytest.mark.parametrize(
    ("shape", "scheme"),
    [
        (BDPSH["Practice-theme"], concepts.themes),
        (BDPSH["Practice-programme"], concepts.programmes),
        (BDPSH["Unit-classification"], concepts.unit_types),
        (BDPSH["Territory-level"], concepts.levels),
    ],
)
def test_each_value_set_is_exactly_its_concept_scheme(shapes, shape, scheme):
    assert sorted(_in_list(shapes, shape)) == sorted(URIRef(c.iri) for c in scheme().concepts.values())


def test_the_voivodeships_are_the_sixteen_names_the_submission_schema_allows(shapes):
    schema = json.loads(data_file("shapes", "submission.schema.json").read_text(encoding="utf-8"))
    names = schema["properties"]["unit"]["properties"]["voivodeship"]["enum"]
    assert len(names) == 16
    assert sorted(_in_list(shapes, BDPSH["Address-adminUnitL2"])) == sorted(Literal(n, lang="pl") for n in names)


def _pattern(shapes: Graph, shape: URIRef) -> re.Pattern[str]:
    return re.compile(str(shapes.value(shape, SH.pattern)))


def test_the_terc_pattern_accepts_every_local_government_of_the_register_and_no_city_part(shapes):
    register = teryt.register()
    for shape in (BDPSH["Unit-terc"], BDPSH["Identifier-notation"]):
        pattern = _pattern(shapes, shape)
        assert all(pattern.search(u.code) for u in register.units)
        assert not any(pattern.search(p.code) for p in register.parts)
        for wrong in ("2202044", "2202045", "220204", "34", "0101", "2200", "2202003", "22020431"):
            assert not pattern.search(wrong), wrong


def test_there_is_one_terc_type_rule_per_unit_type_a_code_can_stand_for(shapes):
    for type_id in teryt.TYPES:
        rule = BDPSH["UnitTercType-" + type_id]
        assert (rule, SH.targetClass, BDP.LocalGovernmentUnit) in shapes
        typed, no_code = Collection(shapes, shapes.value(rule, SH["or"]))
        assert shapes.value(typed, SH.path) == ORG.classification
        assert shapes.value(typed, SH.hasValue) == URIRef(UT + type_id)
        assert shapes.value(no_code, SH.path) == BDP.terc
        assert shapes.value(no_code, SH["not"]) == BDPSH["TercCode-" + type_id]


def test_the_terc_type_patterns_read_every_code_of_the_register_as_the_register_types_it(shapes):
    patterns = {t: _pattern(shapes, BDPSH["TercCode-" + t]) for t in teryt.TYPES}
    register = teryt.register()
    for unit in register.units:
        assert {t for t, p in patterns.items() if p.search(unit.code)} == {unit.type}, unit
    for part in register.parts:  # dzielnice and delegatury stand for no unit type
        assert not any(p.search(part.code) for p in patterns.values()), part


def test_the_phone_and_email_patterns(shapes):
    phone = _pattern(shapes, BDPSH["Contact-telephone"])
    assert phone.search("tel:+48523954868")
    assert phone.search("tel:+4930123456")  # Berlin: E.164, not Polish (an Info elsewhere)
    for wrong in ("tel:+4852395486", "tel:+485239548680", "tel:523954868", "+48523954868", "tel:+48 52 395 48 68"):
        assert not phone.search(wrong), wrong
    email = _pattern(shapes, BDPSH["Contact-email"])
    assert email.search("mailto:promocja@czersk.pl")
    for wrong in ("mailto:promocja.czersk.pl", "promocja@czersk.pl", "mailto:a@b", "mailto:a b@czersk.pl"):
        assert not email.search(wrong), wrong


# --------------------------------------------------------------------------------------------------
# Mutations: one kind of bad data each, and exactly what it draws
# --------------------------------------------------------------------------------------------------

Mutation = Callable[[Graph, Nodes], list[Result]]
MUTATIONS: list[Mutation] = []


def mutation(function: Mutation) -> Mutation:
    MUTATIONS.append(function)
    return function


def violation(focus: Node, path: URIRef | None, shape: str, component: str, en: str, value: Node | None = None) -> Result:
    return Result("Violation", str(focus), str(path) if path else None, shape, component + "ConstraintComponent", value, en)


def warning(focus: Node, path: URIRef | None, shape: str, component: str, en: str, value: Node | None = None) -> Result:
    return Result("Warning", str(focus), str(path) if path else None, shape, component + "ConstraintComponent", value, en)


def info(focus: Node, path: URIRef | None, shape: str, component: str, en: str, value: Node | None = None) -> Result:
    return Result("Info", str(focus), str(path) if path else None, shape, component + "ConstraintComponent", value, en)


def _replace(graph: Graph, subject: Node, predicate: URIRef, value: Node) -> None:
    graph.remove((subject, predicate, None))
    graph.add((subject, predicate, value))


TITLE = "A practice must have exactly one title, in Polish (@pl)."
POPULATION = "The population must be given once, as a non-negative integer (xsd:nonNegativeInteger)."
POPULATION_RANGE = "The population must be from 1 to 5,600,000 (no unit of Poland has more)."
ISSUED_RANGE = "The date added of a practice is before the Good Practice Database began (2007-01-01)."


@mutation
def title_removed(g: Graph, n: Nodes) -> list[Result]:
    g.remove((n.practice, DCTERMS.title, None))
    return [violation(n.practice, DCTERMS.title, "Practice-title", "MinCount", TITLE)]


@mutation
def second_title(g: Graph, n: Nodes) -> list[Result]:
    g.add((n.practice, DCTERMS.title, Literal("Drugi tytuł", lang="pl")))
    return [violation(n.practice, DCTERMS.title, "Practice-title", "MaxCount", TITLE)]


@mutation
def title_in_english(g: Graph, n: Nodes) -> list[Result]:
    title = Literal("Strengthening village infrastructure", lang="en")
    _replace(g, n.practice, DCTERMS.title, title)
    return [violation(n.practice, DCTERMS.title, "Practice-title", "LanguageIn", TITLE, title)]


@mutation
def title_without_language(g: Graph, n: Nodes) -> list[Result]:
    title = Literal("Wzmocnienie infrastruktury sołeckiej")
    _replace(g, n.practice, DCTERMS.title, title)
    return [
        violation(n.practice, DCTERMS.title, "Practice-title", "Datatype", TITLE, title),
        violation(n.practice, DCTERMS.title, "Practice-title", "LanguageIn", TITLE, title),
    ]


@mutation
def short_description(g: Graph, n: Nodes) -> list[Result]:
    text = Literal("Remont świetlic wiejskich.", lang="pl")
    _replace(g, n.practice, DCTERMS.description, text)
    return [warning(n.practice, DCTERMS.description, "Practice-description-length", "MinLength",
                    "The description of the practice is shorter than 200 characters; consider completing it.", text)]


@mutation
def description_of_exactly_200_characters(g: Graph, n: Nodes) -> list[Result]:
    _replace(g, n.practice, DCTERMS.description, Literal("a" * 200, lang="pl"))
    return []


@mutation
def population_missing(g: Graph, n: Nodes) -> list[Result]:
    g.remove((n.practice, BDP.populationAtEntry, None))
    return [warning(n.practice, BDP.populationAtEntry, "Practice-population-present", "MinCount",
                    "The practice does not give the unit's population.")]


@mutation
def population_negative(g: Graph, n: Nodes) -> list[Result]:
    value = Literal(-5)
    _replace(g, n.practice, BDP.populationAtEntry, value)
    return [violation(n.practice, BDP.populationAtEntry, "Practice-population", "Datatype", POPULATION, value),
            # not comparable with the bounds (ill-typed, or a string), so the range fails too
            violation(n.practice, BDP.populationAtEntry, "Practice-population-range", "MinInclusive", POPULATION_RANGE, value)]


@mutation
def population_negative_but_typed_non_negative(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("-5", datatype=XSD.nonNegativeInteger)
    _replace(g, n.practice, BDP.populationAtEntry, value)
    return [violation(n.practice, BDP.populationAtEntry, "Practice-population", "Datatype", POPULATION, value),
            # not comparable with the bounds (ill-typed, or a string), so the range fails too
            violation(n.practice, BDP.populationAtEntry, "Practice-population-range", "MaxInclusive", POPULATION_RANGE, value)]


@mutation
def population_as_string(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("21224")
    _replace(g, n.practice, BDP.populationAtEntry, value)
    return [violation(n.practice, BDP.populationAtEntry, "Practice-population", "Datatype", POPULATION, value),
            # not comparable with the bounds (ill-typed, or a string), so the range fails too
            violation(n.practice, BDP.populationAtEntry, "Practice-population-range", "MaxInclusive", POPULATION_RANGE, value),
            violation(n.practice, BDP.populationAtEntry, "Practice-population-range", "MinInclusive", POPULATION_RANGE, value)]


@mutation
def postal_code_without_hyphen(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("89650")
    _replace(g, n.address, LOCN.postCode, value)
    return [violation(n.address, LOCN.postCode, "Address-postCode", "Pattern",
                      "The postal code must have the form NN-NNN (e.g. 89-650); an address has at most one.", value)]


@mutation
def phone_with_eight_digits(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef("tel:+4852395486")
    _replace(g, n.contact, VCARD.hasTelephone, value)
    return [violation(n.contact, VCARD.hasTelephone, "Contact-telephone", "Pattern",
                      "A telephone must be a tel: IRI in E.164, and a Polish number is tel:+48 followed by "
                      "exactly 9 digits.", value)]


@mutation
def foreign_phone(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef("tel:+4930123456")
    _replace(g, n.contact, VCARD.hasTelephone, value)
    return [info(n.contact, VCARD.hasTelephone, "Contact-telephone-polish", "Pattern",
                 "The phone number is not Polish (+48); check that it is right.", value)]


@mutation
def email_without_at(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef("mailto:promocja.czersk.pl")
    _replace(g, n.contact, VCARD.hasEmail, value)
    return [violation(n.contact, VCARD.hasEmail, "Contact-email", "Pattern",
                      "An e-mail must be a mailto: IRI holding an address of the form name@domain.", value)]


@mutation
def email_as_text(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("mailto:promocja@czersk.pl")
    _replace(g, n.contact, VCARD.hasEmail, value)
    return [violation(n.contact, VCARD.hasEmail, "Contact-email", "NodeKind",
                      "An e-mail must be a mailto: IRI holding an address of the form name@domain.", value)]


@mutation
def contact_without_phone_or_email(g: Graph, n: Nodes) -> list[Result]:
    g.remove((n.contact, VCARD.hasTelephone, None))
    g.remove((n.contact, VCARD.hasEmail, None))
    return [warning(n.contact, None, "ContactReachableShape", "Or",
                    "The contact has neither a phone number nor an e-mail address.", n.contact)]


@mutation
def contact_with_email_only(g: Graph, n: Nodes) -> list[Result]:
    g.remove((n.contact, VCARD.hasTelephone, None))
    return []


@mutation
def contact_name_tagged(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("Magdalena Apostołowicz", lang="pl")
    _replace(g, n.contact, VCARD.fn, value)
    return [violation(n.contact, VCARD.fn, "Contact-fn", "Datatype",
                      "A contact may have one full name, a plain string (xsd:string).", value)]


@mutation
def no_contact(g: Graph, n: Nodes) -> list[Result]:
    g.remove((n.practice, DCAT.contactPoint, None))
    g.remove((n.contact, None, None))
    return [warning(n.practice, DCAT.contactPoint, "Practice-contactPoint-present", "MinCount",
                    "The practice has no contact.")]


@mutation
def unknown_theme(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef("https://w3id.org/bdp/def/theme/turystyka")
    _replace(g, n.practice, DCAT.theme, value)
    return [violation(n.practice, DCAT.theme, "Practice-theme", "In",
                      "A practice may have one theme, a concept of the Good Practice Database theme scheme.", value)]


@mutation
def theme_from_another_scheme(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef(UT + "powiat")
    _replace(g, n.practice, DCAT.theme, value)
    return [violation(n.practice, DCAT.theme, "Practice-theme", "In",
                      "A practice may have one theme, a concept of the Good Practice Database theme scheme.", value)]


@mutation
def unknown_programme(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef("https://w3id.org/bdp/def/programme/inny")
    _replace(g, n.practice, BDP.programme, value)
    return [violation(n.practice, BDP.programme, "Practice-programme", "In",
                      "A practice may have one programme, a concept of the Good Practice Database programme "
                      "scheme.", value)]


@mutation
def unit_that_is_not_a_local_government_unit(g: Graph, n: Nodes) -> list[Result]:
    _replace(g, n.practice, BDP.localGovernmentUnit, n.institution)
    return [violation(n.practice, BDP.localGovernmentUnit, "Practice-unit", "Class",
                      "A practice may name one local government unit, a bdp:LocalGovernmentUnit.", n.institution)]


@mutation
def two_units(g: Graph, n: Nodes) -> list[Result]:
    g.add((n.practice, BDP.localGovernmentUnit, n.powiat))
    return [violation(n.practice, BDP.localGovernmentUnit, "Practice-unit", "MaxCount",
                      "A practice may name one local government unit, a bdp:LocalGovernmentUnit.")]


@mutation
def institution_that_is_not_an_organization(g: Graph, n: Nodes) -> list[Result]:
    _replace(g, n.practice, BDP.implementedBy, n.unit)
    return [violation(n.practice, BDP.implementedBy, "Practice-implementedBy", "Class",
                      "A practice may name one implementing institution, an org:Organization.", n.unit)]


@mutation
def unit_without_cpov_type(g: Graph, n: Nodes) -> list[Result]:
    g.remove((n.unit, RDF.type, CV.PublicOrganisation))
    return [violation(n.unit, RDF.type, "Unit-type", "HasValue",
                      "A local government unit must also be typed cv:PublicOrganisation.")]


@mutation
def gmina_whose_terc_type_digit_disagrees_with_its_type(g: Graph, n: Nodes) -> list[Result]:
    _replace(g, n.unit, BDP.terc, Literal("2202042"))  # a gmina wiejska's code on the urban-rural Czersk
    return [violation(n.unit, None, "UnitTercType-gmina-wiejska", "Or",
                      "The unit has the TERC code of a gmina wiejska (7 digits ending in 2) but is not typed "
                      "gmina wiejska.", n.unit)]


@mutation
def gmina_typed_against_its_terc_code(g: Graph, n: Nodes) -> list[Result]:
    _replace(g, n.unit, ORG.classification, URIRef(UT + "gmina-miejska"))
    return [violation(n.unit, None, "UnitTercType-gmina-miejsko-wiejska", "Or",
                      "The unit has the TERC code of a gmina miejsko-wiejska (7 digits ending in 3) but is not "
                      "typed gmina miejsko-wiejska.", n.unit)]


@mutation
def powiat_code_on_a_city_with_powiat_rights_slot(g: Graph, n: Nodes) -> list[Result]:
    _replace(g, n.powiat, BDP.terc, Literal("2262"))  # powiat numbers 61 and up are cities with powiat rights
    return [violation(n.powiat, None, "UnitTercType-miasto-na-prawach-powiatu", "Or",
                      "The unit has the TERC code of a city with powiat rights (4 digits with a powiat number "
                      "from 61) but is not typed miasto na prawach powiatu.", n.powiat)]


@mutation
def terc_code_of_a_town_part(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("2202044")  # the town part of Czersk is not a local government
    _replace(g, n.unit, BDP.terc, value)
    return [violation(n.unit, BDP.terc, "Unit-terc", "Pattern",
                      "A unit's TERC code must have the form WW, WWPP or WWPPGGR (R = 1, 2 or 3); a unit has "
                      "at most two codes.", value)]


@mutation
def unit_type_outside_the_scheme(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef("https://w3id.org/bdp/def/level/gmina")
    g.add((n.unit, ORG.classification, value))
    return [violation(n.unit, ORG.classification, "Unit-classification", "In",
                      "The type of a local government unit must be a concept of the unit-type scheme (at most "
                      "two).", value)]


def utc_today() -> dt.date:
    """SPARQL's NOW() is a UTC time stamp, so "today" is the date in UTC."""
    return dt.datetime.now(dt.timezone.utc).date()


@mutation
def date_added_tomorrow(g: Graph, n: Nodes) -> list[Result]:
    value = Literal((utc_today() + dt.timedelta(days=1)).isoformat(), datatype=XSD.date)
    _replace(g, n.practice, DCTERMS.issued, value)
    return [violation(n.practice, DCTERMS.issued, "PracticeIssuedNotInFutureShape", "SPARQL",
                      "The date added of a practice cannot be later than today.", value)]


@mutation
def date_added_today(g: Graph, n: Nodes) -> list[Result]:
    _replace(g, n.practice, DCTERMS.issued, Literal(utc_today().isoformat(), datatype=XSD.date))
    return []


@mutation
def date_added_with_a_time(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("2013-06-28T10:00:00", datatype=XSD.dateTime)
    _replace(g, n.practice, DCTERMS.issued, value)
    return [violation(n.practice, DCTERMS.issued, "Practice-issued", "Datatype",
                      "A practice may have one date added, typed xsd:date (YYYY-MM-DD).", value),
            # an xsd:dateTime does not compare with the xsd:date bound
            violation(n.practice, DCTERMS.issued, "Practice-issued-range", "MinInclusive", ISSUED_RANGE, value)]


@mutation
def voivodeship_capitalised(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("Pomorskie", lang="pl")
    _replace(g, n.address, LOCN.adminUnitL2, value)
    return [violation(n.address, LOCN.adminUnitL2, "Address-adminUnitL2", "In",
                      "The voivodeship of an address must be one of the 16 voivodeship names, in lower case, "
                      "tagged @pl.", value)]


@mutation
def voivodeship_untagged(g: Graph, n: Nodes) -> list[Result]:
    value = Literal("pomorskie")
    _replace(g, n.address, LOCN.adminUnitL2, value)
    return [violation(n.address, LOCN.adminUnitL2, "Address-adminUnitL2", "In",
                      "The voivodeship of an address must be one of the 16 voivodeship names, in lower case, "
                      "tagged @pl.", value)]


@mutation
def country_in_english(g: Graph, n: Nodes) -> list[Result]:
    _replace(g, n.address, LOCN.adminUnitL1, Literal("Poland", lang="en"))
    return [violation(n.address, LOCN.adminUnitL1, "Address-adminUnitL1", "HasValue",
                      "The country of an address must be exactly \"Polska\"@pl.")]


@mutation
def address_as_blank_node(g: Graph, n: Nodes) -> list[Result]:
    blank = BNode("address")
    for _, p, o in list(g.triples((n.address, None, None))):
        g.add((blank, p, o))
    g.remove((n.address, None, None))
    _replace(g, n.institution, LOCN.address, blank)
    return [
        violation(n.institution, LOCN.address, "Institution-address", "NodeKind",
                  "An institution may have one address, a locn:Address named by an IRI.", blank),
        violation(blank, None, "AddressShape", "NodeKind",
                  "An address must be named by an IRI, not a blank node.", blank),
    ]


@mutation
def website_without_http(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef("ftp://www.czersk.pl/")
    _replace(g, n.institution, FOAF.homepage, value)
    return [violation(n.institution, FOAF.homepage, "Institution-homepage", "Pattern",
                      "An institution may have one website, an http(s) address.", value)]


@mutation
def territory_level_outside_the_scheme(g: Graph, n: Nodes) -> list[Result]:
    value = URIRef(UT + "gmina-miejsko-wiejska")
    _replace(g, n.area, CV.level, value)
    return [violation(n.area, CV.level, "Territory-level", "In",
                      "The level of a territory must be a concept of the level scheme (gmina, powiat, "
                      "województwo; at most two).", value)]


@mutation
def territory_that_is_only_a_location(g: Graph, n: Nodes) -> list[Result]:
    g.remove((n.area, RDF.type, CV.AdminUnit))
    return [
        violation(n.address, CV.adminUnit, "Address-adminUnit", "Class",
                  "An address may name one administrative unit, a cv:AdminUnit.", n.area),
        violation(n.area, RDF.type, "Territory-type-adminUnit", "HasValue", "A territory must be typed cv:AdminUnit."),
    ]


@mutation
def identifier_code_with_a_space(g: Graph, n: Nodes) -> list[Result]:
    identifier = g.value(n.unit, ADMS.identifier)
    value = Literal("2202 043")
    _replace(g, identifier, SKOS.notation, value)
    return [violation(identifier, SKOS.notation, "Identifier-notation", "Pattern",
                      "An identifier must have exactly one TERC code of the form WW, WWPP or WWPPGGR (R = 1, 2 or "
                      "3).", value)]


@mutation
def attachment_that_is_not_a_media_object(g: Graph, n: Nodes) -> list[Result]:
    file = URIRef("http://www.czersk.pl/plan.pdf")
    g.add((n.practice, SCHEMA.associatedMedia, file))
    return [violation(n.practice, SCHEMA.associatedMedia, "Practice-associatedMedia", "Class",
                      "An attachment of a practice must be a schema:MediaObject named by an IRI.", file)]


@mutation
def attachment_format_not_a_media_type(g: Graph, n: Nodes) -> list[Result]:
    file = URIRef("http://www.czersk.pl/plan.pdf")
    g.add((n.practice, SCHEMA.associatedMedia, file))
    g.add((file, RDF.type, SCHEMA.MediaObject))
    g.add((file, SCHEMA.contentUrl, file))
    g.add((file, SCHEMA.encodingFormat, Literal("PDF")))
    return [warning(file, SCHEMA.encodingFormat, "Attachment-encodingFormat-mediaType", "Pattern",
                    "The file format is not a media type of the form type/subtype (e.g. application/pdf).",
                    Literal("PDF"))]


@mutation
def activity_at_position_zero(g: Graph, n: Nodes) -> list[Result]:
    activity = URIRef(str(n.practice) + "/activity/1")
    g.add((n.practice, BDP.activity, activity))
    g.add((activity, RDF.type, BDP.Activity))
    g.add((activity, DCTERMS.description, Literal("Zebranie wiejskie", lang="pl")))
    g.add((activity, SCHEMA.position, Literal(0)))
    return [violation(activity, SCHEMA.position, "Activity-position", "MinInclusive",
                      "An activity must have exactly one position in the plan, an integer from 1 up.", Literal(0))]


@mutation
def period_start_as_plain_text(g: Graph, n: Nodes) -> list[Result]:
    period = URIRef(str(n.practice) + "/activity/1/period")
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, Literal("2023-01")))
    g.add((period, DCAT.endDate, Literal("2023-12", datatype=XSD.gYearMonth)))
    return [violation(period, DCAT.startDate, "Period-startDate", "Or",
                      "A period may have one start, typed xsd:date, xsd:gYearMonth or xsd:gYear.",
                      Literal("2023-01"))]


@mutation
def source_field_without_value(g: Graph, n: Nodes) -> list[Result]:
    field = URIRef(str(n.practice) + "/field/rok-realizacji")
    g.add((n.practice, BDP.sourceField, field))
    g.add((field, RDF.type, BDP.SourceField))
    g.add((field, RDFS.label, Literal("Rok realizacji", lang="pl")))
    return [violation(field, RDF.value, "SourceField-value", "MinCount",
                      "A source field must have exactly one value, in Polish (@pl).")]


def test_there_are_enough_mutations():
    assert len(MUTATIONS) >= 25


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda m: m.__name__)
def test_a_mutation_draws_exactly_the_expected_results(czersk_graph, shapes, mutate):
    graph = Graph()
    graph += czersk_graph
    expected = mutate(graph, nodes_of(czersk_graph))
    found, _ = check(graph, shapes)
    assert found == sorted(expected, key=lambda r: (r.severity, r.focus, r.shape, r.component, str(r.value)))


@pytest.mark.parametrize(
    ("mutate", "polish"),
    [
        (title_removed, "Praktyka musi mieć dokładnie jeden tytuł, po polsku (@pl)."),
        (postal_code_without_hyphen, "Kod pocztowy musi mieć postać NN-NNN (np. 89-650); adres ma najwyżej jeden."),
        (contact_without_phone_or_email, "Kontakt nie ma ani telefonu, ani adresu e-mail."),
        (gmina_whose_terc_type_digit_disagrees_with_its_type,
         "Jednostka ma kod TERC gminy wiejskiej (7 cyfr zakończonych 2), ale nie ma typu „gmina wiejska”."),
        (date_added_tomorrow, "Data wprowadzenia praktyki nie może być późniejsza niż dzisiejsza."),
    ],
    ids=lambda x: getattr(x, "__name__", ""),
)
def test_the_same_results_speak_polish(czersk_graph, shapes, mutate, polish):
    graph = Graph()
    graph += czersk_graph
    mutate(graph, nodes_of(czersk_graph))
    _, report = check(graph, shapes)
    [result] = report.subjects(RDF.type, SH.ValidationResult)
    assert messages(report, result, shapes)["pl"] == polish

