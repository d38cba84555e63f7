"""A native SHACL evaluator for the subset `bdp_lod.validation.shapes` compiles.

pyshacl evaluates the product shapes at about 75 practices a second (PERFORMANCE.md §4): it asks
rdflib for every value and re-parses each SPARQL constraint per focus node. This engine indexes a
graph's triples by subject and predicate once, runs each constraint as a small Python function,
and hands ``sh:sparql`` constraints to pyoxigraph with ``$this`` pre-bound (SEP-0007
substitution, the SHACL semantics). Its results are the ones pyshacl reports on the same graph —
focus node, path, value, source shape, constraint component and severity — which
``tests/test_validation_engine.py`` checks against pyshacl itself. Where SHACL leaves room, the
engine follows pyshacl's choices (how values compare, what a pattern sees of a typed literal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Callable, Iterable, Sequence

import pyoxigraph as ox
from pyshacl.rdfutil import compare_literal
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from ..terms import from_ox, to_ox
from .shapes import Constraint, Shape, Shapes, SparqlConstraint

__all__ = ["Evaluator", "Index", "ShaclResult", "Triple", "evaluate"]

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, slots=True)
class ShaclResult:
    """One SHACL validation result, as ``sh:ValidationResult`` describes it."""

    focus: Node
    path: Node | None
    value: Node | None
    shape: Node
    component: URIRef
    severity: URIRef
    constraint: Node | None = None
    """``sh:sourceConstraint``: the SPARQL constraint node, for SPARQL results."""
    messages: tuple[Literal, ...] = ()
    details: tuple["ShaclResult", ...] = ()
    """``sh:detail``: why a value node failed its ``sh:node`` shape."""

    @property
    def key(self) -> tuple[Node, Node | None, Node | None, Node, URIRef, URIRef, Node | None]:
        """What makes two results the same result, whichever run found them."""
        return (self.focus, self.path, self.value, self.shape, self.component, self.severity, self.constraint)


_EMPTY: dict[Node, list[Node]] = {}
# Namespace attributes are looked up on every access; the hot paths use these constants.
_RDF_TYPE = RDF.type
_SUBCLASS_OF = RDFS.subClassOf
_LANG_STRING = RDF.langString
_XSD_STRING = XSD.string
_RDFS_LITERAL = RDFS.Literal
_RDFS_DATATYPE = RDFS.Datatype


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
        return self.out.get(subject, _EMPTY).get(predicate, ())

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
            if type_ == cls or cls in self.superclasses(type_):
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


# --- constraint checks ---------------------------------------------------------------------------
# A check sees the focus node and its value nodes and appends results; it is built once per
# constraint, so evaluating a focus node is a loop over plain function calls.

Check = Callable[["Evaluator", Node, Sequence[Node], list[ShaclResult]], None]


def _result(shape: Shape, focus: Node, value: Node | None, component: URIRef, **extra: object) -> ShaclResult:
    return ShaclResult(
        focus=focus,
        path=extra.pop("path", shape.path_node),  # type: ignore[arg-type]
        value=value,
        shape=shape.node,
        component=component,
        severity=shape.severity,
        messages=extra.pop("messages", shape.messages),  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def _per_value(shape: Shape, component: URIRef, ok: Callable[[Node], bool]) -> Check:
    def check(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        for v in values:
            if not ok(v):
                out.append(_result(shape, focus, v, component))

    return check


_DATATYPE_VALUES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def _datatype_ok(datatype: Node) -> Callable[[Node], bool]:
    """A literal of ``datatype`` that is well typed (SPARQL's datatype function)."""
    expected = _DATATYPE_VALUES.get(datatype)  # type: ignore[arg-type]

    def actual(v: Literal) -> bool:
        return expected is None or isinstance(v.value, expected)

    is_literal, is_datatype = datatype == _RDFS_LITERAL, datatype == _RDFS_DATATYPE
    is_string, is_lang_string = datatype == _XSD_STRING, datatype == _LANG_STRING

    def ok(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        own = v.datatype
        if own is not None and own == datatype:
            return getattr(v, "ill_typed", None) is not True and actual(v)
        if is_literal:
            return True
        if is_datatype:
            return own is not None
        if is_string:
            return own is None and v.language is None and actual(v)
        if is_lang_string and v.language:
            return actual(v)
        return False

    return ok


_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


def _text(v: Node) -> str:
    """What string constraints see of a value: a string literal's value, else the lexical form."""
    if isinstance(v, Literal):
        datatype = v.datatype
        if (datatype is None or datatype == _XSD_STRING or datatype == _LANG_STRING) and v.value is not None:
            return str(v.value)
    return str(v)


def _language_ok(ranges: Sequence[Node]) -> Callable[[Node], bool]:
    wanted = {str(r).lower() for r in ranges}
    wildcard = "*" in wanted

    def ok(v: Node) -> bool:
        if not isinstance(v, Literal) or not v.language:
            return False
        lang = str(v.language).lower()
        return wildcard or lang in wanted or lang.split("-")[0] in wanted

    return ok


def _range_ok(bound: Literal, accept: Callable[[int], bool]) -> Callable[[Node], bool]:
    bound_is_string = isinstance(bound.value, str)

    def ok(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        if isinstance(v.value, str) != bound_is_string:
            return False
        try:
            return accept(compare_literal(v, bound))
        except (TypeError, NotImplementedError):
            return False

    return ok


def _length_ok(limit: int, accept: Callable[[int], bool]) -> Callable[[Node], bool]:
    def ok(v: Node) -> bool:
        if isinstance(v, BNode):
            return False
        return accept(len(_text(v)))

    return ok


def _comparable(v: Node) -> tuple[bool, object]:
    if isinstance(v, BNode):
        raise ValueError("blank nodes cannot be compared by sh:lessThan(OrEquals)")
    if isinstance(v, URIRef):
        return True, str(v)
    if isinstance(v, Literal) and isinstance(v.value, str):
        return True, v.value
    return False, v


def _pair_order(shape: Shape, component: URIRef, other: Node, accept: Callable[[object, object], bool]) -> Check:
    def check(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        compare = ev.index.values(focus, other)
        for v in values:
            v_string, v_cmp = _comparable(v)
            for c in compare:
                c_string, c_cmp = _comparable(c)
                try:
                    good = v_string == c_string and accept(v_cmp, c_cmp)
                except TypeError:
                    good = False
                if not good:
                    out.append(_result(shape, focus, v, component))

    return check


def _build_check(shape: Shape, constraint: Constraint) -> Check | None:
    """The check of one constraint; None for a constraint that cannot produce results."""
    component, parameter, value = constraint.component, constraint.parameter, constraint.value
    if parameter == SH.minCount:
        least = value

        def min_count(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            if len(values) < least:  # type: ignore[operator]
                out.append(_result(shape, focus, None, component))

        return min_count
    if parameter == SH.maxCount:
        most = value

        def max_count(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            if len(values) > most:  # type: ignore[operator]
                out.append(_result(shape, focus, None, component))

        return max_count
    if parameter == SH.datatype:
        return _per_value(shape, component, _datatype_ok(value))  # type: ignore[arg-type]
    if parameter == SH["class"]:
        cls = value

        def class_check(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            for v in values:
                if isinstance(v, Literal) or not ev.index.is_instance(v, cls):  # type: ignore[arg-type]
                    out.append(_result(shape, focus, v, component))

        return class_check
    if parameter == SH.nodeKind:
        kinds = _NODE_KINDS.get(value, ())  # type: ignore[call-overload]
        return _per_value(shape, component, lambda v: isinstance(v, kinds))
    if parameter == SH.pattern:
        regex: re.Pattern[str] = value  # type: ignore[assignment]
        return _per_value(shape, component, lambda v: not isinstance(v, BNode) and regex.search(_text(v)) is not None)
    if parameter == SH["in"]:
        allowed = frozenset(value)  # type: ignore[arg-type]
        return _per_value(shape, component, lambda v: v in allowed)
    if parameter == SH.languageIn:
        return _per_value(shape, component, _language_ok(value))  # type: ignore[arg-type]
    if parameter == SH.uniqueLang:
        if not (isinstance(value, Literal) and value.value is True):
            return None

        def unique_lang(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            seen: set[str] = set()
            repeated: set[str] = set()
            for v in values:
                if isinstance(v, Literal) and v.language:
                    lang = str(v.language).lower()
                    (repeated if lang in seen else seen).add(lang)
            out.extend(_result(shape, focus, None, component) for _ in repeated)

        return unique_lang
    if parameter in (SH.minInclusive, SH.minExclusive, SH.maxInclusive, SH.maxExclusive):
        accept = {
            SH.minInclusive: lambda c: c >= 0,
            SH.minExclusive: lambda c: c > 0,
            SH.maxInclusive: lambda c: c <= 0,
            SH.maxExclusive: lambda c: c < 0,
        }[parameter]
        return _per_value(shape, component, _range_ok(value, accept))  # type: ignore[arg-type]
    if parameter == SH.minLength:
        least_length: int = value  # type: ignore[assignment]
        if least_length == 0:
            return None
        return _per_value(shape, component, _length_ok(least_length, lambda n: n >= least_length))
    if parameter == SH.maxLength:
        most_length: int = value  # type: ignore[assignment]
        return _per_value(shape, component, _length_ok(most_length, lambda n: n <= most_length))
    if parameter == SH.hasValue:
        wanted = value

        def has_value(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            if not any(v == wanted for v in values):
                out.append(_result(shape, focus, None, component))

        return has_value
    if parameter == SH.property:
        inner: Shape = value  # type: ignore[assignment]

        def property_check(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            run = ev.program.runner(inner)
            for v in values:
                run(ev, v, out)

        return property_check
    if parameter == SH.node:
        node_shape: Shape = value  # type: ignore[assignment]

        def node_check(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            for v in values:
                nested = ev.validate(node_shape, v)
                if nested:
                    out.append(_result(shape, focus, v, component, details=tuple(nested)))

        return node_check
    if parameter in (SH["or"], SH["and"], SH.xone, SH["not"]):
        members: tuple[Shape, ...] = value if isinstance(value, tuple) else (value,)  # type: ignore[assignment]
        rule: Callable[[int], bool] = {
            SH["or"]: lambda n: n > 0,
            SH["and"]: lambda n: n == len(members),
            SH.xone: lambda n: n == 1,
            SH["not"]: lambda n: n == 0,
        }[parameter]

        def logical(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            for v in values:
                conforming = sum(1 for m in members if not ev.validate(m, v))
                if not rule(conforming):
                    out.append(_result(shape, focus, v, component))

        return logical
    if parameter == SH.lessThan:
        return _pair_order(shape, component, value, lambda a, b: a < b)  # type: ignore[arg-type,operator]
    if parameter == SH.lessThanOrEquals:
        return _pair_order(shape, component, value, lambda a, b: a <= b)  # type: ignore[arg-type,operator]
    if parameter == SH.equals:
        other_eq = value

        def equals(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            mine, theirs = set(values), set(ev.index.values(focus, other_eq))  # type: ignore[arg-type]
            out.extend(_result(shape, focus, v, component) for v in mine - theirs)
            out.extend(_result(shape, focus, v, component) for v in theirs - mine)

        return equals
    if parameter == SH.disjoint:
        other_dis = value

        def disjoint(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            theirs = set(ev.index.values(focus, other_dis))  # type: ignore[arg-type]
            out.extend(_result(shape, focus, v, component) for v in values if v in theirs)

        return disjoint
    if parameter == SH.closed:
        if value is None:
            return None
        allowed_predicates: frozenset[Node] = value  # type: ignore[assignment]

        def closed(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            for v in values:
                for p, objects in ev.index.out.get(v, _EMPTY).items():
                    if p not in allowed_predicates:
                        out.extend(_result(shape, focus, o, component, path=p) for o in objects)

        return closed
    if parameter == SH.sparql:
        sparql: SparqlConstraint = value  # type: ignore[assignment]
        if not sparql.query:
            return None

        def sparql_check(ev: Evaluator, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            out.extend(ev.sparql(shape, sparql, focus))

        return sparql_check
    raise AssertionError(f"no check for {parameter}")  # compile_shapes admits only the above


Runner = Callable[["Evaluator", Node, list[ShaclResult]], None]
"""A shape compiled for one focus node: finds the value nodes and runs every check."""


def _build_runner(shape: Shape) -> Runner:
    checks = [c for c in (_build_check(shape, k) for k in shape.constraints) if c is not None]
    path = shape.path
    if shape.deactivated or not checks:
        return lambda ev, focus, out: None
    if path is None:
        def run_node(ev: Evaluator, focus: Node, out: list[ShaclResult]) -> None:
            values = (focus,)
            for check in checks:
                check(ev, focus, values, out)

        return run_node
    if shape.inverse:
        def run_inverse(ev: Evaluator, focus: Node, out: list[ShaclResult]) -> None:
            values = ev.index.inverse_values(focus, path)
            for check in checks:
                check(ev, focus, values, out)

        return run_inverse

    def run_path(ev: Evaluator, focus: Node, out: list[ShaclResult]) -> None:
        values = ev.index.out.get(focus, _EMPTY).get(path, ())
        for check in checks:
            check(ev, focus, values, out)

    return run_path


class _Program:
    """Every shape compiled once per `Shapes` and shared by all evaluators."""

    def __init__(self, shapes: Shapes) -> None:
        self.shapes = shapes
        self.runners: dict[int, Runner] = {}

    def runner(self, shape: Shape) -> Runner:
        found = self.runners.get(id(shape))
        if found is None:
            found = self.runners[id(shape)] = _build_runner(shape)
        return found


_PROGRAMS: dict[int, _Program] = {}


def _program(shapes: Shapes) -> _Program:
    found = _PROGRAMS.get(id(shapes))
    if found is None or found.shapes is not shapes:
        found = _PROGRAMS[id(shapes)] = _Program(shapes)
    return found


# --- SPARQL ------------------------------------------------------------------------------------------


class _SparqlStore:
    """The evaluated graph (or the part of it SPARQL constraints read) in pyoxigraph."""

    def __init__(self, index: Index, predicates: frozenset[URIRef] | None) -> None:
        self.store = ox.Store()
        self.terms: dict[object, Node] = {}
        quads = []
        terms = self.terms
        for s, p, o in index.triples():
            if predicates is not None and p not in predicates:
                continue
            s_ox, o_ox = to_ox(s), to_ox(o)
            terms[s_ox] = s
            terms[o_ox] = o
            quads.append(ox.Quad(s_ox, ox.NamedNode(str(p)), o_ox))
        self.store.extend(quads)

    def term(self, value: object) -> Node:
        found = self.terms.get(value)
        return found if found is not None else from_ox(value)


# --- evaluation --------------------------------------------------------------------------------------


class Evaluator:
    """Validates one indexed graph against compiled shapes."""

    def __init__(self, shapes: Shapes, index: Index) -> None:
        self.shapes = shapes
        self.index = index
        self.program = _program(shapes)
        self._store: _SparqlStore | None = None

    def focus_nodes(self, shape: Shape) -> list[Node]:
        index = self.index
        found: list[Node] = list(shape.target_nodes)
        for cls in shape.target_classes:
            found.extend(index.instances(cls))
        for predicate in shape.target_subjects_of:
            found.extend(index.subjects_of(predicate))
        for predicate in shape.target_objects_of:
            found.extend(index.objects_of(predicate))
        return list(dict.fromkeys(found))

    def validate(self, shape: Shape, focus: Node) -> list[ShaclResult]:
        """Every result of ``shape`` at ``focus``; empty means the node conforms."""
        out: list[ShaclResult] = []
        self.program.runner(shape)(self, focus, out)
        return out

    def run(self, focus_filter: Callable[[Node], bool] | None = None) -> list[ShaclResult]:
        """Every result of every targeted shape; ``focus_filter`` limits the focus nodes."""
        out: list[ShaclResult] = []
        for shape in self.shapes.native:
            if shape.deactivated:
                continue
            run = self.program.runner(shape)
            for focus in self.focus_nodes(shape):
                if focus_filter is None or focus_filter(focus):
                    run(self, focus, out)
        return out

    def sparql(self, shape: Shape, constraint: SparqlConstraint, focus: Node) -> list[ShaclResult]:
        """A SELECT constraint's results at ``focus``, read as pyshacl reads the solutions."""
        if self._store is None:
            self._store = _SparqlStore(self.index, self.shapes.sparql_predicates)
        store = self._store
        values = {"this": focus, "currentShape": shape.node}
        substitutions = {ox.Variable(name): to_ox(values[name]) for name in constraint.bound}
        solutions = store.store.query(constraint.query, substitutions=substitutions)
        names = [v.value for v in solutions.variables]
        default_value = None if shape.is_property_shape else focus
        out: list[ShaclResult] = []
        seen: set[tuple[object, ...]] = set()
        failed = False
        for solution in solutions:
            bound = {name: store.term(solution[name]) for name in names if solution[name] is not None}
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


def _substitute(message: Literal, bound: dict[str, Node | None]) -> Literal:
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
    bound: dict[str, Node | None],
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


def evaluate(shapes: Shapes, triples: Iterable[Triple] | Index) -> list[ShaclResult]:
    """Every result of the native shapes on a graph given as triples (or an `Index`)."""
    index = triples if isinstance(triples, Index) else Index(triples)
    return Evaluator(shapes, index).run()
