"""One HTML page per resource, Polish and English, from its description.

Pages are Jinja2 templates with autoescape on, so a ``<script>`` in a practice's description is
shown as text, never run. Every link is a relative path to another page's file (layout.py), so the
pages browse on any static host. Labels come from the publication (the vocabulary's pl and en
labels for classes and predicates; the data's Polish labels, whatever the page's language).
"""

from __future__ import annotations

import re
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ..files import atomic_write
from .description import Description
from .layout import INDEX, Layout, Variant
from .rendering import ENVIRONMENT, LANGUAGES, embedded_json
from .term_labels import TERM_LABELS, curie

__all__ = ["BACKLINKS_SHOWN", "UI", "render_page", "write_pages"]

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


class _Page:
    """Labels and links as seen from one page (links are relative to its file)."""

    def __init__(self, description: Description, layout: Layout, lang: str) -> None:
        self.d = description
        self.layout = layout
        self.lang = lang
        self.file = layout.document(description.path, LANGUAGES[lang])

    def label(self, iri: str) -> str:
        labels = {**TERM_LABELS.get(iri, {}), **self.d.labels.get(iri, {})}
        return (labels.get(self.lang) or labels.get("pl") or labels.get("") or next(iter(labels.values()), None)
                or curie(iri) or _local_name(iri))

    def href(self, iri: str) -> str:
        target = self.layout.file_of(iri, LANGUAGES[self.lang])
        if target is None:
            return iri
        link = posixpath.relpath(target, posixpath.dirname(self.file) or ".")
        fragment = iri.partition("#")[2]
        return f"{link}#{fragment}" if fragment else link

    def value(self, node: object) -> _Link:
        if isinstance(node, URIRef):
            return _Link(self.label(str(node)), self.href(str(node)))
        if isinstance(node, Literal):
            return _Link(str(node), None, node.language)
        return _Link(str(node), None)


def _natural(link: _Link) -> tuple[tuple[int, int | str], ...]:
    """Activity 2 before activity 10: numbers in labels compare as numbers."""
    parts = re.split(r"(\d+)", link.label) + [link.href or ""]
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def _properties(page: _Page, subject: URIRef) -> tuple[list[str], list[dict[str, object]]]:
    """The kinds of ``subject`` and its other properties, labelled, values in natural order."""
    own = [(p, o) for s, p, o in page.d.triples if s == subject]
    kinds = sorted({page.label(str(o)) for p, o in own if p == RDF.type})
    by_predicate: dict[str, list[object]] = {}
    for p, o in own:
        if p != RDF.type:
            by_predicate.setdefault(str(p), []).append(o)
    rows: list[dict[str, object]] = [
        {"predicate": _Link(page.label(p), page.href(p)), "objects": sorted((page.value(o) for o in values), key=_natural)}
        for p, values in sorted(by_predicate.items(), key=lambda item: (page.label(item[0]), item[0]))
    ]
    return kinds, rows


def render_page(description: Description, layout: Layout, lang: str) -> str:
    """The page of one resource in ``lang`` (``pl`` or ``en``)."""
    page = _Page(description, layout, lang)
    subject = URIRef(description.iri)
    title = page.label(description.iri)
    kinds, rows = _properties(page, subject)
    terms = sorted({s for s, _p, _o in description.triples if isinstance(s, URIRef) and str(s).startswith(description.iri + "#")},
                   key=str)
    sections = []
    for term in terms:
        term_kinds, term_rows = _properties(page, term)
        sections.append({"id": str(term).partition("#")[2], "title": page.label(str(term)), "kinds": term_kinds,
                         "rows": term_rows})
    backlinks = [
        {"heading": UI[lang]["linked"].format(page.label(p)), "count": len(subjects),
         "links": [_Link(page.label(s), page.href(s)) for s in subjects[:BACKLINKS_SHOWN]]}
        for p, subjects in description.backlinks.items()
    ]
    other_lang = "en" if lang == "pl" else "pl"
    other = layout.document(description.path, LANGUAGES[other_lang])
    here = posixpath.dirname(page.file) or "."
    formats = {
        variant.extension.lstrip("."): posixpath.relpath(layout.document(description.path, variant), here)
        for variant in (Variant.TURTLE, Variant.JSONLD, Variant.NTRIPLES)
    }
    return ENVIRONMENT.get_template("resource.html").render(
        lang=lang,
        ui=UI[lang],
        title=title,
        kinds=kinds,
        iri=description.iri,
        rows=rows,
        sections=sections,
        backlinks=backlinks,
        formats=formats,
        other={"lang": other_lang, "name": UI[other_lang]["name"], "href": posixpath.relpath(other, here)},
        home=posixpath.relpath(INDEX + LANGUAGES[lang].extension, here),
        schema_org=embedded_json({"@context": "https://schema.org", "@type": "Thing", "@id": description.iri,
                                   "name": title, "url": description.iri}),
    )


def write_pages(folder: Path, layout: Layout, descriptions: Iterable[Description]) -> int:
    """Both pages of every description under ``folder``; returns how many were written."""
    written = 0
    for description in descriptions:
        for lang, variant in LANGUAGES.items():
            target = folder / layout.document(description.path, variant)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, render_page(description, layout, lang).encode("utf-8"))
            written += 1
    return written
