"""The submission JSON Schema and the JSON/JSONL reader: every broken submission gets its exact,
located, bilingual finding, and every finding of a file is reported."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from bdp_lod import concepts
from bdp_lod.errors import InputError
from bdp_lod.findings import Severity
from bdp_lod.model import Origin
from bdp_lod.normalize import VOIVODESHIPS
from bdp_lod.sources.submission import (
    _PATTERNS,
    _findings_of,
    _float_places,
    check_submission,
    read_submissions,
    schema_findings,
    submission_schema,
    submission_validator,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

VALID: dict[str, Any] = {
    "id": "czersk-solectwa",
    "title": "Wzmocnienie infrastruktury sołeckiej",
    "description": "Praktyka polega na kompleksowym wsparciu społeczności wiejskich sołectw.",
    "theme": "pomoc-spoleczna",
    "programme": "doskonalenie-zarzadzania",
    "date_added": "2013-06-28",
    "source_url": "https://example.org/praktyka/537",
    "population": 21224,
    "unit": {
        "name": "Czersk",
        "type": "gmina-miejsko-wiejska",
        "powiat": "Chojnicki",
        "voivodeship": "pomorskie",
        "terc": ["2202043"],
    },
    "institution": {
        "name": "Urząd Miejski w Czersku",
        "website": "www.czersk.pl",
        "address": {"street": "Kościuszki 27", "postal_code": "89-650", "post_office": "Czersk"},
    },
    "contacts": [
        {
            "name": "Magdalena Apostołowicz",
            "position": "Inspektor Wydziału Rozwoju Społecznego",
            "phones": ["(52) 395 48 68"],
            "emails": ["promocja@czersk.pl"],
        }
    ],
    "goals": ["Integracja mieszkańców sołectw"],
    "activities": [{"description": "Diagnoza mocnych i słabych stron", "start": "2013-01", "end": "2013"}],
    "has_attachments": True,
    "attachments": [{"url": "https://example.org/zalacznik.pdf", "title": "Prezentacja"}],
    "extra": {"Uwagi": "Praktyka nagrodzona"},
}


def changed(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        target: Any = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def removed(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    def remove(record: dict[str, Any]) -> None:
        target: Any = record
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return remove


def renamed(path: tuple[str, ...], new_name: str) -> Callable[[dict[str, Any]], None]:
    def rename(record: dict[str, Any]) -> None:
        target: Any = record
        for key in path[:-1]:
            target = target[key]
        target[new_name] = target.pop(path[-1])

    return rename


UNIT_TYPES = "gmina-miejska, gmina-miejsko-wiejska, gmina-wiejska, miasto-na-prawach-powiatu, powiat, wojewodztwo, zwiazek-gmin"

# (case id, change, [(code, field, value, English message)], Polish message of the first or None)
BROKEN = [
    (
        "postal-code-without-dash",
        changed(("institution", "address", "postal_code"), "89650"),
        [("schema.pattern", "institution.address.postal_code", "89650", "'89650' is not a Polish postal code (NN-NNN)")],
        "'89650' nie jest kodem pocztowym (NN-NNN)",
    ),
    (
        "email-without-at",
        changed(("contacts", 0, "emails"), ["promocja.czersk.pl"]),
        [("schema.format", "contacts[0].emails[0]", "promocja.czersk.pl", "'promocja.czersk.pl' is not an e-mail address")],
        "'promocja.czersk.pl' nie jest adresem e-mail",
    ),
    (
        "voivodeship-misspelt",
        changed(("unit", "voivodeship"), "pomorske"),
        [("schema.enum", "unit.voivodeship", "pomorske", "'pomorske' is not an allowed value (did you mean 'pomorskie'?)")],
        "'pomorske' nie jest dozwoloną wartością (czy chodziło o 'pomorskie'?)",
    ),
    (
        "impossible-date",
        changed(("date_added",), "2013-13-45"),
        [("schema.format", "date_added", "2013-13-45", "'2013-13-45' is not a date (YYYY-MM-DD)")],
        "'2013-13-45' nie jest datą (RRRR-MM-DD)",
    ),
    (
        "polish-date-format",
        changed(("date_added",), "28.06.2013"),
        [("schema.format", "date_added", "28.06.2013", "'28.06.2013' is not a date (YYYY-MM-DD)")],
        None,
    ),
    (
        "negative-population",
        changed(("population",), -5),
        [("schema.minimum", "population", "-5", "-5 is less than 0")],
        "-5 jest mniejsze niż 0",
    ),
    (
        "population-as-words",
        changed(("population",), "dużo"),
        [("schema.type", "population", "dużo", "'dużo' is not a whole number")],
        "'dużo' nie jest liczbą całkowitą",
    ),
    (
        "population-as-float",
        changed(("population",), 21224.0),
        [("schema.type", "population", "21224.0", "21224.0 is not a whole number")],
        None,
    ),
    (
        "missing-title",
        removed(("title",)),
        [("schema.required", "title", None, "required field 'title' is missing")],
        "brak wymaganego pola 'title'",
    ),
    (
        "blank-description",
        changed(("description",), "   "),
        [("schema.pattern", "description", "   ", "'   ' is blank (the field needs text)")],
        "'   ' jest puste (pole wymaga tekstu)",
    ),
    (
        "title-typo",
        renamed(("title",), "titel"),
        [
            ("schema.additionalProperties", "titel", "Wzmocnienie infrastruktury sołeckiej", "unknown field 'titel' (did you mean 'title'?)"),
            ("schema.required", "title", None, "required field 'title' is missing"),
        ],
        "nieznane pole 'titel' (czy chodziło o 'title'?)",
    ),
    (
        "address-typo",
        renamed(("institution", "address"), "adress"),
        [
            (
                "schema.additionalProperties",
                "institution.adress",
                '{"post_office": "Czersk", "postal_code": "89-650", "street": "Kościuszki 27"}',
                "unknown field 'adress' (did you mean 'address'?)",
            )
        ],
        "nieznane pole 'adress' (czy chodziło o 'address'?)",
    ),
    (
        "website-not-an-address",
        changed(("institution", "website"), "not a url"),
        [("schema.pattern", "institution.website", "not a url", "'not a url' is not a website address")],
        "'not a url' nie jest adresem strony internetowej",
    ),
    (
        "website-with-an-empty-label",
        changed(("institution", "website"), "www..czersk.pl"),
        [("schema.pattern", "institution.website", "www..czersk.pl", "'www..czersk.pl' is not a website address")],
        None,
    ),
    (
        "theme-label-instead-of-id",
        changed(("theme",), "pomoc społeczna"),
        [("schema.enum", "theme", "pomoc społeczna", "'pomoc społeczna' is not an allowed value (did you mean 'pomoc-spoleczna'?)")],
        None,
    ),
    (
        "unit-type-incomplete",
        changed(("unit", "type"), "gmina"),
        [("schema.enum", "unit.type", "gmina", f"'gmina' is not an allowed value (allowed: {UNIT_TYPES})")],
        f"'gmina' nie jest dozwoloną wartością (dozwolone: {UNIT_TYPES})",
    ),
    (
        "id-with-spaces",
        changed(("id",), "Czersk 2013"),
        [("schema.pattern", "id", "Czersk 2013", "'Czersk 2013' is not a record id (lower-case letters, digits and hyphens)")],
        None,
    ),
    (
        "terc-of-five-digits",
        changed(("unit", "terc"), ["22020"]),
        [("schema.pattern", "unit.terc[0]", "22020", "'22020' is not a TERC code (2, 4 or 7 digits)")],
        "'22020' nie jest kodem TERC (2, 4 lub 7 cyfr)",
    ),
    (
        "unit-without-name",
        removed(("unit", "name")),
        [("schema.required", "unit.name", None, "required field 'name' is missing")],
        "brak wymaganego pola 'name'",
    ),
    (
        "contact-with-position-only",
        changed(("contacts",), [{"position": "Inspektor"}]),
        [("schema.anyOf", "contacts[0]", '{"position": "Inspektor"}', "at least one of 'name', 'phones', 'emails' is required")],
        "wymagane jest co najmniej jedno z pól: 'name', 'phones', 'emails'",
    ),
    (
        "phone-with-words",
        changed(("contacts", 0, "phones"), ["tel. 52 395 48 68"]),
        [
            (
                "schema.pattern",
                "contacts[0].phones[0]",
                "tel. 52 395 48 68",
                "'tel. 52 395 48 68' is not a phone number (digits, spaces and + ( ) . - / only)",
            )
        ],
        None,
    ),
    (
        "attachment-without-url",
        changed(("attachments",), [{"title": "Prezentacja"}]),
        [("schema.required", "attachments[0].url", None, "required field 'url' is missing")],
        None,
    ),
    (
        "activity-start-in-words",
        changed(("activities", 0, "start"), "styczeń 2023"),
        [("schema.pattern", "activities[0].start", "styczeń 2023", "'styczeń 2023' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")],
        "'styczeń 2023' nie jest datą ISO (RRRR, RRRR-MM lub RRRR-MM-DD)",
    ),
    (
        "extra-with-a-number",
        changed(("extra",), {"Nagrody": 3}),
        [("schema.type", "extra.Nagrody", "3", "3 is not a text")],
        "3 nie jest tekstem",
    ),
    (
        "has-attachments-as-word",
        changed(("has_attachments",), "tak"),
        [("schema.type", "has_attachments", "tak", "'tak' is not true or false")],
        "'tak' nie jest wartością logiczną (true lub false)",
    ),
    (
        "source-url-not-http",
        changed(("source_url",), "ftp://example.org/537"),
        [("schema.pattern", "source_url", "ftp://example.org/537", "'ftp://example.org/537' is not an http or https address")],
        None,
    ),
    (
        "source-url-with-space",
        changed(("source_url",), "https://example.org/praktyka 537"),
        [("schema.format", "source_url", "https://example.org/praktyka 537", "'https://example.org/praktyka 537' is not a URI")],
        "'https://example.org/praktyka 537' nie jest adresem URI",
    ),
    (
        "goals-as-text",
        changed(("goals",), "Integracja mieszkańców"),
        [("schema.type", "goals", "Integracja mieszkańców", "'Integracja mieszkańców' is not a list")],
        "'Integracja mieszkańców' nie jest listą",
    ),
]


def write_json(tmp_path: Path, data: Any, name: str = "submission.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_the_valid_record_passes(tmp_path: Path) -> None:
    result = read_submissions(write_json(tmp_path, VALID))
    assert result.findings == []
    [record] = result.records
    assert record.origin == Origin(str(tmp_path / "submission.json"), index=0, line=None)
    assert record.practice.id == "czersk-solectwa"
    assert record.practice.contacts[0].phones == ("+48523954868",)


@pytest.mark.parametrize(("change", "expected", "polish"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_submission(
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    expected: list[tuple[str, str, str | None, str]],
    polish: str | None,
) -> None:
    record = copy.deepcopy(VALID)
    change(record)
    path = write_json(tmp_path, record)
    result = read_submissions(path)
    assert result.records == []
    assert [(f.code, f.field, f.value, f.message.en) for f in result.findings] == expected
    for finding in result.findings:
        assert finding.severity is Severity.VIOLATION
        assert (finding.file, finding.record_index, finding.line) == (str(path), 0, None)
        assert finding.record_id == record.get("id")
    if polish is not None:
        assert result.findings[0].message.pl == polish


def test_there_are_at_least_fifteen_broken_submissions() -> None:
    assert len(BROKEN) >= 15


def test_all_errors_of_all_records_are_reported(tmp_path: Path) -> None:
    second = copy.deepcopy(VALID)
    second["id"] = "drugi"
    second["institution"]["address"]["postal_code"] = "89650"
    second["contacts"][0]["emails"] = ["promocja.czersk.pl"]
    third = copy.deepcopy(VALID)
    third["id"] = "trzeci"
    del third["description"]
    path = write_json(tmp_path, [VALID, second, third])

    result = read_submissions(path)

    assert [r.origin.index for r in result.records] == [0]
    assert [(f.record_index, f.record_id, f.field) for f in result.findings] == [
        (1, "drugi", "contacts[0].emails[0]"),
        (1, "drugi", "institution.address.postal_code"),
        (2, "trzeci", "description"),
    ]


def test_jsonl_findings_carry_line_numbers(tmp_path: Path) -> None:
    broken = copy.deepcopy(VALID)
    broken["unit"]["voivodeship"] = "pomorske"
    lines = [json.dumps(VALID, ensure_ascii=False), "", json.dumps(broken, ensure_ascii=False)]
    path = tmp_path / "submissions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = read_submissions(path)

    assert [(r.origin.index, r.origin.line) for r in result.records] == [(0, 1)]
    [finding] = result.findings
    assert (finding.record_index, finding.line, finding.field) == (1, 3, "unit.voivodeship")
    assert finding.describe() == (
        f"{path}:3 [record 1 czersk-solectwa]: violation: unit.voivodeship: "
        "'pomorske' is not an allowed value (did you mean 'pomorskie'?)"
    )


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"title": "a",\n   "description": "b",,\n  }\n]\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_submissions(path)
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{path}:3: malformed JSON: ")


def test_malformed_jsonl_line_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(VALID) + "\n\n{\"title\": \n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_submissions(path)
    assert caught.value.line == 3
    assert "malformed JSON" in str(caught.value)


def test_text_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cp1250.json"
    path.write_bytes('{\n"title": "Wzmocnienie infrastruktury sołeckiej",\n"description": "x"}'.encode("cp1250"))
    with pytest.raises(InputError) as caught:
        read_submissions(path)
    assert caught.value.line == 2
    assert "not UTF-8" in str(caught.value)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_submissions(tmp_path / "missing.json")


def test_one_object_and_an_array_of_one_give_the_same_record(tmp_path: Path) -> None:
    single = read_submissions(write_json(tmp_path, VALID, "single.json"))
    array = read_submissions(write_json(tmp_path, [VALID], "array.json"))
    assert [r.practice for r in single.records] == [r.practice for r in array.records]
    assert len(single.records) == 1


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(VALID).encode("utf-8"))
    assert len(read_submissions(path).records) == 1


def test_a_record_that_is_not_an_object_is_a_finding(tmp_path: Path) -> None:
    result = read_submissions(write_json(tmp_path, [VALID, ["title", "description"]]))
    assert len(result.records) == 1
    [finding] = result.findings
    assert (finding.code, finding.record_index, finding.field, finding.value) == (
        "schema.type",
        1,
        None,
        '["title", "description"]',
    )
    assert finding.message.en == '["title", "description"] is not an object'


def test_normalisation_problems_are_located_like_schema_problems(tmp_path: Path) -> None:
    record = copy.deepcopy(VALID)
    record["contacts"][0]["phones"] = ["123 456"]  # the right characters, not a Polish number
    path = write_json(tmp_path, [record])
    result = read_submissions(path)
    assert result.records == []
    [finding] = result.findings
    assert (finding.code, finding.field, finding.file, finding.record_index, finding.record_id) == (
        "normalize.phone",
        "contacts[0].phones[0]",
        str(path),
        0,
        "czersk-solectwa",
    )


def test_check_submission_is_the_shared_path() -> None:
    record, findings = check_submission(VALID, Origin("form", index=7))
    assert findings == []
    assert record is not None and record.origin == Origin("form", index=7)
    assert record.practice.institution is not None
    assert record.practice.institution.website == "http://www.czersk.pl/"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_every_example_passes_the_schema(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    for record in document if isinstance(document, list) else [document]:
        assert schema_findings(record) == []
    assert read_submissions(path).findings == []


def test_the_examples_are_there() -> None:
    names = {p.name for p in EXAMPLES.glob("*.json")}
    assert {"000-czersk.json", "001-srem.json", "002-katowice.json"} <= names


# --- the schema as a document --------------------------------------------------------------------


def _subschemas(schema: Any, path: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema object inside the schema, with a readable location."""
    found = [(path, schema)]
    for key, child in schema.get("properties", {}).items():
        found += _subschemas(child, f"{path}/properties/{key}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _subschemas(schema[key], f"{path}/{key}")
    return found


def test_the_enumerations_are_the_vocabulary() -> None:
    props = submission_schema()["properties"]
    assert props["theme"]["enum"] == sorted(concepts.themes().concepts)
    assert props["programme"]["enum"] == sorted(concepts.programmes().concepts)
    assert props["unit"]["properties"]["type"]["enum"] == sorted(concepts.unit_types().concepts)
    assert props["unit"]["properties"]["voivodeship"]["enum"] == list(VOIVODESHIPS)


def test_every_property_is_described() -> None:
    undescribed = [where for where, schema in _subschemas(submission_schema()) if not schema.get("description")]
    assert undescribed == []


def test_every_object_is_closed() -> None:
    open_objects = [
        where
        for where, schema in _subschemas(submission_schema())
        if schema.get("type") == "object" and schema.get("additionalProperties") is not False
    ]
    assert open_objects == ["#/properties/extra"]  # label → text, by design


def test_every_pattern_has_a_human_message() -> None:
    patterns = {s["pattern"] for _, s in _subschemas(submission_schema()) if "pattern" in s}
    assert patterns <= set(_PATTERNS)


def test_schema_identity_and_formats_are_checked() -> None:
    schema = submission_schema()
    assert schema["$id"] == "https://w3id.org/bdp/def/submission.schema.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    checker = submission_validator().format_checker
    assert checker is not None
    assert not checker.conforms("2013-02-30", "date")
    assert not checker.conforms("promocja.czersk.pl", "email")
    assert not checker.conforms("http://exa mple.org", "uri")
    assert checker.conforms("https://example.org/a", "uri")


def test_the_integer_places_come_from_the_schema() -> None:
    assert _float_places() == (("population",),)


def test_every_place_but_the_integer_ones_refuses_a_float_by_its_type() -> None:
    """Why floats are looked for at the integer places only: any other place of a record is
    typed as something a float is not, or is an unknown property of a closed object, and the
    schema holds subschemas only where `_float_places` looks for them."""
    followed = {"properties", "items", "additionalProperties", "anyOf"}
    applicators = {
        "$ref", "$defs", "allOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems",
        "contains", "patternProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
    }
    places = _subschemas(submission_schema())
    assert [where for where, schema in places if "type" not in schema] == []
    assert [where for where, schema in places if schema["type"] == "number"] == []
    assert [where for where, schema in places if set(schema) & (applicators - followed)] == []
    assert [where for where, schema in places if schema["type"] == "integer"] == ["#/properties/population"]


@pytest.mark.parametrize(
    "where, value",
    [
        (("population",), 21224.0),
        (("population",), 1e400),
        (("title",), 1.5),
        (("unit", "terc"), [2202043.0]),
        (("contacts",), [{"name": "X", "phones": [1.0]}]),
        (("goals",), [1.0]),
        (("extra",), {"x": 1.0}),
        (("has_attachments",), 1.0),
    ],
)
def test_a_float_anywhere_gets_the_strict_validators_findings(where: tuple[str, ...], value: object) -> None:
    record = copy.deepcopy(VALID)
    changed(where, value)(record)
    strict = list(dict.fromkeys(f for error in submission_validator().iter_errors(record) for f in _findings_of(error)))
    found = schema_findings(record)
    assert strict
    assert len(found) == len(strict) and set(found) == set(strict)
