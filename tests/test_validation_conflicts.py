"""Records that disagree about a shared node: each disagreement named once, with who says what."""

from __future__ import annotations

from pathlib import Path

from bdp_lod.sources import read_file
from bdp_lod.uris import Uris
from bdp_lod.validation.conflicts import find_conflicts

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
LOCN = "http://www.w3.org/ns/locn#"


def test_two_addresses_for_one_institution_are_named_per_predicate_with_each_records_value() -> None:
    records = read_file(FIXTURES / "jsonl-two-addresses-for-one-institution.jsonl").records
    conflicts = find_conflicts(enumerate(records), Uris())
    summary = [
        (str(c.node), str(c.predicate), [(tuple(str(v) for v in value), at) for value, at in c.values])
        for c in conflicts
    ]
    address = "https://w3id.org/bdp/id/institution/urzad-miejski-w-czersku/address"
    assert summary == [
        (address, LOCN + "locatorDesignator", [(("27",), (0,)), (("29",), (1,))]),
        (address, LOCN + "fullAddress", [(("Kościuszki 27, 89-650 Czersk",), (0,)), (("Kościuszki 29, 89-650 Czersk",), (1,))]),
    ]


def test_records_that_agree_have_no_conflict() -> None:
    records = read_file(FIXTURES / "jsonl-two-addresses-for-one-institution.jsonl").records
    assert find_conflicts([(0, records[0]), (1, records[0])], Uris()) == []


def test_three_records_in_two_files_name_every_record_with_its_value(tmp_path: Path) -> None:
    lines = (FIXTURES / "jsonl-two-addresses-for-one-institution.jsonl").read_text(encoding="utf-8").splitlines()
    third = lines[1].replace("Kościuszki 29", "Kościuszki 31").replace('"czersk-b"', '"czersk-c"')
    (tmp_path / "a.jsonl").write_text(lines[0] + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(lines[1] + "\n" + third + "\n", encoding="utf-8")
    records = read_file(tmp_path / "a.jsonl").records + read_file(tmp_path / "b.jsonl").records
    conflicts = find_conflicts(enumerate(records), Uris())
    assert [(str(c.predicate).removeprefix(LOCN), [(tuple(str(v) for v in value), at) for value, at in c.values])
            for c in conflicts] == [
        ("locatorDesignator", [(("27",), (0,)), (("29",), (1,)), (("31",), (2,))]),
        ("fullAddress", [(("Kościuszki 27, 89-650 Czersk",), (0,)), (("Kościuszki 29, 89-650 Czersk",), (1,)),
                         (("Kościuszki 31, 89-650 Czersk",), (2,))]),
    ]
    assert [(r.origin.file.rsplit("/", 1)[-1], r.origin.index, r.origin.line) for r in records] == [
        ("a.jsonl", 0, 1), ("b.jsonl", 0, 1), ("b.jsonl", 1, 2)]
