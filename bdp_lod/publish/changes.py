"""The change set between two editions: one streamed merge of their sorted ``bdp.nt``.

Both dumps are sorted as ``LC_ALL=C sort -u`` sorts them (docs/publishing.md), so each subject's
lines are contiguous and subjects come in the byte order of ``<subject>``: a subject's lines in
one file are compared with its lines in the other, and everything else is read once and
forgotten. Memory holds one subject's lines at a time, plus the few facts kept of each subject
that changed (`Touched`), never a graph or a dump.

``changes.deleted.nt`` holds the lines only the previous dump has and ``changes.added.nt`` the
lines only the new one has, each in the dumps' order, so that the previous dump minus the
deleted lines plus the added lines is the new dump exactly, line for line (tests apply them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from ..serialize.blocks import Row, read_ntriples
from ..vocab import DCTERMS, LOCN, RDF, RDFS, SCHEMA, SKOS, VCARD

__all__ = ["ADDED_FILE", "ChangeSet", "DELETED_FILE", "KEPT_PREDICATES", "Touched", "change_set"]

DELETED_FILE, ADDED_FILE = "changes.deleted.nt", "changes.added.nt"

KEPT_PREDICATES = frozenset(str(p) for p in (
    RDF.type, DCTERMS.title, SKOS.prefLabel, RDFS.label, VCARD.fn, SCHEMA.name, LOCN.fullAddress,
    DCTERMS.identifier, DCTERMS.source,
))
"""What is kept of a changed subject: its kinds, its labels and what renames are matched by."""

Status = Literal["added", "changed", "withdrawn"]
_BUFFER = 1 << 20


@dataclass
class Touched:
    """A subject under ``{base}id/`` whose lines differ between the editions."""

    status: Status
    before: list[Row] = field(default_factory=list)
    """Its `KEPT_PREDICATES` rows in the previous edition (none when added)."""
    after: list[Row] = field(default_factory=list)
    """Its `KEPT_PREDICATES` rows in the new edition (none when withdrawn)."""


@dataclass
class ChangeSet:
    deleted: int = 0
    added: int = 0
    touched: dict[str, Touched] = field(default_factory=dict)
    """Subject IRI → how it changed, for the subjects under ``{base}id/``."""
    present: set[str] = field(default_factory=set)
    """The ``watch`` IRIs `change_set` was given that the new dump describes."""


def _groups(handle: IO[bytes]) -> Iterator[tuple[bytes, list[bytes]]]:
    """(``<subject>``, its lines) in file order."""
    key: bytes | None = None
    lines: list[bytes] = []
    for line in handle:
        subject = line[:line.index(b">") + 1]  # an IRI holds no '>'
        if subject != key:
            if key is not None:
                yield key, lines
            key, lines = subject, [line]
        else:
            lines.append(line)
    if key is not None:
        yield key, lines


def _kept(lines: list[bytes]) -> list[Row]:
    rows = read_ntriples(line.decode("utf-8") for line in lines)
    return [row for row in rows if row[1] in KEPT_PREDICATES]


def change_set(previous: Path, current: Path, folder: Path, *, base_uri: str, watch: frozenset[str] = frozenset()) -> ChangeSet:
    """Write ``changes.deleted.nt`` and ``changes.added.nt`` of ``previous`` → ``current`` into
    ``folder``, and say which subjects under ``{base_uri}id/`` changed how."""
    ours = f"<{base_uri}id/".encode("utf-8")
    watched = {f"<{iri}>".encode("utf-8") for iri in watch}
    result = ChangeSet()
    touched = result.touched
    with previous.open("rb", buffering=_BUFFER) as old_file, current.open("rb", buffering=_BUFFER) as new_file, \
            (folder / DELETED_FILE).open("wb", buffering=_BUFFER) as deleted, \
            (folder / ADDED_FILE).open("wb", buffering=_BUFFER) as added:
        olds, news = _groups(old_file), _groups(new_file)
        old, new = next(olds, None), next(news, None)
        while old is not None or new is not None:
            if new is None or (old is not None and old[0] < new[0]):
                assert old is not None
                deleted.writelines(old[1])
                result.deleted += len(old[1])
                if old[0].startswith(ours):
                    touched[old[0][1:-1].decode("utf-8")] = Touched("withdrawn", before=_kept(old[1]))
                old = next(olds, None)
                continue
            if old is None or new[0] < old[0]:
                added.writelines(new[1])
                result.added += len(new[1])
                if new[0].startswith(ours):
                    touched[new[0][1:-1].decode("utf-8")] = Touched("added", after=_kept(new[1]))
            elif old[1] != new[1]:
                before, after = set(old[1]), set(new[1])
                gone = [line for line in old[1] if line not in after]
                came = [line for line in new[1] if line not in before]
                deleted.writelines(gone)
                added.writelines(came)
                result.deleted += len(gone)
                result.added += len(came)
                if new[0].startswith(ours):
                    touched[new[0][1:-1].decode("utf-8")] = Touched("changed", _kept(old[1]), _kept(new[1]))
            if new[0] in watched:
                result.present.add(new[0][1:-1].decode("utf-8"))
            if old is not None and old[0] == new[0]:
                old = next(olds, None)
            new = next(news, None)
    return result
