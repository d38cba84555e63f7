"""What the engine reports: one SHACL validation result, shared by every part of the engine."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

__all__ = ["ShaclResult"]


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
