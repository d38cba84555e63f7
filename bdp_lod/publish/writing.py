"""The three dumps of a publication, written from records in one pass (`write_dumps`).

Each practice is mapped once (`bdp_lod.mapping.practice_triples`), in the order of the practice
IRIs: its JSON-LD object is rendered (`bdp_lod.serialize.jsonld`) and its triples are formatted
into per-subject N-Triples blocks (`bdp_lod.serialize.blocks`). That work is spread over forked
processes in runs of `CHUNK` practices; the parent writes the JSON-LD objects in order and
merges the blocks. It then writes N-Triples from the blocks, while two forked processes write
the Turtle and summarise the triples (`bdp_lod.publish.release.summarize`) side by side. The
files are the same bytes with one process or several, and each the same bytes as
`bdp_lod.serialize.write_practices` writes for that format (what ``convert`` uses).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable, Iterable

from ..mapping import practice_triples
from ..model import Practice
from ..uris import Uris
from ..parallel import ordered_map
from ..serialize.blocks import Block, BlockMaker, RowMaker, SubjectBlocks, write_ntriples, write_turtle
from ..serialize.jsonld import CONTEXT, JsonLdWriter, Rendered, Renderer, context
from .editions import PracticeDates
from .release import DataSummary, summarize

__all__ = ["CHUNK", "CONTEXT", "DUMPS", "PARALLEL_PRACTICES", "context", "write_dumps"]

DUMPS = ("bdp.ttl", "bdp.nt", "bdp.jsonld")
"""The data dumps, in the order the catalog lists them."""


CHUNK = 250
PARALLEL_PRACTICES = 2 * CHUNK
"""Below this many practices everything runs in this process: mapping is one or two tasks, and
forking for the Turtle file and the summary would cost more than it saves."""
"""Practices a mapping task takes: big enough to amortise the hand-over between processes."""

_JOB: dict[str, Any] = {}
"""What mapping tasks read besides their bounds: set before `ordered_map` forks the workers."""
_WORKER: dict[str, Any] = {}
"""Each process's own renderer and block maker, kept across its tasks for their caches."""


def _map_chunk(bounds: tuple[int, int]) -> tuple[list[Rendered], list[Block]]:
    """Map, render and format one run of practices: the part of publishing that parallelises."""
    ordered: list[tuple[str, Practice]] = _JOB["ordered"]
    uris: Uris = _JOB["uris"]
    if _WORKER.get("job") is not _JOB.get("id"):
        _WORKER.update(job=_JOB.get("id"), renderer=Renderer(_JOB["context"]), maker=BlockMaker(),
                       rows=RowMaker(f"{uris.base}id/practice/"))
    renderer: Renderer = _WORKER["renderer"]
    maker: BlockMaker = _WORKER["maker"]
    row_maker: RowMaker = _WORKER["rows"]
    dates: PracticeDates | None = _JOB["dates"]
    rendered, blocks = [], []
    for iri, practice in ordered[bounds[0]:bounds[1]]:
        rows = row_maker.rows(practice_triples(practice, uris))
        if dates is not None:
            rows = dates.stamp(iri, rows)
        rendered.append(renderer.practice(iri, rows))
        blocks.extend(maker.blocks(rows))
    return rendered, blocks


def write_dumps(
    practices: Iterable[Practice],
    folder: Path,
    *,
    base_uri: str,
    workers: int = 1,
    then: Callable[[Path], None] | None = None,
    progress: Callable[[str], None] | None = None,
    timings: dict[str, float] | None = None,
    dates: PracticeDates | None = None,
) -> DataSummary:
    """Write ``bdp.jsonld``, ``bdp.nt`` and ``bdp.ttl`` of ``practices`` into ``folder``.

    Practices are written in the order of their IRIs whatever order they come in; with
    ``workers`` > 1 they are mapped in that many forked processes, with the same result. ``then``
    is called with each finished file, once all three are written: no thread may run while
    the work is forked. ``dates`` gives each practice its ``dcterms:modified`` (an edition's).
    """
    timings = {} if timings is None else timings
    uris = Uris(base_uri)
    blocks = SubjectBlocks()
    started = time.perf_counter()
    ctx = context()
    ordered = sorted(((uris.practice(p), p) for p in practices), key=lambda pair: pair[0])
    if len(ordered) < PARALLEL_PRACTICES:
        workers = 1
    _JOB.update(id=object(), ordered=ordered, uris=uris, context=ctx, dates=dates)
    bounds = [(start, min(start + CHUNK, len(ordered))) for start in range(0, len(ordered), CHUNK)]
    try:
        with (folder / "bdp.jsonld").open("wb") as out:
            writer = JsonLdWriter(out, ctx)
            for rendered, made in ordered_map(_map_chunk, bounds, workers):
                for practice in rendered:
                    writer.write(practice)
                for block in made:
                    blocks.add_block(block)
            writer.close()
        timings["bdp.jsonld"] = time.perf_counter() - started
        del ordered
        _JOB.clear()
        started = time.perf_counter()
        with (folder / "bdp.nt").open("wb") as out:
            write_ntriples(blocks, out)
        timings["bdp.nt"] = time.perf_counter() - started
        started = time.perf_counter()
        _JOB.update(blocks=blocks, turtle=folder / "bdp.ttl")
        finished = list(ordered_map(_finish, ["bdp.ttl", "summary"], min(workers, 2)))
        summary = next(s for s in finished if s is not None)
        timings["bdp.ttl+summary"] = time.perf_counter() - started
    finally:
        _JOB.clear()
        _WORKER.clear()
    for name in ("bdp.jsonld", "bdp.nt", "bdp.ttl"):
        if then is not None:
            then(folder / name)
        if progress is not None:
            progress(name)
    return summary


def _finish(task: str) -> DataSummary | None:
    """The two last jobs, which can run side by side: the Turtle file, and the summary."""
    blocks: SubjectBlocks = _JOB["blocks"]
    if task == "summary":
        return summarize(blocks.rows())
    with Path(_JOB["turtle"]).open("wb") as out:
        write_turtle(blocks, out)
    return None
