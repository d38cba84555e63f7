"""One HTML page per resource, Polish and English, from its description.

Pages are Jinja2 templates with autoescape on, so a ``<script>`` in a practice's description is
shown as text, never run; the page template is rendered once per language and shape of page
(`rendering.Skeleton`) and each page fills its slots with text escaped as autoescape escapes it. Every link is a relative path to another page's file (layout.py), so the
pages browse on any static host. Labels come from the publication (the vocabulary's pl and en
labels for classes and predicates; the data's Polish labels, whatever the page's language).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Final, NamedTuple


from ..serialize.blocks import RDF_TYPE, Lit
from .description import Description
from .folder import SiteFolder
from .layout import INDEX, Layout, Variant
from .rendering import ENVIRONMENT, LANGUAGES, Skeleton, embedded_json, html_text, slot, sparql_link
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


class _Link(NamedTuple):
    """A value of a property with several: what it sorts by, and its HTML."""

    label: str
    href: str | None
    html: str


class _Section(NamedTuple):
    """A section of the page as `_skeleton` renders it: its values are slots."""

    id: str | None
    title: str
    kinds: list[str]
    rows: str
    """The ``<dt>`` and ``<dd>`` of each property."""


class _Backlinks(NamedTuple):
    """A group of backlinks as `_skeleton` renders it: its values are slots, ``more`` is its shape."""

    heading: str
    total: str
    items: str
    """The ``<li>`` of each subject listed (at most `BACKLINKS_SHOWN`)."""
    more: bool


class _Formats(NamedTuple):
    """The links to a page's RDF documents. This and `_Other` are tuples with attributes, not
    dicts: Jinja2 tries an attribute before a key, and a dict's failed attribute look-up costs
    an exception on each of the eleven times a page reads them."""

    ttl: str
    jsonld: str
    nt: str


class _Other(NamedTuple):
    """The page's other language: its tag, its name, the link to its page."""

    lang: str
    name: str
    href: str


class _Ui:
    """A language's `UI` texts as attributes: the template reads them on every page, and
    Jinja2 reaches an attribute at once where a key costs it a failed attribute look-up first."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.__dict__.update(texts)


_UI_ATTRIBUTES: Final = {lang: _Ui(texts) for lang, texts in UI.items()}


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rpartition("#")[2].rpartition("/")[2] or iri


def relative(target: str, here: str) -> str:
    """The link from a file in folder ``here`` to the file ``target`` (both under the published
    folder, ``/``-separated): what ``posixpath.relpath`` gives, without its cost per link."""
    if not here:
        return target
    return _relative(tuple(target.split("/")), here.split("/"))


def _relative(theirs: tuple[str, ...], mine: list[str]) -> str:
    common = 0
    for a, b in zip(mine, theirs[:-1]):
        if a != b:
            break
        common += 1
    return "../" * (len(mine) - common) + "/".join(theirs[common:])


class _Names:
    """Labels, their escaped HTML and link targets, worked out once per IRI and language for
    every page a writer makes: a theme, a unit, a class or a predicate is named on thousands of
    pages, and a unit's practices are listed on its page and on its powiat's.

    Valid for descriptions of one publication (whose labels are those of one census); a page
    rendered alone (`render_page`) gets names of its own."""

    def __init__(self, layout: Layout, lang: str) -> None:
        self.layout = layout
        self.lang = lang
        self.variant = LANGUAGES[lang]
        self._labels: dict[str, tuple[str, str]] = {}
        self._targets: dict[str, tuple[tuple[str, ...], str] | None] = {}

    def label(self, iri: str, own: Mapping[str, str] | None) -> tuple[str, str]:
        """The label of ``iri`` and its escaped HTML; ``own`` is the description's labels of it."""
        known = self._labels.get(iri)
        if known is None:
            terms = TERM_LABELS.get(iri)
            labels = {**terms, **own} if own and terms else own or terms or {}
            lang = self.lang
            text = (labels.get(lang) or labels.get("pl") or labels.get("") or next(iter(labels.values()), None)
                    or curie(iri) or _local_name(iri))
            known = self._labels[iri] = (text, html_text(text))
        return known

    def target(self, iri: str) -> tuple[tuple[str, ...], str] | None:
        """The segments of the file ``iri`` links to, and its fragment; None: an IRI of no file."""
        known = self._targets.get(iri, ())
        if known == ():
            file = self.layout.file_of(iri, self.variant)
            known = None if file is None else (tuple(file.split("/")), iri.partition("#")[2])
            self._targets[iri] = known
        return known  # type: ignore[return-value]  # () was replaced above


