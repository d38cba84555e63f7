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
from collections.abc import Mapping, Sequence
from typing import Final, NamedTuple


from ..serialize.blocks import RDF_TYPE, Lit
from .description import Description, Labels
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
    """A value as a page shows it: what it sorts by among several (its label, then its link,
    None for a literal), and its HTML."""

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
    folder, _, name = target.rpartition("/")
    if folder == here:
        return name  # a page's own documents: four links of every page
    theirs, mine = target.split("/"), here.split("/")
    common = _shared(mine, theirs[:-1])
    return "../" * (len(mine) - common) + "/".join(theirs[common:])


def _shared(mine: Sequence[str], folders: Sequence[str]) -> int:
    """How many folders, from the top, a page's folder ``mine`` and a file's ``folders`` share."""
    common = 0
    for a, b in zip(mine, folders):
        if a != b:
            break
        common += 1
    return common


class _Place(NamedTuple):
    """The folder of a page, as its links need it."""

    here: str
    segments: list[str]
    """Its segments, escaped: escaping maps equal segments to equal ones and different to
    different, so they compare with a `_Target`'s as the segments themselves would."""
    views: list[str]
    """What a file ``n`` folders deep, fewer than the page's, sees of the page: how deep the
    page is and its first ``n`` folders. A link depends on nothing else, so `_Names.seen` keeps
    the anchors made from each view: a vocabulary term's file sits one to three folders deep,
    and every practice page (six deep, ``doc/id/practice/…``) links to it by the same path, so
    its anchor is made once, not on each of thousands of pages. A practice, a unit or an office
    sits as deep as the pages that list it, where each view is a folder of its own; their
    anchors are made each time and not kept."""


@functools.lru_cache(maxsize=2)
def _place(here: str) -> _Place:
    """The place of a page in folder ``here``: a description's two pages share one folder."""
    segments = html_text(here).split("/") if here else []
    return _Place(here, segments, [f"{len(segments)}:{'/'.join(segments[:n])}" for n in range(len(segments))])


_Target = tuple[str, str, str, tuple[str, ...], int, str, str]
"""How one IRI is linked in one language (`_Names.target`): its escaped label (the anchor's
text); the anchor of an IRI of no file, linked as it stands and the same from every page, else
empty; the file; its segments, escaped (``/`` is not, so they are the escaped path's); how
many folders it is in; the IRI's fragment; and that fragment escaped, after a ``#``, or empty.

A plain tuple of strings, which the garbage collector stops tracking: a writer keeps one for
each of the hundred thousand and more IRIs it links, and tracked objects make every full
collection (which walks the census as well) dearer and come sooner; as objects of a class of
their own they cost one more full collection in a share of 100,000 practices, 0.27 s."""

_ANCHOR: Final = 1
_FILE: Final = 2
_FOLDERS: Final = 4
_FRAGMENT: Final = 5
"""Where `_Page` reads a `_Target`'s fields one at a time (it unpacks the whole where it needs most)."""


def _target(iri: str, label: str, file: str | None) -> _Target:
    """The `_Target` of ``iri``, labelled ``label`` (escaped), linking to ``file`` (None: none)."""
    fragment = iri.partition("#")[2]
    html_fragment = f"#{html_text(fragment)}" if fragment else ""
    if file is None:
        return label, f'<a href="{html_text(iri)}">{label}</a>', "", (), 0, fragment, html_fragment
    parts = tuple(html_text(file).split("/"))
    return label, "", file, parts, len(parts) - 1, fragment, html_fragment


_Value = str | _Link
"""A value as `_Subject` holds it: an IRI (a plain ``str``), or a literal ready to show (its
``href`` None)."""


class _Subject(NamedTuple):
    """A subject a page shows (the resource or one of its hash terms), as both languages' pages
    share it: grouped once per description, not once per page."""

    iri: str
    kinds: list[str]
    """Its ``rdf:type`` IRIs."""
    values: dict[str, list[_Value]]
    """Each other predicate, in IRI order (the triples' order) → its values, in the triples' order;
    several literals alone are one value, already in natural order."""


