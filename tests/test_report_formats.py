"""Reports for people (issue 12, point 4): the CSV that Polish Excel opens, the self-contained HTML
report, ``--report-dir`` writing every form at once, and the HTML report in a real browser,
also with 100,000 findings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from bdp_lod.cli import cli
from bdp_lod.codes import CATALOGUE
from bdp_lod.findings import Finding, Message, Severity
from bdp_lod.validation import Report, validate
from bdp_lod.validation.report import REPORT_FILES

from browser_support import chromium
from conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BROKEN = Path("tests/fixtures/broken")
"""Relative, as a steward types it: the reports show the paths as given."""
POSTAL = "tests/fixtures/broken/csv-postal-code-without-hyphen.csv"
HOSTILE = "<script>alert(1)</script></script><!--"


@pytest.fixture(autouse=True)
def in_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(*args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--lang", lang, "validate", *args])


def hostile_report() -> Report:
    finding = CATALOGUE["schema.pattern"].as_finding(
        Message(en="bad title", pl="zły tytuł"), file="up<b>load</b>.json", record_index=0,
        record_id="x", field="title", value=HOSTILE + "\x00\x1b",
    )
    return Report([finding], files=["up<b>load</b>.json"], records=1)


# --- CSV ------------------------------------------------------------------------------------------


def test_the_csv_report_is_utf8_with_bom_semicolons_crlf_and_a_polish_header() -> None:
    result = CliRunner().invoke(cli, ["--lang", "pl", "validate", POSTAL, "--format", "csv"])
    assert result.exit_code == 1
    assert result.stdout_bytes == (
        "\ufeffWaga;Plik;Rekord;Identyfikator rekordu;Wiersz;Pole;Wartość;Komunikat;Reguła;Kod;Węzeł RDF\r\n"
        "naruszenie;tests/fixtures/broken/csv-postal-code-without-hyphen.csv;0;czersk-test;2;"
        "institution.address.postal_code;89650;kolumna 'postal_code': '89650' nie jest kodem pocztowym (NN-NNN);"
        "Wartość złej postaci;schema.pattern;\r\n"
    ).encode("utf-8")


def test_the_csv_report_in_english_names_the_focus_node_of_an_rdf_finding() -> None:
    data = validate([str(BROKEN / "ttl-negative-population.ttl")]).to_csv("en")
    assert data.splitlines() == [
        "\ufeffSeverity;File;Record;Record ID;Line;Field;Value;Message;Rule;Code;Focus node".encode("utf-8"),
        b"violation;tests/fixtures/broken/ttl-negative-population.ttl;0;;;population;-5;"
        b"The population must be given once, as a non-negative integer (xsd:nonNegativeInteger).;"
        b"A literal of the wrong datatype;shacl.datatype;"
        b"https://w3id.org/bdp/id/practice/wzmocnienie-infrastruktury-soleckiej-w-celu-aktywizacji-i-integracji-"
        b"mieszkancow-2013-06-28",
        b"violation;tests/fixtures/broken/ttl-negative-population.ttl;0;;;population;-5;"
        b"The population must be from 1 to 5,600,000 (no unit of Poland has more).;"
        b"A value too large;shacl.maxInclusive;"
        b"https://w3id.org/bdp/id/practice/wzmocnienie-infrastruktury-soleckiej-w-celu-aktywizacji-i-integracji-"
        b"mieszkancow-2013-06-28",
    ]


def test_a_formula_in_a_csv_cell_is_shown_not_run_and_a_semicolon_is_quoted() -> None:
    finding = CATALOGUE["schema.pattern"].as_finding(
        Message(en="a; b", pl="a; b"), file="f.json", field="title", value="=HYPERLINK(\"http://x\")",
    )
    cells = Report([finding]).to_csv().decode("utf-8-sig").split("\r\n")[1]
    assert cells == ("violation;f.json;;;;title;\"'=HYPERLINK(\"\"http://x\"\")\";\"a; b\";"
                     "A value of the wrong form;schema.pattern;")


def test_control_characters_in_a_csv_cell_are_shown_as_control_pictures() -> None:
    row = hostile_report().to_csv().decode("utf-8-sig").split("\r\n")[1]
    assert HOSTILE + "\u2400\u241b" in row and "\x00" not in row


# --- HTML -----------------------------------------------------------------------------------------


def test_the_html_report_is_self_contained_and_shows_every_figure() -> None:
    report = validate([str(BROKEN)])
    html = report.to_html("pl")
    soup = BeautifulSoup(html, "html5lib")
    assert soup.html is not None and soup.html["lang"] == "pl"
    referenced = [tag.get(attr) for tag in soup.find_all(True) for attr in ("src", "href") if tag.get(attr)]
    assert [ref for ref in referenced if not str(ref).startswith("#")] == []
    assert soup.find("link") is None
    figures = {dt.get_text(): dd.get_text() for dt, dd in zip(soup.select(".figures dt"), soup.select(".figures dd"))}
    counts = report.counts()
    assert figures == {
        "Profil": "bdp", "Pliki": str(len(report.files)), "Rekordy": str(report.records),
        "Trójki": str(report.triples), "naruszenie": str(counts[Severity.VIOLATION]),
        "ostrzeżenie": str(counts[Severity.WARNING]), "informacja": str(counts[Severity.INFO]),
    }
    rows = soup.select("#table tbody tr")
    assert len(rows) == len(report.findings)
    assert [td.get_text() for td in rows[0].find_all("td")] == [
        "naruszenie", "tests/fixtures/broken/csv-email-without-at.csv", "0 · czersk-test", "2",
        "contacts[0].emails[0]", "promocja(at)czersk.pl",
        "kolumna 'contact_1_email': 'promocja(at)czersk.pl' nie jest adresem e-mail", "schema.format",
    ]


def test_every_rule_in_the_html_report_links_to_its_explanation_in_the_page() -> None:
    report = validate([str(BROKEN)])
    soup = BeautifulSoup(report.to_html("en"), "html5lib")
    codes = {f.code for f in report.findings}
    assert {a["href"] for a in soup.select("#table a")} == {f"#rule-{code}" for code in codes}
    for code in codes:
        section = soup.find(id=f"rule-{code}")
        assert section is not None
        assert CATALOGUE[code].explanation.en in section.get_text()


def test_the_counts_per_rule_field_and_file_add_up() -> None:
    report = validate([str(BROKEN / "jsonl-two-addresses-for-one-institution.jsonl"), POSTAL])
    soup = BeautifulSoup(report.to_html("en"), "html5lib")
    tables = soup.select("table.counts")
    by_rule, by_field, by_file = ([[td.get_text() for td in tr.find_all("td")] for tr in t.select("tbody tr")]
                                  for t in tables)
    assert by_rule == [
        ["record.conflict Records disagree about a shared node", "1"],
        ["schema.pattern A value of the wrong form", "1"],
    ]
    assert by_field == [["institution.address.postal_code", "1"], ["institution.address.street", "1"]]
    assert by_file == [
        ["tests/fixtures/broken/jsonl-two-addresses-for-one-institution.jsonl", "1", "0", "0", "1"],
        [POSTAL, "1", "0", "0", "1"],
    ]


def test_a_hostile_value_is_shown_as_text_and_cannot_close_the_data_script() -> None:
    html = hostile_report().to_html("en")
    soup = BeautifulSoup(html, "html5lib")
    assert [s.get("type") for s in soup.find_all("script")] == ["application/json", None]
    cells = [td.get_text() for td in soup.select("#table tbody td")]
    assert HOSTILE + "\u2400\u241b" in cells
    assert "up<b>load</b>.json" in cells and soup.select("#table b") == []
    data = json.loads(soup.find("script", id="report-data").string)
    assert HOSTILE + "\u2400\u241b" in data["strings"]


def test_the_html_report_is_the_same_bytes_every_time() -> None:
    assert validate([str(BROKEN)]).to_html("pl") == validate([str(BROKEN)]).to_html("pl")


def many_findings(count: int) -> Report:
    """Synthetic findings over 100 files: what 500 submissions with many problems each give."""
    kind = CATALOGUE["schema.pattern"]
    findings = [
        kind.as_finding(Message(en=f"value {n} is wrong", pl=f"wartość {n} jest zła"),
                        file=f"upload-{n % 100:03d}.json", record_index=n // 100, field="title", value=f"v{n}")
        for n in range(count)
    ]
    return Report(Report.sort(findings), files=[f"upload-{i:03d}.json" for i in range(100)], records=count // 100)


def test_without_javascript_a_large_report_shows_the_first_rows_and_says_so() -> None:
    soup = BeautifulSoup(many_findings(1500).to_html("en"), "html5lib")
    assert len(soup.select("#table tbody tr")) == 1000
    assert soup.find(id="status").get_text() == (
        "Without JavaScript the first 1000 of 1500 findings are shown; the CSV and JSON reports hold them all."
    )


# --- --report-dir ---------------------------------------------------------------------------------


def test_report_dir_writes_the_five_forms_and_still_prints_the_chosen_one(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "reports"
    result = run(POSTAL, "--report-dir", str(folder), "--format", "json", lang="pl")
    assert result.exit_code == 1
    assert sorted(p.name for p in folder.iterdir()) == sorted(REPORT_FILES)
    report = validate([POSTAL])
    assert (folder / "report.json").read_text(encoding="utf-8") == result.output == report.to_json("pl")
    assert (folder / "report.txt").read_text(encoding="utf-8") == report.to_text("pl")
    assert (folder / "report.ttl").read_text(encoding="utf-8") == report.to_turtle()
    assert (folder / "report.html").read_text(encoding="utf-8") == report.to_html("pl")
    assert (folder / "report.csv").read_bytes() == report.to_csv("pl")


def test_report_dir_keeps_the_exit_code_of_a_clean_run(tmp_path: Path) -> None:
    assert run("examples", "--report-dir", str(tmp_path)).exit_code == 0
    assert (tmp_path / "report.html").exists()


def test_an_unwritable_report_dir_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("", encoding="utf-8")
    result = run(POSTAL, "--report-dir", str(tmp_path / "taken" / "reports"))
    assert result.exit_code == 2
    assert "cannot write the reports" in result.output and "Traceback" not in result.output


# --- in a browser ---------------------------------------------------------------------------------



@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


@pytest.fixture(scope="module")
def broken_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        path.write_text(validate([str(BROKEN)]).to_html("en"), encoding="utf-8")
    return path


def rows(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "Array.from(document.querySelectorAll('#table tbody tr'), tr => Array.from(tr.cells, td => td.textContent))"
    )


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_the_report_loads_without_console_errors_and_fits_the_screen(
    browser: Browser, broken_html: Path, width: int,
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(broken_html.as_uri())
    assert page.locator("#status").inner_text() == "Findings 1–71 of 71"
    assert errors == []
    assert requests == [broken_html.as_uri()]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_typing_in_the_filter_narrows_the_table_to_the_matching_rows(browser: Browser, broken_html: Path) -> None:
    page = browser.new_page()
    page.goto(broken_html.as_uri())
    page.fill("#filter", "89650")
    shown = rows(page)
    assert [(r[1], r[4]) for r in shown] == [
        ("tests/fixtures/broken/csv-postal-code-without-hyphen.csv", "institution.address.postal_code"),
        ("tests/fixtures/broken/json-postal-code-without-hyphen.json", "institution.address.postal_code"),
        ("tests/fixtures/broken/ttl-postal-code-without-hyphen.ttl", "institution.address.postal_code"),
    ]
    assert page.locator("#status").inner_text() == "Findings 1–3 of 3 (71 in all)"
    page.fill("#filter", "no such text anywhere")
    assert rows(page) == []
    assert page.locator("#status").inner_text() == "No finding matches (71 in all)."
    page.close()


def test_clicking_a_header_sorts_and_clicking_again_reverses(browser: Browser, broken_html: Path) -> None:
    page = browser.new_page()
    page.goto(broken_html.as_uri())
    page.click("th[data-column=rule] button")
    codes = [r[7] for r in rows(page)]
    assert codes == sorted(codes)
    assert page.get_attribute("th[data-column=rule]", "aria-sort") == "ascending"
    page.click("th[data-column=rule] button")
    assert [r[7] for r in rows(page)] == sorted(codes, reverse=True)
    page.close()


def test_the_severity_and_rule_selects_keep_only_their_findings(browser: Browser, broken_html: Path) -> None:
    report = validate([str(BROKEN)])
    page = browser.new_page()
    page.goto(broken_html.as_uri())
    page.select_option("#severity", label="warning")
    assert [r[0] for r in rows(page)] == ["warning"] * report.counts()[Severity.WARNING]
    page.select_option("#severity", value="")
    page.select_option("#rule", value="schema.enum")
    assert [r[7] for r in rows(page)] == ["schema.enum"] * sum(f.code == "schema.enum" for f in report.findings)
    page.close()


def test_a_report_of_100000_findings_opens_on_its_first_page(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(many_findings(100_000).to_html("en"), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    assert page.locator("#table tbody tr").count() == 200
    assert page.locator("#status").inner_text() == "Findings 1–200 of 100000"
    assert page.locator("#page").inner_text() == "page 1 of 500"
    page.click("#next")
    assert rows(page)[0][1:3] == ["upload-000.json", "200"]
    assert page.locator("#status").inner_text() == "Findings 201–400 of 100000"
    assert errors == []
    page.close()
