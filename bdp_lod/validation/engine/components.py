"""One function per SHACL constraint component, found through a table keyed by its parameter.

A builder reads one constraint of a shape once and returns its check: a small function that sees
a focus node and its value nodes and appends results. Evaluating a focus node is then a loop over
plain function calls. Where SHACL leaves room, the checks follow pyshacl's choices (how values
compare, what a pattern sees of a typed literal), so that both report the same results.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Callable, cast, Protocol, Sequence, TypeGuard

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from ..shapes import Constraint, Shape, SparqlConstraint
from .index import EMPTY, Index
from .result import ShaclResult

__all__ = ["COMPONENTS", "VALUE_DRIVEN", "Check", "Context", "Runner", "build_check"]


class Context(Protocol):
    """What a check may ask of the evaluation it runs in."""

    index: Index

    def runner(self, shape: Shape) -> "Runner":
        """The compiled shape, to run at a value node (``sh:property``)."""

    def validate(self, shape: Shape, focus: Node) -> list[ShaclResult]:
        """Every result of ``shape`` at ``focus`` (``sh:node`` and the logical components)."""

    def sparql(self, shape: Shape, constraint: SparqlConstraint, focus: Node) -> list[ShaclResult]:
        """A SPARQL constraint's results at ``focus``."""


Check = Callable[[Context, Node, Sequence[Node], list[ShaclResult]], None]
"""One constraint, compiled: sees the focus node and its value nodes and appends results."""

Runner = Callable[[Context, Node, list[ShaclResult]], None]
"""A shape compiled for one focus node: finds the value nodes and runs every check."""

Builder = Callable[[Shape, Constraint], "Check | None"]
"""Reads one constraint; returns None for a constraint that cannot produce results."""

_LANG_STRING = RDF.langString
_XSD_STRING = XSD.string
_RDFS_LITERAL = RDFS.Literal
_RDFS_DATATYPE = RDFS.Datatype


def _is_literal(v: Node) -> TypeGuard[Literal]:
    """``isinstance(v, Literal)``, fast for an IRI too: rdflib's terms have an ABC metaclass, so
    an isinstance that fails runs ABCMeta's Python-level check (a million of them at 10,000
    practices)."""
    kind = type(v)
    return kind is Literal or (kind is not URIRef and isinstance(v, Literal))


def _is_blank(v: Node) -> bool:
    """``isinstance(v, BNode)``, fast for IRIs and literals (see `_is_literal`)."""
    kind = type(v)
    return kind is BNode or (kind is not URIRef and kind is not Literal and isinstance(v, BNode))


def _result(shape: Shape, focus: Node, value: Node | None, component: URIRef, **extra: object) -> ShaclResult:
    return ShaclResult(
        focus=focus,
        path=extra.pop("path", shape.path_node),  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)
        value=value,
        shape=shape.node,
        component=component,
        severity=shape.severity,
        messages=extra.pop("messages", shape.messages),  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)
        **extra,  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)
    )


def _per_value(shape: Shape, component: URIRef, ok: Callable[[Node], bool]) -> Check:
    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        for v in values:
            if not ok(v):
                out.append(_result(shape, focus, v, component))

    return check


# --- value type ------------------------------------------------------------------------------


def class_(shape: Shape, constraint: Constraint) -> Check:
    cls, component = constraint.value, constraint.component

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        for v in values:
            if _is_literal(v) or not ev.index.is_instance(v, cls):  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)
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
    expected = _DATATYPE_VALUES.get(datatype)  # type: ignore[call-overload]  # a datatype that is no IRI finds nothing

    def actual(v: Literal) -> bool:
        return expected is None or isinstance(v.value, expected)

    is_literal, is_datatype = datatype == _RDFS_LITERAL, datatype == _RDFS_DATATYPE
    is_string, is_lang_string = datatype == _XSD_STRING, datatype == _LANG_STRING

    def ok(v: Node) -> bool:
        if not _is_literal(v):
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


def datatype(shape: Shape, constraint: Constraint) -> Check:
    return _per_value(shape, constraint.component, _datatype_ok(constraint.value))  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)


_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


