"""From a SHACL focus node and path back to the submission field a data steward wrote.

A SHACL result says ``<…/institution/urzad-miejski-w-czersku/address> locn:postCode "89650"``; the
steward filled in ``institution.address.postal_code``. Each node of a practice gets its place in
the submission by walking the graph from the practice node along the properties the mapping
(`bdp_lod.mapping`) emits, so the same walk serves mapped records and published RDF files alike;
each predicate then names the field it came from, as the table the mapping writes from says
(`bdp_lod.field_terms`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..field_terms import FIELDS, Value, field_of
from ..vocab import ADMS, BDP, CV, DCAT, DCTERMS, LOCN, RDF, RDFS, SCHEMA
from .engine import Index

__all__ = ["Place", "field_path", "places", "shown_value"]


@dataclass(frozen=True)
class Place:
    """Where a node sits in its practice's submission."""

    kind: str
    """Which kind of node of `bdp_lod.field_terms.FIELDS` it is: ``practice``, ``unit``, ``contact`` …"""
    prefix: str
    """The node's own field path: ``""`` for the practice, ``contacts[1]``, ``unit.powiat`` …"""


_SCHEMES = tuple((f.name, f.scheme) for fields in FIELDS.values() for f in fields if f.scheme)
"""Fields whose values are written as IRIs of a scheme (phones as ``tel:``), shown without it."""

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
    known = field_of(place.kind, path)
    if known is None:
        return place.prefix
    name = known.name
    if place.kind in ("unit", "area") and place.prefix != "unit" and not name.startswith("/"):
        return place.prefix  # a powiat's or województwo's own name or code is that field itself
    field = _join(place.prefix, name)
    if known.many and known.value is not Value.NODE and value is not None:
        # An element node (a contact) has a place of its own; a value names its list's element.
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
        for name, scheme in _SCHEMES:
            if f".{name}" in field and text.startswith(scheme):
                return text[len(scheme):]
    return text

