"""SELECT-based ``sh:sparql`` constraints, run by pyoxigraph with ``$this`` pre-bound.

pyshacl re-parses each query per focus node; here the graph is loaded into one pyoxigraph store
per evaluation (only the predicates the constraints can read) and ``$this``/``$currentShape`` are
passed as substitutions (SEP-0007, the SHACL semantics). A query whose ``$this`` is bound by its
basic graph pattern (`SparqlConstraint.anchored`, the project's own) runs once per store instead,
its solutions shared out by ``?this``: the same solutions, without a parse per focus node.
Solutions are read as pyshacl reads them, so that the results, and their messages, are the ones
it reports.
"""

from __future__ import annotations

import re

from typing import Iterator, Mapping

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ...terms import from_ox, to_ox
from ..shapes import Shape, SparqlConstraint
from .index import Index
from .result import ShaclResult

__all__ = ["SparqlStore", "sparql_results"]

Solution = dict[str, Node]
"""One solution's bound variables, as rdflib terms."""


class SparqlStore:
    """The evaluated graph (or the part of it SPARQL constraints read) in pyoxigraph."""

    def __init__(self, index: Index, predicates: frozenset[URIRef] | None) -> None:
        self.store = ox.Store()
        self.terms: dict[object, Node] = {}
        self.solved: dict[tuple[int, int], dict[Node, list[Solution]]] = {}
        """The solutions of each anchored constraint (by shape and constraint), by ``?this``."""
        quads = []
        terms = self.terms
        # By subject and predicate, not triple by triple: the constraints read a few predicates
        # of the batch's 20,000 or so triples, and the others are passed over a list at a time.
        for s, by_p in index.out.items():
            s_ox: object = None
            for p, objects in by_p.items():
                if predicates is not None and p not in predicates:
                    continue
                if s_ox is None:
                    s_ox = to_ox(s)
                    terms[s_ox] = s
                p_ox = ox.NamedNode(str(p))
                for o in objects:
                    o_ox = to_ox(o)
                    terms[o_ox] = o
                    quads.append(ox.Quad(s_ox, p_ox, o_ox))  # type: ignore[arg-type]  # a subject is never a literal: the graphs come from RDF files and the mapping
        self.store.extend(quads)

    def term(self, value: object) -> Node:
        """The rdflib term a solution's value came from (the very object, so it keeps its
        lexical form), or a fresh conversion for a value the query made."""
        found = self.terms.get(value)
        return found if found is not None else from_ox(value)


def sparql_results(store: SparqlStore, shape: Shape, constraint: SparqlConstraint, focus: Node) -> list[ShaclResult]:
    """A SELECT constraint's results at ``focus``, read as pyshacl reads the solutions.

    An anchored constraint (`SparqlConstraint.anchored`) runs once per store, without ``$this``
    bound, and each focus node takes the solutions whose ``?this`` it is: a batch of 250
    practices asks one query instead of 250 (each parsed and planned again by pyoxigraph,
    about 80 µs).
    """
    if constraint.anchored:
        key = (id(shape), id(constraint))
        by_this = store.solved.get(key)
        if by_this is None:
            by_this = store.solved[key] = {}
            for solution in _solutions(store, shape, constraint, None):
                by_this.setdefault(solution["this"], []).append(solution)
        solutions: list[Solution] = [dict(s) for s in by_this.get(focus, ())]
    else:
        solutions = list(_solutions(store, shape, constraint, focus))
    return _results(shape, constraint, focus, solutions)


def _solutions(store: SparqlStore, shape: Shape, constraint: SparqlConstraint, focus: Node | None) -> Iterator[Solution]:
    """The query's solutions with ``$this`` bound to ``focus`` (unbound for None)."""
    values = {"this": focus, "currentShape": shape.node}
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(name): to_ox(values[name]) for name in constraint.bound if values[name] is not None  # type: ignore[arg-type]  # None is filtered out
    }
    solutions = store.store.query(constraint.query, substitutions=substitutions)
    assert isinstance(solutions, ox.QuerySolutions)  # shapes.py accepts SELECT validators only
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {name: store.term(solution[name]) for name in names if solution[name] is not None}


def _results(shape: Shape, constraint: SparqlConstraint, focus: Node, solutions: list[Solution]) -> list[ShaclResult]:
    default_value = None if shape.is_property_shape else focus
    out: list[ShaclResult] = []
    seen: set[tuple[object, ...]] = set()
    failed = False
    for bound in solutions:
        if bound.pop("failure", None) is not None:
            if not failed:
                failed = True
                out.append(_sparql_result(shape, constraint, focus, default_value, None, bound))
            continue
        path, value, this = bound.pop("path", None), bound.pop("value", None), bound.pop("this", None)
        if path is None and value is None and this is None:
            continue
        key = (this, path, value, tuple(sorted(bound.items())))
        if key in seen:
            continue
        seen.add(key)
        all_bound = {**bound, "this": this, "path": path, "value": value}
        out.append(
            _sparql_result(shape, constraint, this or focus, value if value is not None else default_value, path, all_bound)
        )
    return out


def _substitute(message: Literal, bound: Mapping[str, Node | None]) -> Literal:
    """``{$this}``, ``{?value}`` … in a SPARQL constraint's message, as pyshacl fills them."""
    text = str(message)
    for name, term in bound.items():
        if term is not None:
            text = re.sub(r"\{[?$]" + re.escape(name) + r"\}", lambda _m: str(term), text)
    return Literal(text, lang=message.language) if message.language else Literal(text)


def _sparql_result(
    shape: Shape,
    constraint: SparqlConstraint,
    focus: Node,
    value: Node | None,
    path: Node | None,
    bound: Mapping[str, Node | None],
) -> ShaclResult:
    messages = tuple(_substitute(m, bound) for m in (*constraint.messages, *shape.messages))
    return ShaclResult(
        focus=focus,
        path=path if path is not None else shape.path_node,
        value=value,
        shape=shape.node,
        component=SH.SPARQLConstraintComponent,
        severity=shape.severity,
        constraint=constraint.node,
        messages=messages,
    )
