"""``bdp-lod validate``: exit codes, the three report formats, --strict, --shapes, --lang and the
progress bar (on a terminal only)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from bdp_lod.cli import cli
from bdp_lod.validation.foreign import read_report

from conftest import EXAMPLES, FIXTURES, ROOT

BROKEN = FIXTURES / "broken"
REPORT_SCHEMA = json.loads((ROOT / "shapes" / "validation-report.schema.json").read_text(encoding="utf-8"))


def run(*args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--lang", lang, "validate", *args])


# --- exit codes -----------------------------------------------------------------------------------


def test_examples_pass_with_warnings_and_fail_under_strict() -> None:
    assert run(str(EXAMPLES)).exit_code == 0
    assert run(str(EXAMPLES), "--strict").exit_code == 1


def test_a_violation_exits_1_and_a_hint_does_not_even_under_strict() -> None:
    assert run(str(BROKEN / "json-postal-code-without-hyphen.json")).exit_code == 1
    assert run(str(BROKEN / "json-foreign-phone.json"), "--strict").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.json"], "bdp-lod: missing.json: no such file or folder"),
        (["README.md"], "unknown input kind '.md'"),
        (["--shapes", "missing.ttl", "examples"], "missing.ttl: no such file"),
    ],
)
def test_unreadable_inputs_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_malformed_json_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "a", "description": "b"}\n{"title": \n', encoding="utf-8")
    result = run(str(bad))
    assert result.exit_code == 2
    assert f"{bad}:2: malformed JSON" in result.output


def test_malformed_turtle_exits_2_in_the_chosen_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    result = run(str(bad), lang="pl")
    assert result.exit_code == 2
    assert result.output.startswith(f"bdp-lod: {bad}: nie można odczytać pliku turtle: ")


def test_bad_usage_exits_2() -> None:
    assert run(str(EXAMPLES), "--format", "xml").exit_code == 2
    assert run().exit_code == 2


# --- formats ------------------------------------------------------------------------------------


def test_text_groups_by_file_and_record_in_80_columns() -> None:
    inputs = [str(BROKEN / "jsonl-two-addresses-for-one-institution.jsonl"), str(EXAMPLES / "003-klucze.json")]
    result = run(*inputs)
    lines = result.output.splitlines()
    # A file's heading is its path as given, however long the checkout's location; the rest wraps.
    assert max(len(line) for line in lines if line not in inputs) <= 80
    assert lines[:8] == [
        str(BROKEN / "jsonl-two-addresses-for-one-institution.jsonl"),
        "  record 0 · czersk-a · line 1",
        "    violation   institution.address.street",
        "                2 records disagree about the address of the institution \"Urząd",
        "                Miejski w Czersku\" (institution.address.street); the published",
        "                graph would hold every value they give. Make the records agree.",
        "                - record 0 czersk-a, line 1: 'Kościuszki 27'",
        "                - record 1 czersk-b, line 2: 'Kościuszki 29'",
    ]
    assert lines[-1] == "2 files, 3 records: 1 violation, 2 warnings, 1 info (profile bdp)."


def test_text_in_polish() -> None:
    result = run(str(BROKEN / "json-contact-without-phone-or-email.json"), lang="pl")
    assert result.output.splitlines() == [
        str(BROKEN / "json-contact-without-phone-or-email.json"),
        "  rekord 0 · czersk-test",
        "    ostrzeżenie contacts[0]",
        "                Kontakt nie ma ani telefonu, ani adresu e-mail.",
        "Pliki: 1, rekordy: 1; naruszenia: 0, ostrzeżenia: 1, informacje: 0 (profil bdp).",
    ]


def test_json_follows_the_published_schema() -> None:
    result = run(str(BROKEN), "--format", "json")
    data = json.loads(result.output)
    Draft202012Validator(REPORT_SCHEMA).validate(data)
    assert data["conforms"] is False
    assert sum(data["counts"].values()) == len(data["findings"])
    postal = next(f for f in data["findings"] if f["file"].endswith("ttl-postal-code-without-hyphen.ttl"))
    assert postal == {
        "severity": "violation",
        "code": "shacl.pattern",
        "file": str(BROKEN / "ttl-postal-code-without-hyphen.ttl"),
        "line": None,
        "record": {"index": 0, "id": None},
        "field": "institution.address.postal_code",
        "value": "89650",
        "message": "The postal code must have the form NN-NNN (e.g. 89-650); an address has at most one.",
        "messages": {
            "en": "The postal code must have the form NN-NNN (e.g. 89-650); an address has at most one.",
            "pl": "Kod pocztowy musi mieć postać NN-NNN (np. 89-650); adres ma najwyżej jeden.",
        },
        "shacl": {
            "focus_node": "https://w3id.org/bdp/id/institution/urzad-miejski-w-czersku/address",
            "result_path": "http://www.w3.org/ns/locn#postCode",
            "value": '"89650"',
            "source_shape": "https://w3id.org/bdp/def/shapes#Address-postCode",
            "source_constraint": None,
            "component": "http://www.w3.org/ns/shacl#PatternConstraintComponent",
            "context": None,
        },
        "conflict": None,
    }


def test_turtle_is_a_shacl_validation_report() -> None:
    result = run(str(BROKEN / "ttl-postal-code-without-hyphen.ttl"), str(BROKEN / "json-missing-title.json"), "--format", "turtle")
    assert result.exit_code == 1
    graph = Graph().parse(data=result.output, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == Literal(False)
    results = read_report(graph)
    assert len(results) == 2
    for node in graph.objects(report, SH.result):
        for required in (SH.focusNode, SH.resultSeverity, SH.sourceConstraintComponent, SH.sourceShape):
            assert len(list(graph.objects(node, required))) == 1
    shacl = next(r for r in results if r.component == SH.PatternConstraintComponent)
    assert (shacl.focus, shacl.path, shacl.value, shacl.shape) == (
        URIRef("https://w3id.org/bdp/id/institution/urzad-miejski-w-czersku/address"),
        URIRef("http://www.w3.org/ns/locn#postCode"),
        Literal("89650"),
        URIRef("https://w3id.org/bdp/def/shapes#Address-postCode"),
    )
    schema = next(r for r in results if r.component != SH.PatternConstraintComponent)
    assert schema.component == URIRef("https://w3id.org/bdp/def/validation#schema.required")
    assert schema.focus == URIRef((BROKEN / "json-missing-title.json").absolute().as_uri() + "#record-0")
    assert {str(m) for m in schema.messages} == {"required field 'title' is missing", "brak wymaganego pola 'title'"}


def test_reports_are_byte_for_byte_deterministic() -> None:
    for fmt in ("text", "json", "turtle"):
        assert run(str(BROKEN), "--format", fmt).output == run(str(BROKEN), "--format", fmt).output


# --- --shapes -------------------------------------------------------------------------------------

EXTRA = """
@prefix bdp: <https://w3id.org/bdp/def#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/shapes#> .
ex:GoalsGiven a sh:NodeShape ;
    sh:targetClass bdp:Practice ;
    sh:property [ sh:path bdp:goal ; sh:minCount 1 ; sh:severity sh:Warning ;
                  sh:name "goals"@en , "cele"@pl ] .