class _Page:
    """Labels and links as seen from one page (links are relative to its file)."""

    def __init__(self, description: Description, names: _Names, file: str) -> None:
        self.d = description
        self.names = names
        self.lang = names.lang
        self.file = file
        self.here = file.rpartition("/")[0]
        self._mine = self.here.split("/") if self.here else []

    def label(self, iri: str) -> str:
        return self.names.label(iri, self.d.labels.get(iri))[0]

    def href(self, iri: str) -> str:
        target = self.names.target(iri)
        if target is None:
            return iri
        parts, fragment = target
        link = _relative(parts, self._mine) if self._mine else "/".join(parts)
        return f"{link}#{fragment}" if fragment else link

    def anchor(self, iri: str) -> str:
        """``<a href="…">label</a>`` of ``iri``, escaped."""
        return f'<a href="{html_text(self.href(iri))}">{self.names.label(iri, self.d.labels.get(iri))[1]}</a>'

    def value(self, node: str | Lit) -> str:
        """A value as the page shows it: a link, or a literal in its language."""
        if node.__class__ is Lit:
            if node.language:
                return f'<span lang="{html_text(node.language)}">{html_text(node.value)}</span>'
            return f"<span>{html_text(node.value)}</span>"
        return self.anchor(node)  # type: ignore[arg-type]  # not a Lit: an IRI

    def link(self, node: str | Lit) -> _Link:
        if node.__class__ is Lit:
            return _Link(node.value, None, self.value(node))
        iri: str = node  # type: ignore[assignment]  # not a Lit: an IRI
        return _Link(self.label(iri), self.href(iri), self.anchor(iri))


def _natural(link: _Link) -> tuple[tuple[int, int | str], ...]:
    """Activity 2 before activity 10: numbers in labels compare as numbers."""
    parts = re.split(r"(\d+)", link.label) + [link.href or ""]
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def _properties(page: _Page, subject: str) -> tuple[list[str], str]:
    """The kinds of ``subject`` and its other properties (``<dt>``/``<dd>`` HTML), labelled,
    values in natural order."""
    own = [(p, o) for s, p, o in page.d.triples if s == subject]
    kinds = sorted({page.label(o) for p, o in own if p == RDF_TYPE and o.__class__ is str})
    by_predicate: dict[str, list[str | Lit]] = {}
    for p, o in own:
        if p != RDF_TYPE:
            by_predicate.setdefault(p, []).append(o)
    rows: list[str] = []
    for p, values in sorted(by_predicate.items(), key=lambda item: (page.label(item[0]), item[0])):
        shown = page.value(values[0]) if len(values) == 1 else "<br>".join(
            link.html for link in sorted(map(page.link, values), key=_natural))
        rows.append(f"<dt>{page.anchor(p)}</dt>\n<dd>{shown}</dd>\n")
    return kinds, "".join(rows)


def render_page(description: Description, layout: Layout, lang: str, endpoint: str | None = None) -> str:
    """The page of one resource in ``lang`` (``pl`` or ``en``); with the publication's SPARQL
    ``endpoint``, a link that asks it to DESCRIBE the resource."""
    return _render(description, layout.variants(description.path), _Names(layout, lang), endpoint)


