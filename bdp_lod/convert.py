"""Records → one RDF file: the library call behind ``bdp-lod convert``.

Developers get the same behaviour without the CLI: read the inputs, drop exact duplicates (the
same practice arriving as JSON and as CSV), refuse conflicting ones, map, and write atomically.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rdflib import Graph

from .findings import Finding, Message, Severity
from .mapping import to_graph
from .model import Practice, SourcedPractice
from .serialize import format_for, write_graph
from .sources import read_inputs
from .uris import DEFAULT_BASE, Uris
from .vocab import BDP, ORG, RDF, VCARD

__all__ = ["ConvertResult", "Counts", "convert", "count_entities", "unique_practices"]


@dataclass(frozen=True)
class Counts:
    """What went into a graph, by kind of thing."""

    practices: int
    units: int
    institutions: int
    contacts: int
    triples: int


@dataclass
class ConvertResult:
    output: Path | None
    """The file written, or None when violations stopped the run."""
    counts: Counts | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.VIOLATION for f in self.findings)


def unique_practices(records: Iterable[SourcedPractice], uris: Uris) -> tuple[list[Practice], list[Finding]]:
    """One record per practice IRI: equal copies merge, different ones are a violation."""
    seen: dict[str, SourcedPractice] = {}
    findings: list[Finding] = []
    for record in records:
        iri = uris.practice(record.practice)
        first = seen.setdefault(iri, record)
        if first is not record and first.practice != record.practice:
            findings.append(
                Finding(
                    Severity.VIOLATION,
                    "practice.conflicting-duplicate",
                    Message(
                        en=f"another record ({first.origin.file}, record {first.origin.index}) describes the same practice {iri} differently",
                        pl=f"inny rekord ({first.origin.file}, rekord {first.origin.index}) opisuje tę samą praktykę {iri} inaczej",
                    ),
                    file=record.origin.file,
                    record_index=record.origin.index,
                    record_id=record.practice.id,
                    field="id",
                    value=uris.practice_key(record.practice),
                )
            )
    return [r.practice for r in seen.values()], findings


def count_entities(graph: Graph) -> Counts:
    def count(cls: object) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    return Counts(
        practices=count(BDP.Practice),
        units=count(BDP.LocalGovernmentUnit),
        institutions=count(ORG.Organization),
        contacts=count(VCARD.Kind),
        triples=len(graph),
    )


def convert(
    inputs: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    base_uri: str = DEFAULT_BASE,
    encoding: str | None = None,
) -> ConvertResult:
    """Read, map and write ``output`` (format from its extension); nothing is written on violations.

    Raises `bdp_lod.errors.InputError` for unreadable inputs or an unknown output extension.
    """
    output = Path(output)
    format_for(output)  # an unknown extension is a usage error before any work is done
    read = read_inputs(inputs, encoding=encoding)
    practices, duplicates = unique_practices(read.records, Uris(base_uri))
    findings = [*read.findings, *duplicates]
    if any(f.severity is Severity.VIOLATION for f in findings):
        return ConvertResult(output=None, counts=None, findings=findings)
    graph = to_graph(practices, base_uri=base_uri)
    write_graph(graph, output)
    return ConvertResult(output=output, counts=count_entities(graph), findings=findings)
