"""Which submission field each RDF predicate holds, per kind of node: the one table of it.

The mapping (`bdp_lod.mapping`) takes its predicates from here, reading a dump back
(`bdp_lod.sources.rdf`) takes the same ones, and a SHACL result's focus node and path are
translated back into the steward's field path (`bdp_lod.validation.fields`) from this table alone,
so a predicate changed here changes all three together.

A field is named relative to its node's own place in the submission (``postal_code`` of the
address at ``institution.address``), or absolute when it starts with ``/`` (an address's
``locn:adminUnitL2`` is ``/unit.voivodeship``). A field may have several predicates (a source URL is
``dcterms:source`` and ``foaf:page``); the first is the one a reader takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Mapping

from rdflib import URIRef

from .terms import named
from .vocab import ADMS, BDP, CV, DCAT, DCTERMS, FOAF, LOCN, ORG, RDF, RDFS, SCHEMA, SKOS, VCARD, XSD

__all__ = ["Field", "FIELDS", "Value", "field_of", "predicates"]


class Value(Enum):
    """How a field's value is written in RDF."""

    PL = "literal@pl"
    """A language-tagged Polish literal: text written by people."""
    PLAIN = "literal"
    """An untagged string literal: codes, names of people, media types."""
    TYPED = "typed literal"
    """A literal with a datatype (`Field.datatype`; dates pick theirs by precision)."""
    IRI = "iri"
    """An IRI the source gave (a web page, a file), or a ``tel:``/``mailto:`` IRI (`Field.scheme`)."""
    CONCEPT = "concept"
    """A concept of one of the project's SKOS schemes."""
    NODE = "node"
    """A node of its own, minted by `bdp_lod.uris`, with a table of its own."""
    DERIVED = "derived"
    """Written by the mapping from the node's place or other fields (a position, a full address, a
    containing territory): its field is ``""``, the node's own, so a finding names the node."""


@dataclass(frozen=True)
class Field:
    """One submission field and the predicate(s) that carry it."""

    name: str
    predicates: tuple[URIRef, ...]
    value: Value
    datatype: URIRef | None = None
    many: bool = False
    """A list of values: a finding names the element (``goals[1]``)."""
    scheme: str = ""
    """The IRI scheme a value is written under (``tel:``), dropped when shown to a steward."""

    @property
    def predicate(self) -> URIRef:
        return self.predicates[0]


def _f(
    name: str, *predicates: str, value: Value, datatype: URIRef | None = None, many: bool = False, scheme: str = ""
) -> Field:
    return Field(name, tuple(named(p) for p in predicates), value, datatype, many, scheme)


