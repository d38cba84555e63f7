"""Inputs → the records a run works on: read, deduplicated and resolved against the register.

Every command that maps records (``convert``, ``validate``, ``publish``) starts here, so a
practice gets the same record, and therefore the same triples, whichever command reads it, and
whether it was read in one process or several (`prepare`'s ``workers``).
Resolution puts the register's name, type, powiat and województwo on each unit together with
its TERC codes; what the source said differently is reported as a finding, not kept as a second
truth.
"""

from __future__ import annotations

import os
import pickle
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence, Union

from . import codes, publishable, teryt
from .errors import InputError
from .findings import Finding, Severity
from .model import LocalGovernmentUnit, Origin, Practice, SourcedPractice
from .parallel import ordered_map
from .progress import Progress, Step
from .teryt import Resolution, resolve
from .sources import input_files, read_file
from .sources.submission import check_submission, jsonl_lines, jsonl_record, submission_items
from .spilled_records import SpilledRecords, pack
from .uris import DEFAULT_BASE, Uris

__all__ = ["READ_CHUNK", "Prepared", "prepare", "prepare_spilled", "resolve_units", "spill", "unique_practices"]

READ_CHUNK = 500
"""Submission items a reading task checks: enough to amortise handing them to a worker."""


@dataclass(frozen=True)
class Prepared:
    """The records of a run and everything found while reading and resolving them."""

    records: list[SourcedPractice]
    """One record per practice, in input order, each unit resolved where the register allows."""
    findings: list[Finding]
    """Reader, schema, duplicate, TERYT and `bdp_lod.publishable` findings, located by file,
    record and field."""

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
                    line=record.origin.line,
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
    of docs/design.md §3); the warnings say why and list the candidates.
    """
    out: list[SourcedPractice] = []
    findings: list[Finding] = []
    for record in records:
        unit = record.practice.unit
        if unit is None:
            out.append(record)
            continue
        resolution, official = _resolved(unit)
        origin = record.origin
        findings.extend(
            f.at(file=origin.file, record_index=origin.index, record_id=record.practice.id, line=origin.line)
            for f in resolution.findings
        )
        if official is not None:
            record = SourcedPractice(_with_unit(record.practice, official), origin)
        out.append(record)
    return out, findings


@lru_cache(maxsize=8192)
def _resolved(unit: LocalGovernmentUnit) -> tuple[Resolution, LocalGovernmentUnit | None]:
    """A unit's resolution and, when resolved, its official form: the same for as long as the
    process lives (the shipped register and the vocabulary are read once), and a database
    names each gmina many times, mostly in different reading chunks. Callers only read the
    resolution's findings. 8192 units hold every unit of the register (2,875 rows) and the
    spellings sources give them."""
    resolution = resolve(unit)
    return resolution, teryt.official_unit(resolution.units) if resolution.resolved else None


def _with_unit(practice: Practice, unit: LocalGovernmentUnit) -> Practice:
    """`dataclasses.replace` of the unit, without its walk over the fields: a practice's
    attributes are exactly its fields (no slots, no init=False fields), all passed again."""
    return Practice(**{**vars(practice), "unit": unit})


_Items = list[tuple[object, Origin]]
_Lines = tuple[str, int, list[tuple[int, bytes]]]
"""A JSONL file's path, the index of the first of these records in it, and their lines (number,
bytes)."""
_Task = Union[tuple[str, str], tuple[str, _Items], tuple[str, _Lines]]
"""``("file", path)`` for a file read whole, ``("items", [(data, origin) …])`` for a chunk of a
JSON file's submissions, ``("lines", (path, first index, [(line number, bytes) …]))`` for a chunk
of a JSONL file's lines, decoded and parsed by the task: the parent only splits the file."""
_Packed = tuple[bytes, str, str | None]
"""A record packed for `SpilledRecords`, with its practice's and institution's IRIs."""
_Read = tuple[list[SourcedPractice] | list[_Packed], list[Finding], int]
_Failed = tuple[str, str | None, int | None, str | None]

_ENCODING: dict[str, str | None] = {}
"""The CSV encoding reading tasks use, and the base URI when they pack the records for a
`SpilledRecords` (``"spill"``): set before `ordered_map` forks the workers."""


def _read_task(task: _Task) -> tuple[_Read | None, _Failed | None]:
    """One file, or one chunk of submission items: read, checked and resolved. An unreadable
    file comes back as the parts of its `InputError` (exceptions of a worker lose their
    fields on the way to the parent)."""
    _kind, payload = task
    records: list[SourcedPractice] = []
    findings: list[Finding] = []
    try:
        if isinstance(payload, str):
            read = read_file(Path(payload), encoding=_ENCODING.get("encoding"))
            records, findings, count = read.records, list(read.findings), max(1, len(read.records))
        else:
            if isinstance(payload, tuple):
                path, first, lines = payload
                items: Iterable[tuple[object, Origin]] = (
                    (jsonl_record(path, number, line), Origin(path, index=index, line=number))
                    for index, (number, line) in enumerate(lines, start=first)
                )
                count = len(lines)
            else:
                items, count = payload, len(payload)
            for data, origin in items:  # a JSONL line is decoded as its turn comes: errors in order
                record, found = check_submission(data, origin)
                findings.extend(found)
                if record is not None:
                    records.append(record)
    except InputError as exc:
        return None, (exc.detail, exc.file, exc.line, exc.message.pl)
    resolved, resolution = resolve_units(records)
    found = [*findings, *resolution, *publishable.check(resolved)]
    base = _ENCODING.get("spill")
    if base is None:
        return (resolved, found, count), None
    uris = Uris(base)
    packed = [(pack(r), uris.practice(r.practice), _institution(r.practice, uris)) for r in resolved]
    return (packed, found, count), None


