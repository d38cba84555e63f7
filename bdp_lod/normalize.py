"""The one normalisation step every reader goes through.

Pages, JSON submissions and spreadsheets write the same facts differently: "(52) 395 48 68" and
"+48 52 395 48 68", "www.czersk.pl" and "http://www.czersk.pl", "21.224" and "21 224". Readers
turn their format into submission-format data (the JSON form of `bdp_lod.model`); this module
turns that data into canonical values, so the same practice from any source becomes an equal
record and the same triples. Every problem is collected with its field path, so a submitter
sees all of them at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Callable
from urllib.parse import urlsplit, urlunsplit

import phonenumbers

from . import codes, concepts
from .codes import Code
from .errors import InvalidRecords
from .findings import Finding
from .model import Practice, from_dict

__all__ = [
    "VOIVODESHIPS",
    "collapse",
    "normalize_email",
    "normalize_phone",
    "normalize_submission",
    "normalize_website",
    "paragraphs",
    "parse_date",
    "parse_population",
    "practice_from_submission",
]

VOIVODESHIPS: tuple[str, ...] = (
    "dolnośląskie", "kujawsko-pomorskie", "lubelskie", "lubuskie", "łódzkie", "małopolskie",
    "mazowieckie", "opolskie", "podkarpackie", "podlaskie", "pomorskie", "śląskie",
    "świętokrzyskie", "warmińsko-mazurskie", "wielkopolskie", "zachodniopomorskie",
)

_SPACE = re.compile(r"[\s\u00a0\u2007\u202f]+")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2007\u202f\u200b]+")


def _unusual_space(line: str) -> bool:
    """Whether `_INLINE_SPACE` would change ``line``: a line without a tab, one of its four
    other spaces or two spaces in a row is left as it is, without a substitution per single
    space. Six substring scans are several times faster than a regex search of the line."""
    return (
        "  " in line or "\t" in line or "\u00a0" in line or "\u2007" in line or "\u202f" in line
        or "\u200b" in line
    )


class ValueProblem(ValueError):
    """A value that cannot be normalised: the kind of finding it becomes, and its parameters."""

    def __init__(self, kind: Code, variant: str = codes.DEFAULT, **params: object):
        self.message = kind.message(variant, **params)
        super().__init__(self.message.en)
        self.kind = kind

    def finding(self, *, field: str, value: str) -> Finding:
        """The finding about ``field`` holding ``value``, located later by the reader."""
        return self.kind.as_finding(self.message, field=field, value=value)


def collapse(text: str) -> str:
    """One line: every run of whitespace (non-breaking spaces too) becomes one space.

    `str.split` splits at exactly the characters `_SPACE` matches (``\\s`` of a str pattern is
    `str.isspace`, which the three named spaces are too), without a match per single space.
    """
    return " ".join(text.split())


def paragraphs(text: str) -> str:
    """Multi-line text with its paragraphs kept: lines collapsed, blank runs → one blank line."""
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = (_INLINE_SPACE.sub(" ", raw) if _unusual_space(raw) else raw).strip()
        if line:
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


@lru_cache(maxsize=4096)
def normalize_phone(value: str) -> str:
    """E.164 form of a Polish (or international) phone number: "(52) 395 48 68" → "+48523954868".

    Cached, as `normalize_website` is: an office's practices repeat its numbers and site, and
    phonenumbers takes about 40 µs a number."""
    try:
        number = phonenumbers.parse(value, "PL")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueProblem(codes.NORMALIZE_PHONE, given=value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def normalize_email(value: str) -> str:
    """Lower-cased address without a ``mailto:`` prefix."""
    address = collapse(value)
    if address.lower().startswith("mailto:"):
        address = address[7:]
    address = address.lower()
    if not _EMAIL.match(address):
        raise ValueProblem(codes.NORMALIZE_EMAIL, given=value)
    return address


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


@lru_cache(maxsize=4096)
def normalize_website(value: str) -> str:
    """An ``http(s)`` IRI: "www.czersk.pl" → "http://www.czersk.pl/".

    Pages print host names without a scheme; plain ``http`` is assumed because that is what
    the sites answered when the database was built, and it is what a browser would try.
    """
    text = collapse(value)
    if not _SCHEME.match(text):
        text = "http://" + text
    problem = ValueProblem(codes.NORMALIZE_WEBSITE, given=value)
    try:  # urlsplit rejects bad IPv6 literals and ports; the idna codec rejects empty labels
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        port = parts.port
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except (ValueError, UnicodeError):
        raise problem from None
    if parts.scheme.lower() not in ("http", "https") or not _HOST.match(ascii_host):
        raise problem
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


_POLISH_MONTHS = {
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
}


_NUMERIC_DATES = (
    (re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})"), (3, 2, 1)),
)
"""Year first, or day first; the groups of the year, the month and the day."""
_WORDED_DATE = re.compile(r"(\d{1,2}) ([a-ząćęłńóśźż]+) (\d{4})")


def parse_date(value: str) -> str:
    """ISO 8601 date from the forms Polish sources use.

    "2013-06-28", "28.06.2013", "28-06-2013", "28/06/2013", "2013.06.28" and "10 stycznia 2023".
    """
    text = collapse(value).lower().rstrip(" r.").strip()
    for pattern, (y, m, d) in _NUMERIC_DATES:
        match = pattern.fullmatch(text)
        if match:
            return _iso(int(match[y]), int(match[m]), int(match[d]), value)
    match = _WORDED_DATE.fullmatch(text)
    if match and match[2] in _POLISH_MONTHS:
        return _iso(int(match[3]), _POLISH_MONTHS[match[2]], int(match[1]), value)
    raise _bad_date(value)


def _iso(year: int, month: int, day: int, original: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise _bad_date(original) from None


def _bad_date(value: str) -> ValueProblem:
    return ValueProblem(codes.NORMALIZE_DATE, given=value)


_POPULATION = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d+")


def parse_population(value: str | int) -> int:
    """Inhabitants as an integer: "21.224", "302 094" and "21224" are all read; dots and spaces
    are thousands separators on Polish pages."""
    if isinstance(value, int):
        return value
    text = _SPACE.sub("", value)
    if _POPULATION.fullmatch(text):
        return int(text.replace(".", "").replace(",", ""))
    raise ValueProblem(codes.NORMALIZE_POPULATION, given=value)


_VOIVODESHIP_PREFIX = re.compile(r"^(województwo|woj\.)\s*")


def _voivodeship(value: str) -> str:
    text = collapse(value).casefold()
    text = _VOIVODESHIP_PREFIX.sub("", text)
    if text not in VOIVODESHIPS:
        raise ValueProblem(codes.NORMALIZE_VOIVODESHIP, given=value)
    return text


def _concept(scheme: Callable[[], concepts.ConceptScheme], variant: str) -> Callable[[str], str]:
    """A concept identifier from a scheme's identifier or label, remembered per spelling (a
    database writes the same few themes thousands of times) for as long as the scheme is the
    same object."""
    known: dict[str, str | None] = {}
    held: list[concepts.ConceptScheme] = []

    def resolve(value: str) -> str:
        current = scheme()
        if not held or held[0] is not current:
            held[:] = [current]
            known.clear()
        if type(value) is str:
            found = known[value] if value in known else known.setdefault(value, _concept_id(current, value))
        else:
            found = _concept_id(current, value)
        if found is None:
            raise ValueProblem(codes.NORMALIZE_CONCEPT, variant, given=value)
        return found

    return resolve


def _concept_id(scheme: concepts.ConceptScheme, value: str) -> str | None:
    found = scheme.resolve(value)
    return None if found is None else found.id


_unit_type = _concept(concepts.unit_types, "unit-type")
_theme = _concept(concepts.themes, "theme")
_programme = _concept(concepts.programmes, "programme")


class _Normalizer:
    """Walks one submission, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def value(self, data: dict[str, Any], key: str, path: str, fn: Callable[[Any], Any]) -> None:
        """``data[key]`` normalised by ``fn``, kept as it was when ``fn`` refuses it (a finding
        at ``path``), left out when null or empty."""
        given = data.get(key)
        if given is None:
            data.pop(key, None)
            return
        try:
            found = fn(given)
        except ValueProblem as problem:
            self.findings.append(problem.finding(field=path, value=str(given)))
            found = given
        if found is None or found == "" or found == []:
            del data[key]
        else:
            data[key] = found

    @staticmethod
    def text(data: dict[str, Any], key: str) -> None:
        """`value` with `collapse` as the function and an empty result left out, without its
        try and finding (the commonest kind of field by far): collapsing refuses nothing, so it
        needs no path."""
        given = data.get(key)
        if given is None:
            data.pop(key, None)
            return
        text = collapse(str(given))
        if text:
            data[key] = text
        else:
            del data[key]

    def values(self, data: dict[str, Any], key: str, path: str, fn: Callable[[Any], Any]) -> None:
        """Each item of the list ``data[key]`` normalised (refused ones kept, with a finding at
        ``path[i]``), duplicates dropped and sorted; left out when empty."""
        items = data.get(key)
        if not items:
            data.pop(key, None)
            return
        out = []
        for i, item in enumerate(items):
            try:
                out.append(fn(item))
            except ValueProblem as problem:
                self.findings.append(problem.finding(field=f"{path}[{i}]", value=str(item)))
                out.append(item)
        if out:
            data[key] = sorted(dict.fromkeys(out))
        else:
            data.pop(key, None)


