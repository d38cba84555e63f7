"""Resolving a source's local government unit to its body in the TERC register.

Sources name a unit by what a reader sees ("gmina miejsko-wiejska, Czersk, powiat Chojnicki,
pomorskie"). Resolution never guesses: the name (with the województwo, when given) picks the
candidates, the source's unit type and powiat only break ties, and whatever stays ambiguous is
reported with the candidates instead of being chosen. Disagreements with the register are
findings in the model every check uses (`bdp_lod.findings`), citing the register's date.
`bdp_lod.teryt` holds the register itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from . import concepts
from .findings import Finding, Message, Severity
from .model import LocalGovernmentUnit
from .teryt import TYPES, Body, TercPart, TercUnit, powiat_code_of, register

__all__ = ["Resolution", "no_match", "resolve"]


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
    inside = [b for b in pool if any(powiat_code_of(u) in powiaty for u in b)]
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


def _unresolved(unit: LocalGovernmentUnit, reason: Message) -> Finding:
    return _warning("teryt.unresolved", "unit", unit.name, en=reason.en, pl=reason.pl)
