"""``bdp-lod convert``: the contract of docs/design.md §4 (outputs, counts, exit codes, no tracebacks)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bdp_lod.cli import cli

from conftest import EXAMPLES


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_help_and_version():
    assert run("--help").exit_code == 0
    assert "convert" in run("--help").output
    result = run("--version")
    assert result.exit_code == 0 and "bdp-lod, version 0.1.0" in result.output


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_converting_the_examples_reports_what_went_in(tmp_path, suffix):
    out = tmp_path / f"examples{suffix}"
    result = run("convert", str(EXAMPLES), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert f"Wrote {out}: 5 practices, 5 local government units, 5 institutions, 3 contacts" in result.output


def test_counts_in_polish(tmp_path):
    out = tmp_path / "x.ttl"
    result = run("--lang", "pl", "convert", str(EXAMPLES / "000-czersk.json"), "-o", str(out))
    assert result.exit_code == 0
    assert "praktyki: 1, jednostki samorządu: 1, instytucje: 1, kontakty: 1" in result.output


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    digests = set()
    for seed in ("0", "1", "12345"):
        out = tmp_path / f"run{seed}.nt"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "bdp_lod.cli", "convert", str(EXAMPLES), "-o", str(out)], check=True, env=env, capture_output=True)
        digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
    assert len(digests) == 1


def test_a_missing_input_is_one_line_and_exit_2(tmp_path):
    result = run("convert", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.ttl"))
    assert result.exit_code == 2
    assert result.output.strip() == f"bdp-lod: {tmp_path / 'nope.json'}: no such file or folder"
    assert not (tmp_path / "x.ttl").exists()


def test_an_unknown_output_extension_is_exit_2(tmp_path):
    result = run("convert", str(EXAMPLES), "-o", str(tmp_path / "x.xml"))
    assert result.exit_code == 2
    assert "use .ttl, .nt or .jsonld" in result.output


def test_an_unknown_input_extension_is_exit_2(tmp_path):
    odd = tmp_path / "data.xlsx"
    odd.write_bytes(b"PK")
    result = run("convert", str(odd), "-o", str(tmp_path / "x.ttl"))
    assert result.exit_code == 2
    assert "unknown input kind '.xlsx'" in result.output


def test_malformed_json_names_file_and_line_and_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "title": "x",\n  "description": \n}\n', encoding="utf-8")
    result = run("convert", str(bad), "-o", str(tmp_path / "x.ttl"))
    assert result.exit_code == 2
    assert f"{bad}:4" in result.output
    assert "Traceback" not in result.output


def test_schema_violations_exit_1_and_write_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "description": "y", "institution": {"name": "U", "address": {"postal_code": "89650"}}}', encoding="utf-8")
    out = tmp_path / "x.ttl"
    result = run("convert", str(bad), "-o", str(out))
    assert result.exit_code == 1
    assert "institution.address.postal_code" in result.output
    assert not out.exists()


def test_an_existing_output_is_replaced_whole_and_no_temporary_file_is_left(tmp_path):
    out = tmp_path / "x.ttl"
    out.write_text("old", encoding="utf-8")
    assert run("convert", str(EXAMPLES / "000-czersk.json"), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.ttl"]


def test_conflicting_records_for_one_practice_are_refused(tmp_path):
    one = tmp_path / "a.json"
    two = tmp_path / "b.json"
    one.write_text('{"id": "p-1", "title": "x", "description": "y"}', encoding="utf-8")
    two.write_text('{"id": "p-1", "title": "x", "description": "other"}', encoding="utf-8")
    result = run("convert", str(one), str(two), "-o", str(tmp_path / "x.ttl"))
    assert result.exit_code == 1
    assert "describes the same practice" in result.output


def test_inputs_are_never_modified(tmp_path):
    before = {p: p.read_bytes() for p in Path(EXAMPLES).iterdir()}
    assert run("convert", str(EXAMPLES), "-o", str(tmp_path / "x.ttl")).exit_code == 0
    assert {p: p.read_bytes() for p in Path(EXAMPLES).iterdir()} == before


def test_register_disagreements_are_printed_as_warnings_and_do_not_stop_the_run(tmp_path):
    out = tmp_path / "srem.ttl"
    result = CliRunner().invoke(cli, ["--lang", "pl", "convert", str(EXAMPLES / "001-srem.json"), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{EXAMPLES / '001-srem.json'} [rekord 0]: ostrzeżenie: unit.type: źródło podaje typ jednostki "
        "'gmina miejska', a w TERC 2025-01-01 jednostka to Śrem (3026043, gmina miejsko-wiejska, "
        "powiat śremski, wielkopolskie)"
    ]
    assert "<https://w3id.org/bdp/id/unit/302604>" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_redacted_output_names_no_person_but_keeps_the_offices_lines(tmp_path, suffix):
    out = tmp_path / f"redacted{suffix}"
    result = run("convert", str(EXAMPLES), "-o", str(out), "--redact-contacts")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    for person in ("Magdalena", "Apostołowicz", "apostolowicz", "Maria", "Świdurska", "swidurska", "Agnieszka", "Rzepecka", "rzepecka"):
        assert person not in text
    # institutional mailboxes and fixed lines stay; the mobile number (725 161 463) goes
    assert "mailto:promocja@czersk.pl" in text and "tel:+48523954868" in text
    assert "tel:+48725161463" not in text


def test_the_output_is_readable_like_any_new_file_not_private_to_its_writer(tmp_path):
    out = tmp_path / "examples.ttl"
    old = os.umask(0o022)
    try:
        assert run("convert", str(EXAMPLES / "000-czersk.json"), "-o", str(out)).exit_code == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "examples.ttl"  # a folder that is a file: neither created nor written
    result = run("convert", str(EXAMPLES / "000-czersk.json"), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"bdp-lod: {out}: cannot write: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("name", "line"), [
    ("ttl-email-without-at.ttl",
     "[record 0]: violation: contacts[0].emails[0]: 'promocja.czersk.pl' is not an e-mail address"),
    ("ttl-institution-without-name.ttl",
     "[record 0]: violation: institution.name: required field 'name' is missing"),
])
def test_a_hand_edited_dump_that_breaks_the_rules_is_reported_not_a_traceback(tmp_path, name, line):
    """An RDF input goes through the same schema gate as a submission: exit 1, nothing written."""
    source = Path(__file__).parent / "fixtures" / "broken" / name
    out = tmp_path / "x.nt"
    result = run("convert", str(source), "-o", str(out))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{source} {line}" in result.output
    assert not out.exists()


def test_the_library_load_of_such_a_dump_raises_invalid_records_with_every_finding():
    from bdp_lod import InvalidRecords, load

    with pytest.raises(InvalidRecords) as caught:
        load(Path(__file__).parent / "fixtures" / "broken" / "ttl-institution-without-name.ttl")
    assert [(f.code, f.field, f.record_index) for f in caught.value.findings] == [
        ("schema.required", "institution.name", 0)
    ]