"""

FOREIGN = """
@prefix bdp: <https://w3id.org/bdp/def#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/shapes#> .
ex:ContactEmail a sh:NodeShape ;
    sh:targetClass bdp:Practice ;
    sh:property [ sh:path ( dcat:contactPoint vcard:hasEmail ) ; sh:minCount 1 ;
                  sh:message "No contact of the practice has an e-mail address."@en ,
                             "Żaden kontakt praktyki nie ma adresu e-mail."@pl ] .
"""


def test_a_publishers_shapes_are_checked_too(tmp_path: Path) -> None:
    extra = tmp_path / "goals.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    result = run(str(EXAMPLES / "000-czersk.json"), "--shapes", str(extra), "--format", "json")
    (finding,) = json.loads(result.output)["findings"]
    assert (finding["severity"], finding["field"], finding["message"]) == ("warning", "goals", "goals: needs at least 1 value(s)")
    assert run(str(EXAMPLES / "000-czersk.json"), "--shapes", str(extra), "--strict").exit_code == 1


def test_shapes_outside_the_engines_subset_run_on_pyshacl(tmp_path: Path) -> None:
    extra = tmp_path / "email.ttl"
    extra.write_text(FOREIGN, encoding="utf-8")
    result = run(str(BROKEN / "json-contact-without-phone-or-email.json"), "--shapes", str(extra), "--format", "json")
    findings = [(f["severity"], f["field"], f["message"]) for f in json.loads(result.output)["findings"]]
    assert findings == [
        ("violation", "", "No contact of the practice has an e-mail address."),
        ("warning", "contacts[0]", "The contact has neither a phone number nor an e-mail address."),
    ]


def test_an_unparsable_shapes_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("ex:Shape a sh:NodeShape", encoding="utf-8")
    result = run(str(EXAMPLES), "--shapes", str(bad))
    assert result.exit_code == 2
    assert f"{bad}: cannot parse the shapes (turtle)" in result.output



def test_a_sparql_constraint_that_does_not_parse_names_its_shapes_file_and_exits_2(tmp_path: Path) -> None:
    good = tmp_path / "goals.ttl"
    good.write_text(EXTRA, encoding="utf-8")
    bad = tmp_path / "broken-sparql.ttl"
    bad.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix bdp: <https://w3id.org/bdp/def#> .\n"
        "<http://example.org/S> a sh:NodeShape ; sh:targetClass bdp:Practice ;\n"
        '  sh:sparql [ sh:select "SELECT $this WHERE { $this ?p " ; sh:message "broken" ] .\n',
        encoding="utf-8",
    )
    result = run(str(EXAMPLES / "000-czersk.json"), "--shapes", str(good), "--shapes", str(bad))
    assert result.exit_code == 2
    assert f"{bad}: a SPARQL constraint does not parse: Expected SelectQuery" in result.output
    assert "Traceback" not in result.output

# --- progress -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    czersk = json.loads((EXAMPLES / "000-czersk.json").read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("many") / "many.jsonl"
    lines = [json.dumps({**czersk, "id": f"p-{i}", "title": f"{czersk['title']} {i}"}, ensure_ascii=False) for i in range(400)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bdp_lod(*args: str, stderr: int | None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "bdp_lod.cli", *args]
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=stderr, cwd=ROOT, timeout=300, check=False)


def test_a_long_run_shows_progress_on_a_terminal(many_records: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        done = _bdp_lod("validate", str(many_records), stderr=terminal)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert done.returncode == 0
    assert b"Reading" in shown and b"Validating" in shown and b"100%" in shown
    assert done.stdout.decode("utf-8").endswith("1 file, 400 records: 0 violations, 0 warnings, 0 info (profile bdp).\n")


def test_nothing_but_the_report_when_piped(many_records: Path) -> None:
    done = _bdp_lod("validate", str(many_records), stderr=subprocess.PIPE)
    assert done.returncode == 0
    assert done.stderr == b""
