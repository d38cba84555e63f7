"""The TERC register (GUS TERYT) shipped with the package, and resolution of units to it.

Sources name a local government by what a reader sees ("gmina miejsko-wiejska, Czersk, powiat
Chojnicki, pomorskie"); Linked Data needs the official code, because names repeat (227 gmina
names occur more than once) and the code is what other publishers link to. ``data/terc.tsv`` is
a compact copy of the official file made by `bdp_lod.teryt_build`; it is parsed once, on first
use, into dictionaries, so a look-up is a few hash probes.

Resolution never guesses: the name (with the województwo, when given) picks the candidates, the
source's unit type and powiat only break ties, and whatever stays ambiguous is reported with the
candidates instead of being chosen. Disagreements with the register are findings in the same
model the validator uses (`bdp_lod.findings`).

A city with powiat rights is one local government with two TERC rows (powiat ``2469`` and gmina
``2469011``); here both rows share the key of the gmina (``246901``), which makes them one body.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Callable, Generic, Iterable, TypeVar

from . import concepts
from .findings import Finding, Message, Severity
from .model import LocalGovernmentUnit

__all__ = [
    "TYPES",
    "Register",
    "Resolution",
    "TercPart",
    "TercUnit",
    "lookup",
    "name_key",
    "no_match",
    "official_unit",
    "parse_type",
    "register",
    "resolve",
    "type_of",
]

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
    """A key without Polish letters, for sources that lost them ("Srem")."""
    decomposed = unicodedata.normalize("NFD", key.replace("ł", "l"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
    the URI key of DESIGN.md §3 (``220204``, ``246901``, ``2202``, ``22``)."""
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
    return _read(resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8"))


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


def _powiat_of(unit: TercUnit) -> str | None:
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
        if (wanted is None or u.type == wanted) and (powiaty is None or _powiat_of(u) in powiaty)
    ]


# --- resolution ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one unit against the register."""

    unit: LocalGovernmentUnit
    """The record's unit with ``terc`` set to the body's codes when resolved; everything else
    stays as the source wrote it (the official name and types are in ``units``)."""
    units: tuple[TercUnit, ...] = ()
    """The register rows of the resolved body, shortest code first; empty when unresolved."""
    findings: list[Finding] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return bool(self.units)


Body = tuple[TercUnit, ...]


def _type_label(type_id: str) -> str:
    return concepts.unit_types().concepts[type_id].label("pl")


def _describe(body: Body) -> str:
    """ "Czersk (2202043, gmina miejsko-wiejska, powiat chojnicki, pomorskie)"."""
    top, unit = body[0], body[-1]
    details = [", ".join(u.code for u in body), _type_label(top.type)]
    if top.level == "gmina":
        details.append(f"powiat {unit.powiat}")
    if top.level != "wojewodztwo":
        details.append(unit.voivodeship)
    return f"{unit.name} ({', '.join(details)})"


def _describe_all(bodies: Iterable[Body]) -> str:
    return "; ".join(_describe(b) for b in bodies)


def _bodies(units: Iterable[TercUnit]) -> list[Body]:
    reg = register()
    keys = dict.fromkeys(u.key for u in units)
    return sorted((reg.by_key(k) for k in keys), key=lambda b: b[0].code)


def _warning(code: str, field_: str, value: str | None, en: str, pl: str) -> Finding:
    return Finding(Severity.WARNING, code, Message(en=en, pl=pl), field=field_, value=value)


def _describe_parts(parts: Iterable[TercPart]) -> Message:
    """ "Mokotów (1465058) is a dzielnica of Warszawa (1465, 1465011, …)"."""
    reg = register()
    en, pl = [], []
    for p in parts:
        city = _describe(reg.by_key(reg.by_code(p.city_code).key))
        en.append(f"{p.name} ({p.code}) is a {p.kind} of {city}")
        pl.append(f"{p.name} ({p.code}) to {p.kind} miasta {city}")
    return Message(en="; ".join(en), pl="; ".join(pl))


