"""``validate``: pages, submissions, spreadsheets and RDF files in, one report out.

Records take the path every command shares (`bdp_lod.records`): read and checked against the
JSON Schema, units resolved against TERC, duplicates merged. They are then mapped and checked
with SHACL in batches (`bdp_lod.validation.batches`). RDF files go straight to SHACL, each as one
graph. Reading and batches are spread over the cores for inputs of more than a few hundred
records; the findings are the same either way, and equal to one whole-graph pyshacl run.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from .. import concepts, teryt
from ..errors import InputError
from ..findings import Finding
from ..model import SourcedPractice
from ..progress import Progress, Step
from ..records import prepare_spilled, spill as spill_records
from ..spilled_records import SpilledRecords
from ..sources import INPUT_KINDS, input_files
from ..sources.rdf import RDF_FORMATS, parse_rdf
from ..sources.submission import submission_validator
from ..uris import DEFAULT_BASE, Uris
from ..vocab import BDP, DCTERMS
from .batches import BatchOutcome, Located, Tally, check_batch, findings_of_results
from .conflict_findings import conflict_findings
from ..terms import from_ox_triples
from .engine import Evaluator, Index, ShaclResult, Triple
from .foreign import foreign_results
from ..parallel import available_workers, ordered_map
from .profiles import DEFAULT_PROFILE, Profile
from .renames import PreviousNames, rename_findings
from .report import Report
from .shapes import Shapes, load_shapes

__all__ = ["check_records", "validate", "validate_graph"]

BATCH = 250
"""Practices a SHACL batch maps and validates together."""
PARALLEL_RECORDS = 600
"""From about this many records, work is spread over the cores."""
PARALLEL_BYTES = 1_000_000
"""Record inputs larger than this (about 500 submissions) are read in parallel."""
PARALLEL_TRIPLES = 200_000
"""RDF graphs larger than this are validated in parallel."""

_JOB: dict[str, object] = {}
"""What forked workers read besides their task: set by the parent just before forking."""


# --- SHACL over records ---------------------------------------------------------------------------


def _check_task(positions: list[int]) -> BatchOutcome:
    records: SpilledRecords = _JOB["records"]  # type: ignore[assignment]  # _JOB holds what the parent set before forking, by name
    return check_batch(
        [(i, records[i]) for i in positions], _JOB["shapes"], _JOB["uris"], _JOB["evaluated"]  # type: ignore[arg-type]  # _JOB holds what the parent set before forking, by name
    )


def _batches(records: SpilledRecords) -> list[list[int]]:
    """Record positions in batches of about `BATCH`, the practices of one institution together.

    An institution's practices name its address and contacts too, so a practice that gives
    them differently meets the others in its batch. Batches follow the records' order, each
    keeps its records in input order, and a batch is never cut inside an institution.
    """
    groups: dict[str, list[int]] = {}
    for position, (iri, institution) in enumerate(zip(records.iris, records.institutions)):
        groups.setdefault(institution or iri, []).append(position)
    batches: list[list[int]] = []
    current: list[int] = []
    for members in groups.values():
        current.extend(members)
        if len(current) >= BATCH:
            batches.append(sorted(current))
            current = []
    if current:
        batches.append(sorted(current))
    return batches


def _check_records(
    records: SpilledRecords,
    shapes: Shapes,
    uris: Uris,
    workers: int,
    progress: Progress | None,
) -> tuple[list[Finding], int]:
    """SHACL findings of the records' practices, and how many triples they make."""
    _JOB.update(records=records, shapes=shapes, uris=uris, evaluated=set())
    tally = Tally()
    try:
        for outcome in ordered_map(_check_task, _batches(records), workers):
            tally.add(outcome)
            if progress is not None:
                progress(Step("validate", outcome.practices, len(records)))
    finally:
        _JOB.pop("records", None)
        _JOB.pop("evaluated", None)
    target_nodes = [node for shape in shapes.native for node in shape.target_nodes]
    kept = tally.kept
    if tally.conflicts or tally.references or tally.private_references or target_nodes:
        practice_iris = {iri: i for i, iri in enumerate(records.iris)}
        affected = sorted(tally.affected(practice_iris, target_nodes))
        if affected or target_nodes:
            kept = _recheck(kept, [(i, records[i]) for i in affected], shapes, uris, target_nodes)
    for located in _foreign_over_records(records, shapes, uris):
        kept.setdefault(located.key, located)
    kept, conflicts = _conflicts(kept, tally, records, uris)
    ordered = sorted(kept.values(), key=lambda loc: (loc.owner is None, loc.owner or 0))
    return [f for loc in ordered for f in loc.findings] + conflicts, tally.triples


_MAX_COUNT = "http://www.w3.org/ns/shacl#MaxCountConstraintComponent"


