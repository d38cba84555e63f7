"""Records → RDF triples in the bdp vocabulary (docs/design.md §2, URIs of §3).

Every node is an IRI minted by `bdp_lod.uris` (no blank nodes), every literal from the sources is
``@pl``, and the triples of a practice depend on that practice alone, so a graph built from the
same records in any order is the same set of triples. `bdp_lod.sources.rdf` reads them back.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import Iterable, Iterator, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from . import concepts, teryt
from .field_terms import predicates
from .terms import named
from .model import Activity, Address, Contact, Institution, LocalGovernmentUnit, Practice
from .uris import DEFAULT_BASE, Uris
from . import vocab
from .vocab import PREFIXES


class _Terms:
    """A namespace whose terms are made once: rdflib builds a new URIRef on every attribute
    access, which was a fifth of the cost of mapping a practice."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = named(getattr(self._namespace, name))
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)


ADMS, BDP, CV, DCTERMS, LOCN, ORG, RDF, RDFS, SCHEMA, SKOS, VCARD, XSD = (
    _Terms(ns) for ns in (
        vocab.ADMS, vocab.BDP, vocab.CV, vocab.DCTERMS, vocab.LOCN, vocab.ORG,
        vocab.RDF, vocab.RDFS, vocab.SCHEMA, vocab.SKOS, vocab.VCARD, vocab.XSD,
    )
)

_PRACTICE, _UNIT, _AREA, _INSTITUTION, _ADDRESS, _CONTACT, _ACTIVITY, _PERIOD, _ATTACHMENT = (
    predicates(kind)
    for kind in ("practice", "unit", "area", "institution", "address", "contact", "activity", "period", "attachment")
)
"""Each field's predicate comes from `bdp_lod.field_terms`, the table reading back and validation share."""
_SOURCE, _PAGE = _PRACTICE.all("source_url")
_BODY_OF, _AREA_OF = _PRACTICE.all("unit")
_THOROUGHFARE, _LOCATOR = _ADDRESS.all("street")
_TERC, _IDENTIFIER = _UNIT.all("terc")
_PHONE, _EMAIL = _CONTACT.field("phones").scheme, _CONTACT.field("emails").scheme

__all__ = ["Shared", "Triple", "practice_parts", "practice_triples", "to_graph", "split_street", "unit_label"]

Triple = tuple[URIRef, URIRef, Node]

_UNIT_LABEL = {
    "gmina-miejska": "Gmina",
    "gmina-wiejska": "Gmina",
    "gmina-miejsko-wiejska": "Gmina",
    "miasto-na-prawach-powiatu": "Miasto",
    "powiat": "Powiat",
    "wojewodztwo": "Województwo",
}
_UNIT_LEVELS = {
    "gmina-miejska": ("gmina",),
    "gmina-wiejska": ("gmina",),
    "gmina-miejsko-wiejska": ("gmina",),
    "miasto-na-prawach-powiatu": ("gmina", "powiat"),
    "powiat": ("powiat",),
    "wojewodztwo": ("wojewodztwo",),
}


TERC_AGENCY = "Główny Urząd Statystyczny"
"""The agency that keeps the TERYT register, as `adms:schemeAgency` names it."""


def _register_rows(unit: LocalGovernmentUnit) -> tuple[teryt.TercUnit, ...]:
    """The register rows of a unit whose codes all name one body of the register, else none:
    a record with unknown or mixed codes is published as its source gave it."""
    if not unit.terc:
        return ()
    register = teryt.register()
    known = [register.by_code(code) for code in unit.terc]
    keys = {row.key for row in known if row is not None}
    if None in known or len(keys) != 1:
        return ()
    return register.by_key(keys.pop())


def _text(text: str, lang: str | None) -> Literal:
    """``Literal(text, lang=lang)`` for a string and a well-formed tag, built directly.

    rdflib's constructor checks the tag, looks the (absent) datatype up and casts the string
    to itself again on every call: about 7 µs, against 0.4 µs here, for the ten or more texts
    of every practice. The literal is the same (tests/test_mapping_literals.py holds each
    field to rdflib's own construction).
    """
    literal = str.__new__(Literal, text)
    literal._language = lang
    literal._datatype = None
    literal._value = text
    literal._ill_typed = None
    return literal


def _pl(text: str) -> Literal:
    return _text(text, "pl")


def _plain(text: str) -> Literal:
    return _text(text, None)


@lru_cache(maxsize=4096)
def _typed(value: str, datatype: URIRef) -> Literal:
    """A typed literal, parsed once (a date takes rdflib 18 µs): practices repeat their dates
    and populations."""
    return Literal(value, datatype=datatype)


@lru_cache(maxsize=256)
def _position(position: int) -> Literal:
    return Literal(position)


_TRUE = Literal(True)


