"""Unreadable input is reported in the language the user chose: ``--lang pl`` gives one Polish
line naming the file (and line), ``--lang en`` the same line in English, both with exit code 2."""

from __future__ import annotations

import hashlib
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from bdp_lod.cli import cli

from conftest import EXAMPLES


@dataclass(frozen=True)
class Case:
    """One unreadable input: the command that meets it, and the line each language prints."""

    args: list[str]
    en: str
    pl: str


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing_file(tmp: Path) -> Case:
    path = tmp / "nope.json"
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}: no such file or folder",
        pl=f"{path}: nie ma takiego pliku ani folderu",
    )


def missing_page(tmp: Path) -> Case:
    path = tmp / "nope.html"
    return Case(
        ["parse", str(path)],
        en=f"{path}: no such file or folder",
        pl=f"{path}: nie ma takiego pliku ani folderu",
    )


def unknown_input_extension(tmp: Path) -> Case:
    path = _write(tmp / "practices.xlsx", "")
    known = ".csv, .htm, .html, .json, .jsonl, .jsonld, .nt, .rdf, .ttl, .txt"
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}: unknown input kind '.xlsx' (expected one of {known})",
        pl=f"{path}: nieznany rodzaj wejścia '.xlsx' (oczekiwano jednego z: {known})",
    )


def malformed_json(tmp: Path) -> Case:
    path = _write(tmp / "bad.json", '[\n  {"title": "a"},\n  {"title": }\n]\n')
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}:3: malformed JSON: Expecting value (column 13)",
        pl=f"{path}:3: niepoprawny JSON: Expecting value (kolumna 13)",
    )


def malformed_jsonl_line(tmp: Path) -> Case:
    path = _write(tmp / "bad.jsonl", '{"title": "a", "description": "b"}\n\n{"title": "c",\n')
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}:3: malformed JSON: Expecting property name enclosed in double quotes (column 15)",
        pl=f"{path}:3: niepoprawny JSON: Expecting property name enclosed in double quotes (kolumna 15)",
    )


def json_not_utf8(tmp: Path) -> Case:
    path = _write(tmp / "cp1250.json", '{\n  "title": "Gmina '.encode() + "Łódź".encode("cp1250") + b'"\n}\n')
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}:2: not UTF-8 text (byte 0xa3)",
        pl=f"{path}:2: to nie jest tekst w UTF-8 (bajt 0xa3)",
    )


def undecodable_csv_cell(tmp: Path) -> Case:
    path = _write(
        tmp / "bad.csv",
        "title;description\nŻłobek w Czersku;Opis\n".encode() + "Szkoła;Opis ".encode() + b"\xb3\n",
    )
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}:3: record 1, column 'description': byte 0xb3 cannot be decoded as utf-8"
           " (give the file's encoding with --encoding)",
        pl=f"{path}:3: rekord 1, kolumna 'description': bajtu 0xb3 nie da się odczytać jako utf-8"
           " (podaj kodowanie pliku w --encoding)",
    )


def repeated_csv_column(tmp: Path) -> Case:
    path = _write(tmp / "twice.csv", "title;description;Title\na;b;c\n")
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}:1: column 'Title' appears twice in the header",
        pl=f"{path}:1: kolumna 'Title' występuje w nagłówku dwukrotnie",
    )


def empty_csv(tmp: Path) -> Case:
    path = _write(tmp / "empty.csv", "")
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}:1: no header row",
        pl=f"{path}:1: brak wiersza nagłówka",
    )


def unknown_csv_encoding(tmp: Path) -> Case:
    path = _write(tmp / "x.csv", "title;description\na;b\n")
    return Case(
        ["convert", str(path), "--encoding", "klingon", "-o", str(tmp / "out.ttl")],
        en=f"{path}: unknown encoding 'klingon'",
        pl=f"{path}: nieznane kodowanie 'klingon'",
    )


def broken_turtle(tmp: Path) -> Case:
    path = _write(tmp / "bad.ttl", "<https://example.org/a> <https://example.org/b> .\n")
    return Case(
        ["convert", str(path), "-o", str(tmp / "out.ttl")],
        en=f"{path}:1: cannot parse turtle: Bad syntax (objectList expected)",
        pl=f"{path}:1: nie można odczytać pliku turtle: Bad syntax (objectList expected)",
    )


