"""The one serialiser of every RDF file the project writes: the three data dumps, ``convert``'s
output, ``catalog.ttl``, ``void.ttl`` and ``vocab.ttl``.

Two ways in, one set of writers (`bdp_lod.serialize.blocks` for N-Triples and Turtle,
`bdp_lod.serialize.jsonld` for JSON-LD):

* `write_practices` writes one dump of records: each practice mapped once, in the order of
  the practice IRIs. ``publish`` writes its three dumps from the same pieces in parallel
  (`bdp_lod.publish.writing`), so ``bdp-lod convert … -o x.nt`` and a publication's ``bdp.nt``
  are the same bytes for the same inputs.
* `serialize` writes any set of triples (catalog, VoID, vocabulary, a graph read from a file).

Why the order is what it is: N-Triples is the lines sorted by subject, each subject's lines
sorted (what ``LC_ALL=C sort -u`` gives, so releases diff line by line); Turtle is the same
subjects in the same order, one statement each, ``a`` first; JSON-LD is one object per practice
in IRI order with the nodes it reaches embedded. No rdflib or pyoxigraph writer is used:
rdflib's Turtle writer is quadratic in the subjects and its output changes with the hash seed,
and neither writes the per-practice JSON-LD a web developer can read (docs/publishing.md).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Iterable

from rdflib.term import Node

from ..files import atomic_write
from ..model import Practice
from .formats import FORMATS, RdfFormat, format_for
from ..vocab import PREFIXES
from .blocks import (
    Block, Row, SubjectBlocks, TurtleNames, rows_of, turtle_prefixes, turtle_statement, write_ntriples, write_turtle,
)
from .jsonld import JsonLdWriter, Renderer, context, context_header
from .practices import write_practices

__all__ = [
    "FORMATS", "AllFormats", "Documents", "RdfFormat", "format_for", "serialize", "write_graph", "write_practice_file", "write_practices",
    "write_triples",
]


class Documents:
    """Many small documents in one format, each the bytes `serialize` gives for its triples.

    The Linked Data site writes three documents for each of hundreds of thousands of
    resources; built once here are what every JSON-LD document would otherwise rebuild (the
    context's text and term tables) and the Turtle prefixes.
    """

    def __init__(self, fmt: RdfFormat) -> None:
        self.format = fmt
        if fmt is RdfFormat.JSON_LD:
            ctx = context()
            self._renderer = Renderer(ctx, leaves=True)
            self._header = context_header(ctx)

    def serialize(self, rows: Iterable[Row]) -> bytes:
        """One document of ``rows`` (duplicates removed)."""
        out = io.BytesIO()
        _write_rows(rows, self.format, out, self)
        return out.getvalue()


class AllFormats:
    """Many small documents, each in all three formats: the bytes `serialize` gives in each.

    The Turtle and the N-Triples of a document are written from one set of formatted lines
    (`SubjectBlocks`), and the Turtle prefixes and prefixed names are worked out once for all
    the documents, not once per document. So is the Turtle statement of a subject that many
    documents hold the same (a property's or a class's labels, a unit's name): the last
    `RECENT` blocks' statements are remembered.
    """

    RECENT = 10_000

    def __init__(self) -> None:
        self._jsonld = Documents(RdfFormat.JSON_LD)
        self._names = TurtleNames(PREFIXES)
        self._prefixes = turtle_prefixes(PREFIXES)
        self._statements: dict[bytes, bytes] = {}

    def serialize(self, rows: list[Row], lines: Iterable[Block] | None = None) -> dict[RdfFormat, bytes]:
        """The documents of ``rows`` (duplicates removed) by format; ``lines``, the blocks of
        ``rows`` when the caller has them already (the site reads them from the dump), are
        taken as they stand instead of formatting ``rows`` again."""
        blocks = SubjectBlocks()
        if lines is None:
            blocks.add(rows)
        else:
            for block in lines:
                blocks.add_block(block)
        return {
            RdfFormat.TURTLE: self._turtle(blocks),
            RdfFormat.JSON_LD: self._jsonld.serialize(rows),
            RdfFormat.N_TRIPLES: b"".join(block for _, block in blocks.sorted_blocks()),
        }


    def _turtle(self, blocks: SubjectBlocks) -> bytes:
        """What `write_turtle` writes, from statements made once per distinct block."""
        known = self._statements
        parts = [self._prefixes]
        for key, block in blocks.sorted_blocks():
            statement = known.get(block)
            if statement is None:
                if len(known) >= self.RECENT:
                    known.clear()
                statement = known[block] = b"\n" + turtle_statement(key, block, self._names).encode("utf-8")
            parts.append(statement)
        return b"".join(parts)


def serialize(triples: Iterable[tuple[Node, Node, Node]], fmt: RdfFormat) -> bytes:
    """The canonical serialisation of a set of triples (duplicates removed); a blank node
    raises `ValueError` (every node the project writes has an IRI)."""
    out = io.BytesIO()
    write_triples(triples, fmt, out)
    return out.getvalue()


def write_triples(triples: Iterable[tuple[Node, Node, Node]], fmt: RdfFormat, out: IO[bytes]) -> None:
    _write_rows(rows_of(triples), fmt, out)


def _write_rows(rows: Iterable[Row], fmt: RdfFormat, out: IO[bytes], prepared: Documents | None = None) -> None:
    if fmt is RdfFormat.JSON_LD:
        if prepared is not None:
            writer = JsonLdWriter(out, {}, renderer=prepared._renderer, header=prepared._header)
        else:
            writer = JsonLdWriter(out, context())
        by_subject: dict[str, list[tuple[str, object]]] = {}
        for s, p, o in rows:
            by_subject.setdefault(s, []).append((p, o))
        for subject in sorted(by_subject):
            writer.add_node(subject, tuple(by_subject[subject]))  # type: ignore[arg-type]  # rows hold N-Triples strings and Lit tuples, the writer's own terms
        writer.close()
        return
    blocks = SubjectBlocks()
    blocks.add(rows)
    (write_turtle if fmt is RdfFormat.TURTLE else write_ntriples)(blocks, out)


def write_graph(graph: Iterable[tuple[Node, Node, Node]], path: str | os.PathLike[str]) -> None:
    """Serialise ``graph`` to ``path`` in the format its extension names, atomically, creating
    its folder (``build/``) when missing."""
    data = serialize(graph, format_for(path))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def write_practice_file(practices: Iterable[Practice], path: str | os.PathLike[str], *, base_uri: str) -> None:
    """One dump of ``practices`` at ``path`` (format from its extension), atomically: the same
    bytes as the file of that format a publication of them holds."""
    out = io.BytesIO()
    write_practices(practices, format_for(path), out, base_uri=base_uri)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, out.getvalue())