def spill(records: Iterable[SourcedPractice], uris: Uris) -> SpilledRecords:
    """Records already in memory, spilled as `prepare_spilled` spills what it reads: what the
    record checks read (``publish --skip-invalid`` checks the records it keeps again)."""
    into = SpilledRecords()
    for record in records:
        into.add(pack(record), uris.practice(record.practice), _institution(record.practice, uris))
    into.flush()
    return into


def _institution(practice: Practice, uris: Uris) -> str | None:
    return uris.institution(practice.institution, practice.unit) if practice.institution is not None else None


class _ReadTasks:
    """The reading tasks of the record inputs; a file that cannot be read ends them, and its
    error is raised once the tasks before it are done."""

    def __init__(self, files: Sequence[Path]) -> None:
        self.files = files
        self.error: InputError | None = None

    def __iter__(self) -> Iterator[_Task]:
        for path in self.files:
            suffix = path.suffix.lower()
            if suffix not in (".json", ".jsonl"):
                yield "file", str(path)
                continue
            if suffix == ".jsonl":
                try:
                    yield from self._lines(path)
                except InputError as exc:
                    self.error = exc
                    return
                continue
            chunk: _Items = []
            try:
                for data, origin in submission_items(path):
                    chunk.append((data, origin))
                    if len(chunk) == READ_CHUNK:
                        yield "items", chunk
                        chunk = []
            except InputError as exc:
                self.error = exc
                return
            if chunk:
                yield "items", chunk

    @staticmethod
    def _lines(path: Path) -> Iterator[_Task]:
        first = 0
        lines: list[tuple[int, bytes]] = []
        for numbered in jsonl_lines(path):
            lines.append(numbered)
            if len(lines) == READ_CHUNK:
                yield "lines", (str(path), first, lines)
                first, lines = first + len(lines), []
        if lines:
            yield "lines", (str(path), first, lines)


def estimated_records(files: Sequence[Path]) -> int:
    """About how many records the files hold: lines of JSONL and CSV, one per other file; for a
    progress bar's length, so only counted when someone shows progress."""
    total = 0
    for path in files:
        if path.suffix.lower() in (".jsonl", ".csv"):
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def _read(
    files: Sequence[Path], encoding: str | None, spill: str | None, workers: int, progress: Progress | None
) -> Iterator[tuple[list[SourcedPractice] | list[_Packed], list[Finding]]]:
    """Each reading task's records (packed when ``spill`` is the base URI) and findings, in
    input order; raises the `InputError` of a file that cannot be read."""
    total = estimated_records(files) if progress is not None else 0
    _ENCODING.update(encoding=encoding, spill=spill)
    tasks = _ReadTasks(files)
    try:
        for read, failed in ordered_map(_read_task, tasks, workers):
            if failed is not None:
                detail, file, line, pl = failed
                raise InputError(detail, file=file, line=line, pl=pl)
            assert read is not None
            records, found, count = read
            yield records, found
            if progress is not None:
                progress(Step("read", count, total))
    finally:
        _ENCODING.clear()
    if tasks.error is not None:
        raise tasks.error


def prepare(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    base_uri: str = DEFAULT_BASE,
    workers: int = 1,
    progress: Progress | None = None,
) -> Prepared:
    """Read every input, resolve the units, then merge duplicates.

    Resolving before merging lets the same practice from a page ("Chojnicki") and from a
    spreadsheet ("chojnicki") merge, and it is why duplicates are compared as published.
    ``workers`` > 1 spreads the reading over that many processes, by file and in chunks of
    `READ_CHUNK` submissions: the same records in the same order, and the same findings.
    Raises `bdp_lod.errors.InputError` when an input cannot be read at all.
    """
    records: list[SourcedPractice] = []
    findings: list[Finding] = []
    for read, found in _read(input_files(inputs), encoding, None, workers, progress):
        records.extend(read)  # type: ignore[arg-type]  # not packed: no spill was asked for
        findings.extend(found)
    unique, duplicates = unique_practices(records, Uris(base_uri))
    return Prepared(records=unique, findings=[*findings, *duplicates])


def prepare_spilled(
    inputs: Iterable[str | os.PathLike[str]],
    into: SpilledRecords,
    *,
    encoding: str | None = None,
    base_uri: str = DEFAULT_BASE,
    workers: int = 1,
    progress: Progress | None = None,
) -> list[Finding]:
    """`prepare`, with the records written `into` a `SpilledRecords` as they are read instead of
    held: the same records in the same order and the same findings, in memory that does not
    grow with the records (only their IRIs are kept). A duplicate is compared with the first
    record of its IRI read back from disk, as `unique_practices` compares them."""
    uris = Uris(base_uri)
    seen: dict[str, int] = {}
    findings: list[Finding] = []
    duplicates: list[Finding] = []
    for read, found in _read(input_files(inputs), encoding, uris.base, workers, progress):
        findings.extend(found)
        for packed, iri, institution in read:  # type: ignore[misc]  # packed: a spill was asked for
            first = seen.get(iri)
            if first is None:
                seen[iri] = len(into)
                into.add(packed, iri, institution)
            else:
                duplicates.extend(unique_practices([into[first], pickle.loads(packed)], uris)[1])
    into.flush()
    return [*findings, *duplicates]
