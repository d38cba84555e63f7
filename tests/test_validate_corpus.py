"""What a data steward is told about each of the broken inputs in fixtures/broken/.

Each file is a correct practice with one mistake (fixtures/broken/SOURCE.md). The table says the
findings ``validate`` must give for it: severity, record, field path in the submission's terms
and message, and nothing else. Some mistakes are caught by the JSON Schema while the records are
read, some by SHACL after mapping, some by TERYT resolution; the table says what the steward
actually gets. Adding a case is one file and one row.
"""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import Graph

from bdp_lod.validation import validate
from bdp_lod.validation.engine import evaluate
from bdp_lod.validation.foreign import read_report
from bdp_lod.validation.shapes import load_shapes

from conftest import EXAMPLES, FIXTURES

BROKEN = FIXTURES / "broken"

V, W, I = "violation", "warning", "info"

_CONFLICT = "2 records disagree about {node} ({field}); the published graph would hold every value they give. Make the records agree."

EXPECTED: list[tuple[str, list[tuple[str, int | None, str | None, str]]]] = [
    # --- JSON -------------------------------------------------------------------------------------
    ("json-postal-code-without-hyphen.json", [(V, 0, "institution.address.postal_code", "'89650' is not a Polish postal code (NN-NNN)")]),
    ("json-email-without-at.json", [(V, 0, "contacts[0].emails[0]", "'promocja.czersk.pl' is not an e-mail address")]),
    ("json-unknown-voivodeship.json", [(V, 0, "unit.voivodeship", "'pomorze' is not an allowed value (did you mean 'pomorskie'?)")]),
    ("json-date-added-in-future.json", [(V, 0, "date_added", "The date added of a practice cannot be later than today.")]),
    ("json-negative-population.json", [(V, 0, "population", "-5 is less than 0")]),
    ("json-practice-without-unit.json", [(V, 0, "unit", "The practice names no local government unit.")]),
    ("json-contact-without-phone-or-email.json", [(W, 0, "contacts[0]", "The contact has neither a phone number nor an e-mail address.")]),
    ("json-theme-not-in-scheme.json", [(V, 0, "theme", "'pomoc spoleczna i zdrowie' is not an allowed value (did you mean 'pomoc-spoleczna'?)")]),
    ("json-population-as-text.json", [(V, 0, "population", "'21 224 osoby' is not a whole number")]),
    ("json-population-with-fraction.json", [(V, 0, "population", "21224.5 is not a whole number")]),
    ("json-missing-title.json", [(V, 0, "title", "required field 'title' is missing")]),
    ("json-misspelt-field.json", [(V, 0, "institution.address.postal-code", "unknown field 'postal-code' (did you mean 'postal_code'?)")]),
    ("json-short-description.json", [(W, 0, "description", "The description of the practice is shorter than 200 characters; consider completing it.")]),
    ("json-foreign-phone.json", [(I, 0, "contacts[0].phones[0]", "The phone number is not Polish (+48); check that it is right.")]),
    ("json-no-contacts.json", [(W, 0, "contacts", "The practice has no contact.")]),
    ("json-no-population.json", [(W, 0, "population", "The practice does not give the unit's population.")]),
    ("json-website-without-domain.json", [(V, 0, "institution.website", "'czersk' is not a website address")]),
    ("json-unit-not-in-teryt.json", [(V, 0, "unit", "'Czerskowo' is not the name of a unit in TERC 2025-01-01")]),
    ("json-unit-type-wrong.json", [(W, 0, "unit.type", "the source gives the unit type 'gmina wiejska', but in TERC 2025-01-01 the unit is Czersk (2202043, gmina miejsko-wiejska, powiat chojnicki, pomorskie)")]),
    ("json-malformed-terc-code.json", [(V, 0, "unit.terc[0]", "'22020' is not a TERC code (2, 4 or 7 digits)")]),
    ("json-id-in-capitals.json", [(V, 0, "id", "'BDP-537' is not a record id (lower-case letters, digits and hyphens)")]),
    ("json-date-in-polish-format.json", [(V, 0, "date_added", "'28.06.2013' is not a date (YYYY-MM-DD)")]),
    # --- JSONL ------------------------------------------------------------------------------------
    ("jsonl-blank-title-in-second-record.jsonl", [(V, 1, "title", "'   ' is blank (the field needs text)")]),
    ("jsonl-conflicting-duplicate.jsonl", [(V, 1, "id", "another record ({file}, record 0) describes the same practice https://w3id.org/bdp/id/practice/czersk-test differently")]),
    ("jsonl-two-addresses-for-one-institution.jsonl", [(V, 0, "institution.address.street", _CONFLICT.format(
        field="institution.address.street", node='the address of the institution "Urząd Miejski w Czersku"'))]),
    ("jsonl-two-spellings-of-one-institution.jsonl", [(V, 0, "institution.name", _CONFLICT.format(
        field="institution.name", node='the institution "Urząd Miejski w Czersku"'))]),
    ("jsonl-two-positions-for-one-contact.jsonl", [(V, 0, "contacts[0].position", _CONFLICT.format(
        field="contacts[0].position", node='the contact "Magdalena Apostołowicz"'))]),
    # --- CSV --------------------------------------------------------------------------------------
    ("csv-postal-code-without-hyphen.csv", [(V, 0, "institution.address.postal_code", "column 'postal_code': '89650' is not a Polish postal code (NN-NNN)")]),
    ("csv-population-not-a-number.csv", [(V, 0, "population", "column 'population': 'dużo' is not a number of inhabitants")]),
    ("csv-unknown-theme.csv", [(V, 0, "theme", "column 'theme': 'Rekreacja i wypoczynek' is not an allowed value (allowed: dialog-spoleczny, efektywnosc-energetyczna, gospodarka-komunalna, gospodarka-mieszkaniowa, kultura, ochrona-zdrowia, oswiata, pomoc-spoleczna, rozwoj-instytucjonalny, sport-i-rekreacja, transport, uslugi-spoleczne, uslugi-techniczne, wspolpraca-jst-ngo, wspolpraca-miedzy-jst)")]),
    ("csv-email-without-at.csv", [(V, 0, "contacts[0].emails[0]", "column 'contact_1_email': 'promocja(at)czersk.pl' is not an e-mail address")]),
    # --- BDP pages --------------------------------------------------------------------------------
    ("page-postal-code-too-short.txt", [(V, 0, "institution.address.postal_code", "'8965 Czersk' is not a Polish postal code (NN-NNN)")]),
    ("page-unknown-voivodeship.txt", [(V, 0, "unit.voivodeship", "'Pomorze Gdańskie' is not an allowed value (did you mean 'pomorskie'?)")]),
    ("page-population-not-a-number.txt", [(V, 0, "population", "'ok. 21 tys.' is not a whole number")]),
    ("page-email-without-at.txt", [(V, 0, "contacts[0].emails[0]", "'promocja.czersk.pl' is not an e-mail address")]),
    ("page-without-metryka.txt", [(V, None, None, 'no "Metryka praktyki" block: not a good-practice database page')]),
    # --- Turtle (straight to SHACL) ---------------------------------------------------------------
    ("ttl-title-tagged-english.ttl", [(V, 0, "title", "A practice must have exactly one title, in Polish (@pl).")]),
    ("ttl-second-title.ttl", [(V, 0, "title", "A practice must have exactly one title, in Polish (@pl).")]),
    ("ttl-theme-not-in-scheme.ttl", [(V, 0, "theme", "A practice may have one theme, a concept of the Good Practice Database theme scheme.")]),
    ("ttl-negative-population.ttl", [
        (V, 0, "population", "The population must be given once, as a non-negative integer (xsd:nonNegativeInteger)."),
        (V, 0, "population", "The population must be from 1 to 5,600,000 (no unit of Poland has more)."),
    ]),
    ("ttl-unit-not-public-organisation.ttl", [(V, 0, "unit", "A local government unit must also be typed cv:PublicOrganisation.")]),
    ("ttl-terc-code-of-another-type.ttl", [(V, 0, "unit", "The unit has the TERC code of a gmina miejska (7 digits ending in 1) but is not typed gmina miejska.")]),
    ("ttl-postal-code-without-hyphen.ttl", [(V, 0, "institution.address.postal_code", "The postal code must have the form NN-NNN (e.g. 89-650); an address has at most one.")]),
    ("ttl-email-without-at.ttl", [(V, 0, "contacts[0].emails[0]", "An e-mail must be a mailto: IRI holding an address of the form name@domain.")]),
    ("ttl-date-added-in-future.ttl", [(V, 0, "date_added", "The date added of a practice cannot be later than today.")]),
    ("ttl-institution-without-name.ttl", [(V, 0, "institution.name", "An institution must have exactly one name, in Polish (@pl).")]),
    ("ttl-contact-as-literal.ttl", [
        (V, 0, "contacts", "A contact of a practice must be a vcard:Kind named by an IRI."),  # sh:class
        (V, 0, "contacts", "A contact of a practice must be a vcard:Kind named by an IRI."),  # sh:nodeKind
    ]),
]

