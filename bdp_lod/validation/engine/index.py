"""A graph's triples indexed by subject and predicate once, with its class hierarchy.

Every constraint reads value nodes, so they are a dictionary lookup rather than a graph query;
inverse values and instances by type are built on first use, as most shapes never need them.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from ...terms import named

__all__ = ["EMPTY", "Index", "Triple"]

Triple = tuple[Node, Node, Node]

EMPTY: dict[Node, list[Node]] = {}
"""The predicates of a node without triples (shared, never written)."""
# Namespace attributes are looked up on every access; the hot paths use these constants.
_RDF_TYPE = named(RDF.type)
_SUBCLASS_OF = named(RDFS.subClassOf)


class Index:
    """A graph's triples by subject and predicate, with its class hierarchy."""

    __slots__ = ("out", "_inverse", "_by_type", "_supers")

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self.out: dict[Node, dict[Node, list[Node]]] = {}
        self._inverse: dict[Node, dict[Node, list[Node]]] | None = None
        """Per predicate: object → subjects."""
        self._by_type: dict[Node, list[Node]] | None = None
        self._supers: dict[Node, frozenset[Node]] = {}
        self.add(triples)

    def add(self, triples: Iterable[Triple]) -> None:
        """Add triples (a set: a triple given twice is held once)."""
        out = self.out
        for s, p, o in triples:
            by_p = out.get(s)
            if by_p is None:
                out[s] = {p: [o]}
                continue
            objects = by_p.get(p)
            if objects is None:
                by_p[p] = [o]
            elif o not in objects:
                objects.append(o)
        self._inverse = None
        self._by_type = None
        self._supers = {}

    def __len__(self) -> int:
        return sum(len(objects) for by_p in self.out.values() for objects in by_p.values())

    def triples(self) -> Iterable[Triple]:
        for s, by_p in self.out.items():
            for p, objects in by_p.items():
                for o in objects:
                    yield s, p, o

    def values(self, subject: Node, predicate: Node) -> Sequence[Node]:
        return self.out.get(subject, EMPTY).get(predicate, ())

    def inverse_values(self, obj: Node, predicate: Node) -> Sequence[Node]:
        """Subjects with ``predicate`` ``obj``; the inverse of a predicate is built on first use."""
        if self._inverse is None:
            self._inverse = {}
        inverse = self._inverse.get(predicate)
        if inverse is None:
            inverse = self._inverse[predicate] = {}
            for s, by_p in self.out.items():
                for o in by_p.get(predicate, ()):
                    inverse.setdefault(o, []).append(s)
        return inverse.get(obj, ())

    def subjects_of(self, predicate: Node) -> list[Node]:
        return [s for s, by_p in self.out.items() if predicate in by_p]

    def objects_of(self, predicate: Node) -> list[Node]:
        return list(dict.fromkeys(o for by_p in self.out.values() for o in by_p.get(predicate, ())))

    def superclasses(self, cls: Node) -> frozenset[Node]:
        """``cls`` and every class it is an ``rdfs:subClassOf*`` of, in this graph."""
        found = self._supers.get(cls)
        if found is None:
            seen = {cls}
            stack = [cls]
            while stack:
                for sup in self.values(stack.pop(), _SUBCLASS_OF):
                    if sup not in seen:
                        seen.add(sup)
                        stack.append(sup)
            found = self._supers[cls] = frozenset(seen)
        return found

    def is_instance(self, node: Node, cls: Node) -> bool:
        """A SHACL instance: typed ``cls`` or one of its subclasses."""
        for type_ in self.values(node, _RDF_TYPE):
            if type_ is cls or type_ == cls or cls in self.superclasses(type_):
                return True
        return False

    def instances(self, cls: Node) -> list[Node]:
        if self._by_type is None:
            by_type: dict[Node, list[Node]] = {}
            for s, by_p in self.out.items():
                for type_ in by_p.get(_RDF_TYPE, ()):
                    by_type.setdefault(type_, []).append(s)
            self._by_type = by_type
        found = list(self._by_type.get(cls, ()))
        for type_, members in self._by_type.items():
            if type_ != cls and cls in self.superclasses(type_):
                found.extend(members)
        return list(dict.fromkeys(found))
