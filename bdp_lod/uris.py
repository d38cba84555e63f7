"""URI minting (docs/design.md §3): every node gets an IRI that is a pure function of its record.

Nothing here depends on input order, run time or the other records of a run, so the same
practice has the same URIs in every dump. Slugs transliterate Polish letters with
``python-slugify`` (backed by text-unidecode): ł→l, ą→a, ś→s, ż/ź→z …
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from slugify import slugify

from .model import Contact, Institution, LocalGovernmentUnit, Practice

__all__ = ["DEFAULT_BASE", "Uris", "slug", "unit_key"]

DEFAULT_BASE = "https://w3id.org/bdp/"
PRACTICE_SLUG_MAX = 80


@lru_cache(maxsize=1 << 16)
def slug(text: str, max_length: int = 0) -> str:
    """Lower-case ASCII slug; cut at a word boundary when ``max_length`` is given.

    The backend is named so that URIs never depend on whether the optional (GPL) Unidecode
    happens to be installed; naming it also spares slugify a failed import on every call, and
    the cache spares re-slugging the names every practice of a unit or institution repeats.
    """
    return slugify(text, max_length=max_length, word_boundary=bool(max_length), save_order=True,
                   backend="text-unidecode")


def unit_key(unit: LocalGovernmentUnit) -> str:
    """The key of a unit and its territory.

    A resolved unit is keyed by its TERC code without the type digit (województwo ``22``,
    powiat ``2202``, gmina ``220204``), which survives a gmina's reclassification; a city with
    powiat rights is keyed by its gmina code. An unresolved unit gets type, name and
    województwo slugs.
    """
    if unit.terc:
        longest = max(unit.terc, key=len)
        return longest[:6] if len(longest) == 7 else longest
    name = slug(unit.name)
    voivodeship = slug(unit.voivodeship or "")
    return "-".join(p for p in (unit.type or "", name, voivodeship if voivodeship != name else "") if p)


@dataclass(frozen=True)
class Uris:
    """The IRIs of one publication, all under ``base`` (``https://w3id.org/bdp/`` by default)."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def _id(self, path: str) -> str:
        return f"{self.base}id/{path}"

    def practice_key(self, practice: Practice) -> str:
        if practice.id:
            return practice.id
        title = slug(practice.title, PRACTICE_SLUG_MAX)
        return f"{title}-{practice.date_added.isoformat()}" if practice.date_added else title

    def practice(self, practice: Practice) -> str:
        return self._id(f"practice/{self.practice_key(practice)}")

    def activity(self, practice: Practice, position: int) -> str:
        return f"{self.practice(practice)}/activity/{position}"

    def period(self, practice: Practice, position: int) -> str:
        return f"{self.activity(practice, position)}/period"

    def extra_field(self, practice: Practice, label: str) -> str:
        return f"{self.practice(practice)}/field/{slug(label)}"

    def unit(self, unit: LocalGovernmentUnit) -> str:
        return self._id(f"unit/{unit_key(unit)}")

    def area(self, unit: LocalGovernmentUnit) -> str:
        return self._id(f"area/{unit_key(unit)}")

    def powiat_area(self, unit: LocalGovernmentUnit) -> str | None:
        """The territory of the powiat the source names, keyed like an unresolved powiat unit."""
        if not unit.powiat:
            return None
        return self.area(LocalGovernmentUnit(unit.powiat, "powiat", voivodeship=unit.voivodeship))

    def voivodeship_area(self, unit: LocalGovernmentUnit) -> str | None:
        if not unit.voivodeship:
            return None
        return self.area(LocalGovernmentUnit(unit.voivodeship, "wojewodztwo", voivodeship=unit.voivodeship))

    def institution_key(self, institution: Institution, unit: LocalGovernmentUnit | None) -> str:
        """Name slug, plus the locality's slug unless the name already says it, plus the unit's
        TERC key when the unit is resolved.

        Generic names ("Miejski Ośrodek Pomocy Społecznej") repeat from town to town, and so do
        whole names: "Urząd Gminy Wierzbica" is the office of two gminy in two województwa. The
        TERC key tells such offices apart; the rule is a function of the record alone, so adding
        practices never renames an institution.
        """
        key = slug(institution.name)
        place = unit.name if unit else (institution.address.post_office if institution.address else None)
        if place and slug(place) not in key:
            key = f"{key}-{slug(place)}"
        if unit and unit.terc:
            key = f"{key}-{unit_key(unit)}"
        return key

    def institution(self, institution: Institution, unit: LocalGovernmentUnit | None) -> str:
        return self._id(f"institution/{self.institution_key(institution, unit)}")

    def address(self, institution: Institution, unit: LocalGovernmentUnit | None) -> str:
        return f"{self.institution(institution, unit)}/address"

    def contact(self, contact: Contact, institution_key: str | None) -> str:
        who = contact.name or (contact.emails[0] if contact.emails else None) or (contact.phones[0] if contact.phones else "contact")
        parts = [institution_key or "", slug(who)]
        return self._id("contact/" + "-".join(p for p in parts if p))