@lru_cache(maxsize=16384)
def _iri(value: str) -> URIRef:
    """A shared node's or concept's IRI, one object per IRI while cached: every practice of a
    unit or office names them again, and the very object finds itself in a dict or set without
    rdflib's Python-level ``__eq__`` (nor its IRI check again). A practice's own IRIs are made
    with `URIRef`: they never recur."""
    return URIRef(value)


def _concept(scheme: concepts.ConceptScheme, concept_id: str) -> URIRef:
    return _iri(scheme.iri_of(concept_id))


def unit_label(unit: LocalGovernmentUnit) -> str:
    """The body's name as Polish writes it: "Gmina Czersk", "Miasto Katowice"."""
    word = _UNIT_LABEL.get(unit.type or "")
    return f"{word} {unit.name}" if word else unit.name


_STREET = re.compile(r"^(?P<street>.*\D)\s+(?P<number>\d+[A-Za-z]?(?:\s?/\s?\d+[A-Za-z]?)?)$")


def split_street(street: str) -> tuple[str, str | None]:
    """"Kościuszki 27" → ("Kościuszki", "27"); anything less clear stays whole."""
    match = _STREET.match(street)
    if not match:
        return street, None
    return match["street"].strip(), match["number"]


def _date_literal(value: str) -> Literal:
    """Periods are only as precise as the source: a year, a month or a day."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return _typed(value, datatype)


class _Mapper:
    def __init__(self, uris: Uris) -> None:
        self.uris = uris

    def practice(self, p: Practice) -> list[Sequence[Triple]]:
        """The practice's triples as parts, in their one order: lists of its own triples, and
        the `Shared` parts of its unit, contacts and institution between them."""
        node = URIRef(self.uris.practice(p))
        own: list[Triple] = [(node, RDF.type, BDP.Practice)]
        add = own.append
        if p.id:
            add((node, _PRACTICE.id, _plain(p.id)))
        add((node, _PRACTICE.title, _pl(p.title)))
        add((node, _PRACTICE.description, _pl(p.description)))
        if p.date_added:
            add((node, _PRACTICE.date_added, _typed(p.date_added.isoformat(), XSD.date)))
        if p.theme:
            add((node, _PRACTICE.theme, _concept(concepts.themes(), p.theme)))
        if p.programme:
            add((node, _PRACTICE.programme, _concept(concepts.programmes(), p.programme)))
        if p.source_url:
            source = URIRef(p.source_url)
            add((node, _SOURCE, source))
            add((node, _PAGE, source))
        if p.population is not None:
            add((node, _PRACTICE.population, _typed(str(p.population), XSD.nonNegativeInteger)))
        for goal in p.goals:
            add((node, _PRACTICE.goals, _pl(goal)))
        if p.has_attachments:
            add((node, _PRACTICE.has_attachments, _TRUE))
        for attachment in p.attachments:
            media = URIRef(attachment.url)
            add((node, _PRACTICE.attachments, media))
            add((media, RDF.type, SCHEMA.MediaObject))
            add((media, _ATTACHMENT.url, media))
            if attachment.title:
                add((media, _ATTACHMENT.title, _pl(attachment.title)))
            if attachment.media_type:
                add((media, _ATTACHMENT.media_type, _plain(attachment.media_type)))
        for label, value in p.extra:
            field = URIRef(self.uris.extra_field(p, label))
            add((node, _PRACTICE.extra, field))
            add((field, RDF.type, BDP.SourceField))
            add((field, RDFS.label, _pl(label)))
            add((field, RDF.value, _pl(value)))
        for position, activity in enumerate(p.activities, start=1):
            activity_node = URIRef(self.uris.activity(p, position))
            add((node, _PRACTICE.activities, activity_node))
            own.extend(self.activity(p, position, activity, activity_node))
        parts: list[Sequence[Triple]] = [own]
        if p.unit:
            add((node, _BODY_OF, _iri(self.uris.unit(p.unit))))
            add((node, _AREA_OF, _iri(self.uris.area(p.unit))))
            parts.append(_unit_triples(p.unit, self.uris))
            own = []
            parts.append(own)
        if p.institution:
            own.append((node, _PRACTICE.institution, _iri(self.uris.institution(p.institution, p.unit))))
        for contact_node, triples in _contacts_triples(p.institution, p.unit, p.contacts, self.uris):
            own.append((node, _PRACTICE.contacts, contact_node))
            parts.append(triples)
            own = []
            parts.append(own)
        if p.institution:
            parts.append(_institution_triples(p.institution, p.unit, self.uris))
        return [part for part in parts if part]

    def activity(self, p: Practice, position: int, activity: Activity, node: URIRef) -> Iterator[Triple]:
        yield node, RDF.type, BDP.Activity
        yield node, SCHEMA.position, _position(position)
        yield node, _ACTIVITY.description, _pl(activity.description)
        if activity.audience:
            yield node, _ACTIVITY.audience, _pl(activity.audience)
        if activity.period or activity.start or activity.end:
            period = URIRef(self.uris.period(p, position))
            yield node, _ACTIVITY.period, period
            yield period, RDF.type, DCTERMS.PeriodOfTime
            if activity.period:
                yield period, _PERIOD.period, _pl(activity.period)
            if activity.start:
                yield period, _PERIOD.start, _date_literal(activity.start)
            if activity.end:
                yield period, _PERIOD.end, _date_literal(activity.end)

    def unit(self, unit: LocalGovernmentUnit) -> Iterator[Triple]:
        rows = _register_rows(unit)
        if rows:
            yield from self.official_unit(rows)
            return
        body = _iri(self.uris.unit(unit))
        area = _iri(self.uris.area(unit))
        yield from self.body(body, area, unit)
        for code in unit.terc:
            yield from self.identifier(body, code)
        yield from self.territory(area, unit.name, _UNIT_LEVELS.get(unit.type or "", ()))
        powiat = self.uris.powiat_area(unit)
        voivodeship = self.uris.voivodeship_area(unit)
        chain = [_iri(n) for n in (str(area), powiat, voivodeship) if n]
        chain = list(dict.fromkeys(chain))  # a województwo is its own voivodeship area
        for inner, outer in zip(chain, chain[1:]):
            yield inner, SCHEMA.containedInPlace, outer
        if powiat and unit.powiat:
            yield from self.territory(_iri(powiat), unit.powiat, ("powiat",))
        if voivodeship and unit.voivodeship:
            yield from self.territory(_iri(voivodeship), unit.voivodeship, ("wojewodztwo",))

    def official_unit(self, rows: tuple[teryt.TercUnit, ...]) -> Iterator[Triple]:
        """A resolved unit and, up the register, its powiat and województwo with theirs."""
        unit = teryt.official_unit(rows)
        body = _iri(self.uris.unit(unit))
        area = _iri(self.uris.area(unit))
        yield from self.body(body, area, unit)
        for row in rows:
            yield from self.identifier(body, row.code)
        yield from self.territory(area, unit.name, [row.level for row in rows])
        containers = teryt.register().within(rows[-1])
        if containers:
            outer = containers[0]
            yield area, SCHEMA.containedInPlace, _iri(self.uris.area(teryt.official_unit((outer,))))
            yield from _official_unit_triples(outer.key, self.uris)

    def body(self, body: URIRef, area: URIRef, unit: LocalGovernmentUnit) -> Iterator[Triple]:
        yield body, RDF.type, BDP.LocalGovernmentUnit
        yield body, RDF.type, CV.PublicOrganisation
        yield body, _UNIT.name, _pl(unit_label(unit))
        yield body, DCTERMS.spatial, area
        if unit.type:
            yield body, _UNIT.type, _concept(concepts.unit_types(), unit.type)
            if unit.type == "miasto-na-prawach-powiatu":
                yield body, _UNIT.type, _concept(concepts.unit_types(), "gmina-miejska")

    def identifier(self, body: URIRef, code: str) -> Iterator[Triple]:
        """The TERC code twice: ``bdp:terc`` for queries, an ``adms:Identifier`` for DCAT/CPOV
        consumers, which also says whose code it is and as of which register."""
        yield body, _TERC, _plain(code)
        identifier = _iri(f"{body}/identifier/{code}")
        yield body, _IDENTIFIER, identifier
        yield identifier, RDF.type, ADMS.Identifier
        yield identifier, SKOS.notation, _plain(code)
        if teryt.register().by_code(code) is not None:
            yield identifier, ADMS.schemeAgency, _pl(TERC_AGENCY)
            yield identifier, DCTERMS.issued, _typed(teryt.register().date.isoformat(), XSD.date)

    def territory(self, node: URIRef, name: str, levels: Iterable[str]) -> Iterator[Triple]:
        yield node, RDF.type, DCTERMS.Location
        yield node, RDF.type, CV.AdminUnit
        yield node, _AREA.name, _pl(name)
        for level in levels:
            yield node, _AREA.type, _concept(concepts.levels(), level)

    def institution(self, inst: Institution, unit: LocalGovernmentUnit | None) -> Iterator[Triple]:
        node = _iri(self.uris.institution(inst, unit))
        yield node, RDF.type, ORG.Organization
        yield node, _INSTITUTION.name, _pl(inst.name)
        if inst.website:
            yield node, _INSTITUTION.website, _iri(inst.website)
        if unit:
            yield node, _INSTITUTION.unit, _iri(self.uris.unit(unit))
        if inst.address:
            address = _iri(self.uris.address(inst, unit))
            yield node, _INSTITUTION.address, address
            yield from self.address(address, inst.address, unit)

    def address(self, node: URIRef, address: Address, unit: LocalGovernmentUnit | None) -> Iterator[Triple]:
        yield node, RDF.type, LOCN.Address
        if address.street:
            thoroughfare, number = split_street(address.street)
            yield node, _THOROUGHFARE, _pl(thoroughfare)
            if number:
                yield node, _LOCATOR, _plain(number)
        if address.postal_code:
            yield node, _ADDRESS.postal_code, _plain(address.postal_code)
        if address.post_office:
            yield node, _ADDRESS.post_office, _pl(address.post_office)
        if unit and unit.voivodeship:
            yield node, _ADDRESS.unit_voivodeship, _pl(unit.voivodeship)
        yield node, LOCN.adminUnitL1, _pl("Polska")
        town = " ".join(x for x in (address.postal_code, address.post_office) if x)
        full = ", ".join(x for x in (address.street, town) if x)
        if full:
            yield node, LOCN.fullAddress, _pl(full)
        if unit:
            yield node, _ADDRESS.unit, _iri(self.uris.area(unit))

    def contact(self, node: URIRef, contact: Contact, inst: Institution | None) -> Iterator[Triple]:
        yield node, RDF.type, VCARD.Kind
        yield node, RDF.type, VCARD.Individual if contact.name else VCARD.Organization
        if contact.name:
            # A person's name is not text in a language: a plain literal, as vcard:fn's range says.
            yield node, _CONTACT.name, _plain(contact.name)
        if contact.position:
            yield node, _CONTACT.position, _pl(contact.position)
        if contact.role:
            yield node, _CONTACT.role, _pl(contact.role)
        for phone in contact.phones:
            yield node, _CONTACT.phones, URIRef(_PHONE + phone)
        for email in contact.emails:
            yield node, _CONTACT.emails, URIRef(_EMAIL + email)
        if inst:
            yield node, _CONTACT.institution_name, _pl(inst.name)


class Shared(tuple[Triple, ...]):
    """The triples of nodes that many practices name (a unit with its hierarchy, an office, a
    contact), built once and handed to each of those practices as this very object while it is
    cached: a consumer that has already taken in one may skip it when it meets it again, instead
    of walking sixty-odd triples per practice (a batch of practices repeats most of them)."""


@lru_cache(maxsize=4096)
def _unit_triples(unit: LocalGovernmentUnit, uris: Uris) -> Shared:
    """A unit's triples with its whole hierarchy, built once: every practice of a gmina repeats
    them, and building them is most of the cost of mapping a practice."""
    return Shared(_Mapper(uris).unit(unit))


@lru_cache(maxsize=1024)
def _official_unit_triples(key: str, uris: Uris) -> tuple[Triple, ...]:
    """A powiat's or województwo's triples with the register above it, built once: every gmina
    in it repeats them (380 powiats and 16 województwa under 2,477 gminas)."""
    return tuple(_Mapper(uris).official_unit(teryt.register().by_key(key)))


@lru_cache(maxsize=8192)
def _institution_triples(inst: Institution, unit: LocalGovernmentUnit | None, uris: Uris) -> Shared:
    """An office's triples, built once: the practices of one office repeat them."""
    return Shared(_Mapper(uris).institution(inst, unit))


