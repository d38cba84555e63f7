"""The rules of a publishable record that need the resolved record rather than its graph.

Most rules of docs/shapes.md ("The rules of a publishable record") are SHACL shapes. Two are
checked here, after TERYT resolution, because a shape could only report them at a node: a
population against the largest unit of the unit's type (the type is on the unit, the number on
the practice), and a postal code against the postal districts of the unit's voivodeship (both on
the address, but a shape cannot say which district the code is in). Here each finding names the
field and value the steward wrote, and what the bound or the district is. RDF inputs, which go
straight to SHACL, are not checked by these two.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from . import codes, concepts
from .findings import Finding, Message
from .model import SourcedPractice

__all__ = ["LARGEST_POPULATION", "POPULATION_BOUNDS", "POSTAL_DISTRICTS", "VOIVODESHIP_DISTRICTS", "check"]

LARGEST_POPULATION = 5_600_000
"""More than any unit of Poland has: województwo mazowieckie, the most populous, has about 5.5
million (GUS). ``bdpsh:Practice-population-range`` makes a larger number a violation, so this
module leaves it to the shape."""

POPULATION_BOUNDS: Mapping[str, int] = {
    "gmina-wiejska": 50_000,
    "gmina-miejsko-wiejska": 120_000,
    "gmina-miejska": 100_000,
    "miasto-na-prawach-powiatu": 1_900_000,
    "powiat": 500_000,
}
"""Per unit type, a little above its most populous unit (GUS, Bank Danych Lokalnych; the figures
and their sources are in docs/shapes.md). A województwo is bounded by `LARGEST_POPULATION` alone,
and a union of gminy by nothing (it has no population of its own in GUS)."""

POSTAL_DISTRICTS: Mapping[str, str] = {
    "0": "Warszawa", "1": "Olsztyn", "2": "Lublin", "3": "Kraków", "4": "Katowice",
    "5": "Wrocław", "6": "Poznań", "7": "Szczecin", "8": "Gdańsk", "9": "Łódź",
}
"""Poczta Polska's ten postal districts (okręgi pocztowe): the first digit of a postal code."""

VOIVODESHIP_DISTRICTS: Mapping[str, str] = {
    "dolnośląskie": "56",
    "kujawsko-pomorskie": "8",
    "lubelskie": "02",
    "lubuskie": "6",
    "łódzkie": "29",
    "małopolskie": "3",
    "mazowieckie": "029",
    "opolskie": "4",
    "podkarpackie": "3",
    "podlaskie": "1",
    "pomorskie": "78",
    "śląskie": "34",
    "świętokrzyskie": "2",
    "warmińsko-mazurskie": "18",
    "wielkopolskie": "67",
    "zachodniopomorskie": "7",
}
"""The districts whose codes occur in each voivodeship (Poczta Polska's "Oficjalny Spis
Pocztowych Numerów Adresowych"; e.g. Głogów 67-200 in dolnośląskie, Ryki 08-500 in lubelskie,
Opoczno 26-300 in łódzkie, Sochaczew 96-500 in mazowieckie, Żywiec 34-300 in śląskie, Elbląg
82-300 in warmińsko-mazurskie, Złotów 77-400 in wielkopolskie)."""


def _grouped(number: int) -> Message:
    """21,224 in English, 21 224 (a non-breaking space) in Polish."""
    return Message(en=f"{number:,}", pl=f"{number:,}".replace(",", "\u00a0"))


def _population(record: SourcedPractice) -> Iterable[Finding]:
    practice = record.practice
    unit, population = practice.unit, practice.population
    if unit is None or unit.type is None or population is None or population > LARGEST_POPULATION:
        return
    bound = POPULATION_BOUNDS.get(unit.type)
    if bound is None or population <= bound:
        return
    label = concepts.unit_types().concepts[unit.type]
    yield codes.RECORD_POPULATION_FOR_TYPE.finding(
        field="population", value=str(population),
        given=_grouped(population), bound=_grouped(bound),
        type=Message(en=label.label("en"), pl=label.label("pl")),
    )


def _postal_code(record: SourcedPractice) -> Iterable[Finding]:
    practice = record.practice
    institution, unit = practice.institution, practice.unit
    if institution is None or institution.address is None or unit is None or unit.voivodeship is None:
        return
    code = institution.address.postal_code
    digits = VOIVODESHIP_DISTRICTS.get(unit.voivodeship)
    if not code or digits is None or code[0] not in POSTAL_DISTRICTS or code[0] in digits:
        return
    yield codes.RECORD_POSTAL_DISTRICT.finding(
        field="institution.address.postal_code", value=code,
        given=code, digit=code[0], district=POSTAL_DISTRICTS[code[0]], voivodeship=unit.voivodeship,
        digits=Message(en=_listed(digits, "or"), pl=_listed(digits, "lub")),
    )


def _listed(digits: str, conjunction: str) -> str:
    """ "7 or 8", "0, 2 or 9"."""
    if len(digits) == 1:
        return digits
    return f"{', '.join(digits[:-1])} {conjunction} {digits[-1]}"


def check(records: Iterable[SourcedPractice]) -> list[Finding]:
    """The findings of these rules on resolved records, located at each record."""
    out: list[Finding] = []
    for record in records:
        origin = record.origin
        for finding in (*_population(record), *_postal_code(record)):
            out.append(finding.at(file=origin.file, record_index=origin.index, record_id=record.practice.id, line=origin.line))
    return out
