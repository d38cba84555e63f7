"""SHACL results as findings: the message in both languages and the names a steward reads.

A shape's own ``sh:message`` (the product shapes carry one in ``@pl`` and one in ``@en``) is the
message. A publisher's shape without one still gets a sentence in both languages, built from the
constraint that failed (the catalogue's sentence of its component, `bdp_lod.codes`), with
the shape's ``sh:name`` in front when it has one.
"""

from __future__ import annotations

import re
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..codes import DEFAULT, SHACL_BREAKS, SHACL_NAMED, shacl_code
from ..findings import Finding, Message, Severity
from ..vocab import PREFIXES
from .engine import ShaclResult
from .shapes import Shape, Shapes, SparqlConstraint

__all__ = ["SEVERITIES", "finding_of", "message_of", "short"]

SEVERITIES: dict[Node, Severity] = {
    SH.Violation: Severity.VIOLATION,
    SH.Warning: Severity.WARNING,
    SH.Info: Severity.INFO,
}

_NAMES = {
    **{iri: prefix for prefix, iri in PREFIXES.items()},
    str(SH): "sh",
    "https://w3id.org/bdp/def/shapes#": "bdpsh",
}


def short(node: Node | None) -> str:
    """A term as a reader writes it: ``locn:postCode``, ``<https://…>``, ``"89650"``, ``_:b0``."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for namespace in sorted(_NAMES, key=len, reverse=True):
            local = text[len(namespace):]
            if text.startswith(namespace) and local and all(c.isalnum() or c in "-_" for c in local):
                return f"{_NAMES[namespace]}:{local}"
        return f"<{text}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    return node.n3()


def _pick(messages: tuple[Literal, ...], lang: str) -> str | None:
    for message in messages:
        if message.language == lang:
            return str(message)
    for message in messages:
        if not message.language:
            return str(message)
    return None


def _shown(value: object) -> str:
    """A constraint's parameter as a message names it."""
    if isinstance(value, (URIRef, Literal, BNode)):
        return short(value)
    if isinstance(value, Shape):
        return short(value.node)
    if isinstance(value, SparqlConstraint):
        return short(value.node)
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, (tuple, frozenset)):
        return ", ".join(sorted(_shown(v) for v in value))
    return str(value)


def _generic(component: URIRef, value: object) -> Message | None:
    """The catalogue's sentence for a constraint without ``sh:message``, if it has one."""
    kind = shacl_code(str(component))
    if not kind.templates:
        return None
    template = kind.templates[DEFAULT]
    return template.render(parameter=_shown(value)) if template.parameters else template.render()


def message_of(result: ShaclResult, shapes: Shapes) -> Message:
    """The shape's message in English and Polish, or one built from the failed constraint."""
    en, pl = _pick(result.messages, "en"), _pick(result.messages, "pl")
    if en is not None or pl is not None:
        return Message(en=en or pl or "", pl=pl or en or "")
    shape = shapes.by_node.get(result.shape)
    constraint = next((c for c in shape.constraints if c.component == result.component), None) if shape else None
    generic = _generic(constraint.component, constraint.value) if constraint is not None else None
    if generic is None:
        return SHACL_BREAKS.render(shape=short(result.shape))
    name_en, name_pl = _pick(shape.names, "en"), _pick(shape.names, "pl")  # type: ignore[union-attr]  # shape is set whenever constraint is (the line above)
    if name_en or name_pl:
        name = Message(en=name_en or name_pl or "", pl=name_pl or name_en or "")
        return SHACL_NAMED.render(name=name, sentence=generic)
    return generic


def finding_of(
    result: ShaclResult,
    shapes: Shapes,
    *,
    field: str | None,
    value: str | None,
    severity: URIRef | None = None,
    context: Finding | None = None,
    **where: object,
) -> Finding:
    """One result as a finding located by ``where`` (file, record_index, record_id, line)."""
    return shacl_code(str(result.component)).as_finding(
        message_of(result, shapes),
        severity=SEVERITIES.get(severity or result.severity, Severity.VIOLATION),
        field=field,
        value=value,
        focus_node=_name(result.focus),
        result_path=_name(result.path),
        source_shape=_name(result.shape),
        component=str(result.component),
        source_constraint=_name(result.constraint),
        rdf_value=result.value.n3() if result.value is not None else None,
        context=context,
        **where,
    )


def _name(node: Node | None) -> str | None:
    """IRIs as they are, blank nodes as ``_:id``: a finding holds strings."""
    if node is None:
        return None
    return f"_:{node}" if isinstance(node, BNode) else str(node)