def _conflicts(
    kept: dict[tuple[object, ...], Located], tally: Tally, records: Sequence[SourcedPractice], uris: Uris
) -> tuple[dict[tuple[object, ...], Located], list[Finding]]:
    """Records that disagree about a shared node as one finding per field, in place of the
    ``sh:maxCount`` results on that node the disagreement explains (`conflict_findings`).

    A shared node with too many values is where records can disagree; only the records that
    describe such a node are compared, so a run without those results pays nothing.
    """
    practice_root = f"{uris.base}id/practice/"
    flagged = {
        (f.focus_node, f.result_path)
        for located in kept.values()
        for f in located.findings
        if f.component == _MAX_COUNT and f.focus_node and f.result_path and f.focus_node.startswith(("http:", "https:"))
        and not f.focus_node.startswith(practice_root)
    }
    if not flagged:
        return kept, []
    positions = sorted({p for node, _path in flagged for p in tally.incidence.get(hash(URIRef(node)), ())})
    findings, explained = conflict_findings([(i, records[i]) for i in positions], flagged, uris)
    if not explained:
        return kept, findings
    out: dict[tuple[object, ...], Located] = {}
    for key, located in kept.items():
        left = [f for f in located.findings
                if not (f.component == _MAX_COUNT and (f.focus_node, f.result_path) in explained)]
        if len(left) == len(located.findings):
            out[key] = located
        elif left:
            out[key] = replace(located, findings=left)
    return out, findings


def _recheck(
    kept: dict[tuple[object, ...], Located],
    records: list[tuple[int, SourcedPractice]],
    shapes: Shapes,
    uris: Uris,
    target_nodes: Sequence[Node],
) -> dict[tuple[object, ...], Located]:
    """Validate the practices that disagree about shared nodes together, as the whole graph
    would, and let their results replace the batch results for every node they describe."""
    outcome = check_batch(records, shapes, uris)
    replaced = _subjects_of(records, uris) | set(target_nodes)
    out = {key: loc for key, loc in kept.items() if loc.focus not in replaced}
    for located in outcome.located:
        out.setdefault(located.key, located)
    return out


def _subjects_of(records: Iterable[tuple[int, SourcedPractice]], uris: Uris) -> set[Node]:
    from ..mapping import practice_triples

    return {s for _, record in records for s, _p, _o in practice_triples(record.practice, uris)}


def _foreign_over_records(records: Iterable[SourcedPractice], shapes: Shapes, uris: Uris) -> list[Located]:
    """Results of the shapes the engine does not run, by pyshacl over the whole graph."""
    if not shapes.foreign:
        return []
    from ..mapping import practice_triples

    index = Index()
    nodes: list[Node] = []
    origins: list[dict[str, object]] = []
    for record in records:
        index.add(practice_triples(record.practice, uris))
        nodes.append(URIRef(uris.practice(record.practice)))
        origins.append({"file": record.origin.file, "record_index": record.origin.index,
                        "record_id": record.practice.id, "line": record.origin.line})
    results = foreign_results(shapes, index)
    return [
        Located(key=result.key, focus=result.focus, owner=owner, findings=found)
        for result, owner, found in findings_of_results(results, shapes, index, nodes, origins)
    ]


# --- SHACL over RDF files -------------------------------------------------------------------------


def _rdf_triples(path: Path) -> Iterable[Triple]:
    """An RDF file's triples as rdflib terms; Turtle and N-Triples through pyoxigraph (fast),
    JSON-LD and RDF/XML through rdflib (our JSON-LD context is inlined there, offline)."""
    suffix = path.suffix.lower()
    if suffix not in (".ttl", ".nt"):
        return parse_rdf(path)
    fmt = ox.RdfFormat.TURTLE if suffix == ".ttl" else ox.RdfFormat.N_TRIPLES
    try:
        return from_ox_triples(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, OSError, ValueError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot parse {RDF_FORMATS[suffix]}: {detail}", file=str(path),
                         pl=f"nie można odczytać pliku {RDF_FORMATS[suffix]}: {detail}") from None


def _partition_task(part: tuple[int, int]) -> list[ShaclResult]:
    k, n = part
    evaluator = Evaluator(_JOB["shapes"], _JOB["index"])  # type: ignore[arg-type]  # _JOB holds what the parent set before forking, by name
    return evaluator.run(lambda focus: hash(focus) % n == k)


def _graph_results(shapes: Shapes, index: Index, workers: int) -> list[ShaclResult]:
    """Every result on one graph: the engine's (focus nodes split over the workers) and
    pyshacl's for foreign shapes."""
    if workers > 1 and len(index) > PARALLEL_TRIPLES:
        _JOB.update(shapes=shapes, index=index)
        try:
            parts = list(ordered_map(_partition_task, [(k, workers) for k in range(workers)], workers))
        finally:
            _JOB.pop("index", None)
        results = [r for part in parts for r in part]
    else:
        results = Evaluator(shapes, index).run()
    results.extend(foreign_results(shapes, index))
    unique = {r.key: r for r in results}
    return list(unique.values())


def _graph_findings(shapes: Shapes, index: Index, file: str | None, workers: int) -> list[Finding]:
    """A graph's findings, each located at the practice (in IRI order) that holds its node."""
    practices = sorted(index.instances(BDP.Practice), key=str)
    origins: list[dict[str, object]] = [
        {"file": file, "record_index": i, "record_id": _record_id(index, node)}
        for i, node in enumerate(practices)
    ]
    results = _graph_results(shapes, index, workers)
    located = findings_of_results(results, shapes, index, practices, origins)
    return [f for _r, _o, found in located for f in found]


