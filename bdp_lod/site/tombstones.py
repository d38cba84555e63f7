"""Tombstones: what a withdrawn identifier's documents say once its resource is gone.

A link to a practice outlives the practice: a portal, a search engine or another data set made
it while the practice answered. When an edition withdraws it, its identifier and documents keep
answering, with ``410 Gone`` (the hosting rules, ``bdp-lod serve``) and a tombstone in place of
the description: a page in Polish and English that says what it was (its last label), when and
why it was withdrawn, in which edition, and where to look now (the landing page and its search),
and RDF documents with what ``retired.ttl`` states about it (``owl:deprecated``, the date, the
reason, the edition) and the edition's labels. A renamed identifier gets no tombstone: it
answers ``301`` to the one that replaces it, and that one's documents say the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from ..errors import InputError
from .census import Census
from .description import Description
from .documents import DocumentWriter
from .folder import SiteFolder
from .layout import INDEX, Layout, Variant
from .pages import relative
from .rendering import ENVIRONMENT, LANGUAGES
from .retired import RETIRED_FILE, Retired

__all__ = ["TOMBSTONE_UI", "render_tombstone", "tombstone_description", "write_tombstones"]

TOMBSTONE_UI: Final[Mapping[str, Mapping[str, str]]] = {
    "pl": {
        "site": "Baza Dobrych Praktyk – dane otwarte", "name": "Polski",
        "withdrawn": "Wycofany zasób", "gone": "Tego zasobu nie ma już w danych.",
        "uri": "Identyfikator (URI)", "date": "Wycofano", "reason": "Powód", "edition": "Wydanie",
        "edition_n": "Wydanie {}", "next": "Gdzie szukać dalej",
        "home": "Strona główna zbioru", "search": "Wyszukiwarka praktyk",
        "formats": "Ten opis jako RDF",
        "footer": "Zasób wycofany z publikacji danych otwartych Bazy Dobrych Praktyk.",
    },
    "en": {
        "site": "Good Practice Database – open data", "name": "English",
        "withdrawn": "Withdrawn resource", "gone": "This resource is no longer in the data.",
        "uri": "Identifier (URI)", "date": "Withdrawn on", "reason": "Why", "edition": "Edition",
        "edition_n": "Edition {}", "next": "Where to look now",
        "home": "The dataset's home page", "search": "Search the practices",
        "formats": "This description as RDF",
        "footer": "A resource withdrawn from the Good Practice Database open-data publication.",
    },
}


def _in(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``, else in Polish, else untagged, else any."""
    return texts.get(lang) or texts.get("pl") or texts.get("") or next(iter(sorted(texts.values())), "")


def tombstone_description(retired: Retired, census: Census, layout: Layout) -> Description:
    """The tombstone as a description: its statements in ``retired.ttl``, and the edition's
    label triples as the catalog states them (so a client names the edition without a second
    request, as every other document of the site lets it)."""
    named = {t for row in retired.rows for t in (row[1], row[2]) if t.__class__ is str}
    labels = {iri: census.labels[iri] for iri in sorted(named) if iri in census.labels}
    return Description(
        iri=retired.iri, path=retired.path, triples=retired.rows,
        labels={**labels, retired.iri: dict(retired.labels)},
        neighbours=tuple(row for iri in sorted(named) for row in census.stated.get(iri, ())),
    )


def render_tombstone(retired: Retired, census: Census, layout: Layout, lang: str) -> str:
    """The tombstone page of a withdrawn identifier in ``lang`` (``pl`` or ``en``)."""
    ui = TOMBSTONE_UI[lang]
    variant = LANGUAGES[lang]
    here = layout.document(retired.path, variant).rpartition("/")[0]
    edition = None
    if retired.edition is not None:
        target = layout.file_of(retired.edition, variant) if layout.path(retired.edition) in census.paths else None
        label = _in(census.labels.get(retired.edition, {}), lang) or ui["edition_n"].format(
            retired.edition.rstrip("/").rpartition("/")[2])
        edition = {"label": label, "href": relative(target, here) if target else retired.edition}
    other_lang = "en" if lang == "pl" else "pl"
    home = relative(INDEX + variant.extension, here)
    return ENVIRONMENT.get_template("tombstone.html").render(
        lang=lang, ui=ui,
        title=_in(retired.labels, lang) or retired.path.rpartition("/")[2],
        iri=retired.iri, date=retired.date, note=_in(retired.notes, lang), edition=edition,
        home=home, search=home + "#search",
        formats={v.extension.lstrip("."): relative(layout.document(retired.path, v), here)
                 for v in (Variant.TURTLE, Variant.JSONLD, Variant.NTRIPLES)},
        other={"lang": other_lang, "name": TOMBSTONE_UI[other_lang]["name"],
               "href": relative(layout.document(retired.path, LANGUAGES[other_lang]), here)},
    )


def write_tombstones(files: SiteFolder, layout: Layout, census: Census, retired: Iterable[Retired]) -> tuple[int, int]:
    """Write the tombstone (two pages, three RDF documents) of every withdrawn identifier of
    ``retired``; returns the documents and pages written.

    An identifier the data still describes cannot also be retired: its documents would be
    both, and the rules would answer 410 for a resource that is there. That is a publication at
    odds with itself, refused (`bdp_lod.errors.InputError`) rather than half answered.
    """
    documents = DocumentWriter(files, layout)
    pages = 0
    for one in retired:
        if one.path in census.paths:
            raise InputError(f"retires {one.iri}, which the data still describes", file=RETIRED_FILE,
                             pl=f"wycofuje {one.iri}, który dane wciąż opisują")
        if one.replaced_by is not None:
            continue
        documents.write(tombstone_description(one, census, layout))
        for lang, variant in LANGUAGES.items():
            files.write(layout.document(one.path, variant), render_tombstone(one, census, layout, lang).encode("utf-8"))
            pages += 1
    return documents.written, pages
