"""Validating records in batches with exactly the results of one whole-graph run.

A batch maps a few hundred practices, indexes their triples and evaluates the shapes: memory
stays bounded and batches run in parallel. A node that several practices share (a unit, its
territory, an institution) is evaluated in each batch that holds it, and its results are kept
once. That equals one whole-graph run as long as every batch describes a shared node the same
way, because what a focus node's evaluation reads (its own triples, and the nodes its values
lead to, which the mapping always describes in the same practice) is then what the whole graph
says about them. Practices that share an institution are put in the same batch
(`bdp_lod.validation.pipeline`), so two addresses given for one institution meet in one batch,
as they would in the whole graph.

A batch therefore reports, for each shared node, a digest of its description in the batch, and
the nodes each practice points to without describing them. `Tally` collects them; where two
batches describe a node differently, or a practice points to a node that another describes, the
practices concerned are validated again together, and their results replace the batch results
for every node they describe.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..findings import Finding
from ..mapping import Shared, practice_parts
from ..model import SourcedPractice
from ..uris import Uris
from .engine import Evaluator, Index, ShaclResult, Triple
from .fields import Place, field_path, places, shown_value
from .messages import finding_of
from .shapes import Shapes

__all__ = ["BatchOutcome", "Located", "Tally", "check_batch", "findings_of_results"]

Key = tuple[object, ...]


@dataclass
class Located:
    """A result's findings and what the run needs to keep it once."""

    key: Key
    focus: Node
    owner: int | None
    """Global position of the first record whose practice describes the focus node."""
    findings: list[Finding]


@dataclass
class BatchOutcome:
    located: list[Located]
    subjects: dict[int, list[object]]
    """``hash(node)`` → [digest of the batch's description of the node, positions of the
    records describing it], for nodes outside the practices' own namespaces."""
    references: dict[int, list[int]]
    """``hash(node)`` → positions of the records that point to a node the batch does not describe."""
    private_references: dict[str, list[int]]
    """The same for nodes in a practice's namespace (``…/id/practice/…``), by IRI."""
    practices: int
    triples: int


class _Owners:
    """Each node's first practice (position in the batch) and its place there.

    ``holders`` (node → positions of the practices describing it, in order) names the practice
    without walking them all; a practice's places are found once, when a result needs them.
    """

    def __init__(self, index: Index, practice_nodes: Sequence[Node], holders: dict[Node, list[int]] | None = None) -> None:
        self.index = index
        self.practice_nodes = practice_nodes
        self.holders = holders
        self._places: dict[int, dict[Node, Place]] = {}
        self._table: dict[Node, tuple[int, Place]] | None = None

    def _of(self, position: int) -> dict[Node, Place]:
        found = self._places.get(position)
        if found is None:
            found = self._places[position] = places(self.index, self.practice_nodes[position])
        return found

    def __call__(self, node: Node) -> tuple[int | None, Place | None]:
        if self.holders is not None:
            for position in self.holders.get(node, ()):
                place = self._of(position).get(node)
                if place is not None:
                    return position, place
        if self._table is None:
            table: dict[Node, tuple[int, Place]] = {}
            for position in range(len(self.practice_nodes)):
                for member, place in self._of(position).items():
                    table.setdefault(member, (position, place))
            self._table = table
        found = self._table.get(node)
        return (found[0], found[1]) if found else (None, None)


def findings_of_results(
    results: Iterable[ShaclResult],
    shapes: Shapes,
    index: Index,
    practice_nodes: Sequence[Node],
    origins: Sequence[dict[str, object]],
    holders: dict[Node, list[int]] | None = None,
) -> list[tuple[ShaclResult, int | None, list[Finding]]]:
    """Each result with its owner (position in ``practice_nodes``) and its findings, located in
    the submission.

    ``origins[i]`` holds the file, record index, id and line of practice ``i``. A ``sh:node``
    result becomes the findings of the nested results that failed, each with the enclosing
    result as its context.
    """
    owners = _Owners(index, practice_nodes, holders)
    out = []
    for result in results:
        owner, place = owners(result.focus)
        where = origins[owner] if owner is not None else {}
        out.append((result, owner, _findings(result, shapes, index, owners, origins, where, place)))
    return out


def _findings(
    result: ShaclResult,
    shapes: Shapes,
    index: Index,
    owners: _Owners,
    origins: Sequence[dict[str, object]],
    where: dict[str, object],
    place: Place | None,
) -> list[Finding]:
    field = field_path(index, place, result.focus, result.path, result.value) if place else None
    # A node shape's value is its focus node: the field already says which node that is.
    value = None if result.value == result.focus else shown_value(field, result.value)
    finding = finding_of(result, shapes, field=field, value=value, **where)  # type: ignore[arg-type]  # where: file, record_index, record_id, line
    if not result.details:
        return [finding]
    leaves: list[Finding] = []
    for detail in result.details:
        owner, leaf_place = owners(detail.focus)
        leaf_where = origins[owner] if owner is not None else where
        for leaf in _findings(detail, shapes, index, owners, origins, leaf_where, leaf_place):
            leaves.append(leaf.at(severity=finding.severity, context=leaf.context or finding))
    return leaves