CLAIMS: list[tuple[str, list[tuple[int, str, int, str, str]]]] = [
    # Two records of one office that disagree: each record involved (index, id, line), the field
    # in its own terms and its value; the finding itself stands at the first.
    ("jsonl-two-addresses-for-one-institution.jsonl", [
        (0, "czersk-a", 1, "institution.address.street", "Kościuszki 27"),
        (1, "czersk-b", 2, "institution.address.street", "Kościuszki 29"),
    ]),
    ("jsonl-two-spellings-of-one-institution.jsonl", [
        (0, "czersk-a", 1, "institution.name", "Urząd Miejski w Czersku"),
        (1, "czersk-b", 2, "institution.name", "Urząd miejski w Czersku"),
    ]),
    ("jsonl-two-positions-for-one-contact.jsonl", [
        (0, "czersk-a", 1, "contacts[0].position", "Inspektor Wydziału Rozwoju Społecznego"),
        (1, "czersk-b", 2, "contacts[1].position", "Kierownik Wydziału Rozwoju Społecznego"),
    ]),
]

POLISH: list[tuple[str, list[str]]] = [
    ("json-postal-code-without-hyphen.json", ["'89650' nie jest kodem pocztowym (NN-NNN)"]),
    ("json-date-added-in-future.json", ["Data wprowadzenia praktyki nie może być późniejsza niż dzisiejsza."]),
    ("json-contact-without-phone-or-email.json", ["Kontakt nie ma ani telefonu, ani adresu e-mail."]),
    ("json-unknown-voivodeship.json", ["'pomorze' nie jest dozwoloną wartością (czy chodziło o 'pomorskie'?)"]),
    ("json-unit-not-in-teryt.json", ["'Czerskowo' nie jest nazwą jednostki w TERC 2025-01-01"]),
    ("csv-population-not-a-number.csv", ["kolumna 'population': 'dużo' nie jest liczbą mieszkańców"]),
    ("page-without-metryka.txt", ["brak bloku „Metryka praktyki”: to nie jest strona Bazy Dobrych Praktyk"]),
    ("ttl-title-tagged-english.ttl", ["Praktyka musi mieć dokładnie jeden tytuł, po polsku (@pl)."]),
    ("ttl-terc-code-of-another-type.ttl", ["Jednostka ma kod TERC gminy miejskiej (7 cyfr zakończonych 1), ale nie ma typu „gmina miejska”."]),
    ("jsonl-two-addresses-for-one-institution.jsonl", [
        "Rekordy (liczba: 2) nie zgadzają się co do adresu instytucji „Urząd Miejski w Czersku” "
        "(institution.address.street); opublikowany graf zawierałby każdą podaną wartość. Ujednolić rekordy."]),
]


