"""Records that disagree about a node they share: which node, which predicate, who says what.

Several records mint the same IRI for one institution, its address, unit or contact; a graph
keeps every value they give, so a node that should have one street ends up with two. SHACL can
only say "too many values" on that node; this module says which records gave which value, so a
steward knows whom to ask. It compares the mapped triples of the nodes more than one record
describes (node IRI → predicate → value → records). The pipeline runs it only over the records
that describe a shared node SHACL found too many values on, so it costs nothing when there is
none; `bdp_lod.validation.conflict_findings` turns its conflicts into findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rdflib.term import Node

from ..model import SourcedPractice
from ..uris import Uris

__all__ = ["Conflict", "find_conflicts"]


@dataclass(frozen=True)
class Conflict:
    """One predicate of one shared node to which records give different values."""

    node: Node
    predicate: Node
    values: tuple[tuple[tuple[Node, ...], tuple[int, ...]], ...]
    """Each distinct value (its objects sorted; empty: the record gives none) with the positions
    of the records that give it, in record order; values ordered by their first record."""


def find_conflicts(records: Iterable[tuple[int, SourcedPractice]], uris: Uris) -> list[Conflict]:
    """The disagreements among ``records`` (position, record) about nodes two or more describe.

    A record that describes a node but leaves one of its predicates out disagrees with one that
    gives it: the merged node would carry the other's value, which this record did not say.
    Multi-valued predicates compare as sets (a record's values joined), so two records that
    list the same phones in another order agree.
    """
    from ..mapping import practice_triples

    described: dict[Node, dict[Node, dict[int, frozenset[Node]]]] = {}
    holders: dict[Node, list[int]] = {}
    for position, record in records:
        seen: dict[Node, dict[Node, set[Node]]] = {}
        for s, p, o in practice_triples(record.practice, uris):
            seen.setdefault(s, {}).setdefault(p, set()).add(o)
        for subject, predicates in seen.items():
            holders.setdefault(subject, []).append(position)
            node = described.setdefault(subject, {})
            for predicate, objects in predicates.items():
                node.setdefault(predicate, {})[position] = frozenset(objects)
    conflicts: list[Conflict] = []
    for subject, positions in holders.items():
        if len(positions) < 2:
            continue
        for predicate, given in described[subject].items():
            by_value: dict[frozenset[Node], list[int]] = {}
            for position in positions:
                by_value.setdefault(given.get(position, frozenset()), []).append(position)
            if len(by_value) < 2:
                continue
            values = tuple((tuple(sorted(value, key=_order)), tuple(at)) for value, at in by_value.items())
            conflicts.append(Conflict(subject, predicate, values))
    return conflicts


def _order(term: Node) -> tuple[str, str]:
    """A total order on RDF terms (rdflib's mixes kinds badly): kind, then text."""
    return type(term).__name__, str(term)
