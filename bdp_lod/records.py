"""Inputs → the records a run works on: read, deduplicated and resolved against the register.

Every command that maps records (``convert``, ``validate``, ``publish``) starts here, so a
practice gets the same record, and therefore the same triples, whichever command reads it.
Resolution puts the register's name, type, powiat and województwo on each unit together with
its TERC codes; what the source said differently is reported as a finding, not kept as a second
truth.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Iterable

from . import codes
from . import teryt
from .resolution import Resolution, resolve
from .findings import Finding, Severity
from .model import LocalGovernmentUnit, Practice, SourcedPractice
from .sources import read_inputs
from .uris import DEFAULT_BASE, Uris

__all__ = ["Prepared", "prepare", "resolve_units", "unique_practices"]


@dataclass(frozen=True)
class Prepared:
    """The records of a run and everything found while reading and resolving them."""

    records: list[SourcedPractice]
    """One record per practice, in input order, each unit resolved where the register allows."""
    findings: list[Finding]
    """Reader, schema, duplicate and TERYT findings, located by file, record and field."""

    @property
    def ok(self) -> bool:
        """True when nothing found is a violation."""
        return not any(f.severity is Severity.VIOLATION for f in self.findings)

    @property
    def practices(self) -> list[Practice]:
        return [r.practice for r in self.records]


def unique_practices(
    records: Iterable[SourcedPractice], uris: Uris
) -> tuple[list[SourcedPractice], list[Finding]]:
    """One record per practice IRI: equal copies merge, different ones are a violation."""
    seen: dict[str, SourcedPractice] = {}
    findings: list[Finding] = []
    for record in records:
        iri = uris.practice(record.practice)
        first = seen.setdefault(iri, record)
        if first is not record and first.practice != record.practice:
            findings.append(
                codes.PRACTICE_CONFLICTING_DUPLICATE.finding(
                    file=record.origin.file,
                    record_index=record.origin.index,
                    record_id=record.practice.id,
                    field="id",
                    value=uris.practice_key(record.practice),
                    other_file=first.origin.file,
                    other_index=first.origin.index,
                    iri=iri,
                )
            )
    return list(seen.values()), findings


def resolve_units(records: Iterable[SourcedPractice]) -> tuple[list[SourcedPractice], list[Finding]]:
    """Each record with its unit as the TERC register has it, and what resolution found.

    An unresolved unit stays as the source wrote it (its URI then falls back to the slug form
    of DESIGN.md §3); the warnings say why and list the candidates.
    """
    out: list[SourcedPractice] = []
    findings: list[Finding] = []
    seen: dict[LocalGovernmentUnit, Resolution] = {}  # a database names each gmina many times
    for record in records:
        unit = record.practice.unit
        if unit is None:
            out.append(record)
            continue
        resolution = seen.get(unit) or seen.setdefault(unit, resolve(unit))
        origin = record.origin
        findings.extend(
            f.at(file=origin.file, record_index=origin.index, record_id=record.practice.id, line=origin.line)
            for f in resolution.findings
        )
        if resolution.resolved:
            record = replace(record, practice=replace(record.practice, unit=teryt.official_unit(resolution.units)))
        out.append(record)
    return out, findings


def prepare(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    base_uri: str = DEFAULT_BASE,
) -> Prepared:
    """Read every input, resolve the units, then merge duplicates.

    Resolving before merging lets the same practice from a page ("Chojnicki") and from a
    spreadsheet ("chojnicki") merge, and it is why duplicates are compared as published.
    Raises `bdp_lod.errors.InputError` when an input cannot be read at all.
    """
    read = read_inputs(inputs, encoding=encoding)
    resolved, resolution = resolve_units(read.records)
    unique, duplicates = unique_practices(resolved, Uris(base_uri))
    return Prepared(records=unique, findings=[*read.findings, *resolution, *duplicates])
