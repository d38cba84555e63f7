"""``edition.json``, read: the one reader of the file `bdp_lod.publish.editions` writes.

Two readers need it: the next edition (``publish --previous``, `bdp_lod.publish.previous`)
and ``push`` (`bdp_lod.store`: which edition a folder is, the one before it, its change set).
Every field is checked here, once, so that both refuse a garbled file with the same one line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from ..errors import InputError

__all__ = ["EDITION_FILE", "ChangeFiles", "EditionFile", "read_edition_file"]

EDITION_FILE: Final = "edition.json"
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ChangeFiles:
    """The two N-Triples files that turn the previous edition's ``bdp.nt`` into this one's."""

    deleted: str
    added: str
    deleted_triples: int
    added_triples: int


@dataclass(frozen=True)
class EditionFile:
    dataset: str
    base_uri: str
    edition: int
    issued: date
    """The first edition's release date."""
    modified: date
    """This edition's release date."""
    sha256: str
    """SHA-256 of this edition's ``bdp.nt``."""
    triples: int
    previous_edition: int | None
    previous_sha256: str | None
    changes: ChangeFiles | None
    """None for edition 1, which has no edition before it."""


class _Garbled(ValueError):
    def __init__(self, en: str, pl: str) -> None:
        super().__init__(en)
        self.pl = pl


def read_edition_file(path: Path) -> EditionFile:
    """The ``edition.json`` at ``path``; `bdp_lod.errors.InputError` when it cannot be read or
    is not what an edition writes (the first field that is not, named)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise _Garbled("not a JSON object", "to nie jest obiekt JSON")
        edition = _number(data, "edition", least=1)
        issued, modified = _date(data, "issued"), _date(data, "modified")
        previous, changes = data.get("previous"), data.get("changes")
        if previous is not None and not isinstance(previous, dict):
            raise _Garbled('"previous" is neither null nor an object', '"previous" nie jest ani null, ani obiektem')
        if changes is not None and not isinstance(changes, dict):
            raise _Garbled('"changes" is neither null nor an object', '"changes" nie jest ani null, ani obiektem')
        return EditionFile(
            dataset=_text(data, "dataset"), base_uri=_text(data, "base_uri"), edition=edition, issued=issued,
            modified=modified, sha256=_digest(data, "sha256"), triples=_number(data, "triples"),
            previous_edition=None if previous is None else _number(previous, "edition", least=1),
            previous_sha256=None if previous is None else _digest(previous, "sha256"),
            changes=None if changes is None else ChangeFiles(
                deleted=_name(changes, "deleted"), added=_name(changes, "added"),
                deleted_triples=_number(changes, "deleted_triples"), added_triples=_number(changes, "added_triples"),
            ),
        )
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path),
                         pl=f"nie można odczytać: {exc.strerror or exc}") from None
    except _Garbled as exc:
        raise InputError(f"not an edition description: {exc}", file=str(path), pl=f"to nie jest opis wydania: {exc.pl}") from None
    except (UnicodeDecodeError, ValueError) as exc:  # json's own errors
        first = str(exc).splitlines()[0]
        raise InputError(f"not an edition description: {first}", file=str(path), pl=f"to nie jest opis wydania: {first}") from None


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise _Garbled(f'"{key}" is not a text', f'"{key}" nie jest tekstem')
    return value


def _number(data: dict[str, Any], key: str, *, least: int = 0) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise _Garbled(f'"{key}" is not a number from {least}', f'"{key}" nie jest liczbą od {least}')
    return value


def _date(data: dict[str, Any], key: str) -> date:
    value = data.get(key)
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _Garbled(f'"{key}" is not a date YYYY-MM-DD', f'"{key}" nie jest datą RRRR-MM-DD')


def _digest(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise _Garbled(f'"{key}" is not a SHA-256 (64 hexadecimal digits)', f'"{key}" nie jest SHA-256 (64 cyfry szesnastkowe)')
    return value


def _name(data: dict[str, Any], key: str) -> str:
    """A file name in the same folder: a change set never points outside its publication."""
    value = _text(data, key)
    if "/" in value or "\\" in value or value in (".", ".."):
        raise _Garbled(f'"{key}" is not a file name in the folder', f'"{key}" nie jest nazwą pliku w folderze')
    return value
