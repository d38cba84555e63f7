"""Subject blocks of a publication of any size: an external sort into the N-Triples order.

`bdp_lod.serialize.blocks.SubjectBlocks` holds every block until the dump is written, about the
size of the N-Triples dump (640 MB at 100,000 practices). `SpilledBlocks` holds them up to a
bound, then writes what it holds as a sorted run, an N-Triples file of its own, and starts
again; `SpilledBlocks.sorted_blocks` merges the runs. The merge gives a subject that several
runs hold the union of its lines, sorted, exactly what `SubjectBlocks` makes of the same blocks
in one dictionary, so the dumps are the same bytes whatever the bound (tests/test_spill.py).

`ntriples_blocks` reads blocks back from such a file, or from a finished ``bdp.nt``: the Turtle
dump and the summary are made from the N-Triples dump on disk, not from memory.
"""

from __future__ import annotations

import heapq
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Iterator

from .blocks import Block, SubjectBlocks, write_ntriples

__all__ = ["SpilledBlocks", "ntriples_blocks", "subject_boundary"]


class SpilledBlocks:
    """`SubjectBlocks` with bounded memory: at most about ``limit`` bytes of lines in memory,
    the rest in sorted runs under ``folder`` (which the caller removes)."""

    LIMIT = 64 << 20
    """Bytes of N-Triples held before a run is written: a few runs at 100,000 practices."""

    def __init__(self, folder: Path, limit: int | None = None) -> None:
        self._folder = folder
        self._limit = self.LIMIT if limit is None else limit
        self._held = SubjectBlocks()
        self._size = 0
        self._runs: list[Path] = []

    @property
    def runs(self) -> int:
        """Sorted runs written so far."""
        return len(self._runs)

    def add_block(self, block: Block) -> None:
        """Take one subject's lines (sorted and distinct, as `BlockMaker` makes them)."""
        self._held.add_block(block)
        self._size += len(block.lines)
        if self._size >= self._limit:
            path = self._folder / f"run-{len(self._runs):05d}.nt"
            with path.open("wb") as out:
                write_ntriples(self._held, out)
            self._runs.append(path)
            self._held = SubjectBlocks()
            self._size = 0

    def sorted_blocks(self) -> Iterator[tuple[str, bytes]]:
        """(``<subject>``, its N-Triples lines) in the dump's order, the runs merged."""
        streams = [ntriples_blocks(path) for path in self._runs]
        streams.append(self._held.sorted_blocks())
        if len(streams) == 1:
            yield from streams[0]
            return
        for key, group in groupby(heapq.merge(*streams, key=itemgetter(0)), key=itemgetter(0)):
            parts = [lines for _key, lines in group]
            first = parts[0]
            if all(part == first for part in parts):
                yield key, first
            else:
                merged = {line for part in parts for line in part.splitlines(keepends=True)}
                yield key, b"".join(sorted(merged))


def ntriples_blocks(path: Path, start: int = 0, end: int | None = None) -> Iterator[tuple[str, bytes]]:
    """(``<subject>``, its lines) of an N-Triples file whose lines are grouped by subject, as
    `write_ntriples` writes them, from byte ``start`` to ``end`` (both where a line starts, as
    `subject_boundary` finds them). A subject ends at the first ``> ``: IRIs hold no space."""
    with path.open("rb") as handle:
        handle.seek(start)
        lines: Iterable[bytes] = handle if end is None else _until(handle, end - start)
        for key, group in groupby(lines, key=_subject):
            yield key.decode("utf-8"), b"".join(group)


def subject_boundary(path: Path, near: int) -> int:
    """An offset at or after byte ``near`` where one subject's lines end and the next one's
    begin (or the file's size): where an N-Triples file grouped by subject can be cut into
    parts that share no subject, each read by another process."""
    with path.open("rb") as handle:
        if near <= 0:
            return 0
        handle.seek(near - 1)
        offset = near - 1 + len(handle.readline())  # the end of the line holding byte near - 1
        line = handle.readline()
        if not line:
            return offset
        subject = _subject(line)
        offset += len(line)
        for line in handle:
            if _subject(line) != subject:
                return offset
            offset += len(line)
        return offset


def _subject(line: bytes) -> bytes:
    return line[: line.index(b"> ") + 1]


def _until(lines: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The lines that make up the next ``size`` bytes."""
    for line in lines:
        if size <= 0:
            return
        size -= len(line)
        yield line