_MARKUP = "contains markup (<b>, <script>), entities (&nbsp;) or control characters; give plain text."
_NOT_A_NAME = ("The contact's name is an e-mail address, a phone number or a web address; put it in its own field.",
               "Imię i nazwisko kontaktu jest adresem e-mail, numerem telefonu albo adresem WWW; wpisz je we właściwe pole.")
_POPULATION = ("The population must be from 1 to 5,600,000 (no unit of Poland has more).",
               "Liczba mieszkańców musi wynosić od 1 do 5 600 000 (więcej nie ma żadna jednostka w Polsce).")
_TITLE_USUAL = ("The title of the practice is shorter than 10 or longer than 250 characters; consider revising it.",
                "Tytuł praktyki ma mniej niż 10 albo więcej niż 250 znaków; warto go poprawić.")
_CZERSK_TITLE = "Wzmocnienie infrastruktury sołeckiej w celu aktywizacji i integracji mieszkańców oraz podniesienia jakości ich życia"
_LONG_TITLE = ("Wzmocnienie infrastruktury sołeckiej " * 200)[:5000]

PUBLISHABLE: list[tuple[str, list[tuple[str, str | None, str | None, str, str]]]] = [
    # The rules of a publishable record (docs/shapes.md): severity, field, value, message en and pl;
    # every file is the Czersk record (record 0) with one mistake.
    ("json-practice-without-institution.json", [
        (V, "institution", None, "The practice names no implementing institution.", "Praktyka nie wskazuje instytucji wdrażającej."),
    ]),
    ("json-population-zero.json", [(V, "population", "0", *_POPULATION)]),
    ("json-population-above-poland.json", [(V, "population", "210000000", *_POPULATION)]),
    ("json-population-above-its-type.json", [
        (W, "population", "210000",
         "210,000 inhabitants is more than any urban-rural municipality has (at most 120,000); check the number",
         "210\u00a0000 mieszkańców to więcej, niż ma jakakolwiek jednostka typu gmina miejsko-wiejska (najwyżej 120\u00a0000); sprawdź liczbę"),
    ]),
    ("json-date-added-before-the-database.json", [
        (V, "date_added", "1890-01-01",
         "The date added of a practice is before the Good Practice Database began (2007-01-01).",
         "Data wprowadzenia praktyki jest wcześniejsza niż początek Bazy Dobrych Praktyk (2007-01-01)."),
    ]),
    ("json-postal-code-of-another-region.json", [
        (W, "institution.address.postal_code", "00-950",
         "the postal code 00-950 is in postal district 0 (Warszawa), which serves no part of pomorskie; codes there begin with 7 or 8",
         "kod pocztowy 00-950 należy do okręgu pocztowego 0 (Warszawa), który nie obsługuje żadnej części województwa pomorskie; kody tam zaczynają się od 7 lub 8"),
    ]),
    ("json-contact-name-is-an-email.json", [(V, "contacts[0].name", "m.apostolowicz@czersk.pl", *_NOT_A_NAME)]),
    ("json-contact-name-is-a-phone.json", [(V, "contacts[0].name", "(52) 395 48 68", *_NOT_A_NAME)]),
    ("json-contact-name-is-a-url.json", [(V, "contacts[0].name", "www.czersk.pl/kontakt", *_NOT_A_NAME)]),
    ("json-markup-in-title.json", [
        (V, "title", "<b>Wzmocnienie infrastruktury sołeckiej</b> <script>alert(1)</script>",
         "The title " + _MARKUP, "Pole „tytuł” zawiera znaczniki (<b>, <script>), encje (&nbsp;) albo znaki sterujące; podaj zwykły tekst."),
    ]),
    ("json-control-character-in-institution-name.json", [
        (V, "institution.name", "Urząd Miejski\u0007 w Czersku",
         "The institution name " + _MARKUP, "Pole „nazwa instytucji” zawiera znaczniki (<b>, <script>), encje (&nbsp;) albo znaki sterujące; podaj zwykły tekst."),
    ]),
    ("json-title-of-5000-characters.json", [
        (V, "title", _LONG_TITLE, "The title of the practice is longer than 500 characters; that is a description, not a title.",
         "Tytuł praktyki ma więcej niż 500 znaków; to opis, a nie tytuł."),
        (W, "title", _LONG_TITLE, *_TITLE_USUAL),
    ]),
    ("json-title-too-long-to-read.json", [(W, "title", " ".join([_CZERSK_TITLE] * 3), *_TITLE_USUAL)]),
    ("json-unit-in-wrong-voivodeship.json", [
        (W, "institution.address.postal_code", "89-650",
         "the postal code 89-650 is in postal district 8 (Gdańsk), which serves no part of mazowieckie; codes there begin with 0, 2 or 9",
         "kod pocztowy 89-650 należy do okręgu pocztowego 8 (Gdańsk), który nie obsługuje żadnej części województwa mazowieckie; kody tam zaczynają się od 0, 2 lub 9"),
        (V, "unit", "Czersk",
         "no unit in TERC 2025-01-01 matches 'Czersk' as given; units of that name: Czersk (2202043, gmina miejsko-wiejska, powiat chojnicki, pomorskie)",
         "żadna jednostka w TERC 2025-01-01 nie odpowiada 'Czersk' z podanymi danymi; jednostki o tej nazwie: Czersk (2202043, gmina miejsko-wiejska, powiat chojnicki, pomorskie)"),
    ]),
]


