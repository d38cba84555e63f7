"""SPARQL 1.1 Update requests built around N-Triples files, streamed from disk and never held whole.

A change set is two sorted N-Triples files. Every N-Triples line is also a triple in SPARQL's
``INSERT DATA`` / ``DELETE DATA`` syntax, so a request is the files' bytes between a few fixed
words: its size is known before it is sent (``Content-Length``, which a store can check against
its limit before reading), and a request too large for the store is cut between lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError

__all__ = ["FileSlice", "UpdateBody", "UpdateRequest", "data_operation", "pack", "slices", "split_lines"]

_CHUNK = 1 << 16


@dataclass(frozen=True)
class FileSlice:
    """Bytes ``start`` to ``end`` of a file: whole lines of it."""

    path: Path
    start: int
    end: int

    @property
    def size(self) -> int:
        return self.end - self.start


Piece = bytes | FileSlice


@dataclass(frozen=True)
class UpdateRequest:
    """One request: its operations' pieces, in order, joined by nothing (each piece ends its own)."""

    pieces: tuple[Piece, ...]

    @property
    def size(self) -> int:
        return sum(len(p) if isinstance(p, bytes) else p.size for p in self.pieces)

    def open_body(self) -> UpdateBody:
        return UpdateBody(self)


class UpdateBody:
    """A request body that reads its pieces in turn and knows its length.

    ``requests`` sends a body with ``read`` and ``__len__`` as a stream with a
    ``Content-Length`` header; a generator would go chunked, and a store cannot refuse an
    over-long chunked body before it has read it.
    """

    def __init__(self, request: UpdateRequest):
        self._length = request.size
        self._pieces = iter(request.pieces)
        self._chunks: Iterator[bytes] = iter(())

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self.read():
            yield chunk

    def read(self, size: int = -1) -> bytes:
        while True:
            chunk = next(self._chunks, None)
            if chunk is not None:
                return chunk
            piece = next(self._pieces, None)
            if piece is None:
                return b""
            self._chunks = iter((piece,)) if isinstance(piece, bytes) else _read_slice(piece)

    def close(self) -> None:
        self._pieces = iter(())
        self._chunks = iter(())


def _read_slice(piece: FileSlice) -> Iterator[bytes]:
    with piece.path.open("rb") as handle:
        handle.seek(piece.start)
        left = piece.size
        while left:
            chunk = handle.read(min(left, _CHUNK))
            if not chunk:
                raise InputError("changed while it was being sent", file=str(piece.path),
                                 pl="zmienił się w trakcie wysyłania")
            left -= len(chunk)
            yield chunk


def data_operation(verb: str, graph: str, body: Piece) -> tuple[Piece, ...]:
    """``INSERT DATA`` or ``DELETE DATA`` of ``body``'s triples in ``graph``, ending with ``;``."""
    return (f"{verb} DATA {{ GRAPH <{graph}> {{\n".encode("utf-8"), body, b"} } ;\n")


def pack(operations: list[tuple[Piece, ...]], limit: int, first: bytes = b"") -> list[UpdateRequest]:
    """Operations, in order, packed into as few requests of at most ``limit`` bytes as they go;
    ``first`` opens the first request. Each operation must fit on its own."""
    packed: list[UpdateRequest] = []
    current: tuple[Piece, ...] = (first,) if first else ()
    for operation in operations:
        candidate = UpdateRequest((*current, *operation))
        if current and candidate.size > limit:
            packed.append(UpdateRequest(current))
            current = operation
        else:
            current = candidate.pieces
    if current:
        packed.append(UpdateRequest(current))
    return packed


def split_lines(data: bytes, budget: int) -> list[bytes]:
    """In-memory N-Triples (a catalog, a few hundred lines) cut between lines, as `slices` cuts a file."""
    found: list[bytes] = []
    current = b""
    for line in data.splitlines(keepends=True):
        _fits(line, budget, None)
        if len(current) + len(line) > budget:
            found.append(current)
            current = b""
        current += line
    if current:
        found.append(current)
    return found


def _fits(line: bytes, budget: int, path: Path | None) -> None:
    if len(line) > budget:
        raise InputError(
            f"a line of {len(line)} bytes does not fit in an update request of the size allowed",
            file=None if path is None else str(path),
            pl=f"wiersz o długości {len(line)} bajtów nie mieści się w żądaniu aktualizacji dozwolonego rozmiaru",
        )


def slices(path: Path, budget: int) -> list[FileSlice]:
    """``path`` cut between lines into slices of at most ``budget`` bytes (none for an empty file)."""
    found: list[FileSlice] = []
    start = position = 0
    with path.open("rb") as handle:
        for line in handle:
            _fits(line, budget, path)
            if position + len(line) - start > budget:
                found.append(FileSlice(path, start, position))
                start = position
            position += len(line)
    if position > start:
        found.append(FileSlice(path, start, position))
    return found
