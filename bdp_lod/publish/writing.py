"""The three dumps of a publication, written from records in one pass (`write_dumps`).

Each practice is mapped once (`bdp_lod.mapping.practice_triples`), in the order of the practice
IRIs: its JSON-LD object is rendered (`bdp_lod.serialize.jsonld`) and its triples are formatted
into per-subject N-Triples blocks (`bdp_lod.serialize.blocks`). That work is spread over forked
processes in runs of `CHUNK` practices, each worker reading its practices by position (from
disk when ``publish`` hands over `bdp_lod.spilled_records.SpilledRecords`); the parent writes
the JSON-LD objects in order and sorts the blocks on disk (`bdp_lod.serialize.spill`). Merging
the sorted runs writes N-Triples; the forked processes then read it back in parts cut between
subjects, each writing its part of the Turtle and counting the same split lines for the summary
(`bdp_lod.publish.release.SubjectSummarizer`), and the parts are joined. Memory is a few runs
of practices and 64 MB of blocks, whatever the number of practices. The files are the
same bytes with one process or several, and each the same bytes as
`bdp_lod.serialize.write_practices` writes for that format (what ``convert`` uses).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..mapping import practice_triples
from ..model import Practice
from ..uris import Uris
from ..vocab import PREFIXES
from ..parallel import ordered_map
from ..serialize.blocks import Block, BlockMaker, RowMaker, TurtleNames, write_ntriples, write_statements, write_turtle
from ..serialize.jsonld import CONTEXT, JsonLdWriter, Rendered, Renderer, context
from ..serialize.spill import SpilledBlocks, ntriples_blocks, subject_boundary
from .editions import PracticeDates
from .release import DataSummary, SubjectSummarizer

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


def _iris_task(bounds: tuple[int, int]) -> list[str]:
    practices: Sequence[Practice] = _JOB["practices"]
    uris: Uris = _JOB["uris"]
    return [uris.practice(practices[i]) for i in range(*bounds)]


def _map_chunk(bounds: tuple[int, int]) -> tuple[list[Rendered], list[Block]]:
    """Map, render and format one run of practices: the part of publishing that parallelises."""
    practices: Sequence[Practice] = _JOB["practices"]
    ordered: list[tuple[str, int]] = _JOB["ordered"]
    uris: Uris = _JOB["uris"]
    if _WORKER.get("job") is not _JOB.get("id"):
        root = f"{uris.base}id/practice/"
        _WORKER.update(job=_JOB.get("id"), renderer=Renderer(_JOB["context"]), maker=BlockMaker(root), rows=RowMaker(root))
    renderer: Renderer = _WORKER["renderer"]
    maker: BlockMaker = _WORKER["maker"]
    row_maker: RowMaker = _WORKER["rows"]
    dates: PracticeDates | None = _JOB["dates"]
    rendered, blocks = [], []
    for iri, position in ordered[bounds[0]:bounds[1]]:
        rows = row_maker.rows(practice_triples(practices[position], uris))
        if dates is not None:
            rows = dates.stamp(iri, rows)
        rendered.append(renderer.practice(iri, rows))
        blocks.extend(maker.blocks(rows))
    return rendered, blocks


def write_dumps(
    practices: Iterable[Practice] | Sequence[Practice],
    folder: Path,
    *,
    base_uri: str,
    workers: int = 1,
    then: Callable[[Path], None] | None = None,
    progress: Callable[[str], None] | None = None,
    timings: dict[str, float] | None = None,
    dates: PracticeDates | None = None,
    iris: Sequence[str] | None = None,
) -> DataSummary:
    """Write ``bdp.jsonld``, ``bdp.nt`` and ``bdp.ttl`` of ``practices`` into ``folder``.

    Practices are written in the order of their IRIs whatever order they come in; with
    ``workers`` > 1 they are mapped in that many forked processes, with the same result. A
    `Sequence` (such as `bdp_lod.spilled_records.SpilledRecords.practices`) is read by position
    as it is mapped, never held whole; any other iterable is listed first. ``iris``, when
    given, are the practices' IRIs in the same order (`bdp_lod.spilled_records.SpilledRecords`
    keeps them from validation): without them every practice is read once more only to be
    named, about 60 µs a practice when it comes from disk. ``then`` is called with each
    finished file, once all three are written: no thread may run while the work is forked.
    ``dates`` gives each practice its ``dcterms:modified`` (an edition's).
    """
    timings = {} if timings is None else timings
    uris = Uris(base_uri)
    runs = tempfile.TemporaryDirectory(prefix=".sort-", dir=folder)
    blocks = SpilledBlocks(Path(runs.name))
    started = time.perf_counter()
    ctx = context()
    items = practices if isinstance(practices, Sequence) else list(practices)
    if len(items) < PARALLEL_PRACTICES:
        workers = 1
    _JOB.update(id=object(), practices=items, uris=uris, context=ctx, dates=dates)
    bounds = [(start, min(start + CHUNK, len(items))) for start in range(0, len(items), CHUNK)]
    try:
        if iris is None:
            iris = [iri for part in ordered_map(_iris_task, bounds, workers) for iri in part]
        elif len(iris) != len(items):
            raise ValueError(f"{len(iris)} IRIs given for {len(items)} practices")
        ordered = sorted(zip(iris, range(len(items))), key=lambda pair: pair[0])
        _JOB.update(ordered=ordered)
        with (folder / "bdp.jsonld").open("wb") as out:
            writer = JsonLdWriter(out, ctx)
            for rendered, made in ordered_map(_map_chunk, bounds, workers):
                for practice in rendered:
                    writer.write(practice)
                for block in made:
                    blocks.add_block(block)
            writer.close()
        timings["bdp.jsonld"] = time.perf_counter() - started
        del ordered, items
        _JOB.clear()
        started = time.perf_counter()
        with (folder / "bdp.nt").open("wb") as out:
            write_ntriples(blocks, out)
        timings["bdp.nt"] = time.perf_counter() - started
        started = time.perf_counter()
        runs.cleanup()
        summary = _write_turtle(folder / "bdp.nt", folder / "bdp.ttl", workers)
        timings["bdp.ttl+summary"] = time.perf_counter() - started
    finally:
        _JOB.clear()
        _WORKER.clear()
        runs.cleanup()
    for name in ("bdp.jsonld", "bdp.nt", "bdp.ttl"):
        if then is not None:
            then(folder / name)
        if progress is not None:
            progress(name)
    return summary


def _write_turtle(ntriples: Path, turtle: Path, workers: int) -> DataSummary:
    """The Turtle dump and the summary, from the finished N-Triples dump in ``workers`` parts
    cut between subjects: each process writes its part's statements and counts its subjects
    from the same split lines, and the parts are joined in order, the bytes of one pass."""
    size = ntriples.stat().st_size
    cuts = [0]
    for part in range(1, workers):
        cuts.append(max(cuts[-1], subject_boundary(ntriples, size * part // workers)))
    cuts.append(size)
    with tempfile.TemporaryDirectory(prefix=".turtle-", dir=turtle.parent) as parts:
        files = [turtle, *(Path(parts) / f"part-{part}.ttl" for part in range(1, workers))]
        _JOB.update(ntriples=ntriples)
        tasks = [(files[part], cuts[part], cuts[part + 1], part == 0) for part in range(workers)]
        summarizer = SubjectSummarizer()
        for counted in ordered_map(_turtle_part, tasks, workers):
            summarizer.merge(counted)
        with turtle.open("ab") as out:
            for path in files[1:]:
                with path.open("rb") as part_file:
                    shutil.copyfileobj(part_file, out, 1 << 20)
    return summarizer.summary()


def _turtle_part(task: tuple[Path, int, int, bool]) -> SubjectSummarizer:
    """One part of the Turtle dump (with the prefixes when it is the first) and its summary."""
    target, start, end, first = task
    summarizer = SubjectSummarizer()
    blocks = _Written(Path(_JOB["ntriples"]), start, end)
    with target.open("wb") as out:
        if first:
            write_turtle(blocks, out, grouped=summarizer.add_subject)
        else:
            write_statements(blocks, out, TurtleNames(PREFIXES), summarizer.add_subject)
    return summarizer


class _Written:
    """The blocks of part of a finished N-Triples dump, read back from the file in its order."""

    def __init__(self, path: Path, start: int, end: int) -> None:
        self.path, self.start, self.end = path, start, end

    def sorted_blocks(self) -> Iterator[tuple[str, bytes]]:
        return ntriples_blocks(self.path, self.start, self.end)
