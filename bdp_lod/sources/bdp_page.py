"""Reader for pages of the old good-practice database (dobrepraktyki.pl), as text or saved HTML.

A page is read in three zones fixed by anchors, never by line numbers (docs/design.md §5): what comes
before the title (programme header, menu, visitor counter, category breadcrumb), the description
(from the title's ".: Skrót i Metryka …  :." link bar to "Metryka praktyki") and the Metryka (one
"Label:  value" a line, up to the next link bar). Anchoring this way lets the reader take pages
that start at "Strona główna", lack a header or carry an extra funding line; a page without the
Metryka is refused rather than guessed at.

The reader produces submission-format data (the JSON form of `bdp_lod.model`) and does only the
conversions that are specific to pages: breadcrumb → theme concept, header → programme concept,
"21.224" → 21224, "89-650 Czersk" → postal code and post office. `bdp_lod.normalize` then makes
the values canonical exactly as it does for every other source, so a parsed page and a
hand-written submission of the same practice become equal records.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .. import codes, concepts
from ..errors import InvalidRecords, NotAPracticePage
from ..findings import Finding
from ..model import Origin, SourcedPractice
from ..normalize import (
    ValueProblem,
    collapse,
    normalize_submission,
    paragraphs,
    parse_date,
    parse_population,
)
from .page_file import decode_page, html_to_text, read_page_bytes
from .submission import check_submission

__all__ = ["PageResult", "parse_page", "read_page"]


@dataclass(frozen=True)
class PageResult:
    """One parsed page: its record in submission format (not yet normalised) and the warnings."""

    record: dict[str, Any]
    warnings: list[Finding]


# --- public API --------------------------------------------------------------------------------


def parse_page(text: str, *, file: str | None = None, html: bool = False) -> PageResult:
    """The practice a BDP page describes, as submission-format data.

    ``text`` is the page as plain text (one line per printed line) or, with ``html=True``, the
    saved HTML. Raises `NotAPracticePage` for a page without a "Metryka praktyki" block or without
    a title, and `InputError` for HTML the parser rejects; anything else the page does not say
    the way BDP pages do becomes a warning, and unknown Metryka fields are kept in ``extra``.
    """
    source_url = None
    if html:
        text, source_url = html_to_text(text, file)
    lines = text.splitlines()
    metryka = next((i for i, line in enumerate(lines) if _key(line) == "metryka praktyki"), None)
    if metryka is None:
        raise NotAPracticePage(codes.PAGE_NOT_A_PRACTICE.message("no-metryka"), file=file)
    head = _locate_head(lines, metryka)
    if head is None:
        raise NotAPracticePage(codes.PAGE_NOT_A_PRACTICE.message("no-title"), file=file)

    found: list[Finding] = []
    record: dict[str, Any] = {
        "title": collapse(lines[head.title]),
        "description": _description(lines[head.body:metryka]),
    }
    programme = _programme(lines[: head.breadcrumb if head.breadcrumb is not None else head.title])
    if programme:
        record["programme"] = programme
    theme, problem = _theme(lines[head.breadcrumb] if head.breadcrumb is not None else None)
    if theme:
        record["theme"] = theme
    if problem:
        found.append(problem)

    end = next((i for i in range(metryka + 1, len(lines)) if _is_link_bar(lines[i])), len(lines))
    block = _read_metryka(lines[metryka + 1:end])
    record.update(block.submission())
    found.extend(block.warnings)
    if any(_is_link_bar(line) and "załączniki" in _key(line) for line in lines):
        record["has_attachments"] = True
    record.update(_identity(source_url))
    return PageResult(record=record, warnings=[w.at(file=file) for w in found])


def _identity(source_url: str | None) -> dict[str, str]:
    """``source_url``, and the id ``bdp-{art}`` when the address names the article."""
    if not source_url:
        return {}
    art = re.search(r"[?&]art=([0-9]+)(?:[&#]|$)", source_url)
    return {"source_url": source_url, **({"id": f"bdp-{int(art[1])}"} if art else {})}


def read_page(path: str | os.PathLike[str]) -> tuple[SourcedPractice, list[Finding]]:
    """Read, parse and normalise one page file; the file is only ever read.

    ``.html``/``.htm`` files are read as saved HTML, anything else as plain text. Raises
    `InputError` when the file cannot be read, `NotAPracticePage` (see `parse_page`) and
    `InvalidRecords` with every value that cannot be normalised, located at the file.
    """
    name = str(path)
    is_html = Path(path).suffix.lower() in (".html", ".htm")
    result = parse_page(decode_page(read_page_bytes(path), name, is_html), file=name, html=is_html)

    def located(findings: list[Finding]) -> list[Finding]:
        return [f.at(file=name, record_index=0, record_id=result.record.get("id")) for f in findings]

    missing = _missing_fields(result.record)
    if missing:
        raise InvalidRecords(located(missing + normalize_submission(result.record)[1]))
    # The same gate as a JSON submission: the schema, then normalisation.
    record, findings = check_submission(result.record, Origin(file=name, index=0))
    if record is None:
        raise InvalidRecords(findings)
    return record, result.warnings + findings


# --- lines -------------------------------------------------------------------------------------


def _key(text: str) -> str:
    """How labels and anchors are compared: spacing and letter case vary between pages."""
    return collapse(text).casefold()


def _is_indented(line: str) -> bool:
    """Contact details hang under the name with a leading (usually non-breaking) space."""
    return line[:1].isspace() and bool(line.strip())


def _is_link_bar(line: str) -> bool:
    """".:   Skrót i Metryka -> Pełna prezentacja[ -> Załączniki]   :." (spacing varies)."""
    text = collapse(line)
    return text.startswith(".:") and text.endswith(":.") and "->" in text


_CHROME = re.compile(
    r"\d{1,3}(?:\.\d{3})+"  # the visitor counter ("1.632.794")
    r"|gości odwiedziło nas"
    r"|od \d{1,2} \w+ \d{4} r\."
    r"|wsparcie udzielone przez norwegię, islandię i lichtenstein"
    r"|projekt współfinansowany przez unię europejską w ramach europejskiego funduszu społecznego",
    re.IGNORECASE,
)


def _is_chrome(line: str) -> bool:
    """Site furniture that can end up inside the description zone of a rendered page."""
    return _is_link_bar(line) or bool(_CHROME.fullmatch(collapse(line)))


def _split_breadcrumb(line: str) -> tuple[str, str] | None:
    """("Usługi społeczne", "Pomoc społeczna") from " Usługi społeczne : Pomoc społeczna"."""
    parts = collapse(line).split(" : ")
    if len(parts) < 2 or not parts[0] or not parts[-1]:
        return None
    return parts[0], parts[-1]


def _previous_text(lines: list[str], index: int) -> int | None:
    return next((i for i in range(index - 1, -1, -1) if collapse(lines[i])), None)


def _next_text(lines: list[str], index: int, stop: int) -> int | None:
    return next((i for i in range(index + 1, stop) if collapse(lines[i])), None)


# --- the head: title, breadcrumb, programme ----------------------------------------------------


@dataclass(frozen=True)
class _Head:
    title: int
    breadcrumb: int | None
    body: int
    """First line of the description zone."""


def _locate_head(lines: list[str], metryka: int) -> _Head | None:
    """Where the title and breadcrumb are, or None when the page has no title.

    The title is the line before the first link bar; without a link bar (a damaged copy) it is
    the line after the breadcrumb, recognised by its leading space and " : ".
    """
    bar = next((i for i in range(metryka) if _is_link_bar(lines[i])), None)
    if bar is not None:
        title = _previous_text(lines, bar)
        if title is None or (_is_indented(lines[title]) and _split_breadcrumb(lines[title])):
            return None
        crumb = _previous_text(lines, title)
        if crumb is not None and not _split_breadcrumb(lines[crumb]):
            crumb = None
        return _Head(title=title, breadcrumb=crumb, body=bar + 1)
    crumb = next((i for i in range(metryka) if _is_indented(lines[i]) and _split_breadcrumb(lines[i])), None)
    title = _next_text(lines, crumb, metryka) if crumb is not None else None
    if crumb is None or title is None:
        return None
    return _Head(title=title, breadcrumb=crumb, body=title + 1)


def _programme(lines: list[str]) -> str | None:
    """The programme whose header the page prints, if any (the header is optional)."""
    for line in lines:
        concept = concepts.programmes().resolve(line) if collapse(line) else None
        if concept is not None:
            return concept.id
    return None


def _theme(line: str | None) -> tuple[str | None, Finding | None]:
    """The theme concept of the breadcrumb, and a warning when the breadcrumb is doubtful.

    The breadcrumb is built from the URL, so its section can be wrong: the subcategory is
    trusted and its parent taken from the theme tree. "Praktyki" under a section is a page of
    that section, so the section itself is the theme.
    """
    parts = _split_breadcrumb(line) if line is not None else None
    if parts is None:
        return None, codes.PAGE_NO_BREADCRUMB.finding(field="theme")
    section, sub = parts
    crumb = f"{section} : {sub}"
    scheme = concepts.themes()
    parent = scheme.resolve(section)
    concept = parent if _key(sub) == "praktyki" else scheme.resolve(sub)
    if concept is None:
        fallback = parent.id if parent is not None else None
        if fallback:
            return fallback, codes.PAGE_UNKNOWN_THEME.finding(
                "from-section", field="theme", value=crumb, crumb=crumb, section=section
            )
        return fallback, codes.PAGE_UNKNOWN_THEME.finding("empty", field="theme", value=crumb, crumb=crumb)
    if concept is not parent and (parent is None or parent.id not in (concept.broader, concept.id)):
        return concept.id, codes.PAGE_BREADCRUMB_MISMATCH.finding(field="theme", value=crumb, crumb=crumb, sub=sub)
    return concept.id, None


# --- the description ---------------------------------------------------------------------------


def _description(lines: list[str]) -> str:
    """The description with its paragraphs; chrome lines become paragraph breaks."""
    return paragraphs("\n".join("" if _is_chrome(line) else line for line in lines))


# --- the Metryka -------------------------------------------------------------------------------

_LABELS: dict[str, str] = {
    "data wprowadzenia do bdp": "date_added",
    "typ jednostki": "unit.type",
    "miejscowość": "unit.name",
    "powiat": "unit.powiat",
    "województwo": "unit.voivodeship",
    "kod pocztowy i poczta": "institution.address.postal_code",
    "jednostka wdrażająca": "institution.name",
    "ulica": "institution.address.street",
    "wirtyna internetowa": "institution.website",  # sic: the site's own spelling
    "witryna internetowa": "institution.website",
    "liczba mieszkańców": "population",
    "osoby kontaktowe": "contacts",
    "osoba kontaktowa": "contacts",
}
"""Metryka labels (compared case-insensitively) → the submission field they fill."""

_LABEL_LINE = re.compile(r"(?P<label>[^\W\d_][^:]{0,59}?) ?: ?(?P<value>.*)")
_PHONE_LINE = re.compile(r"tel(?:efon)?(?![^\W\d_])\.?(?: ?/ ?fax\.?)? ?:? ?(?P<value>.*)", re.IGNORECASE)
_EMAIL_LINE = re.compile(r"e-?@?mail(?![^\W\d_]) ?:? ?(?P<value>.*)", re.IGNORECASE)


@dataclass
class _Metryka:
    """What the Metryka block says, gathered line by line."""

    fields: dict[str, str] = field(default_factory=dict)
    """Submission field path → the raw value printed."""
    extra: dict[str, str] = field(default_factory=dict)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def set_field(self, label: str, value: str) -> None:
        path = _LABELS.get(label.casefold())
        if path is None:
            self.extra[label] = value
            self.warnings.append(codes.PAGE_UNKNOWN_FIELD.finding(field=f"extra.{label}", value=value, label=label))
        elif path in self.fields:
            self.warnings.append(codes.PAGE_DUPLICATE_FIELD.finding(field=path, value=value, label=label))
        elif value:
            self.fields[path] = value

    def skip(self, line: str) -> None:
        self.warnings.append(codes.PAGE_UNPARSED_LINE.finding(value=collapse(line)))

    def submission(self) -> dict[str, Any]:
        """The Metryka as submission-format fields."""
        f = self.fields
        out: dict[str, Any] = {}
        if "date_added" in f:
            out["date_added"] = _converted(parse_date, f["date_added"])
        if "population" in f:
            out["population"] = _converted(parse_population, f["population"])
        unit = _compact({
            "name": f.get("unit.name"),
            "type": _unit_type(f["unit.type"]) if "unit.type" in f else None,
            "powiat": f.get("unit.powiat"),
            "voivodeship": f.get("unit.voivodeship"),
        })
        address = _compact({
            "street": f.get("institution.address.street"),
            **_postal(f.get("institution.address.postal_code")),
        })
        institution = _compact({
            "name": f.get("institution.name"),
            "website": f.get("institution.website"),
            "address": address or None,
        })
        contacts = [c for c in (_compact(c) for c in self.contacts) if c]
        for key, value in (("unit", unit), ("institution", institution), ("contacts", contacts), ("extra", self.extra)):
            if value:
                out[key] = value
        return out


def _read_metryka(lines: list[str]) -> _Metryka:
    """Fields and contact groups of the Metryka block.

    A contact group is a name (on the "Osoby kontaktowe" line, on a further such line, or on a
    line of its own) followed by lines with a leading space: role line(s), " tel. …" and
    " e@mail: …"; a blank line ends the group. Text that follows the contacts without being a
    field or a new group is the page footer, which ends the block.
    """
    block = _Metryka()
    contact: dict[str, Any] | None = None
    in_contacts = False
    for i, line in enumerate(lines):
        text = collapse(line)
        if not text:
            contact = None
            continue
        if contact is not None and _add_detail(contact, text, _is_indented(line)):
            continue
        if _is_indented(line):
            if in_contacts:
                break
            block.skip(line)
            continue
        label = _LABEL_LINE.fullmatch(text)
        if label is not None:
            name, value = label["label"].strip(), label["value"].strip()
            contact = None
            if _LABELS.get(name.casefold()) == "contacts":
                contact = _new_contact(block, value)
                in_contacts = True
            else:
                block.set_field(name, value)
            continue
        if in_contacts and (contact is not None or _starts_group(lines, i)):
            contact = _name_contact(block, contact, text)
            continue
        if in_contacts:
            break
        block.skip(line)
    return block


def _starts_group(lines: list[str], index: int) -> bool:
    """A name line of its own is a new contact when role or details hang under it."""
    return index + 1 < len(lines) and _is_indented(lines[index + 1])


def _new_contact(block: _Metryka, name: str) -> dict[str, Any]:
    contact: dict[str, Any] = {"name": name or None, "roles": [], "phones": [], "emails": []}
    block.contacts.append(contact)
    return contact


def _name_contact(block: _Metryka, contact: dict[str, Any] | None, name: str) -> dict[str, Any]:
    """The named person: the open contact if it has nothing yet ("Osoby kontaktowe:" alone)."""
    if contact is not None and not any(contact.values()):
        contact["name"] = name
        return contact
    return _new_contact(block, name)


def _add_detail(contact: dict[str, Any], text: str, indented: bool) -> bool:
    """Add a " tel. …", " e@mail: …" or (indented) role line to the contact; False if not one."""
    phone = _PHONE_LINE.fullmatch(text)
    email = _EMAIL_LINE.fullmatch(text)
    if phone is not None:
        contact["phones"].extend(_split_values(phone["value"], r"\s*[,;]\s*|\s+lub\s+"))
    elif email is not None:
        contact["emails"].extend(_split_values(email["value"], r"\s+lub\s+|[\s,;]+"))
    elif indented:
        contact["roles"].append(text)
    else:
        return False
    return True


def _split_values(value: str, separators: str) -> list[str]:
    return [v for v in re.split(separators, value) if v]


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Without empty values; a contact's role lines become its ``position``."""
    if "roles" in data:
        data = {**data, "position": "; ".join(data["roles"]) or None}
        del data["roles"]
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _converted(convert: Callable[[str], Any], value: str) -> Any:
    """The converted value, or the printed one for normalisation to report."""
    try:
        return convert(value)
    except ValueProblem:
        return value


