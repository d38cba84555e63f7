"""The TERC register (GUS TERYT) shipped with the package: its units, indexes and look-ups.

Sources name a local government by what a reader sees ("gmina miejsko-wiejska, Czersk, powiat
Chojnicki, pomorskie"); Linked Data needs the official code, because names repeat (227 gmina
names occur more than once) and the code is what other publishers link to. ``data/terc.tsv`` is
a compact copy of the official file made by `bdp_lod.teryt.build`; it is parsed once, on first
use, into dictionaries, so a look-up is a few hash probes.

Matching a source's unit to the register is `bdp_lod.teryt.resolution`'s job.

A city with powiat rights is one local government with two TERC rows (powiat ``2469`` and gmina
``2469011``); here both rows share the key of the gmina (``246901``), which makes them one body.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Callable, Generic, Iterable, TypeVar

from text_unidecode import unidecode

from .. import concepts
from ..model import LocalGovernmentUnit

__all__ = [
    "TYPES",
    "Body",
    "Register",
    "TercPart",
    "TercUnit",
    "lookup",
    "name_key",
    "official_unit",
    "parse_type",
    "powiat_code_of",
    "register",
    "type_of",
]

PACKAGE = "bdp_lod"
"""The register ships in the package's ``data/`` folder, beside the other bundled data."""
DATA_FILE = "data/terc.tsv"
CITY_POWIAT = 61
"""Powiat numbers from 61 up are cities with powiat rights (miasta na prawach powiatu)."""

_GMINA_TYPES = {"1": "gmina-miejska", "2": "gmina-wiejska", "3": "gmina-miejsko-wiejska"}
_PART_KINDS = {"8": "dzielnica", "9": "delegatura"}
TYPES: tuple[str, ...] = (
    "gmina-miejska", "gmina-wiejska", "gmina-miejsko-wiejska",
    "powiat", "miasto-na-prawach-powiatu", "wojewodztwo",
)
"""The unit-type concepts (``vocab/unit-types.ttl``) that TERC codes stand for."""


def type_of(code: str) -> str:
    """What a TERC code stands for, read from the code alone.

    A unit-type concept id for units, ``dzielnica`` / ``delegatura`` for the city parts that
    are not local governments. The town and rural parts of an urban-rural gmina (type digits
    4 and 5) are not kept, so they raise ``ValueError`` like any malformed code.
    """
    if re.fullmatch(r"\d{2}", code):
        return "wojewodztwo"
    if re.fullmatch(r"\d{4}", code):
        return "miasto-na-prawach-powiatu" if int(code[2:]) >= CITY_POWIAT else "powiat"
    if re.fullmatch(r"\d{7}", code) and code[6] in _GMINA_TYPES:
        return _GMINA_TYPES[code[6]]
    if re.fullmatch(r"\d{7}", code) and code[6] in _PART_KINDS:
        return _PART_KINDS[code[6]]
    raise ValueError(f"{code!r} is not a TERC code of a unit or city part")


# --- names -----------------------------------------------------------------------------------

_SPACE = re.compile(r"[\s\u00a0\u2007\u202f]+")
_DASH = re.compile(r" ?[-\u2010\u2011\u2013\u2014] ?")
_PREFIX = re.compile(
    r"^(?:(?:miasto i gmina|gmina miejsko-wiejska|gmina miejska|gmina wiejska|gmina"
    r"|miasto stołeczne|m\. ?st\.|miasto|m\.|powiat grodzki|powiat ziemski|powiat"
    r"|województwo|woj\.)(?: |(?<=\.)))+"
)


def name_key(text: str) -> str:
    """A name as the register would compare it.

    Case, runs of spaces, spaces around hyphens and the prefixes sources add ("m.", "m. st.",
    "miasto", "gmina", "powiat", "województwo") make no difference: "Powiat m.st.Warszawa",
    "m. st. Warszawa" and "WARSZAWA" all give ``warszawa``; "powiat Chojnicki" gives
    ``chojnicki``.
    """
    text = unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip().casefold())
    return _PREFIX.sub("", _DASH.sub("-", text))


def _folded(key: str) -> str:
    """A key without Polish letters, for sources that lost them ("Srem").

    text-unidecode folds every letter, ł included (which Unicode does not decompose), the same
    way the URI slugs do (`bdp_lod.uris.slug`), so a name that matches here slugs alike there.
    """
    return unidecode(key)


_T = TypeVar("_T")


class _NameIndex(Generic[_T]):
    """Items by name key. A name without Polish letters is tried only when the exact spelling
    finds nothing, because some names differ only in them (Miedzna and Miedźna)."""

    def __init__(self) -> None:
        self._exact: dict[str, list[_T]] = defaultdict(list)
        self._folded: dict[str, list[_T]] = defaultdict(list)

    def add(self, name: str, item: _T) -> None:
        key = name_key(name)
        for index, k in ((self._exact, key), (self._folded, _folded(key))):
            if item not in index[k]:
                index[k].append(item)

    def find(self, name: str, keep: Callable[[_T], bool] = lambda item: True) -> tuple[_T, ...]:
        key = name_key(name)
        for index, k in ((self._exact, key), (self._folded, _folded(key))):
            hits = tuple(item for item in index.get(k, ()) if keep(item))
            if hits:
                return hits
        return ()


