"""The SKOS concept schemes of ``vocab/`` as Python look-ups.

The Turtle files are the single source of truth: readers resolve what a source writes ("powiat
grodzki", "Pomoc społeczna", a programme header) to a concept identifier through the labels and
alternative labels declared there, so a label added to the vocabulary is understood everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rdflib import Literal, URIRef

from .vocab import DEF_BASE, RDF, SKOS, vocabulary_graph

__all__ = ["Concept", "ConceptScheme", "levels", "programmes", "themes", "unit_types"]


@dataclass(frozen=True)
class Concept:
    id: str
    """The last segment of the concept IRI: what records store (``pomoc-spoleczna``)."""
    iri: str
    labels: dict[str, str]
    """``skos:prefLabel`` by language."""
    alt_labels: tuple[str, ...]
    notation: str | None
    broader: str | None
    """Identifier of the broader concept, if any."""

    def label(self, lang: str = "pl") -> str:
        return self.labels.get(lang) or self.labels.get("pl") or self.id


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class ConceptScheme:
    name: str
    iri: str
    concepts: dict[str, Concept]
    _by_name: dict[str, Concept] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Readers resolve a label per field of every record: one dict probe, not a scan.
        by_name: dict[str, Concept] = {}
        for concept in self.concepts.values():
            for name in (concept.id, *concept.labels.values(), *concept.alt_labels):
                by_name.setdefault(_key(name), concept)
        object.__setattr__(self, "_by_name", by_name)

    def resolve(self, value: str) -> Concept | None:
        """The concept whose identifier, preferred or alternative label is ``value``."""
        return self._by_name.get(_key(value))

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def iri_of(self, concept_id: str) -> str:
        return self.concepts[concept_id].iri


def _scheme(name: str) -> ConceptScheme:
    graph = vocabulary_graph()
    scheme_iri = URIRef(f"{DEF_BASE}/{name}")
    concepts: dict[str, Concept] = {}
    for iri in sorted(graph.subjects(SKOS.inScheme, scheme_iri)):  # type: ignore[type-var]  # rdflib terms are ordered (Identifier.__lt__); Node's type does not say so
        if (iri, RDF.type, SKOS.Concept) not in graph:
            continue
        labels = {
            lit.language: str(lit)
            for lit in graph.objects(iri, SKOS.prefLabel)
            if isinstance(lit, Literal) and lit.language
        }
        broader = graph.value(iri, SKOS.broader)
        notation = graph.value(iri, SKOS.notation)
        concepts[str(iri).rsplit("/", 1)[-1]] = Concept(
            id=str(iri).rsplit("/", 1)[-1],
            iri=str(iri),
            labels=labels,
            alt_labels=tuple(sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))),
            notation=str(notation) if notation is not None else None,
            broader=str(broader).rsplit("/", 1)[-1] if broader is not None else None,
        )
    return ConceptScheme(name=name, iri=str(scheme_iri), concepts=concepts)


@cache
def themes() -> ConceptScheme:
    """The BDP category tree (``vocab/themes.ttl``)."""
    return _scheme("theme")


@cache
def unit_types() -> ConceptScheme:
    """Types of local government unit (``vocab/unit-types.ttl``)."""
    return _scheme("unit-type")


@cache
def levels() -> ConceptScheme:
    """Territorial levels: gmina, powiat, województwo (``vocab/levels.ttl``)."""
    return _scheme("level")


@cache
def programmes() -> ConceptScheme:
    """The programmes whose headers BDP pages carry (``vocab/programmes.ttl``)."""
    return _scheme("programme")
