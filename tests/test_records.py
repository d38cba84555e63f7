"""Inputs become the records of a run: read, resolved against TERC, merged (bdp_lod.records)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import bdp_lod
from bdp_lod.findings import Severity
from bdp_lod.mapping import to_graph
from bdp_lod.model import LocalGovernmentUnit
from bdp_lod.records import prepare
from bdp_lod.serialize import write_graph

from conftest import EXAMPLES, example


def unit_of(name: str) -> LocalGovernmentUnit:
    (record,) = prepare([EXAMPLES / f"{name}.json"]).records
    assert record.practice.unit is not None
    return record.practice.unit


def test_czersk_takes_the_registers_name_powiat_and_code():
    assert unit_of("000-czersk") == LocalGovernmentUnit(
        name="Czersk", type="gmina-miejsko-wiejska", powiat="chojnicki", voivodeship="pomorskie",
        terc=("2202043",),
    )


def test_katowice_is_one_city_with_both_codes_and_no_powiat_but_itself():
    assert unit_of("002-katowice") == LocalGovernmentUnit(
        name="Katowice", type="miasto-na-prawach-powiatu", powiat=None, voivodeship="śląskie",
        terc=("2469", "2469011"),
    )


def test_srem_is_published_as_the_urban_rural_gmina_the_register_knows():
    assert unit_of("001-srem") == LocalGovernmentUnit(
        name="Śrem", type="gmina-miejsko-wiejska", powiat="śremski", voivodeship="wielkopolskie",
        terc=("3026043",),
    )


def test_disagreements_with_the_register_are_warnings_located_at_the_record():
    prepared = prepare([EXAMPLES / "001-srem.json", EXAMPLES / "002-katowice.json"])
    assert prepared.ok
    assert [(f.severity, f.code, f.file, f.record_index, f.field, f.value) for f in prepared.findings] == [
        (Severity.WARNING, "teryt.type-mismatch", str(EXAMPLES / "001-srem.json"), 0, "unit.type", "gmina-miejska"),
        (Severity.WARNING, "teryt.powiat-mismatch", str(EXAMPLES / "002-katowice.json"), 0, "unit.powiat", "katowicki"),
    ]
    srem = prepared.findings[0]
    assert srem.message.en == (
        "the source gives the unit type 'gmina miejska', but in TERC 2025-01-01 the unit is "
        "Śrem (3026043, gmina miejsko-wiejska, powiat śremski, wielkopolskie)"
    )
    assert srem.message.pl == (
        "źródło podaje typ jednostki 'gmina miejska', a w TERC 2025-01-01 jednostka to "
        "Śrem (3026043, gmina miejsko-wiejska, powiat śremski, wielkopolskie)"
    )


def test_an_ambiguous_unit_stays_as_the_source_wrote_it_with_the_candidates(tmp_path: Path):
    data = json.loads((EXAMPLES / "000-czersk.json").read_text(encoding="utf-8"))
    # "Dąbrowa" is a gmina wiejska in two województwa; without one there is no telling which.
    data["unit"] = {"name": "Dąbrowa", "type": "gmina-wiejska"}
    path = tmp_path / "dabrowa.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    prepared = prepare([path])
    (record,) = prepared.records
    assert record.practice.unit == LocalGovernmentUnit(name="Dąbrowa", type="gmina-wiejska")
    (finding,) = prepared.findings
    assert (finding.severity, finding.code, finding.field) == (Severity.WARNING, "teryt.ambiguous", "unit")
    assert finding.message.en == (
        "'Dąbrowa' matches 2 units in TERC 2025-01-01, and the source does not say which: "
        "Dąbrowa (0409012, gmina wiejska, powiat mogileński, kujawsko-pomorskie); "
        "Dąbrowa (1609022, gmina wiejska, powiat opolski, opolskie)"
    )


def test_the_same_practice_from_json_and_csv_merges_after_resolution():
    prepared = prepare([EXAMPLES])
    assert len(prepared.records) == 5
    assert prepared.ok
    # Śrem and Katowice are reported once per file that says it differently.
    assert sorted((f.code, Path(f.file or "").name) for f in prepared.findings) == [
        ("teryt.powiat-mismatch", "002-katowice.json"),
        ("teryt.powiat-mismatch", "bdp-practices.csv"),
        ("teryt.type-mismatch", "001-srem.json"),
        ("teryt.type-mismatch", "bdp-practices.csv"),
    ]


def test_conflicting_duplicates_are_a_violation(tmp_path: Path):
    shutil.copy(EXAMPLES / "000-czersk.json", tmp_path / "a.json")
    data = json.loads((EXAMPLES / "000-czersk.json").read_text(encoding="utf-8"))
    data["description"] += " Dopisek."
    (tmp_path / "b.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    prepared = prepare([tmp_path])
    assert not prepared.ok
    assert [(f.code, Path(f.file or "").name, f.field) for f in prepared.findings] == [
        ("practice.conflicting-duplicate", "b.json", "id"),
    ]


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_resolved_records_survive_a_round_trip(tmp_path: Path, suffix: str):
    practices = prepare([EXAMPLES]).practices
    path = tmp_path / f"dump{suffix}"
    write_graph(to_graph(practices), path)
    assert sorted(bdp_lod.load(path), key=lambda p: p.title) == sorted(practices, key=lambda p: p.title)


def test_a_published_dump_prepares_to_the_same_records(tmp_path: Path):
    practices = prepare([EXAMPLES]).practices
    path = tmp_path / "dump.ttl"
    write_graph(to_graph(practices), path)
    again = prepare([path])
    assert again.findings == []
    assert sorted(again.practices, key=lambda p: p.title) == sorted(practices, key=lambda p: p.title)


def test_the_hand_written_example_is_untouched_by_resolution():
    assert example("000-czersk").unit == LocalGovernmentUnit(
        name="Czersk", type="gmina-miejsko-wiejska", powiat="Chojnicki", voivodeship="pomorskie",
    )


def test_one_practice_from_a_page_json_and_csv_gives_identical_records_and_triples():
    seeds = Path(__file__).resolve().parent / "fixtures" / "seeds"
    from_page = prepare([seeds / "000_c4dbc536a2a9d4ca.txt"]).practices
    from_json = prepare([EXAMPLES / "000-czersk.json"]).practices
    from_csv = [p for p in prepare([EXAMPLES / "bdp-practices.csv"]).practices if p.unit and p.unit.name == "Czersk"]
    assert from_page == from_json == from_csv
    assert set(to_graph(from_page)) == set(to_graph(from_json)) == set(to_graph(from_csv))


def test_a_resolved_unit_replaces_the_unit_and_nothing_else() -> None:
    import dataclasses

    from bdp_lod.records import _with_unit
    from bdp_lod.sources import read_file

    practice = read_file(EXAMPLES / "000-czersk.json").records[0].practice
    official = LocalGovernmentUnit(name="Czersk", type="gmina-miejsko-wiejska", terc=("2202043",))
    assert all(f.init for f in dataclasses.fields(practice)) and not hasattr(type(practice), "__slots__")
    assert _with_unit(practice, official) == dataclasses.replace(practice, unit=official)
    assert repr(_with_unit(practice, official)) == repr(dataclasses.replace(practice, unit=official))


def test_records_naming_the_same_unit_get_equal_official_units() -> None:
    from bdp_lod.records import resolve_units
    from bdp_lod.sources import read_file

    record = read_file(EXAMPLES / "000-czersk.json").records[0]
    resolved, findings = resolve_units([record, record])
    assert resolved[0] == resolved[1] and resolved[0].practice.unit != record.practice.unit
    assert resolved[0].practice.unit is not None and resolved[0].practice.unit.terc == ("2202043",)


def test_every_record_naming_a_unit_gets_its_resolution_findings_in_every_call() -> None:
    from bdp_lod.model import Origin, Practice, SourcedPractice, from_dict
    from bdp_lod.records import resolve_units

    practice = from_dict(Practice, {"title": "T", "description": "D", "unit": {"name": "Czersk", "type": "gmina-miejska"}})
    records = [SourcedPractice(practice, Origin("a.jsonl", index=i)) for i in range(2)]
    for _ in range(2):  # the second call finds the resolution remembered
        _, findings = resolve_units(records)
        assert [(f.code, f.record_index) for f in findings] == [("teryt.type-mismatch", 0), ("teryt.type-mismatch", 1)]
