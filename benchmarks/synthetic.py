"""Synthetic practice submissions for the benchmarks, shared by every ``benchmarks/*.py`` script.

The records look like the database at scale: units are real gminas of the shipped TERC register
(2,500 of them, shared between practices, with their codes so that resolution is exact); every
unit has one implementing office with a postal address, a web site and a contact person, the
same in all the unit's practices (as shared nodes must be, or SHACL reports the conflict); every
practice has a theme, a programme and two goals. Text is Polish, with diacritics and „…”
quotes, about 2 KB of JSON per record, the size docs/performance.md measured with.

The output is a pure function of ``n``, ``seed`` and ``invalid_every``: two runs give the same
file byte for byte, so timings of different runs compare the same work.

Usage::

    python benchmarks/synthetic.py 10000 build/bench/records_10000.jsonl [--invalid-every 200]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any, Iterator

from bdp_lod.publishable import POPULATION_BOUNDS, VOIVODESHIP_DISTRICTS
from bdp_lod.teryt import TercUnit, register
from bdp_lod.uris import slug

__all__ = ["UNIT_COUNT", "records", "write_jsonl"]

UNIT_COUNT = 2500
"""Units shared by the practices: about the number of gminas in Poland."""

_THEMES = (
    "dialog-spoleczny", "efektywnosc-energetyczna", "gospodarka-komunalna", "gospodarka-mieszkaniowa",
    "kultura", "ochrona-zdrowia", "oswiata", "pomoc-spoleczna", "rozwoj-instytucjonalny",
    "sport-i-rekreacja", "transport", "wspolpraca-jst-ngo", "wspolpraca-miedzy-jst",
)
_PROGRAMMES = ("budowanie-kompetencji", "doskonalenie-zarzadzania", "model-wspolpracy-jst-ngo")
_SUBJECTS = (
    "Modernizacja oświetlenia ulicznego", "Budżet obywatelski", "Centrum aktywności seniorów",
    "Program „Czyste powietrze”", "Elektroniczny obieg dokumentów", "Świetlica środowiskowa",
    "Rewitalizacja rynku", "Transport na żądanie", "Gminna rada młodzieży", "Żłobek samorządowy",
)
_AIMS = (
    "poprawa jakości życia mieszkańców", "zwiększenie udziału obywateli w decyzjach",
    "ograniczenie zużycia energii", "skrócenie czasu obsługi spraw w urzędzie",
    "integracja środowisk lokalnych", "wsparcie osób zagrożonych wykluczeniem",
)
_FIRST = ("Anna", "Małgorzata", "Katarzyna", "Żaneta", "Piotr", "Łukasz", "Grzegorz", "Józef")
_LAST = ("Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zieliński", "Szymańska")
_POSITIONS = ("Inspektor Wydziału Rozwoju", "Kierownik Referatu Promocji", "Sekretarz Gminy", "Podinspektor ds. funduszy")
_STREETS = ("Kościuszki", "Mickiewicza", "Długa", "Rynek", "Plac Wolności", "Żeromskiego")
_AREA_CODES = (
    12, 13, 14, 15, 16, 17, 18, 22, 23, 24, 25, 29, 32, 33, 34, 41, 42, 43, 44, 46, 48, 52, 54, 55,
    56, 58, 59, 61, 62, 63, 65, 67, 68, 71, 74, 75, 76, 77, 81, 82, 83, 84, 85, 86, 87, 89, 91, 94, 95,
)
"""Polish landline area codes: numbers in them pass libphonenumber's validation."""
_ASCII = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def _units() -> list[TercUnit]:
    """Every gmina of the register in code order, cut to `UNIT_COUNT` (there are about 2,480,
    so the list wraps round to the first ones)."""
    gminas = [u for u in register().units if u.level == "gmina"]
    return [gminas[i % len(gminas)] for i in range(UNIT_COUNT)]


def _unit(unit: TercUnit) -> dict[str, Any]:
    """The unit as a source would name it, with its codes (two for a city with powiat rights)."""
    body = register().body(unit)
    out: dict[str, Any] = {"name": unit.name, "type": body[0].type, "voivodeship": unit.voivodeship}
    if body[0].level == "gmina" and unit.powiat:
        out["powiat"] = unit.powiat
    out["terc"] = [u.code for u in body]
    return out


_OFFICE = {"gmina-miejska": "Urząd Miasta", "gmina-wiejska": "Urząd Gminy", "gmina-miejsko-wiejska": "Urząd Miasta i Gminy"}