def no_match(name: str, voivodeship_code: str | None = None) -> Message:
    """Why nothing in the register answers to ``name``: a city part, a unit of that name
    elsewhere (another województwo, type or powiat), or no such name at all."""
    reg = register()
    at = reg.label
    parts = reg.parts_named(name, voivodeship_code) or reg.parts_named(name)
    if parts:
        what = _describe_parts(parts)
        return Message(
            en=f"'{name}' is not a local government unit in {at}: {what.en}",
            pl=f"'{name}' nie jest jednostką samorządu terytorialnego w {at}: {what.pl}",
        )
    named = reg.named(name)
    if named:
        found = _describe_all(_bodies(named))
        return Message(
            en=f"no unit in {at} matches '{name}' as given; units of that name: {found}",
            pl=f"żadna jednostka w {at} nie odpowiada '{name}' z podanymi danymi; "
            f"jednostki o tej nazwie: {found}",
        )
    return Message(
        en=f"'{name}' is not the name of a unit in {at}",
        pl=f"'{name}' nie jest nazwą jednostki w {at}",
    )


def resolve(unit: LocalGovernmentUnit) -> Resolution:
    """The TERC body a source's unit stands for, and every disagreement with the register.

    Codes the record already carries are trusted first (an old code of a reclassified gmina is
    followed through its key). Otherwise the name, within the województwo when given, picks
    the candidates; the unit type narrows them, then the powiat. A type or powiat that would
    leave nothing is reported and set aside, so "gmina miejska, Śrem" still finds the
    urban-rural gmina. More than one candidate left means unresolved, never a guess. A union of
    gminy has no TERC code and is left as it is.
    """
    if unit.type is not None and unit.type not in TYPES and unit.type in concepts.unit_types():
        return Resolution(unit)
    findings: list[Finding] = []
    body = _by_codes(unit, findings) if unit.terc else None
    if body is None:
        body = _by_name(unit, findings)
    if body is None:
        return Resolution(unit, findings=findings)
    if unit.type is not None and unit.type not in {u.type for u in body}:
        label = _type_label(unit.type) if unit.type in TYPES else unit.type
        at, found = register().label, _describe(body)
        findings.append(
            _warning(
                "teryt.type-mismatch", "unit.type", unit.type,
                en=f"the source gives the unit type '{label}', but in {at} the unit is {found}",
                pl=f"źródło podaje typ jednostki '{label}', a w {at} jednostka to {found}",
            )
        )
    return Resolution(replace(unit, terc=tuple(u.code for u in body)), body, findings)


def _by_codes(unit: LocalGovernmentUnit, findings: list[Finding]) -> Body | None:
    reg = register()
    bodies: list[Body] = []
    for code in unit.terc:
        known = reg.by_code(code)
        body = reg.body(known) if known else reg.by_key(code[:6]) if len(code) in (6, 7) else ()
        if known is None:
            now = f"; the unit keyed {code[:6]} is {_describe(body)}" if body else ""
            teraz = f"; jednostka o kluczu {code[:6]} to {_describe(body)}" if body else ""
            findings.append(
                _warning(
                    "teryt.unknown-code", "unit.terc", code,
                    en=f"'{code}' is not a code in {reg.label}{now}",
                    pl=f"'{code}' nie jest kodem w {reg.label}{teraz}",
                )
            )
        if body and body not in bodies:
            bodies.append(body)
    if len(bodies) > 1:
        found = _describe_all(bodies)
        findings.append(
            _warning(
                "teryt.ambiguous", "unit.terc", ", ".join(unit.terc),
                en=f"the codes name {len(bodies)} different units in {reg.label}: {found}",
                pl=f"kody wskazują {len(bodies)} różne jednostki w {reg.label}: {found}",
            )
        )
        return None
    return bodies[0] if bodies else None


