"""``bdp-lod parse``: output, exit codes and messages of the command (docs/design.md §4)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bdp_lod.cli import cli
from bdp_lod.sources.submission import schema_findings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"
CZERSK = SEEDS / "000_c4dbc536a2a9d4ca.txt"
SREM = SEEDS / "001_1196ef917f521a9f.txt"
KATOWICE = SEEDS / "002_afdb9f643c8e20aa.txt"
KLUCZE = SEEDS / "003_c8b2e809a75ce6f8.txt"
CZERSK_HTML = FIXTURES / "pages" / "czersk.html"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def practice_pages(tmp_path: Path) -> Path:
    """A folder with the three practice pages, a note and a nested copy of the HTML page."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in (KATOWICE, CZERSK, SREM):
        shutil.copy(page, folder / page.name)
    (folder / "README.md").write_text("not a page\n", encoding="utf-8")
    (folder / "html").mkdir()
    shutil.copy(CZERSK_HTML, folder / "html" / "czersk.html")
    return folder


def test_one_page_to_stdout():
    result = run("parse", CZERSK)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.endswith("]\n")
    (record,) = json.loads(result.stdout)
    assert record["title"].startswith("Wzmocnienie infrastruktury sołeckiej")
    assert record["theme"] == "pomoc-spoleczna"
    assert record["population"] == 21224
    assert record["institution"]["website"] == "http://www.czersk.pl/"
    assert record["contacts"][0]["phones"] == ["+48523954868"]
    assert "Urząd Miejski w Czersku" in result.stdout  # UTF-8 as written, not \\u escapes


def test_folder_is_walked_in_sorted_order(practice_pages: Path):
    result = run("parse", practice_pages)
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["unit"]["name"] for r in records] == ["Czersk", "Śrem", "Katowice", "Czersk"]
    assert records[3] == records[0]  # the HTML copy of page 000 gives the same record


def test_output_file_json(tmp_path: Path):
    out = tmp_path / "records.json"
    out.write_text("old content\n", encoding="utf-8")
    result = run("parse", CZERSK, KATOWICE, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.endswith("}\n]\n")
    assert [r["unit"]["name"] for r in json.loads(text)] == ["Czersk", "Katowice"]
    assert json.loads(text)[1]["has_attachments"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.json"]  # no temporary file left


def test_output_file_jsonl(tmp_path: Path):
    out = tmp_path / "records.jsonl"
    result = run("parse", CZERSK, SREM, KATOWICE, "--output", out)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["unit"]["name"] for line in lines] == ["Czersk", "Śrem", "Katowice"]
    assert out.read_text(encoding="utf-8").endswith("}\n")


def test_not_a_practice_page_exits_1_and_writes_nothing(tmp_path: Path):
    out = tmp_path / "records.json"
    result = run("parse", CZERSK, KLUCZE, "-o", out)
    assert result.exit_code == 1
    assert f'bdp-lod: {KLUCZE}: no "Metryka praktyki" block' in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert result.stdout == ""


def test_not_a_practice_page_in_polish():
    result = run("--lang", "pl", "parse", KLUCZE)
    assert result.exit_code == 1
    assert f"bdp-lod: {KLUCZE}: brak bloku „Metryka praktyki”" in result.stderr


def test_missing_file_exits_2_with_one_line(tmp_path: Path):
    missing = tmp_path / "missing.txt"
    result = run("parse", CZERSK, missing)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"bdp-lod: {missing}: no such file or folder"]
    assert result.stdout == ""


def test_unreadable_page_exits_2(tmp_path: Path):
    page = tmp_path / "broken.txt"
    page.write_bytes(b"\x81\x83\x88\x90\x98")
    result = run("parse", page)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"bdp-lod: {page}: neither UTF-8 nor Windows-1250 text"]


@pytest.mark.parametrize(
    "args",
    [
        ["parse"],
        ["parse", str(FIXTURES / "seeds" / "SOURCE.md")],
        ["parse", str(CZERSK), "--no-such-option"],
    ],
)
def test_usage_errors_exit_2(args: list[str]):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_folder_without_pages_exits_2(tmp_path: Path):
    result = run("parse", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == "bdp-lod: no .txt, .html or .htm pages found\n"


def test_output_into_a_missing_folder_exits_2(tmp_path: Path):
    out = tmp_path / "no" / "such" / "records.json"
    result = run("parse", CZERSK, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"bdp-lod: {out}: ")
    assert len(result.stderr.splitlines()) == 1


def test_output_onto_an_input_page_is_refused(tmp_path: Path):
    page = tmp_path / "czersk.txt"
    shutil.copy(CZERSK, page)
    result = run("parse", page, "-o", page)
    assert result.exit_code == 2
    assert page.read_bytes() == CZERSK.read_bytes()


def test_warnings_name_the_file_and_field(tmp_path: Path):
    page = tmp_path / "czersk.txt"
    text = CZERSK.read_text(encoding="utf-8")
    page.write_text(text.replace("Osoby kontaktowe:", "Rok realizacji:\u00a0\u00a02012\nOsoby kontaktowe:"), encoding="utf-8")
    result = run("parse", page)
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{page}: warning: extra.Rok realizacji: ")
    assert json.loads(result.stdout)[0]["extra"] == {"Rok realizacji": "2012"}
    polish = run("--lang", "pl", "parse", page)
    assert polish.stderr.startswith(f"{page}: ostrzeżenie: extra.Rok realizacji: nieznane pole")


def test_values_that_cannot_be_normalised_exit_1(tmp_path: Path):
    page = tmp_path / "czersk.txt"
    page.write_text(CZERSK.read_text(encoding="utf-8").replace("tel. (52) 395 48 68", "tel. 12"), encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("parse", page, "-o", out)
    assert result.exit_code == 1
    assert f"{page} [record 0]: violation: contacts[0].phones[0]: '12'" in result.stderr
    assert not out.exists()


def test_input_files_are_never_modified(practice_pages: Path, tmp_path: Path):
    pages = sorted(p for p in practice_pages.rglob("*") if p.is_file())
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in pages}
    assert run("parse", practice_pages, "-o", tmp_path / "out.jsonl").exit_code == 0
    assert {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in pages} == before


@pytest.mark.parametrize("page", [CZERSK, SREM, KATOWICE], ids=lambda p: p.stem)
def test_printed_records_pass_the_submission_schema(page: Path):
    result = run("parse", page)
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 1
    assert schema_findings(records[0]) == []
