"""Per-resource descriptions and their RDF documents: what looking one IRI up returns.

Each IRI the publication mints gets a Turtle, a JSON-LD and an N-Triples document at the paths
`bdp_lod.site.layout.Layout.document` gives, written by the project's one serialiser. A document
holds the resource's own triples, those of the nodes nested under its IRI (a practice's
activities, an institution's address, a unit's TERC identifiers), and the labels of every IRI it
links to, so a client can name a neighbour without a second request.

Descriptions are made in one streaming pass: the subjects arrive in N-Triples order
(`bdp_lod.site.reading`), where every IRI that starts with a resource's IRI (its nested nodes,
``…/activity/1``, and its hash terms, ``def#Practice``) arrives in one run, so a resource is
complete as soon as a subject outside that run arrives. Only the few resources of the current
run are held, whatever the size of the data; the catalog (the base's description, whose
subjects are spread over the run of the whole base) is the one held to the end.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..serialize import FORMATS, AllFormats
from ..serialize.blocks import Block, Row, SubjectBlocks, nt_line, subject_block
from .census import LABELS, Census, take_census
from .description import Description
from .folder import SiteFolder
from .layout import CATALOG, RDF_VARIANTS, Layout, Variant
from .reading import Stated, stated, subjects

__all__ = ["DocumentWriter", "Share", "describe", "descriptions", "share_of"]

Share = tuple[int, int]
"""(k, n): the k-th of n disjoint parts of the descriptions, for n processes writing at once."""


def _family(path: str, paths: set[str]) -> str:
    """The outermost described path ``path`` is nested under, or ``path`` itself: a resource
    and the nodes nested under it (whose triples it holds) always fall into one share."""
    cut = path.find("/")
    while cut > 0:
        if path[:cut] in paths:
            return path[:cut]
        cut = path.find("/", cut + 1)
    return path


def _in_share(path: str, paths: set[str], share: Share) -> bool:
    k, n = share
    return n == 1 or zlib.crc32(_family(path, paths).encode("utf-8")) % n == k


def share_of(layout: Layout, census: Census, share: Share) -> Callable[[str], bool]:
    """Whether a subject's triples are needed for the descriptions of ``share``: what a worker
    reads the dump with (`bdp_lod.site.reading.stated`), so that it parses only its share's
    lines instead of the whole dump."""
    paths = census.paths

    def needed(subject: str) -> bool:
        path = layout.path(subject)
        return path is not None and _in_share(CATALOG if path == "" else path, paths, share)

    return needed


def _ancestor(path: str, paths: set[str]) -> str | None:
    """The nearest described path that ``path`` is nested under (``id/practice/x`` for its
    ``id/practice/x/activity/1``)."""
    cut = path.rfind("/")
    while cut > 0:
        if path[:cut] in paths:
            return path[:cut]
        cut = path.rfind("/", 0, cut)
    return None


def _own(stated: list[Stated]) -> tuple[tuple[Row, ...], tuple[Block, ...]]:
    """The triples and blocks of a description's subjects, in the order of its N-Triples
    document; a subject that two published files describe is merged into one block."""
    held = SubjectBlocks()
    rows: dict[str, list[Row]] = {}
    merged: set[str] = set()
    for _subject, its_rows, block in stated:
        held.add_block(block)
        if block.key in rows:
            merged.add(block.key)
            rows[block.key] = [*rows[block.key], *its_rows]
        else:
            rows[block.key] = its_rows
    blocks = tuple(Block(key, lines) for key, lines in held.sorted_blocks())
    triples: list[Row] = []
    for key, _lines in blocks:
        triples.extend(sorted(set(rows[key]), key=nt_line) if key in merged else rows[key])
    return tuple(triples), blocks


def _description(path: str, stated: list[Stated], census: Census, layout: Layout) -> Description:
    iri = layout.iri(path)
    triples, blocks = _own(stated)
    linked = census.backlinks.get(iri, {})
    named = {t for row in triples for t in (row[0], row[1], row[2]) if t.__class__ is str}
    labelled = named | set(linked) | {s for subjects in linked.values() for s in subjects}
    own = {row[0] for row in triples}
    labels = census.labels
    return Description(
        iri=iri,
        path=path,
        triples=triples,
        blocks=blocks,
        labels={i: labels[i] for i in labelled if i in labels},  # looked up, never iterated: no order to fix
        backlinks={p: tuple(sorted(set(s))) for p, s in sorted(linked.items())},
        neighbours=tuple(row for i in sorted(named - own) for row in census.stated.get(i, ())),
    )


def describe(
    stated: Iterable[Stated], layout: Layout, census: Census, share: Share = (0, 1),
) -> Iterator[Description]:
    """The description of every path of ``census`` in ``share``, as each is complete.

    ``stated`` is the stream the census was taken from (`bdp_lod.site.reading.stated`), or only
    the subjects of ``share`` (`share_of`). A path nested under another has a description of
    its own and is also part of its parent's; a path the publication only names (a version
    IRI, the shapes) is described by its labels and backlinks.
    """
    pending: dict[str, list[Stated]] = {}
    inherited: dict[str, list[Stated]] = {}
    prefixes: dict[str, str] = {}

    def complete(paths: list[str]) -> Iterator[Description]:
        for path in sorted(paths, key=len, reverse=True):  # the nested first: their parents take their subjects
            held = pending.pop(path, [])
            prefixes.pop(path, None)
            held.extend(inherited.pop(path, ()))
            parent = _ancestor(path, census.paths)
            if parent is not None:
                inherited.setdefault(parent, []).extend(held)
            if _in_share(path, census.paths, share):
                yield _description(path, held, census, layout)

    for one in stated:
        subject = one[0]
        path = layout.path(subject)
        if path is None:
            continue
        path = CATALOG if path == "" else path
        done = [p for p, prefix in prefixes.items() if not subject.startswith(prefix)]
        if done:
            yield from complete(done)
        if path not in pending:
            pending[path] = []
            if path != CATALOG:
                prefixes[path] = layout.iri(path)
        pending[path].append(one)
    for path in census.paths - census.subject_paths:
        pending.setdefault(path, [])
    yield from complete(list(pending))


def descriptions(folder: Path, layout: Layout) -> Iterator[Description]:
    """Every description of the publication in ``folder``: both passes, in one process."""
    return describe(stated(folder), layout, take_census(subjects(folder, literals=LABELS), layout))


class DocumentWriter:
    """Writes descriptions' RDF documents into a site folder, one description at a time."""

    def __init__(self, folder: SiteFolder, layout: Layout) -> None:
        self.folder = folder
        self.layout = layout
        self.written = 0
        self._formats = AllFormats()
        self._neighbours: dict[str, Block] = {}

    def write(self, description: Description, files: Mapping[Variant, str] | None = None) -> None:
        """Write the three documents; ``files`` are the description's documents
        (`Layout.variants`), when the caller has them already."""
        files = files or self.layout.variants(description.path)
        rows = [*description.triples, *description.neighbours]
        blocks = [*description.blocks, *self._neighbour_blocks(description.neighbours)] if description.blocks else None
        documents = self._formats.serialize(rows, blocks)
        for variant in RDF_VARIANTS:
            self.folder.write(files[variant], documents[FORMATS[variant.extension]])
            self.written += 1

    def _neighbour_blocks(self, neighbours: Iterable[Row]) -> Iterator[Block]:
        """The blocks of a description's neighbours, each formatted once per writer: a unit, a
        theme or an office is the neighbour of thousands of practices."""
        known = self._neighbours
        for subject, group in itertools.groupby(neighbours, key=lambda row: row[0]):
            block = known.get(subject)
            if block is None:
                block = known[subject] = subject_block(subject, group)
            yield block