def node_kind(shape: Shape, constraint: Constraint) -> Check:
    kinds = _NODE_KINDS.get(constraint.value, ())  # type: ignore[call-overload]  # the shapes compiler gives each parameter its value type (shapes.py _value)
    return _per_value(shape, constraint.component, lambda v: isinstance(v, kinds))


# --- cardinality -----------------------------------------------------------------------------


def min_count(shape: Shape, constraint: Constraint) -> Check:
    least, component = constraint.value, constraint.component

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        if len(values) < least:  # type: ignore[operator]  # the shapes compiler gives each parameter its value type (shapes.py _value)
            out.append(_result(shape, focus, None, component))

    return check


def max_count(shape: Shape, constraint: Constraint) -> Check:
    most, component = constraint.value, constraint.component

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        if len(values) > most:  # type: ignore[operator]  # the shapes compiler gives each parameter its value type (shapes.py _value)
            out.append(_result(shape, focus, None, component))

    return check


# --- value range -----------------------------------------------------------------------------


_DIRECT_NUMERIC = frozenset(XSD[name] for name in (
    "integer", "decimal", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
))
"""Numeric datatypes rdflib compares in value space when both literals are well typed (all are
in its ``_NUMERIC_LITERAL_TYPES``); float and double are left to `compare_literal` (NaN)."""
_XSD_DATE = XSD.date


def _directly_ordered(v: Literal) -> bool:
    """A literal whose comparison with another such literal is the comparison of its Python
    values, as `compare_literal` finds it: a well-typed integer or finite decimal (rdflib's
    numeric fast path), or an ``xsd:date`` whose value is a date (rdflib compares values of one
    datatype, and no caster of its total order applies to dates)."""
    value, kind, datatype = v.value, type(v.value), v.datatype
    if kind is int or (kind is Decimal and value.is_finite()):
        return datatype in _DIRECT_NUMERIC and not v.ill_typed
    return kind is date and datatype == _XSD_DATE


def _range_ok(bound: Literal, accept: Callable[[int], bool]) -> Callable[[Node], bool]:
    """pyshacl's range test: `compare_literal` with the bound, a value it cannot compare
    (TypeError, NotImplementedError, or an ArithmeticError pyshacl lets through) failing it. When the bound and the value are both integers, finite decimals or dates
    (`_directly_ordered`), the comparison of their values gives the same order without
    `compare_literal`'s walk through rdflib's ``eq`` and ``__gt__`` (0.8 µs a value instead of 3–10 µs); any
    other literal takes `compare_literal` itself, imported when first needed: pyshacl takes
    about 0.3 s to import, in the one process that starts a run, and the product shapes'
    bounds and values never need it."""
    bound_is_string = isinstance(bound.value, str)
    direct = _directly_ordered(bound)
    bound_value = bound.value
    bound_numeric = direct and type(bound_value) is not date

    def ok(v: Node) -> bool:
        if not _is_literal(v):
            return False
        value = v.value
        if direct and _directly_ordered(v) and (type(value) is not date) == bound_numeric:
            return accept(0 if value == bound_value else 1 if value > bound_value else -1)
        if isinstance(value, str) != bound_is_string:
            return False
        from pyshacl.rdfutil import compare_literal

        try:
            return accept(compare_literal(v, bound))
        except (TypeError, NotImplementedError, ArithmeticError):
            # ArithmeticError: a NaN decimal (decimal.InvalidOperation), where pyshacl stops the
            # whole run; a value not comparable with the bound fails it, as SHACL asks.
            return False

    return ok


def _range(accept: Callable[[int], bool]) -> Builder:
    """A range component: ``accept`` reads the comparison of a value with the bound."""

    def build(shape: Shape, constraint: Constraint) -> Check:
        return _per_value(shape, constraint.component, _range_ok(constraint.value, accept))  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)

    return build


min_inclusive = _range(lambda c: c >= 0)
min_exclusive = _range(lambda c: c > 0)
max_inclusive = _range(lambda c: c <= 0)
max_exclusive = _range(lambda c: c < 0)


# --- string-based ----------------------------------------------------------------------------


def _text(v: Node) -> str:
    """What string constraints see of a value: a string literal's value, else the lexical form."""
    if _is_literal(v):
        datatype = v.datatype
        if (datatype is None or datatype == _XSD_STRING or datatype == _LANG_STRING) and v.value is not None:
            return str(v.value)
    return str(v)


