"""One normalisation step for every source: canonical values, and equal records whatever the
spelling of the input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bdp_lod.model import to_dict
from bdp_lod.normalize import (
    collapse,
    normalize_email,
    normalize_phone,
    normalize_submission,
    normalize_website,
    paragraphs,
    parse_date,
    parse_population,
    practice_from_submission,
)
from bdp_lod.sources.submission import read_submissions

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("(52) 395 48 68", "+48523954868"),
        ("725 161463", "+48725161463"),
        ("61 28 36 107", "+48612836107"),
        ("+48 52 395 48 68", "+48523954868"),
    ],
)
def test_phones_become_e164(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize(
    ("raw", "iri"),
    [
        ("www.czersk.pl", "http://www.czersk.pl/"),
        ("WWW.Czersk.PL", "http://www.czersk.pl/"),
        ("https://www.um.katowice.eu/pomoc", "https://www.um.katowice.eu/pomoc"),
    ],
)
def test_websites_become_http_iris(raw: str, iri: str) -> None:
    assert normalize_website(raw) == iri


def test_emails_are_lower_cased() -> None:
    assert normalize_email("Promocja@Czersk.PL") == "promocja@czersk.pl"
    assert normalize_email(" mailto:Poczta@opssrem.lap.pl ") == "poczta@opssrem.lap.pl"


def test_whitespace_is_collapsed() -> None:
    assert collapse("  Urząd\u00a0Miejski \t w\nCzersku ") == "Urząd Miejski w Czersku"
    assert paragraphs("Pierwszy  akapit.\n \u00a0\n\n  Drugi akapit. ") == "Pierwszy akapit.\n\nDrugi akapit."


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("28.06.2013", "2013-06-28"), ("10 stycznia 2023", "2023-01-10"), ("2013-06-28", "2013-06-28")],
)
def test_dates_become_iso(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


@pytest.mark.parametrize(("raw", "number"), [("21.224", 21224), ("302 094", 302094), ("40333", 40333)])
def test_population_thousands_separators(raw: str, number: int) -> None:
    assert parse_population(raw) == number


RAW: dict[str, Any] = {
    "title": "  Wzmocnienie  infrastruktury sołeckiej ",
    "description": "Praktyka polega na wsparciu sołectw.\n \u00a0\n\n\nCelem działań było odbudowanie więzi.  ",
    "date_added": "2013-06-28",
    "population": 21224,
    "unit": {"name": " Czersk", "type": "gmina-miejsko-wiejska", "powiat": "Chojnicki", "voivodeship": "pomorskie"},
    "institution": {
        "name": "Urząd Miejski  w Czersku",
        "website": "www.czersk.pl",
        "address": {"street": "Kościuszki 27", "postal_code": "89-650", "post_office": "Czersk"},
    },
    "contacts": [
        {"name": "Jan Kowalski", "phones": ["52 395 48 00"]},
        {
            "name": "Magdalena  Apostołowicz",
            "position": "Inspektor Wydziału Rozwoju Społecznego",
            "phones": ["(52) 395 48 68", "+48 52 395 48 68"],
            "emails": ["Promocja@Czersk.PL"],
        },
    ],
    "goals": ["Integracja mieszkańców", "Aktywizacja  sołectw"],
}

NORMALISED: dict[str, Any] = {
    "title": "Wzmocnienie infrastruktury sołeckiej",
    "description": "Praktyka polega na wsparciu sołectw.\n\nCelem działań było odbudowanie więzi.",
    "date_added": "2013-06-28",
    "population": 21224,
    "unit": {"name": "Czersk", "type": "gmina-miejsko-wiejska", "powiat": "Chojnicki", "voivodeship": "pomorskie"},
    "institution": {
        "name": "Urząd Miejski w Czersku",
        "website": "http://www.czersk.pl/",
        "address": {"street": "Kościuszki 27", "postal_code": "89-650", "post_office": "Czersk"},
    },
    "contacts": [
        {"name": "Jan Kowalski", "phones": ["+48523954800"]},
        {
            "name": "Magdalena Apostołowicz",
            "position": "Inspektor Wydziału Rozwoju Społecznego",
            "phones": ["+48523954868"],
            "emails": ["promocja@czersk.pl"],
        },
    ],
    "goals": ["Aktywizacja sołectw", "Integracja mieszkańców"],
}


def test_raw_and_normalised_json_give_equal_records(tmp_path: Path) -> None:
    raw_path, normalised_path = tmp_path / "raw.json", tmp_path / "normalised.json"
    raw_path.write_text(json.dumps(RAW, ensure_ascii=False), encoding="utf-8")
    normalised_path.write_text(json.dumps(NORMALISED, ensure_ascii=False), encoding="utf-8")
    raw, normalised = read_submissions(raw_path), read_submissions(normalised_path)
    assert raw.findings == normalised.findings == []
    assert raw.records[0].practice == normalised.records[0].practice
    assert to_dict(raw.records[0].practice) == NORMALISED


def test_labels_and_polish_forms_normalise_to_the_same_record() -> None:
    labelled = {
        **RAW,
        "date_added": "28.06.2013",
        "population": "21.224",
        "unit": {**RAW["unit"], "type": "gmina miejsko-wiejska", "voivodeship": "Województwo Pomorskie"},
    }
    assert practice_from_submission(labelled) == practice_from_submission(NORMALISED)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_normalisation_is_idempotent_on_the_examples(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    for record in document if isinstance(document, list) else [document]:
        once, findings = normalize_submission(record)
        assert findings == []
        assert normalize_submission(once) == (once, [])


@given(st.text(alphabet=st.sampled_from(list("ab ąŁ\t\n\u00a0")), max_size=30))
def test_collapse_is_idempotent_and_single_line(text: str) -> None:
    once = collapse(text)
    assert collapse(once) == once
    assert "\n" not in once and "  " not in once


_EVERY_SPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) + "\u200b"


@given(st.text(alphabet=st.sampled_from(_EVERY_SPACE + "ab\r\n"), max_size=40))
def test_whitespace_of_every_kind_collapses_and_lines_keep_only_their_own_spaces(text: str) -> None:
    import re

    assert collapse(text) == re.sub(r"\s+", " ", text).strip()
    inline = [re.sub(r"[ \t\u00a0\u2007\u202f\u200b]+", " ", line).strip()
              for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    assert paragraphs(text) == re.sub(r"\n{3,}", "\n\n", "\n".join(inline)).strip("\n")