def test_the_corpus_covers_every_input_kind_and_every_file_has_a_row() -> None:
    files = sorted(p.name for p in BROKEN.iterdir() if p.name != "SOURCE.md")
    assert sorted(name for name, _ in [*EXPECTED, *PUBLISHABLE]) == files
    assert len(files) >= 30
    assert {name.split("-", 1)[0] for name in files} == {"json", "jsonl", "csv", "page", "ttl"}


@pytest.mark.parametrize(("name", "expected"), EXPECTED, ids=[name for name, _ in EXPECTED])
def test_each_broken_input_gives_exactly_its_finding(name: str, expected: list[tuple[str, int | None, str | None, str]]) -> None:
    path = BROKEN / name
    report = validate([path])
    found = [(f.severity.value, f.record_index, f.field, f.message.en) for f in report.findings]
    assert found == [(s, r, field, m.format(file=path)) for s, r, field, m in expected]
    assert all(f.file == str(path) for f in report.findings)


@pytest.mark.parametrize(("name", "expected"), PUBLISHABLE, ids=[name for name, _ in PUBLISHABLE])
def test_each_rule_of_a_publishable_record_gives_exactly_its_finding(
    name: str, expected: list[tuple[str, str | None, str | None, str, str]]
) -> None:
    path = BROKEN / name
    found = [(f.file, f.record_index, f.severity.value, f.field, f.value, f.message.en, f.message.pl)
             for f in validate([path]).findings]
    assert found == [(str(path), 0, *row) for row in expected]


