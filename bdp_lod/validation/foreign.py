"""Shapes outside the engine's subset, checked by pyshacl so that nothing a publisher wrote is
skipped (docs/validation.md says which features send a shape here and what that costs)."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node, URIRef

from .engine import Index, ShaclResult
from .shapes import Shapes

__all__ = ["foreign_results", "read_report"]


def foreign_results(shapes: Shapes, index: Index) -> list[ShaclResult]:
    """pyshacl's results for the foreign shapes on the indexed graph (none when there are none).

    Foreign shapes named by IRIs are run alone; when one is a blank node pyshacl runs every
    shape, and the caller's deduplication by result keeps each result once.
    """
    if not shapes.foreign:
        return []
    import pyshacl

    data = Graph()
    for triple in index.triples():
        data.add(triple)
    named = all(isinstance(node, URIRef) for node in shapes.foreign)
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes.graph,
        inference="none",
        advanced=True,
        use_shapes=[str(n) for n in shapes.foreign] if named else None,
    )
    return read_report(report)


def read_report(report: Graph) -> list[ShaclResult]:
    """The top-level results of a SHACL validation report graph, with their ``sh:detail``."""
    return [
        _result(report, node)
        for validation in report.subjects(RDF.type, SH.ValidationReport)
        for node in report.objects(validation, SH.result)
    ]


def _result(report: Graph, node: Node) -> ShaclResult:
    def one(predicate: URIRef) -> Node | None:
        return report.value(node, predicate)

    return ShaclResult(
        focus=one(SH.focusNode),  # type: ignore[arg-type]  # a validation report names its nodes with IRIs or blank nodes, never literals
        path=one(SH.resultPath),
        value=one(SH.value),
        shape=one(SH.sourceShape),  # type: ignore[arg-type]  # a validation report names its nodes with IRIs or blank nodes, never literals
        component=one(SH.sourceConstraintComponent),  # type: ignore[arg-type]  # a validation report names its nodes with IRIs or blank nodes, never literals
        severity=one(SH.resultSeverity),  # type: ignore[arg-type]  # a validation report names its nodes with IRIs or blank nodes, never literals
        constraint=one(SH.sourceConstraint),
        messages=tuple(sorted(m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal))),
        details=tuple(_result(report, d) for d in report.objects(node, SH.detail)),
    )
