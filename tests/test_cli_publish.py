"""``bdp-lod publish``: the contract of docs/design.md §4 (files, report, exit codes, no tracebacks)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef

from bdp_lod.cli import cli
from bdp_lod.vocab import DCTERMS

from conftest import EXAMPLES, ROOT


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _bad(folder: Path) -> Path:
    path = folder / "bad.json"
    path.write_text(json.dumps({"title": "T", "description": "D", "institution": {"name": "Urząd", "address": {"postal_code": "89650"}}}))
    return path


def test_publishing_the_examples_lists_what_was_written(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("publish", str(EXAMPLES), "--out", str(out), "--gzip")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Published 5 practices, 5 institutions, 3 contacts and 13 local government units with their "
        f"powiaty and województwa ({_triples(out)} triples) to {out}:"
    )
    listed = [line.split()[0] for line in lines[1:]]
    assert listed == sorted(p.name for p in out.iterdir())
    assert "  bdp.nt.gz " in result.stdout
    size = f"{(out / 'bdp.nt').stat().st_size:,}".replace(",", " ")
    assert any(line.startswith("  bdp.nt ") and line.endswith(f"{size} B") for line in lines)


def _triples(out: Path) -> int:
    return len((out / "bdp.nt").read_text(encoding="utf-8").splitlines())


def test_warnings_are_reported_on_stderr_and_do_not_stop_the_run(tmp_path: Path) -> None:
    result = run("publish", str(EXAMPLES / "001-srem.json"), "--out", str(tmp_path / "site"))
    assert result.exit_code == 0
    assert "unit.type" in result.stderr and "0 violations" in result.stderr


def test_violations_print_the_report_exit_1_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("publish", str(_bad(tmp_path)), "--out", str(out))
    assert result.exit_code == 1
    assert "institution.address.postal_code" in result.stderr
    assert result.stderr.splitlines()[-1] == f"bdp-lod: nothing written to {out}: 1 violation(s) above"
    assert result.stdout == ""
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_the_report_speaks_polish(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("--lang", "pl", "publish", str(_bad(tmp_path)), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"bdp-lod: nic nie zapisano do {out}: naruszenia powyżej: 1"
    ok = run("--lang", "pl", "publish", str(EXAMPLES / "000-czersk.json"), "--out", str(out))
    assert ok.stdout.splitlines()[0].startswith("Opublikowano praktyki: 1, instytucje: 1, kontakty: 1, ")


def test_a_missing_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("publish", str(tmp_path / "nope.json"), "--out", str(tmp_path / "site"))
    assert result.exit_code == 2
    assert result.output.strip() == f"bdp-lod: {tmp_path / 'nope.json'}: no such file or folder"
    assert not (tmp_path / "site").exists()


def test_a_folder_that_is_not_a_publication_is_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    result = run("publish", str(EXAMPLES), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith(f"bdp-lod: {tmp_path}: is not empty and holds no SHA256SUMS")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_a_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run("publish", str(EXAMPLES), "--out", str(tmp_path / "site"), "--modified", "2024-13-01")
    assert result.exit_code == 2
    assert "'2024-13-01' is not a date YYYY-MM-DD" in result.output


def test_options_reach_the_catalog(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run(
        "publish", str(EXAMPLES), "--out", str(out), "--modified", "2030-01-02", "--publisher-name", "ZMP",
        "--publisher-uri", "https://zmp.example.pl/", "--download-base", "https://dane.example.pl/bdp",
        "--base-uri", "https://example.org/bdp/",
    )
    assert result.exit_code == 0, result.output
    catalog = Graph().parse(out / "catalog.ttl", format="turtle")
    dataset = URIRef("https://example.org/bdp/data/bdp")
    assert {o.toPython().date().isoformat() for o in catalog.objects(dataset, DCTERMS.modified)} == {"2030-01-02"}
    assert (dataset, DCTERMS.publisher, URIRef("https://zmp.example.pl/")) in catalog
    assert Literal("ZMP") in set(catalog.objects())
    assert "https://dane.example.pl/bdp/bdp.ttl" in {str(o) for o in catalog.objects()}
    assert b"<https://example.org/bdp/id/practice/" in (out / "bdp.nt").read_bytes()


def test_redact_contacts_leaves_no_name_in_any_file(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run("publish", str(EXAMPLES), "--out", str(out), "--gzip", "--redact-contacts").exit_code == 0
    for path in out.iterdir():
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        for name in (b"Apostolowicz", "Apostołowicz".encode(), "Świdurska".encode(), b"swidurska", b"Rzepecka", b"rzepecka"):
            assert name not in data, (path.name, name)


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    digests = set()
    for seed in ("0", "1", "12345"):
        out = tmp_path / f"run{seed}"
        subprocess.run(
            [sys.executable, "-m", "bdp_lod.cli", "publish", str(EXAMPLES), "--out", str(out), "--gzip"],
            check=True, env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}, capture_output=True,
        )
        digests.add(hashlib.sha256((out / "SHA256SUMS").read_bytes()).hexdigest())
    assert len(digests) == 1


def test_an_out_folder_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "site"  # its parent is a file: nothing can be created there
    result = run("publish", str(EXAMPLES), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"bdp-lod: {out}: cannot write: ")
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_with_site_the_folder_also_holds_pages_documents_and_rules_and_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    for _ in range(2):  # the second run replaces the first, site included
        result = run("publish", str(EXAMPLES), "--out", str(out), "--site")
        assert result.exit_code == 0, result.output
    assert {"index.html", "index.en.html", "search.json", ".htaccess"} <= {p.name for p in out.iterdir()}
    practice = out / "doc/id/practice/23/20/cu/cus-klucze-plan-osl-2023"
    assert {practice.with_suffix(s).is_file() for s in (".html", ".ttl", ".jsonld", ".nt")} == {True}
    assert f"alias {out.resolve()}/;" in (out / "hosting/nginx-server.conf").read_text(encoding="utf-8")
    assert "  doc " not in result.output  # the listing names files, not the site's folders
    without = run("publish", str(EXAMPLES), "--out", str(out))
    assert without.exit_code == 0 and not (out / "doc").exists()