# --- the register ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TercUnit:
    """One row of the register for a local government (województwo, powiat or gmina)."""

    code: str
    """The full TERC code: 2 digits (województwo), 4 (powiat) or 7 (gmina, with its type)."""
    name: str
    """The official name as the register writes it; województwa in lower case ("pomorskie")."""
    type: str
    """Unit-type concept id (one of `TYPES`)."""
    level: str
    """Level concept id (``vocab/levels.ttl``): ``gmina``, ``powiat`` or ``wojewodztwo``."""
    key: str
    """The code without the type digit, shared by the two rows of a city with powiat rights:
    the URI key of docs/design.md §3 (``220204``, ``246901``, ``2202``, ``22``)."""
    voivodeship_code: str
    voivodeship: str
    """Lower-case name of the województwo, as records write it."""
    powiat_code: str | None = None
    """The powiat a gmina lies in (a city's gmina: the city's own powiat); None above gmina level."""
    powiat: str | None = None


@dataclass(frozen=True)
class TercPart:
    """A dzielnica of Warsaw or a delegatura of Kraków, Łódź, Poznań or Wrocław.

    Kept only to explain why a source naming one ("Mokotów", "Nowa Huta") is not resolved:
    they are parts of a city, not local governments.
    """

    code: str
    name: str
    kind: str
    """``dzielnica`` or ``delegatura``."""
    city_code: str
    """The city's powiat code (``1465`` for Warsaw)."""


class Register:
    """The register's units and parts, indexed by code, key and name."""

    def __init__(
        self,
        units: Iterable[TercUnit],
        parts: Iterable[TercPart],
        date: dt.date,
        source: str,
        sha256: str,
    ) -> None:
        self.units: tuple[TercUnit, ...] = tuple(sorted(units, key=lambda u: u.code))
        self.parts: tuple[TercPart, ...] = tuple(sorted(parts, key=lambda p: p.code))
        self.date = date
        """The date the register's state refers to (STAN_NA), not the file's download date."""
        self.source = source
        """The official file this copy was built from, and its sha256."""
        self.sha256 = sha256
        self._by_code = {u.code: u for u in self.units}
        bodies: dict[str, list[TercUnit]] = defaultdict(list)
        self._names: _NameIndex[TercUnit] = _NameIndex()
        for u in self.units:
            bodies[u.key].append(u)
            self._names.add(u.name, u)
            self._names.add(re.sub(r" \(.*\)$", "", u.name), u)  # "Dobra (Szczecińska)"
        self._bodies = {k: tuple(v) for k, v in bodies.items()}
        self._parts: _NameIndex[TercPart] = _NameIndex()
        for p in self.parts:
            self._parts.add(p.name, p)
            self._parts.add(p.name.split("-", 1)[1] if p.kind == "delegatura" else p.name, p)

    @property
    def label(self) -> str:
        """How messages cite the register: ``TERC 2025-01-01``."""
        return f"TERC {self.date.isoformat()}"

    def by_code(self, code: str) -> TercUnit | None:
        return self._by_code.get(code)

    def by_key(self, key: str) -> tuple[TercUnit, ...]:
        """The rows of the body with this URI key, shortest code first (``2469``, ``2469011``)."""
        return self._bodies.get(key, ())

    def body(self, unit: TercUnit) -> tuple[TercUnit, ...]:
        """Every row of the local government ``unit`` belongs to: two for a city with powiat
        rights, one otherwise."""
        return self._bodies[unit.key]

    def within(self, unit: TercUnit) -> tuple[TercUnit, ...]:
        """The units whose territories contain ``unit``'s, nearest first.

        A gmina lies in its powiat and województwo; a city with powiat rights is its own powiat,
        so it lies in its województwo only.
        """
        out = []
        if unit.powiat_code and self._by_code[unit.powiat_code].key != unit.key:
            out.append(self._by_code[unit.powiat_code])
        if unit.level != "wojewodztwo":
            out.append(self._by_code[unit.voivodeship_code])
        return tuple(out)

    def named(self, name: str, voivodeship_code: str | None = None) -> tuple[TercUnit, ...]:
        """Units called ``name`` (compared by `name_key`), optionally in one województwo."""
        return self._names.find(name, lambda u: voivodeship_code in (None, u.voivodeship_code))

    def parts_named(self, name: str, voivodeship_code: str | None = None) -> tuple[TercPart, ...]:
        """City parts called ``name``; a delegatura answers to its name with or without the city
        ("Kraków-Nowa Huta", "Nowa Huta")."""
        return self._parts.find(name, lambda p: voivodeship_code in (None, p.code[:2]))

    def voivodeship_code(self, value: str) -> str | None:
        """The code of a województwo given by code or name in any case ("ŚLĄSKIE", "24")."""
        unit = self._by_code.get(value.strip())
        if unit is not None and unit.level == "wojewodztwo":
            return unit.code
        hits = self._names.find(value, lambda u: u.level == "wojewodztwo")
        return hits[0].code if len(hits) == 1 else None

    def powiat_codes(self, value: str, voivodeship_code: str | None = None) -> tuple[str, ...]:
        """Codes of the powiaty given by code or name ("Chojnicki", "powiat m. Katowice").

        Ten powiat names repeat across województwa, so without one a name can give two codes.
        """
        unit = self._by_code.get(value.strip())
        if unit is not None and unit.level == "powiat":
            return (unit.code,)
        hits = self._names.find(
            value,
            lambda u: u.level == "powiat" and voivodeship_code in (None, u.voivodeship_code),
        )
        return tuple(u.code for u in hits)