def _subjects(description: Description) -> list[_Subject]:
    """The resource and then its hash terms (sorted), each with what a page shows of it."""
    iri = description.iri
    prefix = iri + "#"
    grouped: dict[str, _Subject] = {iri: _Subject(iri, [], {})}
    for s, p, o in description.triples:
        if s != iri and not s.startswith(prefix):
            continue  # a nested node's: shown on its own page
        subject = grouped.get(s)
        if subject is None:
            subject = grouped[s] = _Subject(s, [], {})
        if p == RDF_TYPE:
            if o.__class__ is str:
                subject.kinds.append(o)
        elif o.__class__ is Lit:
            subject.values.setdefault(p, []).append(_literal(o))
        else:
            subject.values.setdefault(p, []).append(o)  # type: ignore[arg-type]  # not a Lit: an IRI
    for subject in grouped.values():
        for p, shown in subject.values.items():
            literals = [value for value in shown if isinstance(value, _Link)] if len(shown) > 1 else ()
            if len(literals) == len(shown):  # several literals and no IRI: one order for both languages
                subject.values[p] = [_Link("", None, "<br>".join(link.html for link in sorted(literals, key=_natural)))]
    return [grouped.pop(iri), *(grouped[term] for term in sorted(grouped))]


def _literal(literal: Lit) -> _Link:
    """A literal as a page shows it, in its language: the same HTML on both pages."""
    return _Link(literal.value, None, f"{_span(literal.language)}{html_text(literal.value)}</span>")


@functools.lru_cache(maxsize=64)
def _span(language: str | None) -> str:
    """The start tag of a literal in ``language``: a handful of tags, on most of a page's literals."""
    return f'<span lang="{html_text(language)}">' if language else "<span>"


class _Names:
    """Labels, their escaped HTML, link targets and the order of predicate rows, worked out
    once per IRI and language for every page a writer makes: a theme, a unit, a class or a
    predicate is named on thousands of pages, and a unit's practices are listed on its page
    and on its powiat's.

    Valid for descriptions of one publication (whose labels are those of one census); a page
    rendered alone (`render_page`) gets names of its own."""

    def __init__(self, layout: Layout, lang: str) -> None:
        self.layout = layout
        self.lang = lang
        self.variant = LANGUAGES[lang]
        self.targets: dict[str, _Target] = {}
        """IRI → how it is linked (`target`); read directly by `_Page.anchor`, the commonest call."""
        self._labels: dict[str, tuple[str, str]] = {}
        self._orders: dict[tuple[str, ...], list[str]] = {}
        self._seen: dict[str, dict[str, str]] = {}

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

    def target(self, iri: str, labels: Labels) -> _Target:
        """How ``iri`` is linked; ``labels`` are the description's that links to it."""
        known = self.targets.get(iri)
        if known is None:
            known = self.targets[iri] = _target(iri, self.label(iri, labels.get(iri))[1], self.layout.file_of(iri, self.variant))
        return known

    def seen(self, views: list[str]) -> list[dict[str, str]]:
        """For each of a page's views (`_Place.views`), the anchors made from it so far, by IRI."""
        known = self._seen
        return [known.get(view) or known.setdefault(view, {}) for view in views]

    def order(self, predicates: dict[str, list[_Value]], labels: Labels) -> list[str]:
        """The predicates of a subject by label (then IRI), as its rows list them: kept per set
        of predicates, since most practices have one of a few sets."""
        key = tuple(predicates)
        known = self._orders.get(key)
        if known is None:
            known = self._orders[key] = sorted(key, key=lambda p: (self.label(p, labels.get(p))[0], p))
        return known


class _Page:
    """Labels and links as seen from one page (links are relative to its file)."""

    def __init__(self, description: Description, names: _Names, file: str) -> None:
        self.d = description
        self.names = names
        self.place = _place(file.rpartition("/")[0])
        self._targets = names.targets
        self._segments = self.place.segments
        self._seen = names.seen(self.place.views)

    def label(self, iri: str) -> str:
        return self.names.label(iri, self.d.labels.get(iri))[0]

    def href(self, iri: str) -> str:
        """The link to ``iri``, not escaped."""
        target = self.names.target(iri, self.d.labels)
        if target[_ANCHOR]:
            return iri
        link = relative(target[_FILE], self.place.here)
        return f"{link}#{target[_FRAGMENT]}" if target[_FRAGMENT] else link

    def anchor(self, iri: str) -> str:
        """``<a href="…">label</a>`` of ``iri``, escaped."""
        target = self._targets.get(iri) or self.names.target(iri, self.d.labels)
        if target[_ANCHOR]:
            return target[_ANCHOR]
        folders = target[_FOLDERS]
        if folders < len(self._seen):
            seen = self._seen[folders]
            known = seen.get(iri)
            if known is None:
                known = seen[iri] = self._anchor(target)
            return known
        return self._anchor(target)

    def _anchor(self, target: _Target) -> str:
        label, _, _, parts, folders, _, html_fragment = target
        mine = self._segments
        common = min(_shared(mine, parts), folders)  # a folder of the page, never the file's name
        return f'<a href="{"../" * (len(mine) - common)}{"/".join(parts[common:])}{html_fragment}">{label}</a>'

    def link(self, value: _Value) -> _Link:
        if value.__class__ is _Link:
            return value
        iri: str = value  # type: ignore[assignment]  # not a _Link: an IRI
        return _Link(self.label(iri), self.href(iri), self.anchor(iri))


