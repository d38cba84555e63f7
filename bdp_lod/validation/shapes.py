"""A SHACL shapes graph read once into plain Python objects the engine can run fast.

`bdp_lod.validation.engine` evaluates the subset of SHACL the project's shapes use (docs/shapes.md,
docs/validation.md): class, node, subjects-of and objects-of targets (and implicit class targets);
predicate and inverse paths; the core value, cardinality, string, range, language, property-pair,
logical and shape-based constraints; ``sh:closed``; and SELECT-based ``sh:sparql`` constraints.
Anything else a shape declares (other paths, qualified value shapes, SPARQL targets, custom
constraint components, rules, recursive shapes) makes that shape *foreign*: `Shapes.foreign`
names the targeted shapes pyshacl has to evaluate instead, so a publisher's own shapes are always
checked, only more slowly.
"""

from __future__ import annotations

import os

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ..errors import InputError
from ..terms import from_ox_triples, named
from ..sources.contexts import offline_jsonld
from ..vocab import data_file
from .sparql_analysis import BrokenSparql, analyse

__all__ = [
    "PRODUCT_SHAPES",
    "Constraint",
    "ForeignShape",
    "Shape",
    "Shapes",
    "SparqlConstraint",
    "compile_shapes",
    "load_shapes",
]

PRODUCT_SHAPES = "bdp.shacl.ttl"
"""The project's own shapes, shipped in ``shapes/``."""

_NON_VALIDATING = {
    SH.severity, SH.message, SH.name, SH.description, SH.deactivated, SH.order, SH.group,
    SH.defaultValue, SH.flags, SH.ignoredProperties, SH.path,
    SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
}
"""Shape properties that configure a shape rather than constrain its values."""

_PARAMETERS: dict[URIRef, URIRef] = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH.property: SH.PropertyConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH.equals: SH.EqualsConstraintComponent,
    SH.disjoint: SH.DisjointConstraintComponent,
    SH.closed: SH.ClosedConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}
"""Each constraint parameter the engine evaluates, with its constraint component."""

_LIST_PARAMETERS = {SH["in"], SH.languageIn, SH["or"], SH["and"], SH.xone}
_SHAPE_PARAMETERS = {SH.node, SH.property, SH["not"]}
_SHAPE_LIST_PARAMETERS = {SH["or"], SH["and"], SH.xone}
_SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape}


