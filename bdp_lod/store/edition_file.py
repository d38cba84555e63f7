"""What `push` reads from a folder's ``edition.json``: its edition, the one before, the change set.

Only the fields a push needs, by the editions contract (``publish --previous`` writes the file;
``docs/push.md``, "Reading edition.json", lists what is read). Kept apart and small so that the
publishing side's own reader of ``edition.json`` can replace it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["EDITION_FILE", "ChangeSet", "EditionFile", "read_edition_file"]

EDITION_FILE = "edition.json"


@dataclass(frozen=True)
class ChangeSet:
    """The two N-Triples files that turn the previous edition's ``bdp.nt`` into this one's."""

    deleted: str
    added: str
    deleted_triples: int
    added_triples: int


@dataclass(frozen=True)
class EditionFile:
    dataset: str
    edition: int
    sha256: str
    """SHA-256 of this edition's ``bdp.nt``."""
    triples: int
    previous_edition: int | None
    previous_sha256: str | None
    changes: ChangeSet | None
    """None for edition 1, which has no edition before it."""


def read_edition_file(folder: Path) -> EditionFile | None:
    """The folder's ``edition.json``; None when it has none (a folder published without editions)."""
    path = folder / EDITION_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        previous, changes = data["previous"], data["changes"]
        return EditionFile(
            dataset=_text(data["dataset"]),
            edition=_count(data["edition"]),
            sha256=_text(data["sha256"]),
            triples=_count(data["triples"]),
            previous_edition=None if previous is None else _count(previous["edition"]),
            previous_sha256=None if previous is None else _text(previous["sha256"]),
            changes=None if changes is None else ChangeSet(
                deleted=_name(changes["deleted"]),
                added=_name(changes["added"]),
                deleted_triples=_count(changes["deleted_triples"]),
                added_triples=_count(changes["added_triples"]),
            ),
        )
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path), pl=f"nie można odczytać: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        reason = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise InputError(
            f"not an edition file: {reason}", file=str(path), pl=f"to nie jest plik wydania: {reason}",
        ) from None


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"expected a non-empty string, found {value!r}")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number, found {value!r}")
    return value


def _name(value: Any) -> str:
    """A file name in the same folder: a change set never points outside its publication."""
    name = _text(value)
    if "/" in name or "\\" in name or name in (".", ".."):
        raise ValueError(f"expected a file name in the folder, found {value!r}")
    return name
