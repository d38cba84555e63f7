"""Records → one RDF file: the library call behind ``bdp-lod convert``.

Developers get the same behaviour without the CLI: prepare the records (`bdp_lod.records`: read,
resolve units against TERC, merge duplicates, refuse conflicting ones), map, and write atomically
with the serialiser ``publish`` uses (`bdp_lod.serialize.write_practices`), so the file is the very
bytes of the publication's dump of the same format.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rdflib import Graph
from rdflib.term import Node

from .findings import Finding, Severity
from . import redact
from .errors import InputError
from .mapping import to_graph
from .records import prepare
from .serialize import format_for, write_practice_file
from .uris import DEFAULT_BASE
from .vocab import BDP, ORG, RDF, VCARD

__all__ = ["ConvertResult", "Counts", "convert", "count_entities"]


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


def count_entities(graph: Graph) -> Counts:
    """What a steward recognises: units are those of the practices, not the powiaty and
    województwa the graph carries for grouping."""

    def count(cls: Node) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    return Counts(
        practices=count(BDP.Practice),
        units=len(set(graph.objects(None, BDP.localGovernmentUnit))),
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
    redact_contacts: bool = False,
) -> ConvertResult:
    """Read, map and write ``output`` (format from its extension); nothing is written on violations.

    ``redact_contacts`` leaves people's names and personal numbers and mailboxes out
    (`bdp_lod.redact`).

    Raises `bdp_lod.errors.InputError` for unreadable inputs, an unknown output extension or an
    output that cannot be written.
    """
    output = Path(output)
    format_for(output)  # an unknown extension is a usage error before any work is done
    prepared = prepare(inputs, encoding=encoding, base_uri=base_uri)
    if not prepared.ok:
        return ConvertResult(output=None, counts=None, findings=prepared.findings)
    practices = prepared.practices
    if redact_contacts:
        practices = [redact.redact_contacts(p) for p in practices]
    graph = to_graph(practices, base_uri=base_uri)
    try:
        write_practice_file(practices, output, base_uri=base_uri)
    except OSError as error:  # a read-only or missing place, a full disk
        reason = error.strerror or str(error)
        raise InputError(f"cannot write: {reason}", file=str(output), pl=f"nie można zapisać: {reason}") from None
    return ConvertResult(output=output, counts=count_entities(graph), findings=prepared.findings)