@pytest.mark.parametrize(("name", "claims"), CLAIMS, ids=[name for name, _ in CLAIMS])
def test_each_conflict_names_every_record_involved_and_its_value(name: str, claims: list[tuple[int, str, int, str, str]]) -> None:
    path = BROKEN / name
    (finding,) = validate([path]).findings
    assert (finding.code, finding.value) == ("record.conflict", None)
    assert [(c.file, c.record_index, c.record_id, c.line, c.field, c.value) for c in finding.claims] == [
        (str(path), *claim) for claim in claims]


@pytest.mark.parametrize(("name", "messages"), POLISH, ids=[name for name, _ in POLISH])
def test_the_steward_reads_the_same_findings_in_polish(name: str, messages: list[str]) -> None:
    assert [f.message.pl for f in validate([BROKEN / name]).findings] == messages


def test_every_example_conforms() -> None:
    report = validate([EXAMPLES])
    assert report.conforms
    assert report.exit_code(strict=False) == 0


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.glob("*.ttl")))
def test_rdf_cases_give_pyshacls_results(name: str) -> None:
    shapes = load_shapes()
    data = Graph().parse(BROKEN / name)
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes.graph, inference="none")
    assert {r.key for r in evaluate(shapes, data)} == {r.key for r in read_report(report)}