def _record_id(index: Index, practice: Node) -> str | None:
    for value in index.values(practice, DCTERMS.identifier):
        return str(value)
    return None


def validate_graph(graph: Graph | Iterable[Triple], *, shapes: Iterable[str | os.PathLike[str]] = ()) -> list[Finding]:
    """The findings of the product shapes (and ``shapes`` files) on an RDF graph.

    Findings name the practice holding each node by its position among the graph's practices in
    IRI order, and the field of the submission the node and path come from.
    """
    compiled = load_shapes(shapes)
    return Report.sort(_graph_findings(compiled, Index(graph), None, 1))


# --- the whole run ----------------------------------------------------------------------------------


def _warm() -> None:
    """Load what every worker needs once, before forking, so no worker loads it again."""
    submission_validator()
    teryt.register()
    for scheme in (concepts.themes, concepts.unit_types, concepts.levels, concepts.programmes):
        scheme()


def check_records(
    records: Sequence[SourcedPractice],
    *,
    shapes: Iterable[str | os.PathLike[str]] = (),
    base_uri: str = DEFAULT_BASE,
    workers: int | None = None,
) -> list[Finding]:
    """The SHACL findings, conflicts between records included, of records already read and
    resolved (`bdp_lod.records.prepare`), in report order.

    This is `validate`'s check of the records after reading, on a set of records the caller
    chose: ``publish --skip-invalid`` checks what is left once invalid records are left out
    (`bdp_lod.publish.left_out`). What reading found (the schema, TERC, the rules of
    `bdp_lod.publishable`) is about each record alone and does not change with the set.
    """
    compiled = load_shapes([str(s) for s in shapes])
    cores = available_workers() if workers is None else max(1, workers)
    _warm()
    uris = Uris(base_uri)
    found, _triples = _check_records(spill_records(records, uris), compiled, uris, cores if len(records) > PARALLEL_RECORDS else 1, None)
    return Report.sort(found)


def validate(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    shapes: Iterable[str | os.PathLike[str]] = (),
    encoding: str | None = None,
    base_uri: str = DEFAULT_BASE,
    progress: Progress | None = None,
    workers: int | None = None,
    records: list[SourcedPractice] | SpilledRecords | None = None,
    profile: Profile = DEFAULT_PROFILE,
    previous: PreviousNames | None = None,
) -> Report:
    """Validate every input and report every finding ``profile`` keeps (`Profile`).

    ``previous``, the practices of the edition before (`bdp_lod.publish.previous.read_previous`
    gives them), adds a ``record.renamed`` warning for each record that would rename one.

    ``shapes`` adds a publisher's shapes files to the product shapes. ``progress`` is told of
    each finished task (`bdp_lod.progress`); ``workers`` caps the processes (all cores by
    default). ``records``, when given a list, receives the practices of the record inputs
    (pages, JSON, JSONL, CSV) exactly as `bdp_lod.records.prepare` gives them (one per
    practice, units resolved, in input order), so that ``publish`` need not read them again;
    RDF inputs are validated as graphs and add none. Given a `SpilledRecords`, it receives
    them on disk: the run then holds a few batches of records at a time, whatever the size of
    the input (the records are read into one in any case). Raises `InputError` when an input or a
    shapes file cannot be read.
    """
    files = input_files(inputs)
    shape_files = [str(s) for s in shapes]
    compiled = load_shapes(shape_files)
    cores = available_workers() if workers is None else max(1, workers)
    record_files = [f for f in files if INPUT_KINDS[f.suffix.lower()] != "rdf"]
    rdf_files = [f for f in files if INPUT_KINDS[f.suffix.lower()] == "rdf"]
    findings: list[Finding] = []
    count = 0
    triples = 0
    if record_files:
        _warm()
        size = sum(f.stat().st_size for f in record_files)
        read_workers = cores if size > PARALLEL_BYTES else 1
        spill = records if isinstance(records, SpilledRecords) else SpilledRecords()
        try:
            findings.extend(prepare_spilled(
                record_files, spill, encoding=encoding, base_uri=base_uri, workers=read_workers, progress=progress,
            ))
            count = len(spill)
            check_workers = cores if count > PARALLEL_RECORDS else 1
            found, triples = _check_records(spill, compiled, Uris(base_uri), check_workers, progress)
            findings.extend(found)
            if previous is not None:
                findings.extend(rename_findings(spill, previous, Uris(base_uri)))
            if isinstance(records, list):
                records.extend(spill)
        finally:
            if spill is not records:
                spill.close()
    for path in rdf_files:
        index = Index(_rdf_triples(path))
        triples += len(index)
        count += len(index.instances(BDP.Practice))
        findings.extend(_graph_findings(compiled, index, str(path), cores))
    return Report(
        findings=Report.sort(findings, [str(f) for f in files]),
        files=[str(f) for f in files],
        records=count,
        triples=triples,
        shapes=shape_files,
    ).under(profile)
