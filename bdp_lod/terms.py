"""rdflib terms ↔ pyoxigraph terms.

rdflib is the library's API (records map to rdflib triples, users get rdflib graphs);
pyoxigraph writes the files and runs SPARQL. The two meet here, in one conversion each way.
"""

from __future__ import annotations

import re
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

__all__ = ["from_ox", "from_ox_triples", "named", "to_ox"]


_NAMED: dict[str, URIRef] = {}


def named(iri: str) -> URIRef:
    """The one URIRef object of a vocabulary or shapes IRI.

    A dict finds a key that is the very object it holds without calling rdflib's Python-level
    ``__eq__``; an equal but distinct key costs that call. The engine looks every value up by the
    shapes' predicate in an index keyed by the mapping's (some fifty lookups per practice), so
    both take their terms from here. Only the vocabulary's and the shapes' terms are named here:
    the table stays as small as they are.
    """
    key = str.__str__(iri)
    found = _NAMED.get(key)
    if found is None:
        found = _NAMED[key] = URIRef(key)
    return found


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Blank-node labels are reduced to what N-Triples allows."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", str(term)))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=str(term.language))
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def from_ox(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def from_ox_triples(triples: Iterable[ox.Triple | ox.Quad]) -> list[tuple[Node, Node, Node]]:
    """Parsed triples as rdflib triples, each distinct term converted once: a file names its
    predicates and shared nodes many times, and converting is most of the cost."""
    converted: dict[object, Node] = {}

    def term(value: object) -> Node:
        found = converted.get(value)
        if found is None:
            found = converted[value] = from_ox(value)
        return found

    return [(term(t.subject), term(t.predicate), term(t.object)) for t in triples]
