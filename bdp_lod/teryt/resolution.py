"""Resolving a source's local government unit to its body in the TERC register.

Sources name a unit by what a reader sees ("gmina miejsko-wiejska, Czersk, powiat Chojnicki,
pomorskie"). Resolution never guesses: the name (with the województwo, when given) picks the
candidates, the source's unit type and powiat only break ties, and whatever stays ambiguous is
reported with the candidates instead of being chosen. Disagreements with the register are
findings in the model every check uses (`bdp_lod.findings`), citing the register's date.
`bdp_lod.teryt.terc` holds the register itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from .. import codes
from .. import concepts
from ..findings import Finding, Message
from ..model import LocalGovernmentUnit
from .terc import TYPES, Body, TercPart, TercUnit, powiat_code_of, register

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


def _describe_parts(parts: Iterable[TercPart]) -> Message:
    """ "Mokotów (1465058) is a dzielnica of Warszawa (1465, 1465011, …)"."""
    reg = register()
    return codes.joined(
        codes.CITY_PART.render(name=p.name, code=p.code, kind=p.kind, city=_describe(reg.by_key(reg.by_code(p.city_code).key)))  # type: ignore[union-attr]  # a city part names its city by a code of the same register
        for p in parts
    )


def no_match(name: str, voivodeship_code: str | None = None) -> Message:
    """Why nothing in the register answers to ``name``: a city part, a unit of that name
    elsewhere (another województwo, type or powiat), or no such name at all."""
    reg = register()
    at = reg.label
    parts = reg.parts_named(name, voivodeship_code) or reg.parts_named(name)
    if parts:
        return codes.TERYT_UNRESOLVED.message("city-part", name=name, register=at, parts=_describe_parts(parts))
    named = reg.named(name)
    if named:
        return codes.TERYT_UNRESOLVED.message("elsewhere", name=name, register=at, found=_describe_all(_bodies(named)))
    return codes.TERYT_UNRESOLVED.message("unknown-name", name=name, register=at)


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
            codes.TERYT_TYPE_MISMATCH.finding(field="unit.type", value=unit.type, label=label, register=at, found=found)
        )
    return Resolution(replace(unit, terc=tuple(u.code for u in body)), body, findings)


def _by_codes(unit: LocalGovernmentUnit, findings: list[Finding]) -> Body | None:
    reg = register()
    bodies: list[Body] = []
    for code in unit.terc:
        known = reg.by_code(code)
        body = reg.body(known) if known else reg.by_key(code[:6]) if len(code) in (6, 7) else ()
        if known is None:
            kind = codes.TERYT_UNKNOWN_CODE
            if body:
                message = kind.message("rekeyed", code=code, register=reg.label, key=code[:6], found=_describe(body))
            else:
                message = kind.message("plain", code=code, register=reg.label)
            findings.append(kind.as_finding(message, field="unit.terc", value=code))
        if body and body not in bodies:
            bodies.append(body)
    if len(bodies) > 1:
        found = _describe_all(bodies)
        findings.append(
            codes.TERYT_AMBIGUOUS.finding(
                "codes", field="unit.terc", value=", ".join(unit.terc), count=len(bodies), register=reg.label, found=found
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
                codes.TERYT_UNRESOLVED.finding(
                    "voivodeship", field="unit.voivodeship", value=unit.voivodeship, name=unit.voivodeship, register=at
                )
            )
            return None
    candidates = _bodies(reg.named(unit.name, woj))
    if not candidates:
        findings.append(codes.TERYT_UNRESOLVED.as_finding(no_match(unit.name, woj), field="unit", value=unit.name))
        return None
    typed = [b for b in candidates if unit.type in {u.type for u in b}]
    parts = reg.parts_named(unit.name, woj)
    if parts and not typed:  # "Bielany": a gmina wiejska, and a dzielnica of Warsaw
        findings.append(
            codes.TERYT_AMBIGUOUS.finding(
                "city-part", field="unit", value=unit.name, name=unit.name, register=at,
                found=_describe_all(candidates), parts=_describe_parts(parts),
            )
        )
        return None
    pool = typed or candidates
    if unit.powiat is not None:
        pool = _by_powiat(unit, unit.powiat, pool, woj, findings)
    if len(pool) > 1:
        findings.append(
            codes.TERYT_AMBIGUOUS.finding(
                "candidates", field="unit", value=unit.name, name=unit.name, count=len(pool), register=at,
                found=_describe_all(pool),
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
    kind, found = codes.TERYT_POWIAT_MISMATCH, _describe_all(pool)
    if powiaty:
        message = kind.message("elsewhere", powiat=powiat, name=unit.name, register=reg.label, found=found)
    elif woj:
        message = kind.message(
            "no-powiat-in-voivodeship", powiat=powiat, voivodeship=reg.by_code(woj).name, name=unit.name,  # type: ignore[union-attr]  # the województwo code comes from the register itself
            register=reg.label, found=found,
        )
    else:
        message = kind.message("no-powiat", powiat=powiat, name=unit.name, register=reg.label, found=found)
    findings.append(kind.as_finding(message, field="unit.powiat", value=powiat))
    return pool
