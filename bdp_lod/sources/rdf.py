"""Published dumps back into records, so a developer can consume them as Python objects.

This is the inverse of `bdp_lod.mapping`: it rebuilds submission-format data from the graph and
sends it through the same normalisation as every other source, so ``load(dump)`` gives records
equal to the ones that were published.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .. import concepts
from ..errors import InputError, InvalidRecords
from ..field_terms import predicates
from ..findings import Severity
from ..model import Origin, Practice
from .contexts import offline_jsonld
from .result import ReadResult
from .submission import check_submission
from ..vocab import BDP, RDF, RDFS, SCHEMA

__all__ = ["RDF_FORMATS", "load", "parse_rdf", "practices_from_graph", "records_from_graph"]

_PRACTICE, _UNIT, _AREA, _INSTITUTION, _ADDRESS, _CONTACT, _ACTIVITY, _PERIOD, _ATTACHMENT = (
    predicates(kind)
    for kind in ("practice", "unit", "area", "institution", "address", "contact", "activity", "period", "attachment")
)
"""The predicates the mapping wrote each field with (`bdp_lod.field_terms`), read back here."""
_THOROUGHFARE, _LOCATOR = _ADDRESS.all("street")
_AREA_OF = _PRACTICE.all("unit")[1]
_PHONE, _EMAIL = _CONTACT.field("phones").scheme, _CONTACT.field("emails").scheme

RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}


def parse_rdf(path: str | Path) -> Graph:
    """Parse an RDF file named by its extension, without a network request on the file's behalf.

    JSON-LD is measured and its contexts resolved offline (`offline_jsonld`)
    before rdflib sees it; Turtle, N-Triples and RDF/XML name no documents rdflib would fetch
    (``owl:imports`` is a triple like any other, never followed).
    """
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        expected = ", ".join(RDF_FORMATS)
        raise InputError(
            f"not an RDF file (expected {expected})", file=str(path), pl=f"to nie jest plik RDF (oczekiwano: {expected})"
        )
    graph = Graph()
    try:
        if fmt == "json-ld":
            graph.parse(data=offline_jsonld(path.read_text(encoding="utf-8"), file=str(path)), format="json-ld")
        else:
            graph.parse(path, format=fmt)
    except FileNotFoundError:
        raise InputError("no such file", file=str(path), pl="nie ma takiego pliku") from None
    except InputError:
        raise
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON-LD: {exc.msg}", file=str(path), line=exc.lineno, pl=f"niepoprawny JSON-LD: {exc.msg}"
        ) from None
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        line, detail = _syntax_error(exc)
        raise InputError(
            f"cannot parse {fmt}: {detail}", file=str(path), line=line, pl=f"nie można odczytać pliku {fmt}: {detail}"
        ) from None
    return graph


_N3_SYNTAX = re.compile(r"at line (\d+) of <[^>]*>:\n(.+?) at \^ in:")
"""rdflib's Turtle error: its first line only locates, the second says what is wrong."""


def _syntax_error(exc: Exception) -> tuple[int | None, str]:
    """The line (when the parser gives one) and the parser's own one-line complaint."""
    text = str(exc)
    located = _N3_SYNTAX.match(text)
    if located:
        return int(located[1]), located[2]
    return None, text.splitlines()[0] if text else type(exc).__name__


def load(path: str | Path) -> list[Practice]:
    """The practices of a published dump (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``).

    Raises `InvalidRecords` with every finding when a practice of the file breaks the
    submission rules, like any other source would report it.
    """
    return practices_from_graph(parse_rdf(path), file=str(path))


def practices_from_graph(graph: Graph, *, file: str | None = None) -> list[Practice]:
    """Every ``bdp:Practice`` of the graph as a record, in IRI order; `InvalidRecords` when one
    breaks the submission rules."""
    read = records_from_graph(graph, file=file)
    violations = [f for f in read.findings if f.severity is Severity.VIOLATION]
    if violations:
        raise InvalidRecords(violations)
    return [record.practice for record in read.records]


