"""The records of a run kept on disk and read back by position, so that a run of any size holds
a few hundred of them in memory at a time.

``validate`` reads the inputs once (`bdp_lod.records.prepare_spilled`), checks the practices in
batches that gather an institution's practices from all over the input, and hands the same
records to ``publish``. Held as Python objects, 100,000 records took about 900 MB of the parent
(docs/performance.md, "Streaming"). Here each record is one pickle in an anonymous temporary
file (gone when the file is closed, or the process ends); the reading workers pickle them, so
the parent only writes bytes. Forked workers inherit the file and read it with ``os.pread``
(and the parent writes with ``os.pwrite``), which move no shared file offset, so any number of
them can read while none writes; where those are missing (Windows) nothing is forked either.

What the run needs of every record without reading it back is kept beside: the practice's IRI
(duplicates, the order of the dumps) and its institution's IRI (the validation batches).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from typing import Callable, Iterator, Sequence, TypeVar, overload

from .model import Practice, SourcedPractice

__all__ = ["Mapped", "SpilledRecords", "pack"]

_T = TypeVar("_T")
_R = TypeVar("_R")

_BUFFER = 1 << 20
"""Bytes of pickles gathered before one write, and read at once when iterating."""


def pack(record: SourcedPractice) -> bytes:
    """A record as `SpilledRecords.add` takes it."""
    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


class SpilledRecords(Sequence[SourcedPractice]):
    """Records in input order, on disk; ``iris[i]`` and ``institutions[i]`` in memory."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="bdp-records-", buffering=0)
        self._fd = self._file.fileno()
        self._offsets = array("Q", [0])
        self._pending = bytearray()
        self._writer = os.getpid()
        self.iris: list[str] = []
        """Each record's practice IRI."""
        self.institutions: list[str | None] = []
        """Each record's institution IRI, or None for a practice without one."""

    def add(self, packed: bytes, iri: str, institution: str | None) -> None:
        """Append a record packed by `pack`, with its practice's and institution's IRIs."""
        self._pending += packed
        self._offsets.append(self._offsets[-1] + len(packed))
        self.iris.append(iri)
        self.institutions.append(institution)
        if len(self._pending) >= _BUFFER:
            self.flush()

    def flush(self) -> None:
        """Write what is gathered; call before forking workers that read the records (a worker
        never writes: its copy of the buffer would land in the file a second time)."""
        if self._pending:
            if os.getpid() != self._writer:
                raise RuntimeError("records added but not flushed before the fork that reads them")
            _write_at(self._fd, bytes(self._pending), self._offsets[-1] - len(self._pending))
            self._pending.clear()

    def __len__(self) -> int:
        return len(self.iris)

    @overload
    def __getitem__(self, index: int) -> SourcedPractice: ...

    @overload
    def __getitem__(self, index: slice) -> list[SourcedPractice]: ...

    def __getitem__(self, index: int | slice) -> SourcedPractice | list[SourcedPractice]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        self.flush()
        start, end = self._offsets[index], self._offsets[index + 1]
        record: SourcedPractice = pickle.loads(_read_at(self._fd, end - start, start))
        return record

    def __iter__(self) -> Iterator[SourcedPractice]:
        """Every record in order, read a megabyte at a time."""
        self.flush()
        offsets, count, first = self._offsets, len(self), 0
        while first < count:
            last = first + 1
            while last < count and offsets[last + 1] - offsets[first] <= _BUFFER:
                last += 1
            chunk = _read_at(self._fd, offsets[last] - offsets[first], offsets[first])
            base = offsets[first]
            for i in range(first, last):
                yield pickle.loads(chunk[offsets[i] - base:offsets[i + 1] - base])
            first = last

    def practices(self) -> Mapped[Practice]:
        """The records' practices, read as they are asked for."""
        return Mapped(_practice, self)

    def close(self) -> None:
        """Remove the file; the records are gone."""
        self._file.close()


def _write_at(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        if hasattr(os, "pwrite"):
            written = os.pwrite(fd, view, offset)
        else:  # Windows: no fork there, so no other process shares the offset
            os.lseek(fd, offset, os.SEEK_SET)
            written = os.write(fd, view)
        view, offset = view[written:], offset + written


def _read_at(fd: int, size: int, offset: int) -> bytes:
    parts: list[bytes] = []
    while size > 0:
        if hasattr(os, "pread"):
            part = os.pread(fd, size, offset)
        else:
            os.lseek(fd, offset, os.SEEK_SET)
            part = os.read(fd, size)
        if not part:
            raise EOFError(f"spilled records end {size} bytes early")
        parts.append(part)
        size, offset = size - len(part), offset + len(part)
    return b"".join(parts)


def _practice(record: SourcedPractice) -> Practice:
    return record.practice


class Mapped(Sequence[_R]):
    """``[fn(x) for x in items]`` computed item by item when asked, never held: what lets
    ``publish`` redact the contacts of practices read from disk, in the workers that map them."""

    def __init__(self, fn: Callable[[_T], _R], items: Sequence[_T]) -> None:
        self._fn: Callable[[object], _R] = fn  # type: ignore[assignment]  # _T is erased once stored; items hold _T
        self._items: Sequence[object] = items

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> _R: ...

    @overload
    def __getitem__(self, index: slice) -> list[_R]: ...

    def __getitem__(self, index: int | slice) -> _R | list[_R]:
        if isinstance(index, slice):
            return [self._fn(item) for item in self._items[index]]
        return self._fn(self._items[index])

    def __iter__(self) -> Iterator[_R]:
        return map(self._fn, self._items)
