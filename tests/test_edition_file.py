"""``edition.json`` has one reader, for ``publish --previous`` and ``push`` alike: a garbled file
is refused with one line naming the first field that is not what an edition writes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdp_lod.errors import InputError
from bdp_lod.publish.edition_file import ChangeFiles, EditionFile, read_edition_file

B = "https://w3id.org/bdp/"
SHA_A, SHA_B = "a" * 64, "b" * 64
EDITION_2: dict[str, Any] = {
    "base_uri": B, "dataset": f"{B}data/bdp", "edition": 2, "iri": f"{B}data/bdp/edition/2",
    "issued": "2026-01-10", "modified": "2026-12-07", "sha256": SHA_B, "triples": 1200,
    "previous": {"edition": 1, "iri": f"{B}data/bdp/edition/1", "sha256": SHA_A, "triples": 1190},
    "changes": {"deleted": "changes.deleted.nt", "added": "changes.added.nt", "deleted_triples": 5, "added_triples": 15},
}


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_an_edition_reads_as_what_it_says(tmp_path: Path) -> None:
    assert read_edition_file(_write(tmp_path, EDITION_2)) == EditionFile(
        dataset=f"{B}data/bdp", base_uri=B, edition=2, issued=date(2026, 1, 10), modified=date(2026, 12, 7),
        sha256=SHA_B, triples=1200, previous_edition=1, previous_sha256=SHA_A,
        changes=ChangeFiles("changes.deleted.nt", "changes.added.nt", 5, 15),
    )


def test_the_first_edition_has_no_previous_and_no_change_set(tmp_path: Path) -> None:
    first = {**EDITION_2, "edition": 1, "previous": None, "changes": None}
    read = read_edition_file(_write(tmp_path, first))
    assert (read.edition, read.previous_edition, read.previous_sha256, read.changes) == (1, None, None, None)


@pytest.mark.parametrize(("change", "en", "pl"), [
    ({"edition": "dwa"}, '"edition" is not a number from 1', '"edition" nie jest liczbą od 1'),
    ({"edition": 0}, '"edition" is not a number from 1', '"edition" nie jest liczbą od 1'),
    ({"edition": True}, '"edition" is not a number from 1', '"edition" nie jest liczbą od 1'),
    ({"issued": "10.01.2026"}, '"issued" is not a date YYYY-MM-DD', '"issued" nie jest datą RRRR-MM-DD'),
    ({"sha256": "abc"}, '"sha256" is not a SHA-256 (64 hexadecimal digits)', '"sha256" nie jest SHA-256 (64 cyfry szesnastkowe)'),
    ({"triples": -1}, '"triples" is not a number from 0', '"triples" nie jest liczbą od 0'),
    ({"previous": []}, '"previous" is neither null nor an object', '"previous" nie jest ani null, ani obiektem'),
    ({"changes": {**EDITION_2["changes"], "added": "../../etc/passwd"}},
     '"added" is not a file name in the folder', '"added" nie jest nazwą pliku w folderze'),
])
def test_a_garbled_field_is_named_in_one_line_in_either_language(tmp_path: Path, change: dict[str, Any], en: str, pl: str) -> None:
    path = _write(tmp_path, {**EDITION_2, **change})
    with pytest.raises(InputError) as raised:
        read_edition_file(path)
    assert raised.value.describe("en") == f"{path}: not an edition description: {en}"
    assert raised.value.describe("pl") == f"{path}: to nie jest opis wydania: {pl}"


def test_a_file_that_is_not_json_is_refused_with_the_parsers_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "{edition: 2")
    with pytest.raises(InputError) as raised:
        read_edition_file(path)
    assert raised.value.describe("en") == (f"{path}: not an edition description: "
                                           "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")