def records_from_graph(graph: Graph, *, file: str | None = None) -> ReadResult:
    """Every ``bdp:Practice`` of the graph, in IRI order, through the same schema gate and
    normalisation as a submission: a hand-edited dump (an institution without a name, an e-mail
    without ``@``) gives findings located by file and record, never a traceback."""
    reader = _Reader(graph)
    records, findings = [], []
    for index, node in enumerate(sorted(graph.subjects(RDF.type, BDP.Practice))):  # type: ignore[type-var]  # rdflib terms are ordered (Identifier.__lt__); Node's type does not say so
        record, found = check_submission(_without_nulls(reader.practice(node)), Origin(file or "", index=index))
        findings.extend(found)
        if record is not None:
            records.append(record)
    return ReadResult(records=records, findings=findings)


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.g = graph

    def text(self, node: Node, prop: URIRef) -> str | None:
        """The Polish (else untagged, else any) literal of ``prop``."""
        values = [o for o in self.g.objects(node, prop) if isinstance(o, Literal)]
        for wanted in ("pl", None):
            for value in sorted(values):
                if value.language == wanted:
                    return str(value)
        return str(sorted(values)[0]) if values else None

    def texts(self, node: Node, prop: URIRef) -> list[str]:
        return sorted(str(o) for o in self.g.objects(node, prop) if isinstance(o, Literal))

    def one(self, node: Node, prop: URIRef) -> Node | None:
        return min(self.g.objects(node, prop), default=None)  # type: ignore[type-var]  # rdflib terms are ordered (Identifier.__lt__); Node's type does not say so

    def concept_id(self, node: Node, prop: URIRef, scheme: concepts.ConceptScheme) -> str | None:
        for value in sorted(self.g.objects(node, prop)):  # type: ignore[type-var]  # rdflib terms are ordered (Identifier.__lt__); Node's type does not say so
            concept_id = str(value).rsplit("/", 1)[-1]
            if str(value) == f"{scheme.iri}/{concept_id}":
                return concept_id
        return None

    def practice(self, node: Node) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.text(node, _PRACTICE.id),
            "title": self.text(node, _PRACTICE.title),
            "description": self.text(node, _PRACTICE.description),
            "theme": self.concept_id(node, _PRACTICE.theme, concepts.themes()),
            "programme": self.concept_id(node, _PRACTICE.programme, concepts.programmes()),
            "date_added": self.text(node, _PRACTICE.date_added),
            "source_url": _str(self.one(node, _PRACTICE.source_url)),
            "population": _int(self.one(node, _PRACTICE.population)),
            "goals": self.texts(node, _PRACTICE.goals),
            "has_attachments": bool(self.one(node, _PRACTICE.has_attachments)),
            "attachments": [self.attachment(a) for a in sorted(self.g.objects(node, _PRACTICE.attachments))],  # type: ignore[type-var]  # rdflib terms are ordered (Identifier.__lt__); Node's type does not say so
            "extra": {
                self.text(f, RDFS.label) or "": self.text(f, RDF.value) or ""
                for f in sorted(self.g.objects(node, _PRACTICE.extra))  # type: ignore[type-var]  # rdflib terms are ordered (Identifier.__lt__); Node's type does not say so
            },
            "activities": [
                self.activity(a)
                for a in sorted(self.g.objects(node, _PRACTICE.activities), key=lambda a: (_int(self.one(a, SCHEMA.position)) or 0, str(a)))
            ],
            "contacts": [self.contact(c) for c in sorted(self.g.objects(node, _PRACTICE.contacts))],  # type: ignore[type-var]  # rdflib terms are ordered (Identifier.__lt__); Node's type does not say so
        }
        unit = self.one(node, _PRACTICE.unit)
        if unit is not None:
            data["unit"] = self.unit(unit)
        institution = self.one(node, _PRACTICE.institution)
        if institution is not None:
            data["institution"] = self.institution(institution)
        return {k: v for k, v in data.items() if v not in (None, [], {}, False)}

    def attachment(self, node: Node) -> dict[str, Any]:
        return {
            "url": str(node),
            "title": self.text(node, _ATTACHMENT.title),
            "media_type": self.text(node, _ATTACHMENT.media_type),
        }

    def activity(self, node: Node) -> dict[str, Any]:
        period = self.one(node, _ACTIVITY.period)
        data = {
            "description": self.text(node, _ACTIVITY.description),
            "audience": self.text(node, _ACTIVITY.audience),
        }
        if period is not None:
            data |= {
                "period": self.text(period, _PERIOD.period),
                "start": self.text(period, _PERIOD.start),
                "end": self.text(period, _PERIOD.end),
            }
        return data

    def unit(self, body: Node) -> dict[str, Any]:
        area = self.one(body, _AREA_OF)
        types = concepts.unit_types()
        classes = {str(c).rsplit("/", 1)[-1] for c in self.g.objects(body, _UNIT.type)}
        unit_type = "miasto-na-prawach-powiatu" if "miasto-na-prawach-powiatu" in classes else min(classes & set(types.concepts), default=None)
        data: dict[str, Any] = {"type": unit_type, "terc": self.texts(body, _UNIT.terc)}
        if area is not None:
            data["name"] = self.text(area, _AREA.name)
            for container in self.containers(area):
                levels = {str(level).rsplit("/", 1)[-1] for level in self.g.objects(container, _AREA.type)}
                if "powiat" in levels and container != area and "powiat" not in data:
                    data["powiat"] = self.text(container, _AREA.name)
                if "wojewodztwo" in levels and "voivodeship" not in data:
                    data["voivodeship"] = self.text(container, _AREA.name)
        return data

    def containers(self, area: Node) -> list[Node]:
        """``area`` and every territory it lies in, innermost first."""
        chain = [area]
        while (outer := self.one(chain[-1], SCHEMA.containedInPlace)) is not None and outer not in chain:
            chain.append(outer)
        return chain

    def institution(self, node: Node) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.text(node, _INSTITUTION.name),
            "website": _str(self.one(node, _INSTITUTION.website)),
        }
        address = self.one(node, _INSTITUTION.address)
        if address is not None:
            street = " ".join(
                x for x in (self.text(address, _THOROUGHFARE), self.text(address, _LOCATOR)) if x
            )
            data["address"] = {
                "street": street or None,
                "postal_code": self.text(address, _ADDRESS.postal_code),
                "post_office": self.text(address, _ADDRESS.post_office),
            }
        return data

    def contact(self, node: Node) -> dict[str, Any]:
        return {
            "name": self.text(node, _CONTACT.name),
            "position": self.text(node, _CONTACT.position),
            "role": self.text(node, _CONTACT.role),
            "phones": sorted(str(t).removeprefix(_PHONE) for t in self.g.objects(node, _CONTACT.phones)),
            "emails": sorted(str(e).removeprefix(_EMAIL) for e in self.g.objects(node, _CONTACT.emails)),
        }


def _without_nulls(data: Any) -> Any:
    """The submission as a person writes it: a field the graph does not give is left out, not
    ``null`` (the schema refuses ``null`` where a field is optional)."""
    if isinstance(data, dict):
        return {k: _without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_without_nulls(v) for v in data]
    return data


def _str(node: Node | None) -> str | None:
    return str(node) if node is not None else None


def _int(node: Node | None) -> int | None:
    if isinstance(node, Literal):
        try:
            return int(node)
        except (TypeError, ValueError):
            return None
    return None
