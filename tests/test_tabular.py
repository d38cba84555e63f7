"""Spreadsheet exports: separators, encodings, numbered contacts, located findings, and the
example CSV giving the same records as the JSON examples."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bdp_lod.errors import InputError
from bdp_lod.findings import Severity
from bdp_lod.model import Contact
from bdp_lod.sources.submission import read_submissions
from bdp_lod.sources.tabular import detect_encoding, read_table

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

POLISH = "ąęłńóśźżĄĘŁŃÓŚŹŻ"

CZERSK: dict[str, str] = {
    "title": "Wzmocnienie infrastruktury sołeckiej",
    "description": "Praktyka polega na kompleksowym wsparciu społeczności wiejskich sołectw.\n\nCelem działań było odbudowanie więzi.",
    "theme": "Pomoc społeczna",
    "date_added": "28.06.2013",
    "population": "21.224",
    "unit_name": "Czersk",
    "unit_type": "gmina miejsko-wiejska",
    "powiat": "Chojnicki",
    "voivodeship": "Pomorskie",
    "institution_name": "Urząd Miejski w Czersku",
    "street": "Kościuszki 27",
    "postal_code": "89-650",
    "post_office": "Czersk",
    "website": "www.czersk.pl",
    "contact_1_name": "Magdalena Apostołowicz",
    "contact_1_position": "Inspektor Wydziału Rozwoju Społecznego",
    "contact_1_phone": "(52) 395 48 68",
    "contact_1_email": "promocja@czersk.pl",
}


def csv_bytes(rows: list[dict[str, str]], *, delimiter: str = ";", encoding: str = "utf-8", bom: bool = False) -> bytes:
    """A spreadsheet export as Excel writes it: CRLF lines, cells quoted when needed."""
    header: list[str] = []
    for row in rows:
        header += [k for k in row if k not in header]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header, delimiter=delimiter, lineterminator="\r\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    data = out.getvalue().encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def write(tmp_path: Path, data: bytes, name: str = "practices.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_row_becomes_a_normalised_record(tmp_path: Path) -> None:
    path = write(tmp_path, csv_bytes([CZERSK]))
    result = read_table(path)
    assert result.findings == []
    [record] = result.records
    practice = record.practice
    assert (record.origin.file, record.origin.index, record.origin.line) == (str(path), 0, 2)
    assert practice.theme == "pomoc-spoleczna"
    assert str(practice.date_added) == "2013-06-28"
    assert practice.population == 21224
    assert practice.unit is not None
    assert (practice.unit.type, practice.unit.voivodeship) == ("gmina-miejsko-wiejska", "pomorskie")
    assert practice.institution is not None and practice.institution.website == "http://www.czersk.pl/"
    assert practice.description.split("\n\n")[1] == "Celem działań było odbudowanie więzi."
    assert practice.contacts[0].phones == ("+48523954868",)


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "utf8-bom"])
def test_separators_and_byte_order_marks(tmp_path: Path, delimiter: str, bom: bool) -> None:
    reference = read_table(write(tmp_path, csv_bytes([CZERSK]), "reference.csv")).records[0].practice
    result = read_table(write(tmp_path, csv_bytes([CZERSK], delimiter=delimiter, bom=bom)))
    assert result.findings == []
    assert [r.practice for r in result.records] == [reference]
    assert result.records[0].practice.title == "Wzmocnienie infrastruktury sołeckiej"


def test_windows_1250_is_detected(tmp_path: Path) -> None:
    row = {**CZERSK, "title": f"Praktyka {POLISH}"}
    raw = csv_bytes([row], encoding="cp1250")
    assert detect_encoding(raw) == "cp1250"
    result = read_table(write(tmp_path, raw))
    assert result.findings == []
    assert result.records[0].practice.title == f"Praktyka {POLISH}"
    assert result.records[0].practice.contacts[0].name == "Magdalena Apostołowicz"


def test_utf8_is_detected_with_and_without_bom() -> None:
    assert detect_encoding(csv_bytes([CZERSK])) == "utf-8"
    assert detect_encoding(csv_bytes([CZERSK], bom=True)) == "utf-8-sig"


def test_an_explicit_encoding_is_honoured(tmp_path: Path) -> None:
    row = {**CZERSK, "title": f"Praktyka {POLISH}"}
    path = write(tmp_path, csv_bytes([row], encoding="iso-8859-2"))
    guessed = read_table(path).records[0].practice.title
    assert guessed != f"Praktyka {POLISH}"  # Latin-2 bytes read as Windows-1250 are mojibake
    assert read_table(path, encoding="iso-8859-2").records[0].practice.title == f"Praktyka {POLISH}"


def test_an_undecodable_cell_names_its_row_and_column(tmp_path: Path) -> None:
    second = {**CZERSK, "unit_name": "Śrem"}
    path = write(tmp_path, csv_bytes([CZERSK, second], encoding="cp1250"))
    with pytest.raises(InputError) as caught:
        read_table(path, encoding="utf-8")
    assert caught.value.line == 2
    assert "record 0, column 'title': byte 0xb3 cannot be decoded as utf-8" in str(caught.value)


def test_a_stray_byte_in_a_utf8_file_is_named_not_guessed_away(tmp_path: Path) -> None:
    good = csv_bytes([CZERSK, CZERSK])
    at = good.rfind("Urząd".encode("utf-8"))  # the second row's cell, pasted from a cp1250 file
    broken = good[:at] + "Urząd".encode("cp1250") + good[at + len("Urząd".encode("utf-8")) :]
    assert detect_encoding(broken) == "utf-8"
    with pytest.raises(InputError) as caught:
        read_table(write(tmp_path, broken))
    assert caught.value.line == 5
    assert "record 1, column 'institution_name': byte 0xb9 cannot be decoded as utf-8" in str(caught.value)


def test_an_unknown_encoding_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_table(write(tmp_path, csv_bytes([CZERSK])), encoding="klingon")


def test_numbered_contacts(tmp_path: Path) -> None:
    row = {
        **CZERSK,
        "contact_2_name": "Jan Kowalski",
        "contact_2_role": "koordynator projektu",
        "contact_2_phone": "52 395 48 00\n+48 600 100 200",
        "contact_2_email": "Jan.Kowalski@Czersk.pl",
    }
    result = read_table(write(tmp_path, csv_bytes([row])))
    assert result.findings == []
    assert result.records[0].practice.contacts == (
        Contact(
            name="Jan Kowalski",
            role="koordynator projektu",
            phones=("+48523954800", "+48600100200"),
            emails=("jan.kowalski@czersk.pl",),
        ),
        Contact(
            name="Magdalena Apostołowicz",
            position="Inspektor Wydziału Rozwoju Społecznego",
            phones=("+48523954868",),
            emails=("promocja@czersk.pl",),
        ),
    )


def test_a_contact_finding_names_the_numbered_column(tmp_path: Path) -> None:
    row = {k: v for k, v in CZERSK.items() if not k.startswith("contact_1")}
    row["contact_2_email"] = "jan.kowalski.czersk.pl"
    result = read_table(write(tmp_path, csv_bytes([row])))
    [finding] = result.findings
    assert (finding.code, finding.field, finding.record_index, finding.line) == (
        "schema.format",
        "contacts[0].emails[0]",
        0,
        2,
    )
    assert finding.message.en == "column 'contact_2_email': 'jan.kowalski.czersk.pl' is not an e-mail address"
    assert finding.message.pl == "kolumna 'contact_2_email': 'jan.kowalski.czersk.pl' nie jest adresem e-mail"


def test_an_unknown_column_is_a_warning_and_its_value_is_kept(tmp_path: Path) -> None:
    row = {**CZERSK, "Uwagi": "Praktyka nagrodzona", "contact_1_phones": "52 395 48 68"}
    result = read_table(write(tmp_path, csv_bytes([row])))
    assert [(f.severity, f.code, f.field, f.line) for f in result.findings] == [
        (Severity.WARNING, "csv.unknown-column", "extra.Uwagi", 1),
        (Severity.WARNING, "csv.unknown-column", "extra.contact_1_phones", 1),
    ]
    assert result.findings[1].message.en == (
        "unknown column 'contact_1_phones' (did you mean 'contact_1_phone'?); its values are kept in 'extra'"
    )
    assert result.records[0].practice.extra == (("Uwagi", "Praktyka nagrodzona"), ("contact_1_phones", "52 395 48 68"))


def test_a_bad_population_cell_names_row_and_column(tmp_path: Path) -> None:
    rows = [CZERSK, {**CZERSK, "population": "dużo"}]
    path = write(tmp_path, csv_bytes(rows))
    result = read_table(path)
    assert [r.origin.index for r in result.records] == [0]
    [finding] = result.findings
    assert (finding.severity, finding.code, finding.field, finding.value) == (
        Severity.VIOLATION,
        "normalize.population",
        "population",
        "dużo",
    )
    assert (finding.file, finding.record_index, finding.line) == (str(path), 1, 5)  # row 0 spans lines 2-4
    assert finding.message.en == "column 'population': 'dużo' is not a number of inhabitants"
    assert finding.message.pl == "kolumna 'population': 'dużo' nie jest liczbą mieszkańców"


def test_schema_findings_name_the_column(tmp_path: Path) -> None:
    rows = [{**CZERSK, "postal_code": "89650", "unit_type": "gmina"}]
    result = read_table(write(tmp_path, csv_bytes(rows)))
    assert [(f.code, f.field, f.message.en.split(":")[0]) for f in result.findings] == [
        ("schema.pattern", "institution.address.postal_code", "column 'postal_code'"),
        ("schema.enum", "unit.type", "column 'unit_type'"),
    ]
    assert result.findings[0].message.en == "column 'postal_code': '89650' is not a Polish postal code (NN-NNN)"


def test_a_missing_column_is_named_too(tmp_path: Path) -> None:
    row = {k: v for k, v in CZERSK.items() if k != "title"}
    [finding] = read_table(write(tmp_path, csv_bytes([row]))).findings
    assert (finding.code, finding.field) == ("schema.required", "title")
    assert finding.message.en == "column 'title': required field 'title' is missing"


def test_labels_dates_lists_and_yes_no(tmp_path: Path) -> None:
    row = {
        **CZERSK,
        "unit_type": "powiat grodzki",
        "programme": "Doskonalenie zarządzania usługami publicznymi i rozwojem w jednostkach samorządu lokalnego (gminach i powiatach)",
        "date_added": "10 stycznia 2023",
        "terc": "2469\n2469011",
        "goals": "Integracja mieszkańców\nAktywizacja sołectw",
        "has_attachments": "Tak",
    }
    practice = read_table(write(tmp_path, csv_bytes([row]))).records[0].practice
    assert practice.unit is not None
    assert (practice.unit.type, practice.unit.terc) == ("miasto-na-prawach-powiatu", ("2469", "2469011"))
    assert practice.programme == "doskonalenie-zarzadzania"
    assert str(practice.date_added) == "2023-01-10"
    assert practice.goals == ("Aktywizacja sołectw", "Integracja mieszkańców")
    assert practice.has_attachments is True


def test_a_bad_yes_no_cell_is_a_finding(tmp_path: Path) -> None:
    [finding] = read_table(write(tmp_path, csv_bytes([{**CZERSK, "has_attachments": "może"}]))).findings
    assert (finding.code, finding.field) == ("csv.boolean", "has_attachments")
    assert finding.message.en == "column 'has_attachments': 'może' is not a yes/no value (tak/nie, true/false, 1/0)"


def test_blank_rows_and_padding_are_ignored(tmp_path: Path) -> None:
    text = "title;description;;\r\n;;;\r\nTytuł;Opis;;\r\n"
    result = read_table(write(tmp_path, text.encode("utf-8")))
    assert result.findings == []
    [record] = result.records
    assert (record.origin.index, record.origin.line) == (1, 3)


def test_cells_beyond_the_header_are_a_violation(tmp_path: Path) -> None:
    text = "title;description\r\nTytuł;Opis;zagubiona wartość\r\n"
    result = read_table(write(tmp_path, text.encode("utf-8")))
    assert result.records == []
    assert [f.code for f in result.findings] == ["csv.row-length"]


def test_a_repeated_column_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="column 'Title' appears twice"):
        read_table(write(tmp_path, b"title;description;Title\r\na;b;c\r\n"))


def test_an_empty_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no header row"):
        read_table(write(tmp_path, b""))


def test_the_example_csv_gives_the_json_examples() -> None:
    table = read_table(EXAMPLES / "bdp-practices.csv")
    assert table.findings == []
    raw = (EXAMPLES / "bdp-practices.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.split(b"\r\n", 1)[0].count(b";") > 10
    json_names = ["000-czersk.json", "001-srem.json", "002-katowice.json"]
    from_json = [read_submissions(EXAMPLES / name).records[0].practice for name in json_names]
    assert [r.practice for r in table.records] == from_json
