"""Conflicts between records as findings a steward can act on: which node, which field, who
says what.

`bdp_lod.validation.conflicts` finds the predicates of a shared node to which records give
different values, in RDF terms. A steward wrote fields, not predicates: the street is one field
(``institution.address.street``) that the mapping splits into ``locn:thoroughfare`` and
``locn:locatorDesignator``, and the full address is made from it. So conflicts are grouped by
the field each predicate carries (`bdp_lod.field_terms`), each record's value is read from the
record itself (``Kościuszki 27``, not ``"27"``), and a predicate the mapping derives from other
fields (the full address) makes no finding of its own while a field it comes from disagrees. A
contact's organisation name copies the institution's name: the same disagreement seen twice is
one finding.

Only the node-and-predicate pairs a SHACL ``sh:maxCount`` result flagged are looked at, so a
field a record leaves out while another gives it (the graph then holds one value, the other's)
is no conflict, and a run without those results never comes here.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterable, Sequence

from rdflib import URIRef
from rdflib.term import Node

from ..codes import RECORD_CONFLICT
from ..field_terms import Value, field_of
from ..findings import Claim, Finding
from ..model import Practice, SourcedPractice
from ..uris import Uris
from .conflicts import find_conflicts
from .engine import Index
from .fields import Place, field_path, places

__all__ = ["conflict_findings"]

Pair = tuple[str, str]
"""A shared node and a predicate, as the strings a finding holds (focus node, result path)."""

_VARIANT = {"institution": "institution", "address": "address", "contact": "contact", "unit": "unit",
            "area": "unit", "identifier": "unit", "attachment": "attachment"}
"""The message for a node of each kind of `bdp_lod.validation.fields.Place`."""

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def conflict_findings(
    records: Sequence[tuple[int, SourcedPractice]], flagged: Iterable[Pair], uris: Uris
) -> tuple[list[Finding], set[Pair]]:
    """One ``record.conflict`` finding per field of a shared node that ``records`` (position,
    record) give different values, among the ``flagged`` pairs; and the pairs they explain,
    whose ``sh:maxCount`` results the findings replace."""
    wanted = set(flagged)
    by_position = dict(records)
    located = _Places(by_position, uris)
    groups: dict[tuple[Node, str], _Group] = {}
    for conflict in find_conflicts(records, uris):
        if (str(conflict.node), str(conflict.predicate)) not in wanted:
            continue
        positions = tuple(sorted(p for _value, at in conflict.values for p in at))
        place = located(positions[0], conflict.node)
        predicate = conflict.predicate
        known = field_of(place.kind, predicate) if place is not None and isinstance(predicate, URIRef) else None
        if place is None or known is None or place.kind not in _VARIANT:
            continue  # not a node the submission names: its SHACL results stay as they are
        name = "" if known.value is Value.DERIVED else known.name
        group = groups.setdefault((conflict.node, name), _Group(conflict.node, name, place, positions))
        group.predicates.append(conflict.predicate)
    findings: list[Finding] = []
    explained: set[Pair] = set()
    # A field of another node copied here (a contact's organisation name) comes last, so that
    # the disagreement is told where it belongs, once.
    for group in sorted(groups.values(), key=lambda g: g.name.startswith("/")):
        explained.update((str(group.node), str(p)) for p in group.predicates)
        if not group.name and any(node == group.node and name for node, name in groups):
            continue  # derived from a field that disagrees (the full address from the street)
        claims = tuple(_claim(by_position[p], located, p, group.node, group.predicates[0]) for p in group.positions)
        if any(set(claims) <= set(told.claims) for told in findings):
            continue
        findings.append(_finding(by_position[group.positions[0]].practice, group, claims))
    return findings, explained


@dataclasses.dataclass
class _Group:
    """The predicates of one field of one shared node that records give different values."""

    node: Node
    name: str
    """The field's name in `bdp_lod.field_terms` (``""``: derived by the mapping)."""
    place: Place
    """The node's place in the first record that describes it."""
    positions: tuple[int, ...]
    """Every record that describes the node, in input order."""
    predicates: list[Node] = dataclasses.field(default_factory=list)


class _Places:
    """Each record's nodes with their places in its submission, found once per record."""

    def __init__(self, records: dict[int, SourcedPractice], uris: Uris) -> None:
        self.records = records
        self.uris = uris
        self.found: dict[int, tuple[Index, dict[Node, Place]]] = {}

    def indexed(self, position: int) -> tuple[Index, dict[Node, Place]]:
        known = self.found.get(position)
        if known is None:
            from ..mapping import practice_triples

            practice = self.records[position].practice
            index = Index(practice_triples(practice, self.uris))
            known = self.found[position] = (index, places(index, URIRef(self.uris.practice(practice))))
        return known

    def __call__(self, position: int, node: Node) -> Place | None:
        return self.indexed(position)[1].get(node)


def _claim(record: SourcedPractice, located: _Places, position: int, node: Node, predicate: Node) -> Claim:
    index, found = located.indexed(position)
    place = found.get(node)
    field = field_path(index, place, node, predicate, None) if place is not None else None
    origin = record.origin
    return Claim(
        file=origin.file,
        record_index=origin.index,
        record_id=record.practice.id,
        line=origin.line,
        field=field,
        value=_shown(_at(record.practice, field)) if field else None,
    )


def _finding(practice: Practice, group: _Group, claims: tuple[Claim, ...]) -> Finding:
    first = claims[0]
    return RECORD_CONFLICT.as_finding(
        RECORD_CONFLICT.message(
            _VARIANT[group.place.kind],
            count=len(claims),
            field=first.field or "",
            name=_name(practice, group.place),
        ),
        file=first.file,
        record_index=first.record_index,
        record_id=first.record_id,
        line=first.line,
        field=first.field,
        focus_node=str(group.node),
        result_path=str(group.predicates[0]),
        claims=claims,
    )


def _at(practice: Practice, path: str) -> object:
    """The value at a field path of the submission (``contacts[1].phones``), or ``None``."""
    value: object = practice
    for name, index in _STEP.findall(path):
        if value is None:
            return None
        if name:
            value = getattr(value, name, None)
        elif isinstance(value, tuple) and int(index) < len(value):
            value = value[int(index)]
        else:
            return None
    return value


def _shown(value: object) -> str | None:
    """A value as the steward wrote it: a list joined, a nested record its fields joined."""
    if value is None or value == () or value == "":
        return None
    if isinstance(value, tuple):
        parts = [p for p in (_shown(v) for v in value) if p is not None]
        return ", ".join(parts) or None
    if dataclasses.is_dataclass(value):
        parts = [p for p in (_shown(getattr(value, f.name)) for f in dataclasses.fields(value)) if p is not None]
        return ", ".join(parts) or None
    return str(value)


def _name(practice: Practice, place: Place) -> str:
    """The node as the submission names it: the institution's name, the contact's, the unit's."""
    kind, prefix = place.kind, place.prefix
    if kind in ("institution", "address") and practice.institution is not None:
        return practice.institution.name
    if kind == "contact":
        contact = _at(practice, prefix)
        for candidate in (getattr(contact, "name", None), *getattr(contact, "emails", ()), *getattr(contact, "phones", ())):
            if candidate:
                return str(candidate)
    if kind == "attachment":
        return str(getattr(_at(practice, prefix), "url", prefix))
    value = _at(practice, prefix)
    if isinstance(value, str):
        return value  # a powiat or województwo, named by the record's unit
    unit = practice.unit
    return unit.name if unit is not None else prefix