def _length_ok(accept: Callable[[int], bool]) -> Callable[[Node], bool]:
    def ok(v: Node) -> bool:
        if _is_blank(v):
            return False
        return accept(len(_text(v)))

    return ok


def min_length(shape: Shape, constraint: Constraint) -> Check | None:
    least = cast(int, constraint.value)
    if least == 0:
        return None
    return _per_value(shape, constraint.component, _length_ok(lambda n: n >= least))


def max_length(shape: Shape, constraint: Constraint) -> Check:
    most = cast(int, constraint.value)
    return _per_value(shape, constraint.component, _length_ok(lambda n: n <= most))


def pattern(shape: Shape, constraint: Constraint) -> Check:
    regex = cast(re.Pattern[str], constraint.value)
    return _per_value(
        shape, constraint.component, lambda v: not _is_blank(v) and regex.search(_text(v)) is not None
    )


def _language_ok(ranges: Sequence[Node]) -> Callable[[Node], bool]:
    wanted = {str(r).lower() for r in ranges}
    wildcard = "*" in wanted

    def ok(v: Node) -> bool:
        if not _is_literal(v) or not v.language:
            return False
        lang = str(v.language).lower()
        return wildcard or lang in wanted or lang.split("-")[0] in wanted

    return ok


def language_in(shape: Shape, constraint: Constraint) -> Check:
    return _per_value(shape, constraint.component, _language_ok(constraint.value))  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)


def unique_lang(shape: Shape, constraint: Constraint) -> Check | None:
    value, component = constraint.value, constraint.component
    if not (isinstance(value, Literal) and value.value is True):
        return None

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        seen: set[str] = set()
        repeated: set[str] = set()
        for v in values:
            if _is_literal(v) and v.language:
                lang = str(v.language).lower()
                (repeated if lang in seen else seen).add(lang)
        out.extend(_result(shape, focus, None, component) for _ in repeated)

    return check


# --- property pair ---------------------------------------------------------------------------


def equals(shape: Shape, constraint: Constraint) -> Check:
    other, component = constraint.value, constraint.component

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        mine, theirs = set(values), set(ev.index.values(focus, other))  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)
        out.extend(_result(shape, focus, v, component) for v in mine - theirs)
        out.extend(_result(shape, focus, v, component) for v in theirs - mine)

    return check


def disjoint(shape: Shape, constraint: Constraint) -> Check:
    other, component = constraint.value, constraint.component

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        theirs = set(ev.index.values(focus, other))  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)
        out.extend(_result(shape, focus, v, component) for v in values if v in theirs)

    return check


def _comparable(v: Node) -> tuple[bool, object]:
    if isinstance(v, BNode):
        raise ValueError("blank nodes cannot be compared by sh:lessThan(OrEquals)")
    if isinstance(v, URIRef):
        return True, str(v)
    if isinstance(v, Literal) and isinstance(v.value, str):
        return True, v.value
    return False, v


def _order(accept: Callable[[object, object], bool]) -> Builder:
    """``sh:lessThan`` or ``sh:lessThanOrEquals``: every value against every value of the other."""

    def build(shape: Shape, constraint: Constraint) -> Check:
        other, component = constraint.value, constraint.component

        def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            compare = ev.index.values(focus, other)  # type: ignore[arg-type]  # the shapes compiler gives each parameter its value type (shapes.py _value)
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

    return build


less_than = _order(lambda a, b: a < b)  # type: ignore[operator]  # the shapes compiler gives each parameter its value type (shapes.py _value)
less_than_or_equals = _order(lambda a, b: a <= b)  # type: ignore[operator]  # the shapes compiler gives each parameter its value type (shapes.py _value)


# --- logical ---------------------------------------------------------------------------------


def _logical(rule: Callable[[int, int], bool]) -> Builder:
    """A logical component: ``rule(conforming, members)`` says whether a value node passes."""

    def build(shape: Shape, constraint: Constraint) -> Check:
        value, component = constraint.value, constraint.component
        members: tuple[Shape, ...] = value if isinstance(value, tuple) else (value,)
        count = len(members)

        def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
            for v in values:
                conforming = sum(1 for m in members if not ev.validate(m, v))
                if not rule(conforming, count):
                    out.append(_result(shape, focus, v, component))

        return check

    return build