_TABLE: dict[str, tuple[Field, ...]] = {
    "practice": (
        _f("id", DCTERMS.identifier, value=Value.PLAIN),
        _f("title", DCTERMS.title, value=Value.PL),
        _f("description", DCTERMS.description, value=Value.PL),
        _f("date_added", DCTERMS.issued, value=Value.TYPED, datatype=named(XSD.date)),
        _f("theme", DCAT.theme, value=Value.CONCEPT),
        _f("programme", BDP.programme, value=Value.CONCEPT),
        _f("source_url", DCTERMS.source, FOAF.page, value=Value.IRI),
        _f("population", BDP.populationAtEntry, value=Value.TYPED, datatype=named(XSD.nonNegativeInteger)),
        _f("goals", BDP.goal, value=Value.PL, many=True),
        _f("has_attachments", BDP.hasAttachments, value=Value.TYPED, datatype=named(XSD.boolean)),
        _f("attachments", SCHEMA.associatedMedia, value=Value.NODE, many=True),
        _f("extra", BDP.sourceField, value=Value.NODE, many=True),
        _f("activities", BDP.activity, value=Value.NODE, many=True),
        _f("/unit", BDP.localGovernmentUnit, DCTERMS.spatial, value=Value.NODE),
        _f("/institution", BDP.implementedBy, value=Value.NODE),
        _f("contacts", DCAT.contactPoint, value=Value.NODE, many=True),
    ),
    "unit": (
        _f("name", SKOS.prefLabel, value=Value.PL),
        _f("type", ORG.classification, value=Value.CONCEPT),
        _f("terc", BDP.terc, ADMS.identifier, value=Value.PLAIN, many=True),
        _f("", DCTERMS.spatial, value=Value.DERIVED),
    ),
    "area": (
        _f("name", RDFS.label, value=Value.PL),
        _f("type", CV.level, value=Value.CONCEPT),
        _f("", SCHEMA.containedInPlace, value=Value.DERIVED),
    ),
    "identifier": (
        _f("", SKOS.notation, ADMS.schemeAgency, DCTERMS.issued, value=Value.DERIVED),
    ),
    "institution": (
        _f("name", SKOS.prefLabel, value=Value.PL),
        _f("website", FOAF.homepage, value=Value.IRI),
        _f("address", LOCN.address, value=Value.NODE),
        _f("/unit", ORG.subOrganizationOf, value=Value.NODE),
    ),
    "address": (
        _f("street", LOCN.thoroughfare, LOCN.locatorDesignator, value=Value.PL),
        _f("postal_code", LOCN.postCode, value=Value.PLAIN),
        _f("post_office", LOCN.postName, value=Value.PL),
        _f("/unit.voivodeship", LOCN.adminUnitL2, value=Value.PL),
        _f("/unit", CV.adminUnit, value=Value.NODE),
        _f("", LOCN.adminUnitL1, LOCN.fullAddress, value=Value.DERIVED),
    ),
    "contact": (
        _f("name", VCARD.fn, value=Value.PLAIN),
        _f("position", VCARD.title, value=Value.PL),
        _f("role", VCARD.role, value=Value.PL),
        _f("phones", VCARD.hasTelephone, value=Value.IRI, many=True, scheme="tel:"),
        _f("emails", VCARD.hasEmail, value=Value.IRI, many=True, scheme="mailto:"),
        _f("/institution.name", VCARD["organization-name"], value=Value.PL),
    ),
    "activity": (
        _f("description", DCTERMS.description, value=Value.PL),
        _f("audience", BDP.audience, value=Value.PL),
        _f("", SCHEMA.position, value=Value.DERIVED),
        _f("period", DCTERMS.temporal, value=Value.NODE),
    ),
    "period": (
        _f("period", RDFS.label, value=Value.PL),
        _f("start", DCAT.startDate, value=Value.TYPED),
        _f("end", DCAT.endDate, value=Value.TYPED),
    ),
    "attachment": (
        _f("url", SCHEMA.contentUrl, value=Value.IRI),
        _f("title", SCHEMA.name, value=Value.PL),
        _f("media_type", SCHEMA.encodingFormat, value=Value.PLAIN),
    ),
    "source-field": (
        _f("", RDFS.label, RDF.value, value=Value.DERIVED),
    ),
}

FIELDS: Mapping[str, tuple[Field, ...]] = MappingProxyType(_TABLE)
"""Per kind of node, its fields in the order the mapping writes them."""

_BY_PREDICATE: dict[str, dict[URIRef, Field]] = {
    kind: {p: field for field in fields for p in field.predicates} for kind, fields in _TABLE.items()
}


def field_of(kind: str, predicate: URIRef) -> Field | None:
    """The field a predicate of a node of ``kind`` carries, if the table names one."""
    return _BY_PREDICATE.get(kind, {}).get(predicate)


def _attribute(name: str) -> str:
    """``/unit.voivodeship`` → ``unit_voivodeship``."""
    return name.lstrip("/").replace(".", "_")


class _Predicates:
    """A kind's fields as attributes, each its first predicate: ``predicates("practice").title``.
    Plain attributes, so the mapping's hot loop pays no look-up."""

    def __init__(self, kind: str) -> None:
        for field in _TABLE[kind]:
            if field.name:
                setattr(self, _attribute(field.name), field.predicate)
        self._kind = kind

    def __getattr__(self, name: str) -> URIRef:
        raise AttributeError(f"the {self._kind} table has no field {name!r}")

    def field(self, name: str) -> Field:
        """The whole entry of a field, for what its first predicate does not say."""
        return next(f for f in _TABLE[self._kind] if f.name and _attribute(f.name) == name)

    def all(self, name: str) -> tuple[URIRef, ...]:
        """Every predicate of a field (a source URL's two)."""
        return self.field(name).predicates


def predicates(kind: str) -> _Predicates:
    """The predicates of one kind's fields by field name, for the writers and readers."""
    return _Predicates(kind)
