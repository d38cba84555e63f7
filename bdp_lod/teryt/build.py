"""Build ``bdp_lod/data/terc.tsv``, the package's compact copy of the TERC register.

    python -m bdp_lod.teryt.build TERC_Urzedowy_2025-11-18.csv

The input is GUS's "TERC – wersja urzędowa", CSV variant (UTF-8 with BOM, ``;``, codes with
leading zeros). The output keeps only what resolution reads — the code and the name of every
województwo, powiat, gmina (type 1, 2, 3) and city part (Warsaw's dzielnice, the delegatury),
one ``code<TAB>name`` row each, sorted by code — under a header naming the source file, its
sha256, the register date and this command. The type is not stored because `teryt.type_of`
reads it from the code; this script checks that reading against the register's own words
(``NAZWA_DOD``) for every row, so a register that breaks the rule fails here, not at run time.
The town and rural parts of urban-rural gminy (types 4 and 5) are dropped after checking that
they carry their gmina's name, so they add nothing to a name look-up.

Dropping in the next register: run the command on the new file, then run the tests (whose
fixture copy of the official file must be replaced by the same file).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from pathlib import Path

from ..files import atomic_write
from .terc import DATA_FILE, type_of

__all__ = ["build", "main"]

COLUMNS = ["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"]
_WORDS = {
    "wojewodztwo": {"województwo"},
    "powiat": {"powiat"},
    "miasto-na-prawach-powiatu": {"miasto na prawach powiatu", "miasto stołeczne, na prawach powiatu"},
    "gmina-miejska": {"gmina miejska", "gmina miejska, miasto stołeczne"},
    "gmina-wiejska": {"gmina wiejska"},
    "gmina-miejsko-wiejska": {"gmina miejsko-wiejska"},
    "dzielnica": {"dzielnica"},
    "delegatura": {"delegatura"},
}
"""What ``NAZWA_DOD`` says for each kind `type_of` reads from a code."""
_PARTS = {"4": "miasto", "5": "obszar wiejski"}


class BadRegister(ValueError):
    """The file is not a TERC register this package can read."""


def build(source: Path) -> str:
    """The text of ``terc.tsv`` for the official file ``source``."""
    raw = source.read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    if not rows or list(rows[0]) != COLUMNS:
        raise BadRegister(f"{source.name}: expected the columns {';'.join(COLUMNS)}")
    dates = {r["STAN_NA"] for r in rows}
    if len(dates) != 1:
        raise BadRegister(f"{source.name}: more than one STAN_NA: {sorted(dates)}")
    kept: dict[str, str] = {}
    town_parts: list[dict[str, str]] = []
    for r in rows:
        code = r["WOJ"] + r["POW"] + r["GMI"] + r["RODZ"]
        if r["RODZ"] in _PARTS:
            if r["NAZWA_DOD"] != _PARTS[r["RODZ"]]:
                raise BadRegister(f"{code}: type {r['RODZ']} is not '{_PARTS[r['RODZ']]}'")
            town_parts.append(r)
            continue
        kind = type_of(code)
        if r["NAZWA_DOD"] not in _WORDS[kind]:
            raise BadRegister(f"{code}: the code says {kind}, the register says '{r['NAZWA_DOD']}'")
        kept[code] = r["NAZWA"]
    for r in town_parts:
        gmina = r["WOJ"] + r["POW"] + r["GMI"] + "3"
        if kept.get(gmina) != r["NAZWA"]:
            raise BadRegister(f"{gmina[:6]}{r['RODZ']} '{r['NAZWA']}' is not named like its gmina {gmina}")
    for city in (c for c in kept if type_of(c) == "miasto-na-prawach-powiatu"):
        gminy = [c for c in kept if len(c) == 7 and c[:4] == city and c[6] in "123"]
        if gminy != [city + "011"]:  # the loader keys the city's two rows by this gmina
            raise BadRegister(f"{city}: a city with powiat rights must have one gmina, {city}011")
    header = [
        "# register: TERC (GUS TERYT), wersja urzędowa; code<TAB>name",
        f"# source: {source.name}",
        f"# sha256: {hashlib.sha256(raw).hexdigest()}",
        f"# stan_na: {dates.pop()}",
        f"# build: python -m bdp_lod.teryt.build {source.name}",
    ]
    return "\n".join(header + [f"{code}\t{kept[code]}" for code in sorted(kept)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bdp_lod.teryt.build", description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="the official TERC_Urzedowy_*.csv")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path(__file__).resolve().parent.parent / DATA_FILE,
        help="where to write (default: the package's data/terc.tsv)",
    )
    args = parser.parse_args(argv)
    try:
        text = build(args.source)
    except (OSError, ValueError) as err:  # BadRegister, UnicodeDecodeError, a malformed code
        print(f"teryt.build: {err}", file=sys.stderr)
        return 1
    atomic_write(args.output, text.encode("utf-8"))
    rows = sum(1 for line in text.splitlines() if not line.startswith("#"))
    print(f"teryt.build: wrote {rows} rows to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