or_ = _logical(lambda n, _members: n > 0)
and_ = _logical(lambda n, members: n == members)
xone = _logical(lambda n, _members: n == 1)
not_ = _logical(lambda n, _members: n == 0)


# --- shape-based -----------------------------------------------------------------------------


def node(shape: Shape, constraint: Constraint) -> Check:
    node_shape = cast(Shape, constraint.value)
    component = constraint.component

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        for v in values:
            nested = ev.validate(node_shape, v)
            if nested:
                out.append(_result(shape, focus, v, component, details=tuple(nested)))

    return check


def property_(shape: Shape, constraint: Constraint) -> Check:
    inner = cast(Shape, constraint.value)
    compiled: list[Runner] = []
    """The inner shape's runner, asked for once: a check belongs to the runner of one compiled
    program (`evaluator._Program`), whose runner of ``inner`` never changes, and asking for it
    at every focus node was 0.5 million look-ups at 10,000 practices. It cannot be asked for
    when the check is built, as shapes may refer to each other."""

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        if not compiled:
            compiled.append(ev.runner(inner))
        run = compiled[0]
        for v in values:
            run(ev, v, out)

    return check


# --- other -----------------------------------------------------------------------------------


def in_(shape: Shape, constraint: Constraint) -> Check:
    allowed = frozenset(constraint.value)  # type: ignore[call-overload]  # the shapes compiler gives each parameter its value type (shapes.py _value)
    return _per_value(shape, constraint.component, lambda v: v in allowed)


def has_value(shape: Shape, constraint: Constraint) -> Check:
    wanted, component = constraint.value, constraint.component

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        if not any(v == wanted for v in values):
            out.append(_result(shape, focus, None, component))

    return check


def closed(shape: Shape, constraint: Constraint) -> Check | None:
    if constraint.value is None:
        return None
    allowed = cast(frozenset[Node], constraint.value)
    component = constraint.component

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        for v in values:
            for p, objects in ev.index.out.get(v, EMPTY).items():
                if p not in allowed:
                    out.extend(_result(shape, focus, o, component, path=p) for o in objects)

    return check


def sparql(shape: Shape, constraint: Constraint) -> Check | None:
    query = cast(SparqlConstraint, constraint.value)
    if not query.query:
        return None

    def check(ev: Context, focus: Node, values: Sequence[Node], out: list[ShaclResult]) -> None:
        out.extend(ev.sparql(shape, query, focus))

    return check


COMPONENTS: dict[URIRef, Builder] = {
    SH["class"]: class_,
    SH.datatype: datatype,
    SH.nodeKind: node_kind,
    SH.minCount: min_count,
    SH.maxCount: max_count,
    SH.minExclusive: min_exclusive,
    SH.minInclusive: min_inclusive,
    SH.maxExclusive: max_exclusive,
    SH.maxInclusive: max_inclusive,
    SH.minLength: min_length,
    SH.maxLength: max_length,
    SH.pattern: pattern,
    SH.languageIn: language_in,
    SH.uniqueLang: unique_lang,
    SH.equals: equals,
    SH.disjoint: disjoint,
    SH.lessThan: less_than,
    SH.lessThanOrEquals: less_than_or_equals,
    SH["not"]: not_,
    SH["and"]: and_,
    SH["or"]: or_,
    SH.xone: xone,
    SH.node: node,
    SH.property: property_,
    SH["in"]: in_,
    SH.hasValue: has_value,
    SH.closed: closed,
    SH.sparql: sparql,
}
"""Each constraint parameter the engine evaluates (`shapes` admits no other), with its builder."""


VALUE_DRIVEN: frozenset[URIRef] = frozenset(COMPONENTS) - {SH.minCount, SH.hasValue, SH.equals, SH.sparql}
"""Parameters whose check reports nothing when a focus node has no value nodes: it reads only
the values (and what they lead to). A property shape's path is often absent (optional fields,
nodes a shape targets without the property), and the runner then skips these checks."""


def build_check(shape: Shape, constraint: Constraint) -> Check | None:
    """The check of one constraint; None for a constraint that cannot produce results."""
    return COMPONENTS[constraint.parameter](shape, constraint)