def check_batch(
    records: Sequence[tuple[int, SourcedPractice]],
    shapes: Shapes,
    uris: Uris,
    evaluated: set[int] | None = None,
) -> BatchOutcome:
    """Map and validate the records (each with its global position, in that order) as one graph.

    ``evaluated`` holds the hashes of the shared nodes this process has already evaluated in
    earlier batches of the run: their results would be the same again (the run keeps the first
    batch's), so they are not evaluated again, and the nodes evaluated now are added.
    """
    index = Index()
    practice_nodes: list[Node] = []
    origins: list[dict[str, object]] = []
    holders: dict[Node, list[int]] = {}
    pointers: dict[Node, list[int]] = {}
    practice_root = f"{uris.base}id/practice/"
    triples_seen = 0
    shared: dict[int, tuple[Shared, frozenset[Node], frozenset[Node]]] = {}
    """``id(part)`` → the part (held, so the id stays its own), its subjects and its node objects."""
    for batch_position, (position, record) in enumerate(records):
        own: set[Node] = set()
        objects: set[Node] = set()
        for part in practice_parts(record.practice, uris):
            triples_seen += len(part)
            if type(part) is Shared:
                known = shared.get(id(part))
                if known is None:  # a part met again adds nothing to the index: skip its triples
                    index.add(part)
                    known = shared[id(part)] = (part, frozenset(s for s, _p, _o in part), _nodes(part))
                own |= known[1]
                objects |= known[2]
            else:
                index.add(part)
                own.update(s for s, _p, _o in part)
                objects.update(_nodes(part))
        practice_nodes.append(URIRef(uris.practice(record.practice)))
        origin = record.origin
        origins.append(
            {"file": origin.file, "record_index": origin.index, "record_id": record.practice.id, "line": origin.line}
        )
        for node in own:
            holders.setdefault(node, []).append(batch_position)
        for node in objects - own:
            pointers.setdefault(node, []).append(position)
    subjects: dict[int, list[object]] = {}
    references: dict[int, list[int]] = {}
    private_references: dict[str, list[int]] = {}
    for node, held_by in holders.items():
        if not str(node).startswith(practice_root):
            description = frozenset((p, o) for p, objects in index.out[node].items() for o in objects)
            subjects[hash(node)] = [hash(description), [records[i][0] for i in held_by]]
    for node, positions in pointers.items():
        if str(node).startswith(practice_root):
            private_references[str(node)] = positions
        else:
            references[hash(node)] = positions
    evaluator = Evaluator(shapes, index)
    if evaluated is None:
        results = evaluator.run()
    else:
        fresh: set[int] = set()

        def first_time(focus: Node) -> bool:
            if str(focus).startswith(practice_root):
                return True
            key = hash(focus)
            if key in evaluated:
                return False
            fresh.add(key)
            return True

        results = evaluator.run(first_time)
        evaluated |= fresh
    located = [
        Located(key=result.key, focus=result.focus, owner=records[owner][0] if owner is not None else None, findings=findings)
        for result, owner, findings in findings_of_results(results, shapes, index, practice_nodes, origins, holders)
    ]
    return BatchOutcome(
        located=located,
        subjects=subjects,
        references=references,
        private_references=private_references,
        practices=len(records),
        triples=triples_seen,
    )


def _nodes(triples: Iterable[Triple]) -> frozenset[Node]:
    """The IRIs and blank nodes among the triples' objects."""
    # type() first: a literal is no node, and isinstance's ABC check of it runs Python code
    return frozenset(o for _s, _p, o in triples if type(o) is not Literal and isinstance(o, (URIRef, BNode)))


@dataclass
class Tally:
    """What the batches said, merged in record order, and the practices to validate again."""

    kept: dict[Key, Located] = field(default_factory=dict)
    digests: dict[int, object] = field(default_factory=dict)
    """Each shared node's description digest in the first batch that held it."""
    incidence: dict[int, array] = field(default_factory=dict)
    conflicts: set[int] = field(default_factory=set)
    references: dict[int, array] = field(default_factory=dict)
    private_references: dict[str, list[int]] = field(default_factory=dict)
    practices: int = 0
    triples: int = 0

    def add(self, outcome: BatchOutcome) -> None:
        """Merge a batch; batches arrive in record order, so the first owner of a result wins."""
        self.practices += outcome.practices
        self.triples += outcome.triples
        for located in outcome.located:
            self.kept.setdefault(located.key, located)
        for key, (digest, positions) in outcome.subjects.items():
            known = self.digests.setdefault(key, digest)
            if known != digest:
                self.conflicts.add(key)
            self.incidence.setdefault(key, array("I")).extend(positions)  # type: ignore[arg-type]  # positions are ints; array.extend takes any iterable of them
        for key, positions in outcome.references.items():
            self.references.setdefault(key, array("I")).extend(positions)
        for iri, positions in outcome.private_references.items():
            self.private_references.setdefault(iri, []).extend(positions)

    def affected(self, practice_iris: dict[str, int], target_nodes: Iterable[Node]) -> set[int]:
        """Record positions to validate again together: practices that disagree about a node,
        that point to a node another practice describes, or that describe a ``sh:targetNode``."""
        positions: set[int] = set()
        for key in self.conflicts:
            positions.update(self.incidence[key])
        for key, referrers in self.references.items():
            if key in self.incidence:
                positions.update(referrers)
                positions.update(self.incidence[key])
        for iri, holders in self.private_references.items():
            owner = _private_owner(iri, practice_iris)
            if owner is not None:
                positions.update(holders)
                positions.add(owner)
        for node in target_nodes:
            positions.update(self.incidence.get(hash(node), ()))
            owner = _private_owner(str(node), practice_iris)
            if owner is not None:
                positions.add(owner)
        return positions


def _private_owner(iri: str, practice_iris: dict[str, int]) -> int | None:
    """The record whose practice namespace holds ``iri`` (the practice or one of its parts)."""
    candidate = iri
    while True:
        if candidate in practice_iris:
            return practice_iris[candidate]
        if "/" not in candidate:
            return None
        candidate = candidate.rsplit("/", 1)[0]