def _unit_type(label: str) -> str:
    """Unit-type concept id ("powiat grodzki" → miasto-na-prawach-powiatu), or the label as printed."""
    concept = concepts.unit_types().resolve(label)
    return concept.id if concept is not None else label


_POSTAL = re.compile(r"(\d{2}) ?[-‐–]? ?(\d{3})(?: (?P<office>.+))?")


def _postal(value: str | None) -> dict[str, str | None]:
    """"89-650 Czersk" → postal code and post office; text that is not one is kept for checks."""
    if value is None:
        return {}
    match = _POSTAL.fullmatch(value)
    if match is not None:
        return {"postal_code": f"{match[1]}-{match[2]}", "post_office": match["office"]}
    if any(ch.isdigit() for ch in value):
        return {"postal_code": value}
    return {"post_office": value}


def _missing_fields(record: dict[str, Any]) -> list[Finding]:
    """Values a record cannot be built without, which a damaged page may lack."""
    required = (
        ("description", record.get("description"), True, "description"),
        ("unit.name", record.get("unit", {}).get("name"), "unit" in record, "unit"),
        ("institution.name", record.get("institution", {}).get("name"), "institution" in record, "institution"),
    )
    return [
        codes.PAGE_MISSING_FIELD.finding(variant, field=path)
        for path, value, needed, variant in required
        if needed and not value
    ]