@cache
def _repeated_names() -> frozenset[str]:
    """Slugs of gmina names borne by more than one gmina (two Bolesławiec; Brójce and Brojce)."""
    counts = Counter(slug(u.name) for u in register().units if u.level == "gmina")
    return frozenset(name for name, count in counts.items() if count > 1)


def _office(unit: TercUnit) -> str:
    """The office's name; where gmina names repeat it says its powiat, since an institution's
    URI is minted from the slug of its name and place."""
    name = f"{_OFFICE.get(unit.type, 'Urząd Miasta')} {unit.name}"
    if slug(unit.name) in _repeated_names():
        name += f" (powiat {unit.powiat})"
    return name


def _record(i: int, unit: TercUnit, rnd: random.Random, invalid: bool) -> dict[str, Any]:
    subject = rnd.choice(_SUBJECTS)
    aims = rnd.sample(_AIMS, 2)
    host = f"{unit.key}.gmina.example.pl"
    year = 2008 + i % 16
    description = " ".join(
        f"{subject} w gminie {unit.name} to działanie, którego celem jest {aim}; "
        f"wdrożenie objęło diagnozę potrzeb, konsultacje z mieszkańcami i „pilotaż” w {year} r."
        for aim in (*aims, *aims)
    )
    seq = int(unit.key)  # each unit has one office, address, site and contact person, whatever the practice
    first, last = _FIRST[seq % len(_FIRST)], _LAST[seq // len(_FIRST) % len(_LAST)]
    login = f"{first}.{last}".lower().translate(_ASCII)
    districts = VOIVODESHIP_DISTRICTS[unit.voivodeship]  # a code of the unit's region, as real ones are
    postal_code = f"{districts[seq % len(districts)]}{seq % 10}{'' if invalid else '-'}{seq % 1000:03d}"
    bound = POPULATION_BOUNDS.get(unit.type, 200_000)  # no more inhabitants than a unit of its type has
    office = _office(unit) + (f" – punkt {i}" if invalid else "")
    return {
        "id": f"syn-{i:07d}",
        "title": f"{subject} – {aims[0]} w gminie {unit.name} (edycja {i % 7 + 1})",
        "description": description,
        "theme": rnd.choice(_THEMES),
        "programme": rnd.choice(_PROGRAMMES),
        "date_added": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "source_url": f"https://dobrepraktyki.example.pl/praktyka/{i}",
        "population": 2000 + (i * 7919) % (bound - 2000),
        "unit": _unit(unit),
        "institution": {
            "name": office,
            "website": host,
            "address": {
                "street": f"{_STREETS[seq % len(_STREETS)]} {1 + seq % 120}",
                "postal_code": postal_code,
                "post_office": unit.name,
            },
        },
        "contacts": [
            {
                "name": f"{first} {last}",
                "position": _POSITIONS[seq % len(_POSITIONS)],
                "phones": [f"+48 {_AREA_CODES[seq % len(_AREA_CODES)]} {300 + seq % 700} {seq % 100:02d} {seq // 100 % 100:02d}"],
                "emails": [f"{login}@{host}"],
            }
        ],
        "goals": [aim[0].upper() + aim[1:] for aim in aims],
    }


def records(n: int, *, seed: int = 0, invalid_every: int | None = None) -> Iterator[dict[str, Any]]:
    """``n`` submission records; with ``invalid_every=k`` every k-th one carries a postal code
    without its hyphen (``89650``), which the JSON Schema and SHACL must both report. Such a
    record names an office of its own, so that its bad address is not also a conflict with the
    other practices of its unit."""
    rnd = random.Random(seed)
    units = _units()
    for i in range(n):
        invalid = invalid_every is not None and i % invalid_every == invalid_every - 1
        yield _record(i, units[(i * 7) % len(units)], rnd, invalid)


def write_jsonl(path: str | Path, n: int, *, seed: int = 0, invalid_every: int | None = None) -> Path:
    """Write the records a line each and return the path (folders are created)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="\n") as out:
        for record in records(n, seed=seed, invalid_every=invalid_every):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of practices")
    parser.add_argument("output", type=Path, help=".jsonl file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--invalid-every", type=int, default=None, metavar="K",
                        help="make every K-th record invalid (a postal code without its hyphen)")
    args = parser.parse_args(argv)
    write_jsonl(args.output, args.n, seed=args.seed, invalid_every=args.invalid_every)
    print(f"wrote {args.n} records to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
