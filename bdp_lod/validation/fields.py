"""From a SHACL focus node and path back to the submission field a data steward wrote.

A SHACL result says ``<…/institution/urzad-miejski-w-czersku/address> locn:postCode "89650"``; the
steward filled in ``institution.address.postal_code``. Each node of a practice gets its place in
the submission by walking the graph from the practice node along the properties the mapping
(`bdp_lod.mapping`) emits, so the same walk serves mapped records and published RDF files alike;
each predicate then names the field it came from (the tables below mirror the mapping).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..vocab import ADMS, BDP, CV, DCAT, DCTERMS, FOAF, LOCN, ORG, RDF, RDFS, SCHEMA, SKOS, VCARD
from .engine import Index

__all__ = ["Place", "field_path", "places", "shown_value"]


@dataclass(frozen=True)
class Place:
    """Where a node sits in its practice's submission."""

    kind: str
    """Which table of fields applies: ``practice``, ``unit``, ``contact`` …"""
    prefix: str
    """The node's own field path: ``""`` for the practice, ``contacts[1]``, ``unit.powiat`` …"""


_FIELDS: dict[str, dict[Node, str]] = {
    "practice": {
        DCTERMS.identifier: "id",
        DCTERMS.title: "title",
        DCTERMS.description: "description",
        DCTERMS.issued: "date_added",
        DCAT.theme: "theme",
        BDP.programme: "programme",
        DCTERMS.source: "source_url",
        FOAF.page: "source_url",
        BDP.populationAtEntry: "population",
        BDP.goal: "goals",
        BDP.hasAttachments: "has_attachments",
        SCHEMA.associatedMedia: "attachments",
        BDP.sourceField: "extra",
        BDP.activity: "activities",
        BDP.localGovernmentUnit: "/unit",
        DCTERMS.spatial: "/unit",
        BDP.implementedBy: "/institution",
        DCAT.contactPoint: "contacts",
    },
    "unit": {
        SKOS.prefLabel: "name",
        ORG.classification: "type",
        BDP.terc: "terc",
        ADMS.identifier: "terc",
    },
    "area": {
        RDFS.label: "name",
        CV.level: "type",
    },
    "identifier": {},
    "institution": {
        SKOS.prefLabel: "name",
        FOAF.homepage: "website",
        LOCN.address: "address",
        ORG.subOrganizationOf: "/unit",
    },
    "address": {
        LOCN.thoroughfare: "street",
        LOCN.locatorDesignator: "street",
        LOCN.postCode: "postal_code",
        LOCN.postName: "post_office",
        LOCN.adminUnitL2: "/unit.voivodeship",
        CV.adminUnit: "/unit",
    },
    "contact": {
        VCARD.fn: "name",
        VCARD.title: "position",
        VCARD.role: "role",
        VCARD.hasTelephone: "phones",
        VCARD.hasEmail: "emails",
        VCARD["organization-name"]: "/institution.name",
    },
    "activity": {
        DCTERMS.description: "description",
        BDP.audience: "audience",
        DCTERMS.temporal: "period",
    },
    "period": {
        RDFS.label: "period",
        DCAT.startDate: "start",
        DCAT.endDate: "end",
    },
    "attachment": {
        SCHEMA.contentUrl: "url",
        SCHEMA.name: "title",
        SCHEMA.encodingFormat: "media_type",
    },
    "source-field": {},
}
"""Per kind of node, the field each predicate comes from: relative to the node's own path, or
absolute when it starts with ``/`` (an address's województwo is the unit's)."""

_LISTS = {"goals", "phones", "emails", "terc"}
"""Fields that are lists of values: a finding names the element (``goals[1]``)."""

_SCHEMES = {"phones": "tel:", "emails": "mailto:"}

_LEVEL = "https://w3id.org/bdp/def/level/"


def _join(prefix: str, name: str) -> str:
    if not name:
        return prefix
    if name.startswith("/"):
        return name[1:]
    if name.startswith("["):
        return prefix + name
    return f"{prefix}.{name}" if prefix else name


