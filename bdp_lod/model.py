"""The records every source reader produces and every writer consumes.

Records hold what the sources say, in the submission's own terms (the JSON field names of
`shapes/submission.schema.json`), after normalisation (`bdp_lod.normalize`). They are plain
frozen dataclasses so that two records can be compared with ``==``: the parsed Czersk page, the
hand-written Czersk submission and the Czersk practice read back from a published dump are
*equal* records.

Collections that RDF cannot order (contacts, goals, phones, e-mails, attachments) are kept in
a canonical sorted order by normalisation; activities keep the order of the source plan and
carry it into RDF as ``schema:position``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Callable, Mapping, TypeVar

__all__ = [
    "Activity",
    "Address",
    "Attachment",
    "Contact",
    "Institution",
    "LocalGovernmentUnit",
    "Origin",
    "Practice",
    "SourcedPractice",
    "from_dict",
    "to_dict",
]


@dataclass(frozen=True)
class Address:
    """A postal address as BDP pages print it: "Ulica" and "Kod pocztowy i Poczta"."""

    street: str | None = None
    """Street and number as one string ("Kościuszki 27"); pages never write "ul."."""
    postal_code: str | None = None
    """Polish postal code ``NN-NNN``."""
    post_office: str | None = None
    """The post office (poczta) named after the postal code ("Czersk")."""


@dataclass(frozen=True)
class LocalGovernmentUnit:
    """The local government (JST) whose practice it is: gmina, powiat or województwo."""

    name: str
    """The unit's name as the source writes it: the page's "Miejscowość" ("Czersk")."""
    type: str | None = None
    """Unit-type concept identifier (``vocab/unit-types.ttl``), e.g. ``gmina-miejsko-wiejska``."""
    powiat: str | None = None
    """Powiat name as the source writes it ("Chojnicki"); pages often leave it out."""
    voivodeship: str | None = None
    """Województwo, one of the 16 lower-case names ("pomorskie", "śląskie")."""
    terc: tuple[str, ...] = ()
    """Official TERC code(s) when known; a city with powiat rights carries two."""


@dataclass(frozen=True)
class Institution:
    """The implementing institution ("Jednostka wdrażająca")."""

    name: str
    address: Address | None = None
    website: str | None = None
    """Normalised ``http(s)`` IRI ("www.czersk.pl" becomes ``http://www.czersk.pl/``)."""


@dataclass(frozen=True)
class Contact:
    """A contact person ("Osoby kontaktowe"): a public official's business contact."""

    name: str | None = None
    position: str | None = None
    """Job position, the role line(s) of a BDP page ("Inspektor Wydziału …"): ``vcard:title``."""
    role: str | None = None
    """The part played in this practice ("koordynator projektu"): ``vcard:role``."""
    phones: tuple[str, ...] = ()
    """Phone numbers in E.164 (``+48523954868``)."""
    emails: tuple[str, ...] = ()
    """Lower-cased e-mail addresses."""


@dataclass(frozen=True)
class Activity:
    """A planned task of a community-organising plan: task, audience and period."""

    description: str
    audience: str | None = None
    period: str | None = None
    """The period as the source writes it ("Styczeń- grudzień 2023")."""
    start: str | None = None
    """ISO 8601 start: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (as precise as the source)."""
    end: str | None = None
    """ISO 8601 end, with the same precision rules as ``start``."""


@dataclass(frozen=True)
class Attachment:
    """A file attached to a practice."""

    url: str
    title: str | None = None
    media_type: str | None = None


@dataclass(frozen=True)
class Practice:
    """A good practice: one page of the database, or one submission record."""

    title: str
    description: str
    """The whole description; paragraphs separated by one blank line."""
    id: str | None = None
    """Stable record id (``bdp-537`` for BDP article 537); minted from title and date if absent."""
    theme: str | None = None
    """Theme concept identifier (``vocab/themes.ttl``): the breadcrumb's subcategory."""
    programme: str | None = None
    """Programme concept identifier (``vocab/programmes.ttl``): the page header."""
    date_added: dt.date | None = None
    """"Data wprowadzenia do BDP", or the date the source published the practice."""
    source_url: str | None = None
    population: int | None = None
    """"Liczba mieszkańców" at the time of entry: a snapshot, not a property of the unit."""
    unit: LocalGovernmentUnit | None = None
    institution: Institution | None = None
    contacts: tuple[Contact, ...] = ()
    goals: tuple[str, ...] = ()
    activities: tuple[Activity, ...] = ()
    has_attachments: bool = False
    """True when the source marks attachments ("-> Załączniki"), even if they are not listed."""
    attachments: tuple[Attachment, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    """Source fields the readers do not know, as (label, value) pairs: kept, never dropped."""


@dataclass(frozen=True)
class Origin:
    """Where a record came from, so that every finding can name it."""

    file: str
    index: int | None = None
    """0-based position of the record in its file (array index, JSONL line, CSV data row)."""
    line: int | None = None
    """1-based line in the file, where the format has lines."""


@dataclass(frozen=True)
class SourcedPractice:
    """A record together with its origin: what source readers yield."""

    practice: Practice
    origin: Origin


# --- plain-data conversion -------------------------------------------------------------------
# The JSON form of a record is the submission format. Tuples become lists, dates ISO strings,
# ``extra`` an object; empty values are left out so hand-written files stay short.

_T = TypeVar("_T")


def to_dict(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data in the submission format (empty fields omitted)."""
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name == "extra":
            if value:
                out["extra"] = {k: v for k, v in value}
            continue
        converted = _plain(value)
        if converted in (None, [], ()) or (f.name == "has_attachments" and value is False):
            continue
        out[f.name] = converted
    return out


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return to_dict(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_NESTED: dict[str, type] = {
    "unit": LocalGovernmentUnit,
    "institution": Institution,
    "address": Address,
}
_NESTED_LISTS: dict[str, type] = {
    "contacts": Contact,
    "activities": Activity,
    "attachments": Attachment,
}


def from_dict(cls: type[_T], data: Mapping[str, Any]) -> _T:
    """Build a record from submission-format data that has already passed the JSON Schema.

    Values are taken as they are: normalisation (`bdp_lod.normalize`) is a separate step, so
    that a reader can report every problem of a record rather than stop at the first.
    """
    kwargs: dict[str, Any] = {}
    plan = _PLANS.get(cls) or _PLANS.setdefault(cls, _plan(cls))
    for name, convert in plan:
        if name in data:
            value = data[name]
            if value is None:
                kwargs[name] = None
            elif convert is None:  # a plain field, inlined: most fields of a record are
                kwargs[name] = tuple(value) if isinstance(value, list) else value
            else:
                kwargs[name] = convert(value)
    return cls(**kwargs)


_Convert = Callable[[Any], Any]
_Plan = tuple[tuple[str, _Convert | None], ...]

_PLANS: dict[type, _Plan] = {}
"""`_plan` of each class `from_dict` has built."""


def _plan(cls: type) -> _Plan:
    """Each field of a model class with how `from_dict` turns a (non-null) value into it (None:
    a list becomes a tuple, as records are hashable, and anything else is taken as it is):
    worked out once per class, as `dataclasses.fields` and the name tests cost more than the
    building."""
    return tuple((f.name, _converter(f.name)) for f in fields(cls))


def _converter(name: str) -> _Convert | None:
    if name in _NESTED:
        nested = _NESTED[name]
        return lambda value: from_dict(nested, value)
    if name in _NESTED_LISTS:
        item = _NESTED_LISTS[name]
        return lambda value: tuple(from_dict(item, v) for v in value)
    if name == "extra":
        return lambda value: tuple((str(k), str(v)) for k, v in value.items())
    if name == "date_added":
        return lambda value: (
            dt.date.fromisoformat(value) if isinstance(value, str) else tuple(value) if isinstance(value, list) else value
        )
    return None