_DIGITS: Final = re.compile(r"(\d+)")


def _natural(link: _Link) -> tuple[tuple[int, int | str], ...]:
    """Activity 2 before activity 10: numbers in labels compare as numbers."""
    parts = _DIGITS.split(link.label) + [link.href or ""]
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def _properties(page: _Page, subject: _Subject) -> tuple[list[str], str]:
    """The kinds of ``subject`` and its other properties (``<dt>``/``<dd>`` HTML), labelled,
    values in natural order."""
    kinds = sorted({page.label(o) for o in subject.kinds})
    values = subject.values
    anchor = page.anchor
    rows: list[str] = []
    for p in page.names.order(values, page.d.labels):
        shown = values[p]
        first = shown[0]
        if len(shown) > 1:
            html = "<br>".join(link.html for link in sorted(map(page.link, shown), key=_natural))
        elif first.__class__ is _Link:
            html = first.html  # a literal
        else:
            html = anchor(first)  # type: ignore[arg-type]  # not a _Link: an IRI
        rows.append(f"<dt>{anchor(p)}</dt>\n<dd>{html}</dd>\n")
    return kinds, "".join(rows)


def render_page(description: Description, layout: Layout, lang: str, endpoint: str | None = None) -> str:
    """The page of one resource in ``lang`` (``pl`` or ``en``); with the publication's SPARQL
    ``endpoint``, a link that asks it to DESCRIBE the resource."""
    return _render(description, _subjects(description), layout.variants(description.path), _Names(layout, lang), endpoint)


def _render(description: Description, subjects: list[_Subject], files: Mapping[Variant, str], names: _Names,
            endpoint: str | None) -> str:
    lang = names.lang
    page = _Page(description, names, files[names.variant])
    title = page.label(description.iri)
    kinds, rows = _properties(page, subjects[0])
    here = page.place.here
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
        "schema_org": _schema_org(description.iri, title),
    }
    if endpoint:
        html["describe"] = html_text(sparql_link(endpoint, f"DESCRIBE <{description.iri}>"))
    for i, term in enumerate(subjects[1:]):
        term_kinds, html[f"rows{i}"] = _properties(page, term)
        html[f"id{i}"] = html_text(term.iri.partition("#")[2])
        html[f"title{i}"] = html_text(page.label(term.iri))
        html[f"kinds{i}"] = html_text(", ".join(term_kinds))
    more = []
    linked = UI[lang]["linked"]
    anchor = page.anchor
    for j, (p, linking) in enumerate(description.backlinks.items()):
        html[f"heading{j}"] = html_text(linked.format(page.label(p)))
        html[f"total{j}"] = str(len(linking))
        html[f"items{j}"] = "".join([f"<li>{anchor(s)}</li>\n" for s in linking[:BACKLINKS_SHOWN]])
        more.append(len(linking) > BACKLINKS_SHOWN)
    return _skeleton(lang, len(subjects) - 1, tuple(more), bool(endpoint)).fill(html)


@functools.lru_cache(maxsize=2)
def _schema_org(iri: str, title: str) -> str:
    """The page's schema.org JSON-LD: kept for the next page, the other language's of the same
    resource, whose title is most often the same (the data's labels are Polish)."""
    return embedded_json({"@context": "https://schema.org", "@type": "Thing", "@id": iri, "name": title, "url": iri})


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
        subjects = _subjects(description)
        for names in self._names:
            file = files[names.variant]
            self.folder.write(file, _render(description, subjects, files, names, self.endpoint).encode("utf-8"))
            self.written += 1