@lru_cache(maxsize=8192)
def _contacts_triples(
    inst: Institution | None, unit: LocalGovernmentUnit | None, contacts: tuple[Contact, ...], uris: Uris
) -> tuple[tuple[URIRef, Shared], ...]:
    """Each contact's node and triples, built once per office and contact list."""
    mapper = _Mapper(uris)
    institution_key = uris.institution_key(inst, unit) if inst else None
    out = []
    for contact in contacts:
        node = _iri(uris.contact(contact, institution_key))
        out.append((node, Shared(mapper.contact(node, contact, inst))))
    return tuple(out)


def practice_triples(practice: Practice, uris: Uris | None = None) -> Iterator[Triple]:
    """The triples of one practice with its unit, territories, institution and contacts.

    Shared nodes (a unit, a territory) are emitted by every practice that uses them; a graph
    keeps one copy.
    """
    return chain.from_iterable(_Mapper(uris or Uris()).practice(practice))


def practice_parts(practice: Practice, uris: Uris | None = None) -> list[Sequence[Triple]]:
    """`practice_triples` in parts, in the same order: lists of the practice's own triples and,
    between them, the `Shared` parts of its unit, contacts and institution, which a consumer of
    many practices (a validation batch) takes in once each."""
    return _Mapper(uris or Uris()).practice(practice)


def to_graph(practices: Iterable[Practice], base_uri: str = DEFAULT_BASE) -> Graph:
    """An rdflib graph of the practices, with the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    uris = Uris(base_uri)
    for practice in practices:
        for triple in practice_triples(practice, uris):
            graph.add(triple)
    return graph
