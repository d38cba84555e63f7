"""``bdp-lod teryt``: output, exit codes and messages of the look-up command (docs/design.md §4)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from bdp_lod.cli import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_text_is_an_aligned_table():
    result = run("teryt", "Czersk")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "code     name    type                      powiat     voivodeship",
        "2202043  Czersk  urban-rural municipality  chojnicki  pomorskie",
    ]


def test_text_in_polish():
    result = run("--lang", "pl", "teryt", "Bolesławiec", "--voivodeship", "dolnośląskie")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "kod      nazwa        typ            powiat         województwo",
        "0201011  Bolesławiec  gmina miejska  bolesławiecki  dolnośląskie",
        "0201022  Bolesławiec  gmina wiejska  bolesławiecki  dolnośląskie",
    ]


def test_a_city_with_powiat_rights_shows_both_rows():
    result = run("teryt", "m. Katowice")
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == ["2469", "2469011"]
    assert "Katowice" in result.stdout.splitlines()[2].split("  ")  # its gmina lies in its own powiat


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_lines_fit_80_columns_and_keep_the_name(lang: str):
    result = run("--lang", lang, "teryt", "Kowalewo Pomorskie")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[1].startswith("0405043  Kowalewo Pomorskie  ") and "…" in lines[1]


def test_json_is_a_stable_array_of_objects():
    result = run("teryt", "Katowice", "--type", "miasto-na-prawach-powiatu", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "code": "2469", "name": "Katowice", "type": "miasto-na-prawach-powiatu", "level": "powiat",
            "key": "246901", "voivodeship_code": "24", "voivodeship": "śląskie",
            "powiat_code": None, "powiat": None,
        }
    ]
    assert result.stdout == run("teryt", "Katowice", "--type", "powiat grodzki", "--format", "json").stdout


def test_json_of_a_gmina():
    [czersk] = json.loads(run("teryt", "czersk", "--voivodeship", "POMORSKIE", "--format", "json").stdout)
    assert (czersk["code"], czersk["key"], czersk["type"], czersk["powiat_code"], czersk["powiat"]) == (
        "2202043", "220204", "gmina-miejsko-wiejska", "2202", "chojnicki",
    )


def test_filters():
    result = run("teryt", "Osiek", "--type", "gmina wiejska", "--powiat", "starogardzki", "--format", "json")
    assert [u["code"] for u in json.loads(result.stdout)] == ["2213082"]


def test_no_match_exits_1_with_the_reason_on_stderr():
    result = run("teryt", "Atlantyda")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "bdp-lod: 'Atlantyda' is not the name of a unit in TERC 2025-01-01\n"


def test_no_match_explains_a_district_in_polish():
    result = run("--lang", "pl", "teryt", "Mokotów")
    assert result.exit_code == 1
    assert "Mokotów (1465058) to dzielnica miasta Warszawa (1465, 1465011" in result.stderr


def test_no_match_lists_the_units_of_that_name_elsewhere():
    result = run("teryt", "Czersk", "--voivodeship", "mazowieckie")
    assert result.exit_code == 1
    assert "Czersk (2202043, gmina miejsko-wiejska, powiat chojnicki, pomorskie)" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--voivodeship", "Pomorze"),
        ("--type", "sołectwo"),
        ("--type", "zwiazek-gmin"),
        ("--format", "xml"),
    ],
)
def test_bad_option_values_exit_2(args: tuple[str, str]):
    result = run("teryt", "Czersk", *args)
    assert result.exit_code == 2 and result.stdout == ""


def test_bad_option_messages_follow_the_language():
    result = run("--lang", "pl", "teryt", "Czersk", "--voivodeship", "Pomorze")
    assert result.exit_code == 2 and "'Pomorze' nie jest jednym z 16 województw" in result.stderr