def unknown_output_extension(tmp: Path) -> Case:
    output = tmp / "out.xml"
    return Case(
        ["convert", str(EXAMPLES), "-o", str(output)],
        en=f"{output}: cannot tell the RDF format from '.xml': use .ttl, .nt or .jsonld",
        pl=f"{output}: nie da się rozpoznać formatu RDF po '.xml': użyj .ttl, .nt lub .jsonld",
    )


def undecodable_page(tmp: Path) -> Case:
    path = _write(tmp / "page.txt", "Metryka praktyki\nTytuł: ".encode("cp1250") + b"\x81\x98\n")
    return Case(
        ["parse", str(path)],
        en=f"{path}: neither UTF-8 nor Windows-1250 text",
        pl=f"{path}: tekst nie jest ani w UTF-8, ani w Windows-1250",
    )


def unknown_shapes_file(tmp: Path) -> Case:
    shapes = _write(tmp / "shapes.txt", "")
    return Case(
        ["validate", "--shapes", str(shapes), str(EXAMPLES)],
        en=f"{shapes}: not a shapes file (expected one of .jsonld, .nt, .rdf, .ttl, .xml)",
        pl=f"{shapes}: to nie jest plik kształtów SHACL (oczekiwano jednego z: .jsonld, .nt, .rdf, .ttl, .xml)",
    )


def changed_published_file(tmp: Path) -> Case:
    folder = tmp / "release"
    folder.mkdir()
    _write(folder / "bdp.nt", "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    _write(folder / "catalog.ttl", CATALOG)
    sums = "".join(
        f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}\n" for name in ("bdp.nt", "catalog.ttl")
    )
    _write(folder / "SHA256SUMS", sums)
    expected = hashlib.sha256((folder / "bdp.nt").read_bytes()).hexdigest()
    with (folder / "bdp.nt").open("a", encoding="utf-8") as dump:
        dump.write("<https://example.org/a> <https://example.org/b> <https://example.org/d> .\n")
    found = hashlib.sha256((folder / "bdp.nt").read_bytes()).hexdigest()
    dump_path = folder / "bdp.nt"
    return Case(
        ["push", str(folder), "--store", f"http://127.0.0.1:{_free_port()}/store"],
        en=f"{dump_path}: does not match its SHA-256 in SHA256SUMS (expected {expected}, found {found})",
        pl=f"{dump_path}: nie zgadza się z sumą SHA-256 w SHA256SUMS (oczekiwano {expected}, jest {found})",
    )


CATALOG = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> .
<https://example.org/catalog> a dcat:Catalog ; dcat:dataset <https://example.org/dataset> .
<https://example.org/dataset> a dcat:Dataset .
"""


def http_download_base(tmp: Path) -> Case:
    source = shutil.copy(EXAMPLES / "000-czersk.json", tmp / "czersk.json")
    url = "http://example.org/bdp/bdp.ttl"
    return Case(
        ["publish", str(source), "--out", str(tmp / "release"), "--download-base", "http://example.org/bdp/"],
        en=f"dane.gov.pl accepts only https:// resource URLs, not {url}: choose an https download base",
        pl=f"dane.gov.pl przyjmuje tylko adresy zasobów https://, a nie {url}: podaj bazę pobierania https",
    )


CASES: list[Callable[[Path], Case]] = [
    missing_file,
    missing_page,
    unknown_input_extension,
    malformed_json,
    malformed_jsonl_line,
    json_not_utf8,
    undecodable_csv_cell,
    repeated_csv_column,
    empty_csv,
    unknown_csv_encoding,
    broken_turtle,
    unknown_output_extension,
    undecodable_page,
    unknown_shapes_file,
    changed_published_file,
    http_download_base,
]


def run(lang: str, args: list[str]):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--lang", lang, *args])


@pytest.mark.parametrize("make", CASES, ids=lambda make: make.__name__)
def test_unreadable_input_is_one_polish_line_and_exit_2(tmp_path: Path, make: Callable[[Path], Case]) -> None:
    case = make(tmp_path)
    result = run("pl", case.args)
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {case.pl}\n")


@pytest.mark.parametrize("make", CASES, ids=lambda make: make.__name__)
def test_the_same_input_in_english_is_the_english_line(tmp_path: Path, make: Callable[[Path], Case]) -> None:
    case = make(tmp_path)
    result = run("en", case.args)
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {case.en}\n")