def normalize_submission(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[Finding]]:
    """Canonical copy of one submission-format record, and the problems found in it.

    Values that cannot be normalised are kept as they were (nothing is lost) and reported.
    """
    n = _Normalizer()
    rec: dict[str, Any] = {k: v for k, v in data.items()}
    for key in ("title", "id", "source_url"):
        n.text(rec, key)
    n.value(rec, "description", "description", lambda v: paragraphs(str(v)) or None)
    n.value(rec, "theme", "theme", _theme)
    n.value(rec, "programme", "programme", _programme)
    n.value(rec, "date_added", "date_added", parse_date)
    n.value(rec, "population", "population", parse_population)
    n.values(rec, "goals", "goals", lambda v: paragraphs(str(v)))
    if "goals" in rec:  # goals are unordered literals in RDF: canonical order, no blanks
        rec["goals"] = [g for g in rec["goals"] if g]

    if isinstance(rec.get("unit"), Mapping):
        unit = dict(rec["unit"])
        n.text(unit, "name")
        n.value(unit, "type", "unit.type", _unit_type)
        n.text(unit, "powiat")
        n.value(unit, "voivodeship", "unit.voivodeship", _voivodeship)
        n.values(unit, "terc", "unit.terc", lambda v: collapse(str(v)))
        rec["unit"] = unit

    if isinstance(rec.get("institution"), Mapping):
        inst = dict(rec["institution"])
        n.text(inst, "name")
        n.value(inst, "website", "institution.website", normalize_website)
        if isinstance(inst.get("address"), Mapping):
            addr = dict(inst["address"])
            for key in ("street", "postal_code", "post_office"):
                n.text(addr, key)
            if addr:
                inst["address"] = addr
            else:
                inst.pop("address")
        rec["institution"] = inst

    contacts = []
    for i, raw in enumerate(rec.get("contacts") or []):
        contact = dict(raw)
        for key in ("name", "position", "role"):
            n.text(contact, key)
        n.values(contact, "phones", f"contacts[{i}].phones", normalize_phone)
        n.values(contact, "emails", f"contacts[{i}].emails", normalize_email)
        contacts.append(contact)
    if contacts:
        rec["contacts"] = sorted(contacts, key=_contact_order)
    else:
        rec.pop("contacts", None)

    activities = []
    for i, raw in enumerate(rec.get("activities") or []):
        activity = dict(raw)
        n.value(activity, "description", f"activities[{i}].description", lambda v: paragraphs(str(v)) or None)
        for key in ("audience", "period", "start", "end"):
            n.text(activity, key)
        activities.append(activity)
    if activities:
        rec["activities"] = activities
    else:
        rec.pop("activities", None)

    attachments = [dict(a) for a in rec.get("attachments") or []]
    if attachments:
        rec["attachments"] = sorted(attachments, key=lambda a: str(a.get("url")))
        rec["has_attachments"] = True
    else:
        rec.pop("attachments", None)
    if not rec.get("has_attachments"):
        rec.pop("has_attachments", None)

    if rec.get("extra"):
        rec["extra"] = {collapse(str(k)): paragraphs(str(v)) for k, v in sorted(rec["extra"].items())}
    else:
        rec.pop("extra", None)
    return rec, n.findings


def _contact_order(contact: Mapping[str, Any]) -> tuple[str, ...]:
    return (
        str(contact.get("name") or ""),
        ",".join(contact.get("emails") or []),
        ",".join(contact.get("phones") or []),
        str(contact.get("position") or ""),
        str(contact.get("role") or ""),
    )


def practice_from_submission(data: Mapping[str, Any]) -> Practice:
    """Normalise one submission record and build its `Practice`.

    Raises `InvalidRecords` listing every value that could not be normalised.
    """
    record, findings = normalize_submission(data)
    if findings:
        raise InvalidRecords(findings)
    return from_dict(Practice, record)
