"""Records that disagree about a shared node: each disagreement named once, with who says what."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SH

from bdp_lod.cli import cli
from bdp_lod.codes import RECORD_CONFLICT
from bdp_lod.findings import Claim, Finding, Message, Severity
from bdp_lod.sources import read_file
from bdp_lod.uris import Uris
from bdp_lod.validation import Report, validate
from bdp_lod.validation.conflicts import find_conflicts
from bdp_lod.validation.report import VALIDATION_NS
from bdp_lod.validation.report_cells import claim_text

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
LOCN = "http://www.w3.org/ns/locn#"
BDPV = Namespace(VALIDATION_NS)


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


# --- in validate: one finding per conflict, in place of the maxCount results it explains -------------

TWO_ADDRESSES = FIXTURES / "jsonl-two-addresses-for-one-institution.jsonl"
ADDRESS = "https://w3id.org/bdp/id/institution/urzad-miejski-w-czersku-220204/address"
"""The address node of the Czersk office once the unit is resolved in TERC (its key 220204)."""


def _czersk(street: str | None, ident: str, **changes: object) -> str:
    """The Czersk record of the fixture with another street (``None``: none) and id."""
    record = json.loads(TWO_ADDRESSES.read_text(encoding="utf-8").splitlines()[0])
    if street is None:
        del record["institution"]["address"]["street"]
    else:
        record["institution"]["address"]["street"] = street
    record.update(id=ident, **changes)
    return json.dumps(record, ensure_ascii=False)


def _claims(finding: Finding) -> list[tuple[str | None, int | None, str | None, int | None, str | None, str | None]]:
    return [(c.file, c.record_index, c.record_id, c.line, c.field, c.value) for c in finding.claims]


def test_three_records_in_two_files_make_one_finding_that_names_all_three(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(_czersk("Kościuszki 27", "czersk-a") + "\n", encoding="utf-8")
    b.write_text(_czersk("Kościuszki 29", "czersk-b") + "\n" + _czersk("Kościuszki 31", "czersk-c") + "\n", encoding="utf-8")
    (finding,) = validate([a, b]).findings
    assert (finding.severity, finding.code, finding.file, finding.record_index, finding.line, finding.field) == (
        Severity.VIOLATION, "record.conflict", str(a), 0, 1, "institution.address.street")
    assert finding.message.en == (
        '3 records disagree about the address of the institution "Urząd Miejski w Czersku" '
        "(institution.address.street); the published graph would hold every value they give. Make the records agree.")
    assert (finding.focus_node, finding.result_path) == (ADDRESS, LOCN + "locatorDesignator")
    assert _claims(finding) == [
        (str(a), 0, "czersk-a", 1, "institution.address.street", "Kościuszki 27"),
        (str(b), 0, "czersk-b", 1, "institution.address.street", "Kościuszki 29"),
        (str(b), 1, "czersk-c", 2, "institution.address.street", "Kościuszki 31"),
    ]


def test_a_record_that_describes_the_node_without_the_field_is_named_with_no_value(tmp_path: Path) -> None:
    path = tmp_path / "three.jsonl"
    path.write_text("\n".join([_czersk("Kościuszki 27", "czersk-a"), _czersk("Kościuszki 29", "czersk-b"),
                               _czersk(None, "czersk-c")]) + "\n", encoding="utf-8")
    (finding,) = validate([path]).findings
    assert [(c.record_id, c.value) for c in finding.claims] == [
        ("czersk-a", "Kościuszki 27"), ("czersk-b", "Kościuszki 29"), ("czersk-c", None)]


def test_only_the_max_count_results_a_conflict_explains_are_left_out(tmp_path: Path) -> None:
    # czersk-b also has a date in the future; czersk-c's own two contacts of one name give its
    # contact two positions, which no other record causes: both findings stay.
    record = json.loads(_czersk("Kościuszki 27", "czersk-c"))
    record["institution"]["name"] = "Ośrodek Pomocy Społecznej w Czersku"
    contact = record["contacts"][0]
    record["contacts"] = [contact, dict(contact, position="Kierownik")]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([_czersk("Kościuszki 27", "czersk-a"), _czersk("Kościuszki 29", "czersk-b", date_added="2999-01-01"),
                               json.dumps(record, ensure_ascii=False)]) + "\n", encoding="utf-8")
    found = [(f.record_id, f.code, f.field, f.message.en) for f in validate([path]).findings]
    assert found == [
        ("czersk-a", "record.conflict", "institution.address.street",
         '2 records disagree about the address of the institution "Urząd Miejski w Czersku" '
         "(institution.address.street); the published graph would hold every value they give. Make the records agree."),
        ("czersk-b", "shacl.sparql", "date_added", "The date added of a practice cannot be later than today."),
        ("czersk-c", "shacl.maxCount", "contacts[0].position", "A contact may have one job position, in Polish (@pl)."),
    ]


def test_a_field_one_record_leaves_out_or_a_list_they_differ_in_is_no_conflict(tmp_path: Path) -> None:
    # The office then has the one website given, and the contact both phones: nothing to choose.
    first = json.loads(_czersk("Kościuszki 27", "czersk-a"))
    second = json.loads(_czersk("Kościuszki 27", "czersk-b"))
    del second["institution"]["website"]
    second["contacts"][0]["phones"] = ["600 100 200"]
    path = tmp_path / "agree.jsonl"
    path.write_text(json.dumps(first, ensure_ascii=False) + "\n" + json.dumps(second, ensure_ascii=False) + "\n", encoding="utf-8")
    assert validate([path]).findings == []


def test_validated_in_parallel_the_conflict_is_the_same(tmp_path: Path) -> None:
    # 700 records (over the parallel threshold), offices of their own; the two Czersk records
    # that disagree are far apart in the input.
    lines = [_czersk("Kościuszki 27", "czersk-a")]
    for i in range(698):
        record = json.loads(_czersk("Kościuszki 27", f"office-{i}"))
        record["institution"]["name"] = f"Biuro numer {i} w Czersku"
        lines.append(json.dumps(record, ensure_ascii=False))
    lines.append(_czersk("Kościuszki 29", "czersk-b"))
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial, parallel = validate([path], workers=1), validate([path], workers=2)
    assert parallel.findings == serial.findings
    (finding,) = serial.findings
    assert [(c.record_id, c.line, c.value) for c in finding.claims] == [
        ("czersk-a", 1, "Kościuszki 27"), ("czersk-b", 700, "Kościuszki 29")]


def test_a_conflict_fails_validate_with_exit_code_1_under_every_profile() -> None:
    for profile in ("structure", "bdp", "strict"):
        result = CliRunner().invoke(cli, ["validate", "--profile", profile, "--format", "json", str(TWO_ADDRESSES)])
        assert result.exit_code == 1
        assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["record.conflict"]


# --- how a conflict reads in every report form -------------------------------------------------------


def _report() -> Report:
    return validate([TWO_ADDRESSES])


def test_json_gives_the_shared_node_and_each_record_with_its_value() -> None:
    (finding,) = _report().to_data("en")["findings"]
    assert (finding["code"], finding["value"], finding["shacl"]) == ("record.conflict", None, None)
    assert finding["conflict"] == {
        "node": ADDRESS,
        "claims": [
            {"file": str(TWO_ADDRESSES), "line": 1, "record": {"index": 0, "id": "czersk-a"},
             "field": "institution.address.street", "value": "Kościuszki 27"},
            {"file": str(TWO_ADDRESSES), "line": 2, "record": {"index": 1, "id": "czersk-b"},
             "field": "institution.address.street", "value": "Kościuszki 29"},
        ],
    }


def test_turtle_has_the_shared_node_as_focus_and_a_claim_per_record() -> None:
    graph = Graph().parse(data=_report().to_turtle(), format="turtle")
    (result,) = graph.objects(None, SH.result)
    assert graph.value(result, SH.focusNode) == URIRef(ADDRESS)
    assert graph.value(result, SH.sourceConstraintComponent) == URIRef(VALIDATION_NS + "record.conflict")
    assert graph.value(result, SH.value) is None
    claims = sorted(
        (int(graph.value(c, BDPV.record)), str(graph.value(c, BDPV.recordId)), int(graph.value(c, BDPV.line)),
         str(graph.value(c, BDPV.field)), str(graph.value(c, BDPV.value)), str(graph.value(c, BDPV.file)))
        for c in graph.objects(result, BDPV.claim)
    )
    assert claims == [
        (0, "czersk-a", 1, "institution.address.street", "Kościuszki 27", str(TWO_ADDRESSES)),
        (1, "czersk-b", 2, "institution.address.street", "Kościuszki 29", str(TWO_ADDRESSES)),
    ]


def test_csv_and_html_give_each_records_value_on_a_line_of_the_value_cell() -> None:
    report = _report()
    rows = list(csv.reader(io.StringIO(report.to_csv("pl").decode("utf-8-sig")), delimiter=";"))
    assert rows[1][rows[0].index("Wartość")] == (
        "rekord 0 czersk-a, wiersz 1: 'Kościuszki 27'\nrekord 1 czersk-b, wiersz 2: 'Kościuszki 29'")
    soup = BeautifulSoup(report.to_html("en"), "html5lib")
    (cell,) = soup.select("#table tbody td[data-label=Value]")
    assert cell.get_text() == "record 0 czersk-a, line 1: 'Kościuszki 27'\nrecord 1 czersk-b, line 2: 'Kościuszki 29'"


def test_a_claim_in_another_file_or_field_names_it() -> None:
    finding = RECORD_CONFLICT.as_finding(
        Message(en="m", pl="m"), file="a.jsonl", record_index=0, line=1, field="contacts[0].position",
        claims=(Claim("a.jsonl", 0, "x", 1, "contacts[0].position", "Inspektor"),
                Claim("b.jsonl", 3, None, 4, "contacts[1].position", None)),
    )
    assert [claim_text(finding, c, "en") for c in finding.claims] == [
        "record 0 x, line 1: 'Inspektor'", "b.jsonl, record 3, line 4, contacts[1].position: (none)"]
    assert claim_text(finding, finding.claims[1], "pl") == "b.jsonl, rekord 3, wiersz 4, contacts[1].position: (brak)"


def test_two_records_attaching_one_file_under_two_titles_disagree_about_the_attachment(tmp_path: Path) -> None:
    first = json.loads(_czersk("Kościuszki 27", "czersk-a"))
    second = json.loads(_czersk("Kościuszki 27", "czersk-b"))
    first["attachments"] = [{"url": "https://www.czersk.pl/plan.pdf", "title": "Plan"}]
    second["attachments"] = [{"url": "https://www.czersk.pl/plan.pdf", "title": "Plan działań"}]
    path = tmp_path / "attached.jsonl"
    path.write_text(json.dumps(first, ensure_ascii=False) + "\n" + json.dumps(second, ensure_ascii=False) + "\n", encoding="utf-8")
    (finding,) = validate([path]).findings
    assert (finding.field, finding.message.pl) == ("attachments[0].title", (
        "Rekordy (liczba: 2) nie zgadzają się co do załącznika https://www.czersk.pl/plan.pdf (attachments[0].title); "
        "opublikowany graf zawierałby każdą podaną wartość. Ujednolić rekordy."))
    assert [(c.record_id, c.value) for c in finding.claims] == [("czersk-a", "Plan"), ("czersk-b", "Plan działań")]