def _by_name(unit: LocalGovernmentUnit, findings: list[Finding]) -> Body | None:
    reg = register()
    at = reg.label
    woj = None
    if unit.voivodeship is not None:
        woj = reg.voivodeship_code(unit.voivodeship)
        if woj is None:
            findings.append(
                _warning(
                    "teryt.unresolved", "unit.voivodeship", unit.voivodeship,
                    en=f"'{unit.voivodeship}' is not a voivodeship in {at}",
                    pl=f"'{unit.voivodeship}' nie jest województwem w {at}",
                )
            )
            return None
    candidates = _bodies(reg.named(unit.name, woj))
    if not candidates:
        findings.append(_unresolved(unit, no_match(unit.name, woj)))
        return None
    typed = [b for b in candidates if unit.type in {u.type for u in b}]
    parts = reg.parts_named(unit.name, woj)
    if parts and not typed:  # "Bielany": a gmina wiejska, and a dzielnica of Warsaw
        found, what = _describe_all(candidates), _describe_parts(parts)
        findings.append(
            _warning(
                "teryt.ambiguous", "unit", unit.name,
                en=f"'{unit.name}' names a unit and a city part in {at}, and the source's unit type "
                f"does not say which: {found}; {what.en}",
                pl=f"'{unit.name}' to nazwa jednostki i części miasta w {at}, a typ jednostki w źródle "
                f"nie wskazuje której: {found}; {what.pl}",
            )
        )
        return None
    pool = typed or candidates
    if unit.powiat is not None:
        pool = _by_powiat(unit, unit.powiat, pool, woj, findings)
    if len(pool) > 1:
        found = _describe_all(pool)
        findings.append(
            _warning(
                "teryt.ambiguous", "unit", unit.name,
                en=f"'{unit.name}' matches {len(pool)} units in {at}, "
                f"and the source does not say which: {found}",
                pl=f"'{unit.name}' odpowiada {len(pool)} jednostkom w {at}, "
                f"a źródło nie wskazuje której: {found}",
            )
        )
        return None
    return pool[0]


def _by_powiat(
    unit: LocalGovernmentUnit, powiat: str, pool: list[Body], woj: str | None, findings: list[Finding]
) -> list[Body]:
    """The candidates in the source's powiat, or all of them with a warning when the powiat
    does not exist ("katowicki" on a Katowice page) or holds none of them."""
    reg = register()
    powiaty = reg.powiat_codes(powiat, woj)
    inside = [b for b in pool if any(_powiat_of(u) in powiaty for u in b)]
    if inside:
        return inside
    found = _describe_all(pool)
    where_en = f" of {reg.by_code(woj).name}" if woj else ""
    where_pl = f" województwa {reg.by_code(woj).name}" if woj else ""
    if not powiaty:
        en = f"'{powiat}' is not a powiat{where_en} in {reg.label}; '{unit.name}' is {found}"
        pl = f"'{powiat}' nie jest powiatem{where_pl} w {reg.label}; '{unit.name}' to {found}"
    else:
        en = f"'{unit.name}' is not in powiat '{powiat}' in {reg.label}, but: {found}"
        pl = f"'{unit.name}' nie leży w powiecie '{powiat}' w {reg.label}, lecz: {found}"
    findings.append(_warning("teryt.powiat-mismatch", "unit.powiat", powiat, en=en, pl=pl))
    return pool


def official_unit(body: Body) -> LocalGovernmentUnit:
    """The unit as the register has it: official name, type, powiat, województwo and codes.

    Published data carries these rather than the source's spelling, so the same gmina is the
    same record whichever page named it and however; disagreements were reported by `resolve`.
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


def _unresolved(unit: LocalGovernmentUnit, reason: Message) -> Finding:
    return _warning("teryt.unresolved", "unit", unit.name, en=reason.en, pl=reason.pl)