def places(index: Index, practice: Node) -> dict[Node, Place]:
    """Every node of the practice's submission with its place, found from the practice node.

    Contacts, attachments and activities are numbered as the mapping emits them (the record's
    order); activities by their ``schema:position`` when the graph gives one.
    """
    found: dict[Node, Place] = {practice: Place("practice", "")}

    def put(node: Node, kind: str, prefix: str) -> None:
        found.setdefault(node, Place(kind, prefix))

    for i, contact in enumerate(index.values(practice, DCAT.contactPoint)):
        put(contact, "contact", f"contacts[{i}]")
    for i, media in enumerate(index.values(practice, SCHEMA.associatedMedia)):
        put(media, "attachment", f"attachments[{i}]")
    for i, activity in enumerate(_by_position(index, index.values(practice, BDP.activity))):
        put(activity, "activity", f"activities[{i}]")
        for period in index.values(activity, DCTERMS.temporal):
            put(period, "period", f"activities[{i}]")
    for field in index.values(practice, BDP.sourceField):
        labels = [str(v) for v in index.values(field, RDFS.label)]
        put(field, "source-field", f"extra.{labels[0]}" if labels else "extra")
    for unit in index.values(practice, BDP.localGovernmentUnit):
        _unit(index, unit, "unit", put)
    for area in index.values(practice, DCTERMS.spatial):
        put(area, "area", "unit")
    for institution in index.values(practice, BDP.implementedBy):
        put(institution, "institution", "institution")
        for address in index.values(institution, LOCN.address):
            put(address, "address", "institution.address")
    return found


def _by_position(index: Index, activities: Sequence[Node]) -> list[Node]:
    def position(node: Node) -> int:
        for value in index.values(node, SCHEMA.position):
            if isinstance(value, Literal) and isinstance(value.value, int):
                return value.value
        return 0

    return sorted(activities, key=position) if all(position(a) for a in activities) else list(activities)


def _unit(index: Index, unit: Node, prefix: str, put: Callable[[Node, str, str], None]) -> None:
    """The unit body, its identifiers and territory, and the powiat and województwo above it."""
    put(unit, "unit", prefix)
    for identifier in index.values(unit, ADMS.identifier):
        put(identifier, "identifier", f"{prefix}.terc")
    for area in index.values(unit, DCTERMS.spatial):
        put(area, "area", prefix)
        outer = area
        seen = {area}
        while True:
            containers = [c for c in index.values(outer, SCHEMA.containedInPlace) if c not in seen]
            if not containers:
                break
            outer = containers[0]
            seen.add(outer)
            levels = {str(level).removeprefix(_LEVEL) for level in index.values(outer, CV.level)}
            tier = "unit.voivodeship" if "wojewodztwo" in levels else "unit.powiat" if "powiat" in levels else None
            if tier is None:
                continue
            put(outer, "area", tier)
            for body in index.inverse_values(outer, DCTERMS.spatial):
                if RDF.type in index.out.get(body, {}) and body != unit:
                    put(body, "unit", tier)
                    for identifier in index.values(body, ADMS.identifier):
                        put(identifier, "identifier", tier)


def field_path(index: Index, place: Place, focus: Node, path: Node | None, value: Node | None) -> str:
    """The submission field of a result at ``focus`` (in ``place``) on ``path`` with ``value``."""
    if not isinstance(path, URIRef):
        return place.prefix
    name = _FIELDS.get(place.kind, {}).get(path)
    if name is None:
        return place.prefix
    if place.kind in ("unit", "area") and place.prefix != "unit" and not name.startswith("/"):
        return place.prefix  # a powiat's or województwo's own name or code is that field itself
    field = _join(place.prefix, name)
    bare = name.lstrip("/").rsplit(".", 1)[-1]
    if bare in _LISTS and value is not None:
        values = list(index.values(focus, path))
        if value in values:
            field += f"[{values.index(value)}]"
    return field


def shown_value(field: str | None, value: Node | None) -> str | None:
    """A result's value as the steward wrote it: ``tel:``/``mailto:`` dropped from phones and e-mails."""
    if value is None:
        return None
    text = str(value)
    if field:
        for name, scheme in _SCHEMES.items():
            if f".{name}" in field and text.startswith(scheme):
                return text[len(scheme):]
    return text

