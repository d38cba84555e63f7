"""One dump of records, in one process: the sequential form of what ``publish`` spreads over
processes (`bdp_lod.publish.writing`), with the same writers and so the same bytes."""

from __future__ import annotations

from typing import IO, Iterable

from ..mapping import practice_triples
from ..model import Practice
from ..uris import Uris
from .blocks import BlockMaker, RowMaker, SubjectBlocks, write_ntriples, write_turtle
from .formats import RdfFormat
from .jsonld import JsonLdWriter, Renderer, context

__all__ = ["write_practices"]


def write_practices(practices: Iterable[Practice], fmt: RdfFormat, out: IO[bytes], *, base_uri: str) -> None:
    """Write ``practices`` as one ``fmt`` dump: each practice mapped once, in the order of
    their IRIs whatever order they come in."""
    uris = Uris(base_uri)
    ordered = sorted(((uris.practice(p), p) for p in practices), key=lambda pair: pair[0])
    row_maker = RowMaker(f"{uris.base}id/practice/")
    if fmt is RdfFormat.JSON_LD:
        ctx = context()
        renderer, writer = Renderer(ctx), JsonLdWriter(out, ctx)
        for iri, practice in ordered:
            writer.write(renderer.practice(iri, row_maker.rows(practice_triples(practice, uris))))
        writer.close()
        return
    maker, blocks = BlockMaker(), SubjectBlocks()
    for _, practice in ordered:
        for block in maker.blocks(row_maker.rows(practice_triples(practice, uris))):
            blocks.add_block(block)
    (write_turtle if fmt is RdfFormat.TURTLE else write_ntriples)(blocks, out)
