"""Running compiled shapes on an indexed graph: focus nodes, value nodes along a path, checks.

Each shape is compiled once per `Shapes` into a runner (its path and its components' checks) and
shared by every evaluator of those shapes, so a batch of graphs pays for compilation once. A
property shape whose path gives a focus node no values runs only the checks that can report
then (`components.VALUE_DRIVEN` names the others).
"""

from __future__ import annotations

from typing import Callable, Iterable

from rdflib.term import Node

from ..shapes import Shape, Shapes, SparqlConstraint
from .components import VALUE_DRIVEN, Runner, build_check
from .index import EMPTY, Index, Triple
from .result import ShaclResult
from .sparql import SparqlStore, sparql_results

__all__ = ["Evaluator", "evaluate"]


def _build_runner(shape: Shape) -> Runner:
    built = [(k.parameter, build_check(shape, k)) for k in shape.constraints]
    checks = [c for _p, c in built if c is not None]
    without_values = [c for p, c in built if c is not None and p not in VALUE_DRIVEN]
    path = shape.path
    if shape.deactivated or not checks:
        return lambda ev, focus, out: None
    if path is None:
        def run_node(ev: Evaluator, focus: Node, out: list[ShaclResult]) -> None:
            values = (focus,)
            for check in checks:
                check(ev, focus, values, out)

        return run_node  # type: ignore[return-value]  # the runners share one call shape; mypy cannot see through the closures
    if shape.inverse:
        def run_inverse(ev: Evaluator, focus: Node, out: list[ShaclResult]) -> None:
            values = ev.index.inverse_values(focus, path)
            for check in checks if values else without_values:
                check(ev, focus, values, out)

        return run_inverse  # type: ignore[return-value]  # the runners share one call shape; mypy cannot see through the closures

    def run_path(ev: Evaluator, focus: Node, out: list[ShaclResult]) -> None:
        values = ev.index.out.get(focus, EMPTY).get(path, ())
        for check in checks if values else without_values:
            check(ev, focus, values, out)

    return run_path  # type: ignore[return-value]  # the runners share one call shape; mypy cannot see through the closures


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


class Evaluator:
    """Validates one indexed graph against compiled shapes."""

    def __init__(self, shapes: Shapes, index: Index) -> None:
        self.shapes = shapes
        self.index = index
        self.program = _program(shapes)
        self.runner: Callable[[Shape], Runner] = self.program.runner
        """The compiled shape (an attribute, not a method: ``sh:property`` asks per focus node)."""
        self._store: SparqlStore | None = None

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
        self.runner(shape)(self, focus, out)
        return out

    def run(self, focus_filter: Callable[[Node], bool] | None = None) -> list[ShaclResult]:
        """Every result of every targeted shape; ``focus_filter`` limits the focus nodes."""
        out: list[ShaclResult] = []
        for shape in self.shapes.native:
            if shape.deactivated:
                continue
            run = self.runner(shape)
            for focus in self.focus_nodes(shape):
                if focus_filter is None or focus_filter(focus):
                    run(self, focus, out)
        return out

    def sparql(self, shape: Shape, constraint: SparqlConstraint, focus: Node) -> list[ShaclResult]:
        """A SELECT constraint's results at ``focus``; the store is loaded on the first one."""
        if self._store is None:
            self._store = SparqlStore(self.index, self.shapes.sparql_predicates)
        return sparql_results(self._store, shape, constraint, focus)


def evaluate(shapes: Shapes, triples: Iterable[Triple] | Index) -> list[ShaclResult]:
    """Every result of the native shapes on a graph given as triples (or an `Index`)."""
    index = triples if isinstance(triples, Index) else Index(triples)
    return Evaluator(shapes, index).run()