def _read(text: str) -> Register:
    meta: dict[str, str] = {}
    rows: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith("#"):
            name, _, value = line[1:].partition(":")
            meta[name.strip()] = value.strip()
        elif line:
            code, name = line.split("\t")
            rows.append((code, name))
    names = dict(rows)
    city_keys = {  # a city's powiat row takes the key of its only gmina (GMI 01)
        code[:4]: code[:6]
        for code, _ in rows
        if len(code) == 7 and code[6] in _GMINA_TYPES and type_of(code[:4]) == "miasto-na-prawach-powiatu"
    }
    units, parts = [], []
    for code, name in rows:
        kind = type_of(code)
        if kind in _PART_KINDS.values():
            parts.append(TercPart(code=code, name=name, kind=kind, city_code=code[:4]))
            continue
        level = {2: "wojewodztwo", 4: "powiat"}.get(len(code), "gmina")
        units.append(
            TercUnit(
                code=code,
                name=name.lower() if level == "wojewodztwo" else name,
                type=kind,
                level=level,
                key=city_keys.get(code, code[:6]),
                voivodeship_code=code[:2],
                voivodeship=names[code[:2]].lower(),
                powiat_code=code[:4] if level == "gmina" else None,
                powiat=names[code[:4]] if level == "gmina" else None,
            )
        )
    return Register(
        units,
        parts,
        date=dt.date.fromisoformat(meta["stan_na"]),
        source=meta["source"],
        sha256=meta["sha256"],
    )


@cache
def register() -> Register:
    """The shipped register, read on first use and kept."""
    return _read(resources.files(PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8"))


# --- look-up ---------------------------------------------------------------------------------


def parse_type(value: str) -> str:
    """The unit-type id of an id or label ("powiat grodzki"); ``ValueError`` for a type without
    TERC codes."""
    if value in TYPES:
        return value
    concept = concepts.unit_types().resolve(value)
    if concept is None or concept.id not in TYPES:
        raise ValueError(f"{value!r} is not a unit type with TERC codes ({', '.join(TYPES)})")
    return concept.id


def powiat_code_of(unit: TercUnit) -> str | None:
    """The powiat a unit is in, or is: a gmina's powiat, a powiat's own code."""
    return unit.powiat_code or (unit.code if unit.level == "powiat" else None)


def lookup(
    name: str,
    type: str | None = None,
    voivodeship: str | None = None,
    powiat: str | None = None,
) -> list[TercUnit]:
    """Register rows named ``name``, filtered by type, województwo and powiat, in code order.

    ``type`` is a unit-type id or label ("powiat grodzki"); ``voivodeship`` a name or code.
    Raises ``ValueError`` for a type or województwo that does not exist; a powiat that does not
    exist simply matches nothing.
    """
    reg = register()
    woj = None
    if voivodeship is not None:
        woj = reg.voivodeship_code(voivodeship)
        if woj is None:
            raise ValueError(f"{voivodeship!r} is not one of the 16 voivodeships")
    wanted = parse_type(type) if type is not None else None
    powiaty = reg.powiat_codes(powiat, woj) if powiat is not None else None
    return [
        u
        for u in reg.named(name, woj)
        if (wanted is None or u.type == wanted) and (powiaty is None or powiat_code_of(u) in powiaty)
    ]


Body = tuple[TercUnit, ...]
"""The register rows of one local government, shortest code first."""


def official_unit(body: Body) -> LocalGovernmentUnit:
    """The unit as the register has it: official name, type, powiat, województwo and codes.

    Published data carries these rather than the source's spelling, so the same gmina is the
    same record whichever page named it and however; disagreements were reported by `bdp_lod.teryt.resolution.resolve`.
    A city with powiat rights is typed as such and lies in no powiat but itself.
    """
    top, bottom = body[0], body[-1]
    return LocalGovernmentUnit(
        name=bottom.name,
        type=top.type,
        powiat=bottom.powiat if top.level == "gmina" else None,
        voivodeship=bottom.voivodeship,
        terc=tuple(u.code for u in body),
    )
