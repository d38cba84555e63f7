"""One HTML page per resource, Polish and English, from its description.

Pages are Jinja2 templates with autoescape on, so a ``<script>`` in a practice's description is
shown as text, never run. Every link is a relative path to another page's file (layout.py), so the
pages browse on any static host. Labels come from the publication (the vocabulary's pl and en
labels for classes and predicates; the data's Polish labels, whatever the page's language).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from ..serialize.blocks import RDF_TYPE, Lit
from .description import Description
from .folder import SiteFolder
from .layout import INDEX, Layout, Variant
from .rendering import ENVIRONMENT, LANGUAGES, embedded_json, sparql_link
from .term_labels import TERM_LABELS, curie

__all__ = ["BACKLINKS_SHOWN", "UI", "PageWriter", "relative", "render_page"]

BACKLINKS_SHOWN: Final = 200
"""Backlinks listed per predicate; the count says how many there are in all (a theme may have
thousands of practices, and a page must stay light on a phone)."""

UI: Final[Mapping[str, Mapping[str, str]]] = {
    "pl": {
        "site": "Baza Dobrych Praktyk – dane otwarte",
        "uri": "Identyfikator (URI)",
        "copy_uri": "Kopiuj",
        "properties": "Właściwości",
        "formats": "Ten opis jako RDF",
        "linked": "Wskazują tu przez „{}”",
        "more": "Pokazano pierwsze {}; pełna lista jest w danych (SPARQL lub zrzuty).".format(BACKLINKS_SHOWN),
        "footer": "Opis zasobu z publikacji danych otwartych Bazy Dobrych Praktyk.",
        "name": "Polski",
    },
    "en": {
        "site": "Good Practice Database – open data",
        "uri": "Identifier (URI)",
        "copy_uri": "Copy",
        "properties": "Properties",
        "formats": "This description as RDF",
        "linked": "Pointing here by “{}”",
        "more": "The first {} are shown; the full list is in the data (SPARQL or the dumps).".format(BACKLINKS_SHOWN),
        "footer": "A resource of the Good Practice Database open-data publication.",
        "name": "English",
    },
}


@dataclass(frozen=True)
class _Link:
    label: str
    href: str | None
    lang: str | None = None


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rpartition("#")[2].rpartition("/")[2] or iri


def relative(target: str, here: str) -> str:
    """The link from a file in folder ``here`` to the file ``target`` (both under the published
    folder, ``/``-separated): what ``posixpath.relpath`` gives, without its cost per link."""
    if not here:
        return target
    mine, theirs = here.split("/"), target.split("/")
    common = 0
    for a, b in zip(mine, theirs[:-1]):
        if a != b:
            break
        common += 1
    return "../" * (len(mine) - common) + "/".join(theirs[common:])


class _Page:
    """Labels and links as seen from one page (links are relative to its file)."""

    def __init__(self, description: Description, layout: Layout, lang: str) -> None:
        self.d = description
        self.layout = layout
        self.lang = lang
        self.variant = LANGUAGES[lang]
        self.file = layout.document(description.path, self.variant)
        self.here = self.file.rpartition("/")[0]

    def label(self, iri: str) -> str:
        own = self.d.labels.get(iri)
        terms = TERM_LABELS.get(iri)
        labels = {**terms, **own} if own and terms else own or terms or {}
        return (labels.get(self.lang) or labels.get("pl") or labels.get("") or next(iter(labels.values()), None)
                or curie(iri) or _local_name(iri))

    def href(self, iri: str) -> str:
        target = _file_of(self.layout, iri, self.variant)
        if target is None:
            return iri
        link = relative(target, self.here)
        fragment = iri.partition("#")[2]
        return f"{link}#{fragment}" if fragment else link

    def value(self, node: str | Lit) -> _Link:
        if node.__class__ is Lit:
            return _Link(node.value, None, node.language)
        return _Link(self.label(node), self.href(node))  # type: ignore[arg-type]  # an IRI


@functools.lru_cache(maxsize=1 << 16)
def _file_of(layout: Layout, iri: str, variant: Variant) -> str | None:
    """`Layout.file_of`, remembered: the same units, themes, classes and predicates are linked
    from thousands of pages, and the answer never changes."""
    return layout.file_of(iri, variant)


def _natural(link: _Link) -> tuple[tuple[int, int | str], ...]:
    """Activity 2 before activity 10: numbers in labels compare as numbers."""
    parts = re.split(r"(\d+)", link.label) + [link.href or ""]
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def _properties(page: _Page, subject: str) -> tuple[list[str], list[dict[str, object]]]:
    """The kinds of ``subject`` and its other properties, labelled, values in natural order."""
    own = [(p, o) for s, p, o in page.d.triples if s == subject]
    kinds = sorted({page.label(o) for p, o in own if p == RDF_TYPE and o.__class__ is str})
    by_predicate: dict[str, list[str | Lit]] = {}
    for p, o in own:
        if p != RDF_TYPE:
            by_predicate.setdefault(p, []).append(o)
    rows: list[dict[str, object]] = [
        {"predicate": _Link(page.label(p), page.href(p)),
         "objects": [page.value(values[0])] if len(values) == 1 else sorted((page.value(o) for o in values), key=_natural)}
        for p, values in sorted(by_predicate.items(), key=lambda item: (page.label(item[0]), item[0]))
    ]
    return kinds, rows


def render_page(description: Description, layout: Layout, lang: str, endpoint: str | None = None) -> str:
    """The page of one resource in ``lang`` (``pl`` or ``en``); with the publication's SPARQL
    ``endpoint``, a link that asks it to DESCRIBE the resource."""
    page = _Page(description, layout, lang)
    title = page.label(description.iri)
    kinds, rows = _properties(page, description.iri)
    terms = sorted({s for s, _p, _o in description.triples if s.startswith(description.iri + "#")})
    sections: list[dict[str, object]] = [{"id": None, "rows": rows}]
    for term in terms:
        term_kinds, term_rows = _properties(page, term)
        sections.append({"id": term.partition("#")[2], "title": page.label(term), "kinds": term_kinds,
                         "rows": term_rows})
    backlinks = [
        {"heading": UI[lang]["linked"].format(page.label(p)), "count": len(subjects),
         "links": [_Link(page.label(s), page.href(s)) for s in subjects[:BACKLINKS_SHOWN]]}
        for p, subjects in description.backlinks.items()
    ]
    other_lang = "en" if lang == "pl" else "pl"
    other = layout.document(description.path, LANGUAGES[other_lang])
    here = page.here
    formats = {
        variant.extension.lstrip("."): relative(layout.document(description.path, variant), here)
        for variant in (Variant.TURTLE, Variant.JSONLD, Variant.NTRIPLES)
    }
    return ENVIRONMENT.get_template("resource.html").render(
        lang=lang,
        ui=UI[lang],
        title=title,
        kinds=kinds,
        iri=description.iri,
        sections=sections,
        backlinks=backlinks,
        formats=formats,
        describe=sparql_link(endpoint, f"DESCRIBE <{description.iri}>") if endpoint else None,
        other={"lang": other_lang, "name": UI[other_lang]["name"], "href": relative(other, here)},
        home=relative(INDEX + LANGUAGES[lang].extension, here),
        schema_org=embedded_json({"@context": "https://schema.org", "@type": "Thing", "@id": description.iri,
                                   "name": title, "url": description.iri}),
    )


class PageWriter:
    """Writes both pages of descriptions into a site folder, one description at a time."""

    def __init__(self, folder: SiteFolder, layout: Layout, endpoint: str | None = None) -> None:
        self.folder = folder
        self.layout = layout
        self.endpoint = endpoint
        self.written = 0

    def write(self, description: Description) -> None:
        for lang, variant in LANGUAGES.items():
            self.folder.write(self.layout.document(description.path, variant),
                              render_page(description, self.layout, lang, self.endpoint).encode("utf-8"))
            self.written += 1