class ForeignShape(Exception):
    """A shape uses a SHACL feature the engine does not evaluate."""


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` SELECT constraint, its text ready for a SPARQL engine."""

    node: Node
    """The constraint node (``sh:sourceConstraint`` of its results)."""
    query: str
    """The SELECT query with its ``sh:prefixes`` declared and ``$PATH`` substituted."""
    messages: tuple[Literal, ...]
    predicates: frozenset[URIRef] | None
    """Every predicate the query can match, or None when a variable predicate or a path
    operator means it may read any triple."""
    bound: tuple[str, ...] = ()
    """The pre-bound variables the query uses (``this``, ``currentShape``); a SPARQL engine
    substitutes them, which needs them projected."""
    anchored: bool = False
    """``$this`` is bound by a triple pattern of the query's one basic graph pattern, and around
    it are only ``FILTER``s (without ``EXISTS``) and ``BIND``s: its solutions at a focus node are
    then those of the query without ``$this`` bound in which ``?this`` is that node, so one run
    over a graph answers for all its focus nodes (`bdp_lod.validation.engine.sparql`)."""


@dataclass(frozen=True)
class Constraint:
    """One constraint parameter of a shape, with its value(s) read from the shapes graph."""

    component: URIRef
    parameter: URIRef
    value: object
    """The parameter's value: a term, a tuple of terms (lists), a `Shape` or tuple of shapes,
    or a `SparqlConstraint`."""


@dataclass(eq=False)
class Shape:
    """A node or property shape. Shapes compare by identity: one object per shape node."""

    node: Node
    path: URIRef | None = None
    inverse: bool = False
    """True for ``sh:path [ sh:inversePath p ]``."""
    path_node: Node | None = None
    """The ``sh:path`` value as written: what a validation result gives as ``sh:resultPath``."""
    severity: URIRef = SH.Violation
    messages: tuple[Literal, ...] = ()
    names: tuple[Literal, ...] = ()
    deactivated: bool = False
    target_classes: tuple[Node, ...] = ()
    target_nodes: tuple[Node, ...] = ()
    target_subjects_of: tuple[URIRef, ...] = ()
    target_objects_of: tuple[URIRef, ...] = ()
    constraints: list[Constraint] = field(default_factory=list)

    @property
    def is_property_shape(self) -> bool:
        return self.path is not None

    @property
    def has_targets(self) -> bool:
        return bool(self.target_classes or self.target_nodes or self.target_subjects_of or self.target_objects_of)

    def __repr__(self) -> str:
        return f"Shape({self.node})"


@dataclass
class Shapes:
    """Every shape of a shapes graph; the engine runs `native`, pyshacl runs `foreign`."""

    graph: Graph
    native: list[Shape]
    """Targeted shapes the engine evaluates."""
    foreign: list[Node]
    """Targeted shapes (their nodes) that use a feature outside the engine's subset."""
    reasons: dict[Node, str]
    """Why each foreign shape is foreign, for the documentation of a run."""
    by_node: dict[Node, Shape] = field(default_factory=dict)
    """Every compiled shape, referenced ones too, by its node."""

    @property
    def sparql_predicates(self) -> frozenset[URIRef] | None:
        """Predicates the native shapes' SPARQL constraints read (None: any triple)."""
        found: set[URIRef] = set()
        for shape in _closure(self.native):
            for constraint in shape.constraints:
                if isinstance(constraint.value, SparqlConstraint):
                    if constraint.value.predicates is None:
                        return None
                    found |= constraint.value.predicates
        return frozenset(found)

    @property
    def uses_sparql(self) -> bool:
        return any(
            isinstance(c.value, SparqlConstraint) for shape in _closure(self.native) for c in shape.constraints
        )


def _closure(shapes: Iterable[Shape]) -> Iterator[Shape]:
    """The shapes and every shape they reference, each once."""
    seen: set[int] = set()
    stack = list(shapes)
    while stack:
        shape = stack.pop()
        if id(shape) in seen:
            continue
        seen.add(id(shape))
        yield shape
        for constraint in shape.constraints:
            value = constraint.value
            if isinstance(value, Shape):
                stack.append(value)
            elif isinstance(value, tuple):
                stack.extend(v for v in value if isinstance(v, Shape))


# --- reading ---------------------------------------------------------------------------------


def load_shapes(extra: Iterable[str | os.PathLike[str]] = (), *, product: bool = True) -> Shapes:
    """The product shapes and a publisher's own (``--shapes FILE``) as one shapes graph.

    One graph, so that a publisher's shape may reference the product's (``sh:node
    bdpsh:AddressShape``). Raises `InputError` when a shapes file cannot be read.
    """
    graph = Graph()
    files = [data_file("shapes", PRODUCT_SHAPES)] if product else []
    files.extend(Path(p) for p in extra)
    parsed: list[tuple[Path, Graph]] = []
    for path in files:
        one = _parse(Path(path))
        parsed.append((Path(path), one))
        graph += one
    try:
        return compile_shapes(graph)
    except BrokenSparql as exc:
        holder = next((str(path) for path, one in parsed if (None, SH.select, Literal(exc.query)) in one), None)
        raise InputError(
            f"a SPARQL constraint does not parse: {exc.reason}", file=holder,
            pl=f"ograniczenie SPARQL nie daje się odczytać: {exc.reason}",
        ) from None


def _parse(path: Path) -> Graph:
    formats = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".xml": "xml"}
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        expected = ", ".join(sorted(formats))
        raise InputError(
            f"not a shapes file (expected one of {expected})", file=str(path),
            pl=f"to nie jest plik kształtów SHACL (oczekiwano jednego z: {expected})",
        )
    if not path.is_file():
        raise InputError("no such file", file=str(path), pl="nie ma takiego pliku")
    graph = Graph()
    try:
        if fmt in _FAST:
            _parse_fast(path, _FAST[fmt], graph)
        elif fmt == "json-ld":  # shapes are an input too: never a fetch on their behalf
            graph.parse(data=offline_jsonld(path.read_text(encoding="utf-8"), file=str(path)), format=fmt)
        else:
            graph.parse(path, format=fmt)
    except InputError:
        raise
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"cannot parse the shapes ({fmt}): {first}", file=str(path),
            pl=f"nie można odczytać kształtów SHACL ({fmt}): {first}",
        ) from None
    return graph


_FAST = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
"""Formats pyoxigraph parses: the product shapes in about 20 ms, against 200 ms for rdflib's
Turtle parser, which every ``validate`` paid before its first record."""


def _parse_fast(path: Path, fmt: ox.RdfFormat, graph: Graph) -> None:
    """Into ``graph``, relative IRIs resolved against the file's URI as rdflib resolves them."""
    for triple in from_ox_triples(ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri())):
        # the shapes' IRIs as the vocabulary's objects (terms.named): the engine's lookups hit by identity
        s, p, o = (named(t) if type(t) is URIRef else t for t in triple)
        graph.add((s, p, o))


def compile_shapes(graph: Graph) -> Shapes:
    """Every targeted shape of ``graph``, compiled when the engine can run it."""
    compiler = _Compiler(graph)
    native: list[Shape] = []
    foreign: list[Node] = []
    reasons: dict[Node, str] = {}
    for node in sorted(compiler.targeted(), key=_node_order):
        try:
            native.append(compiler.shape(node))
        except ForeignShape as exc:
            foreign.append(node)
            reasons[node] = str(exc)
    return Shapes(graph=graph, native=native, foreign=foreign, reasons=reasons, by_node=dict(compiler.compiled))


def _node_order(node: Node) -> tuple[int, str]:
    return (0 if isinstance(node, URIRef) else 1, str(node))


class _Compiler:
    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.compiled: dict[Node, Shape] = {}
        self.in_progress: set[Node] = set()
        self.custom_parameters = {
            path
            for component in graph.subjects(RDF.type, SH.ConstraintComponent)
            for parameter in graph.objects(component, SH.parameter)
            for path in graph.objects(parameter, SH.path)
        }

    def targeted(self) -> set[Node]:
        """Shapes with a target of their own: the ones a validation starts from."""
        found: set[Node] = set()
        for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
            found.update(self.g.subjects(predicate, None))
        for shape_type in _SHAPE_TYPES:
            for node in self.g.subjects(RDF.type, shape_type):
                if self._implicit_class(node):
                    found.add(node)
        return found

    def _implicit_class(self, node: Node) -> bool:
        classes = {RDFS.Class, *self.g.subjects(RDFS.subClassOf, RDFS.Class)}
        return any(t in classes for t in self.g.objects(node, RDF.type))

    def one(self, node: Node, predicate: URIRef) -> Node | None:
        values = list(self.g.objects(node, predicate))
        if len(values) > 1:
            raise ForeignShape(f"{predicate} has {len(values)} values on {node}")
        return values[0] if values else None

    def items(self, node: Node) -> tuple[Node, ...]:
        return tuple(Collection(self.g, node))

    def shape(self, node: Node) -> Shape:
        """The compiled shape of ``node``; references are compiled once and shared."""
        if node in self.compiled:
            return self.compiled[node]
        if node in self.in_progress:
            raise ForeignShape(f"recursive shape {node}")
        self.in_progress.add(node)
        try:
            shape = self._compile(node)
        finally:
            self.in_progress.discard(node)
        self.compiled[node] = shape
        return shape

    def _compile(self, node: Node) -> Shape:
        g = self.g
        if any(g.objects(node, SH.target)):
            raise ForeignShape(f"{node} has a SPARQL-based or custom target (sh:target)")
        path_node = self.one(node, SH.path)
        path, inverse = self._path(path_node) if path_node is not None else (None, False)
        deactivated = self.one(node, SH.deactivated)
        shape = Shape(
            node=node,
            path=path,
            inverse=inverse,
            path_node=path_node,
            severity=self.one(node, SH.severity) or SH.Violation,  # type: ignore[arg-type]  # SHACL gives these parameters IRIs; rdflib types them as any node
            messages=tuple(sorted(o for o in g.objects(node, SH.message) if isinstance(o, Literal))),
            names=tuple(sorted(o for o in g.objects(node, SH.name) if isinstance(o, Literal))),
            deactivated=isinstance(deactivated, Literal) and deactivated.value is True,
            target_classes=tuple(sorted(g.objects(node, SH.targetClass), key=_node_order))
            + ((node,) if self._implicit_class(node) else ()),
            target_nodes=tuple(sorted(g.objects(node, SH.targetNode), key=_node_order)),
            target_subjects_of=tuple(sorted(g.objects(node, SH.targetSubjectsOf), key=_node_order)),  # type: ignore[arg-type]  # SHACL gives these parameters IRIs; rdflib types them as any node
            target_objects_of=tuple(sorted(g.objects(node, SH.targetObjectsOf), key=_node_order)),  # type: ignore[arg-type]  # SHACL gives these parameters IRIs; rdflib types them as any node
        )
        for predicate in sorted(set(g.predicates(node, None))):  # type: ignore[type-var]  # rdflib terms are ordered (Identifier.__lt__); Node's type does not say so
            assert isinstance(predicate, URIRef)  # a predicate is always an IRI
            if predicate in _NON_VALIDATING or predicate not in _PARAMETERS:
                if predicate in self.custom_parameters:
                    raise ForeignShape(f"{node} uses the custom constraint parameter {predicate}")
                if str(predicate).startswith(str(SH)) and predicate not in _NON_VALIDATING:
                    raise ForeignShape(f"{node} uses {predicate}")
                continue
            for value in sorted(g.objects(node, predicate), key=_node_order):
                shape.constraints.append(Constraint(_PARAMETERS[predicate], predicate, self._value(node, predicate, value)))
        if SH.uniqueLang in {c.parameter for c in shape.constraints} and path is None:
            raise ForeignShape(f"{node} has sh:uniqueLang but is not a property shape")
        return shape

    def _path(self, path_node: Node) -> tuple[URIRef, bool]:
        if isinstance(path_node, URIRef):
            return path_node, False
        inverse = self.one(path_node, SH.inversePath)
        if isinstance(inverse, URIRef) and len(set(self.g.predicate_objects(path_node))) == 1:
            return inverse, True
        raise ForeignShape(f"the path {path_node} is not a predicate or an inverse predicate")

    def _value(self, node: Node, predicate: URIRef, value: Node) -> object:
        if predicate in _SHAPE_LIST_PARAMETERS:
            return tuple(self.shape(member) for member in self.items(value))
        if predicate in _LIST_PARAMETERS:
            return self.items(value)
        if predicate in _SHAPE_PARAMETERS:
            return self.shape(value)
        if predicate == SH.pattern:
            flags = self.one(node, SH.flags)
            return _regex(value, flags)
        if predicate == SH.closed:
            if not (isinstance(value, Literal) and value.value is True):
                return None
            ignored = self.one(node, SH.ignoredProperties)
            allowed = {p.path for p in (self.shape(s) for s in self.g.objects(node, SH.property)) if p.path and not p.inverse}
            return frozenset(allowed | set(self.items(ignored) if ignored is not None else ()))
        if predicate == SH.sparql:
            return self._sparql(node, value)
        if predicate in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength):
            if not (isinstance(value, Literal) and isinstance(value.value, int)):
                raise ForeignShape(f"{predicate} of {node} is not an integer")
            return value.value
        return value

    def _sparql(self, shape: Node, node: Node) -> SparqlConstraint:
        select = self.one(node, SH.select)
        if select is None:
            raise ForeignShape(f"{node} is not a SELECT-based SPARQL constraint")
        deactivated = self.one(node, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.value is True:
            return SparqlConstraint(node, "", (), frozenset())
        text = str(select)
        if re.search(r"[$?]shapesGraph\b", text):
            raise ForeignShape(f"{node} uses $shapesGraph")
        prefixes = "".join(
            f"PREFIX {self.one(d, SH.prefix)}: <{self.one(d, SH.namespace)}>\n"
            for source in self.g.objects(node, SH.prefixes)
            for d in sorted(self.g.objects(source, SH.declare), key=_node_order)
        )
        path = self.one(shape, SH.path)
        if re.search(r"\$PATH\b", text):
            if not isinstance(path, URIRef):
                raise ForeignShape(f"{node} uses $PATH on a shape whose path is not a predicate")
            text = re.sub(r"\$PATH\b", f"<{path}>", text)
        query = prefixes + text
        predicates, projected, anchored = analyse(query)
        bound = tuple(name for name in ("this", "currentShape") if re.search(rf"[$?]{name}\b", text))
        for name in bound:
            if name not in projected:
                raise ForeignShape(f"{node} does not project ${name}")
        return SparqlConstraint(
            node=node,
            query=query,
            messages=tuple(sorted(o for o in self.g.objects(node, SH.message) if isinstance(o, Literal))),
            predicates=predicates,
            bound=bound,
            anchored=anchored and "this" in bound,
        )


def _regex(pattern: Node, flags: Node | None) -> re.Pattern[str]:
    """The pattern as Python compiles it (pyshacl does the same: ``re`` with flags i and m)."""
    re_flags = 0
    if flags is not None:
        text = str(flags).lower()
        re_flags |= re.I if "i" in text else 0
        re_flags |= re.M if "m" in text else 0
    source = str(pattern.value) if isinstance(pattern, Literal) and pattern.value is not None and len(pattern.value) > 1 else str(pattern)
    return re.compile(source, re_flags)