def _render(description: Description, files: Mapping[Variant, str], names: _Names, endpoint: str | None) -> str:
    lang = names.lang
    page = _Page(description, names, files[names.variant])
    title = page.label(description.iri)
    kinds, rows = _properties(page, description.iri)
    terms = sorted({s for s, _p, _o in description.triples if s.startswith(description.iri + "#")})
    here = page.here
    html = {
        "title": html_text(title),
        "kinds": html_text(", ".join(kinds)),
        "iri": html_text(description.iri),
        "rows": rows,
        "ttl": html_text(relative(files[Variant.TURTLE], here)),
        "jsonld": html_text(relative(files[Variant.JSONLD], here)),
        "nt": html_text(relative(files[Variant.NTRIPLES], here)),
        "other": html_text(relative(files[LANGUAGES[_OTHER[lang]]], here)),
        "home": html_text(relative(INDEX + LANGUAGES[lang].extension, here)),
        "schema_org": embedded_json({"@context": "https://schema.org", "@type": "Thing", "@id": description.iri,
                                     "name": title, "url": description.iri}),
    }
    if endpoint:
        html["describe"] = html_text(sparql_link(endpoint, f"DESCRIBE <{description.iri}>"))
    for i, term in enumerate(terms):
        term_kinds, html[f"rows{i}"] = _properties(page, term)
        html[f"id{i}"] = html_text(term.partition("#")[2])
        html[f"title{i}"] = html_text(page.label(term))
        html[f"kinds{i}"] = html_text(", ".join(term_kinds))
    more = []
    linked = UI[lang]["linked"]
    for j, (p, subjects) in enumerate(description.backlinks.items()):
        html[f"heading{j}"] = html_text(linked.format(page.label(p)))
        html[f"total{j}"] = str(len(subjects))
        html[f"items{j}"] = "".join(f"<li>{page.anchor(s)}</li>\n" for s in subjects[:BACKLINKS_SHOWN])
        more.append(len(subjects) > BACKLINKS_SHOWN)
    return _skeleton(lang, len(terms), tuple(more), bool(endpoint)).fill(html)


_OTHER: Final = {"pl": "en", "en": "pl"}
"""Each page language and the language its page links to."""


@functools.cache
def _skeleton(lang: str, terms: int, more: tuple[bool, ...], describe: bool) -> Skeleton:
    """The page template in ``lang`` for a resource of this shape: with ``terms`` hash terms
    (each a section of its own), a backlinks group for each of ``more`` (whether it has more
    subjects than are shown), and a SPARQL DESCRIBE link or not; its slots are `_render`'s."""
    other = _OTHER[lang]
    return Skeleton(_TEMPLATE.render(
        lang=lang,
        ui=_UI_ATTRIBUTES[lang],
        title=slot("title"),
        kinds=[slot("kinds")],
        iri=slot("iri"),
        sections=[_Section(None, "", [], slot("rows"))] + [
            _Section(slot(f"id{i}"), slot(f"title{i}"), [slot(f"kinds{i}")], slot(f"rows{i}")) for i in range(terms)],
        backlinks=[_Backlinks(slot(f"heading{j}"), slot(f"total{j}"), slot(f"items{j}"), shown)
                   for j, shown in enumerate(more)],
        formats=_Formats(slot("ttl"), slot("jsonld"), slot("nt")),
        describe=slot("describe") if describe else None,
        other=_Other(other, UI[other]["name"], slot("other")),
        home=slot("home"),
        schema_org=slot("schema_org"),
    ))


_TEMPLATE: Final = ENVIRONMENT.get_template("resource.html")


class PageWriter:
    """Writes both pages of descriptions into a site folder, one description at a time."""

    def __init__(self, folder: SiteFolder, layout: Layout, endpoint: str | None = None) -> None:
        self.folder = folder
        self.layout = layout
        self.endpoint = endpoint
        self.written = 0
        self._names = [_Names(layout, lang) for lang in LANGUAGES]

    def write(self, description: Description, files: Mapping[Variant, str] | None = None) -> None:
        """Write both pages; ``files`` are the description's documents (`Layout.variants`),
        when the caller has them already."""
        files = files or self.layout.variants(description.path)
        for names in self._names:
            file = files[names.variant]
            self.folder.write(file, _render(description, files, names, self.endpoint).encode("utf-8"))
            self.written += 1
