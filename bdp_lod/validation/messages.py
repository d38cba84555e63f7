"""SHACL results as findings: the message in both languages and the names a steward reads.

A shape's own ``sh:message`` (the product shapes carry one in ``@pl`` and one in ``@en``) is the
message. A publisher's shape without one still gets a sentence in both languages, built from the
constraint that failed ("needs at least 1 value", "nie pasuje do wzorca ^\\d{2}-\\d{3}$"), with
the shape's ``sh:name`` in front when it has one.
"""

from __future__ import annotations

import re
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..findings import Finding, Message, Severity
from ..vocab import PREFIXES
from .engine import ShaclResult
from .shapes import Shape, Shapes, SparqlConstraint

__all__ = ["SEVERITIES", "code_of", "finding_of", "message_of", "short"]

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


def code_of(component: URIRef) -> str:
    """``sh:PatternConstraintComponent`` → ``shacl.pattern``: the finding's stable kind."""
    local = str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    return "shacl." + (local[0].lower() + local[1:] if local[:2] != "SP" else local.lower())


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


def _generic(parameter: URIRef, value: object) -> Message:
    """A sentence for a constraint without ``sh:message``."""
    shown = _shown(value)
    templates: dict[URIRef, tuple[str, str]] = {
        SH.minCount: ("needs at least {} value(s)", "wymaga co najmniej tylu wartości: {}"),
        SH.maxCount: ("allows at most {} value(s)", "dopuszcza najwyżej tyle wartości: {}"),
        SH.datatype: ("is not a literal of type {}", "nie jest literałem typu {}"),
        SH["class"]: ("is not a resource of type {}", "nie jest zasobem typu {}"),
        SH.nodeKind: ("is not of the node kind {}", "nie jest węzłem rodzaju {}"),
        SH.pattern: ("does not match the pattern {}", "nie pasuje do wzorca {}"),
        SH["in"]: ("is not one of the allowed values ({})", "nie jest żadną z dozwolonych wartości ({})"),
        SH.languageIn: ("is not tagged with one of the languages {}", "nie ma znacznika żadnego z języków {}"),
        SH.uniqueLang: ("has two values in the same language", "ma dwie wartości w tym samym języku"),
        SH.minInclusive: ("is less than {}", "jest mniejsze niż {}"),
        SH.minExclusive: ("is not greater than {}", "nie jest większe niż {}"),
        SH.maxInclusive: ("is greater than {}", "jest większe niż {}"),
        SH.maxExclusive: ("is not less than {}", "nie jest mniejsze niż {}"),
        SH.minLength: ("is shorter than {} characters", "ma mniej znaków niż {}"),
        SH.maxLength: ("is longer than {} characters", "ma więcej znaków niż {}"),
        SH.hasValue: ("does not include {}", "nie zawiera wartości {}"),
        SH.node: ("does not conform to the shape {}", "nie spełnia kształtu {}"),
        SH["or"]: ("conforms to none of {}", "nie spełnia żadnego z kształtów {}"),
        SH["and"]: ("does not conform to all of {}", "nie spełnia wszystkich kształtów {}"),
        SH.xone: ("does not conform to exactly one of {}", "nie spełnia dokładnie jednego z kształtów {}"),
        SH["not"]: ("conforms to the shape {}, which it must not", "spełnia kształt {}, czego nie powinien"),
        SH.lessThan: ("is not less than the value of {}", "nie jest mniejsze niż wartość {}"),
        SH.lessThanOrEquals: ("is greater than the value of {}", "jest większe niż wartość {}"),
        SH.equals: ("differs from the values of {}", "różni się od wartości {}"),
        SH.disjoint: ("is also a value of {}", "jest też wartością {}"),
        SH.closed: ("is a property the shape does not allow", "jest właściwością, której kształt nie dopuszcza"),
        SH.sparql: ("breaks the rule {}", "narusza regułę {}"),
    }
    en, pl = templates[parameter]
    return Message(en=en.format(shown), pl=pl.format(shown))


def message_of(result: ShaclResult, shapes: Shapes) -> Message:
    """The shape's message in English and Polish, or one built from the failed constraint."""
    en, pl = _pick(result.messages, "en"), _pick(result.messages, "pl")
    if en is not None or pl is not None:
        return Message(en=en or pl or "", pl=pl or en or "")
    shape = shapes.by_node.get(result.shape)
    constraint = next((c for c in shape.constraints if c.component == result.component), None) if shape else None
    if constraint is None:
        return Message(en=f"breaks {short(result.shape)}", pl=f"narusza {short(result.shape)}")
    generic = _generic(constraint.parameter, constraint.value)
    name_en, name_pl = _pick(shape.names, "en"), _pick(shape.names, "pl")  # type: ignore[union-attr]
    if name_en or name_pl:
        return Message(en=f"{name_en or name_pl}: {generic.en}", pl=f"{name_pl or name_en}: {generic.pl}")
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
    return Finding(
        severity=SEVERITIES.get(severity or result.severity, Severity.VIOLATION),
        code=code_of(result.component),
        message=message_of(result, shapes),
        field=field,
        value=value,
        focus_node=_name(result.focus),
        result_path=_name(result.path),
        source_shape=_name(result.shape),
        component=str(result.component),
        source_constraint=_name(result.constraint),
        rdf_value=result.value.n3() if result.value is not None else None,
        context=context,
        **where,  # type: ignore[arg-type]
    )


def _name(node: Node | None) -> str | None:
    """IRIs as they are, blank nodes as ``_:id``: a finding holds strings."""
    if node is None:
        return None
    return f"_:{node}" if isinstance(node, BNode) else str(node)
