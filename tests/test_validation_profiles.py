"""Validation profiles: ``structure`` ⊂ ``bdp`` (the default, what publish requires) ⊂ ``strict``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from bdp_lod.cli import cli
from bdp_lod.validation import Profile, validate

from conftest import EXAMPLES, ROOT

BROKEN = ROOT / "tests" / "fixtures" / "broken"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _codes(*args: str) -> tuple[int, list[tuple[str, str, str | None]], str]:
    result = run("validate", "--format", "json", *args)
    report = json.loads(result.stdout)
    return result.exit_code, [(f["severity"], f["code"], f["field"]) for f in report["findings"]], report["profile"]


def test_structure_checks_the_shape_of_a_record_not_the_rules_of_a_publishable_one() -> None:
    future = str(BROKEN / "json-date-added-in-future.json")
    assert _codes(future) == (1, [("violation", "shacl.sparql", "date_added")], "bdp")
    assert _codes("--profile", "structure", future) == (0, [], "structure")


def test_structure_still_fails_a_record_the_schema_refuses() -> None:
    missing = str(BROKEN / "json-missing-title.json")
    assert _codes("--profile", "structure", missing) == (1, [("violation", "schema.required", "title")], "structure")


def test_a_unit_terc_does_not_know_is_not_a_question_of_structure() -> None:
    unknown = str(BROKEN / "json-unit-not-in-teryt.json")
    assert _codes(unknown) == (1, [("violation", "teryt.unresolved", "unit")], "bdp")
    assert _codes("--profile", "structure", unknown) == (0, [], "structure")


@pytest.mark.parametrize("args", [["--profile", "strict"], ["--strict"], ["--strict", "--profile", "strict"]])
def test_strict_fails_on_warnings_and_strict_is_its_alias(args: list[str]) -> None:
    assert _codes(*args, str(BROKEN / "json-no-population.json")) == (1, [("warning", "shacl.minCount", "population")], "strict")


@pytest.mark.parametrize("lang, says", [
    ("en", "bdp-lod: --strict is --profile strict; it cannot be combined with --profile structure\n"),
    ("pl", "bdp-lod: --strict to --profile strict; nie łączy się z --profile structure\n"),
])
def test_strict_with_another_profile_is_a_usage_error(lang: str, says: str) -> None:
    result = run("--lang", lang, "validate", "--strict", "--profile", "structure", str(EXAMPLES))
    assert (result.exit_code, result.stderr) == (2, says)


def test_every_report_names_its_profile() -> None:
    path = str(BROKEN / "json-unit-not-in-teryt.json")
    assert run("validate", "--profile", "structure", path).stdout.endswith(
        "1 file, 1 record: 0 violations, 0 warnings, 0 info (profile structure).\n")
    assert run("--lang", "pl", "validate", path).stdout.endswith(
        "Pliki: 1, rekordy: 1; naruszenia: 1, ostrzeżenia: 0, informacje: 0 (profil bdp).\n")
    turtle = run("validate", "--format", "turtle", "--profile", "strict", path).stdout
    assert 'bdpv:profile "strict"' in turtle


def test_a_report_can_be_seen_under_a_narrower_profile_without_validating_again() -> None:
    report = validate([BROKEN / "json-date-added-in-future.json", BROKEN / "json-missing-title.json"])
    structure = report.under(Profile.STRUCTURE)
    assert [(f.code, f.field) for f in structure.findings] == [("schema.required", "title")]
    assert (structure.files, structure.records, structure.profile) == (report.files, report.records, Profile.STRUCTURE)
    assert report.exit_code() == 1 and structure.exit_code() == 1


def test_the_examples_pass_every_profile_but_strict() -> None:
    assert [run("validate", "--profile", p, str(EXAMPLES)).exit_code for p in ("structure", "bdp", "strict")] == [0, 0, 1]
