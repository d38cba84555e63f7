"""The landing page of a publication (the base URI's page, the catalog's ``dcat:landingPage``):
what the data is, counts, browsing by unit and theme, a search over titles that runs in the
browser from a small static index, the downloads with sizes and checksums, licence, citation."""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS

from ..files import atomic_write
from .layout import CATALOG, INDEX, Layout, Variant
from .rendering import ENVIRONMENT, LANGUAGES, embedded_json

__all__ = ["SEARCH_INDEX", "write_index"]

SEARCH_INDEX = {"pl": "search.json", "en": "search.en.json"}
"""[title, page] of every practice, sorted: what the landing page's search reads (a few MB at
100,000 practices, fetched on the first keystroke only)."""

_BDP = "https://w3id.org/bdp/def#"
_UI = {
    "pl": {
        "site": "Baza Dobrych Praktyk – dane otwarte", "name": "Polski", "search": "Szukaj praktyki",
        "search_label": "Słowo z tytułu", "themes": "Tematy", "units": "Jednostki samorządu terytorialnego",
        "downloads": "Pliki do pobrania", "file": "Plik", "size": "Rozmiar (bajty)", "catalog": "Opis katalogu",
        "licence": "Licencja", "cite": "Jak cytować", "practices": "Dobre praktyki", "units_count": "Jednostki",
        "institutions": "Instytucje", "footer": "Dane otwarte Bazy Dobrych Praktyk jako Linked Open Data.",
    },
    "en": {
        "site": "Good Practice Database – open data", "name": "English", "search": "Find a practice",
        "search_label": "A word of its title", "themes": "Themes", "units": "Local government units",
        "downloads": "Downloads", "file": "File", "size": "Size (bytes)", "catalog": "The catalogue's description",
        "licence": "Licence", "cite": "How to cite", "practices": "Good practices", "units_count": "Units",
        "institutions": "Institutions", "footer": "The Good Practice Database's open data as Linked Open Data.",
    },
}


def _text(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> str:
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    for wanted in (lang, "pl", None):
        for value in sorted(values):
            if value.language == wanted:
                return str(value)
    return str(values[0]) if values else ""


def _label(graph: Graph, iri: URIRef, lang: str) -> str:
    for predicate in (SKOS.prefLabel, DCTERMS.title, FOAF.name):
        text = _text(graph, iri, predicate, lang)
        if text:
            return text
    return str(iri).rpartition("/")[2]


def _subjects(graph: Graph, kind: str) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, URIRef(_BDP + kind)) if isinstance(s, URIRef))


def _units(graph: Graph, layout: Layout, lang: str, href: Any) -> list[dict[str, Any]]:
    """województwo → powiat → gmina by TERC key (2, 4, 6 digits); unresolved units at the end."""
    practices = Counter(str(o) for o in graph.objects(None, URIRef(_BDP + "localGovernmentUnit")))
    units = {str(u).rpartition("/")[2]: u for u in _subjects(graph, "LocalGovernmentUnit")}

    digits = sorted(k for k in units if k.isdigit())

    def parent(key: str) -> str | None:
        """The nearest unit whose key is a prefix (a city with powiat rights has no powiat row)."""
        return next((key[:n] for n in (4, 2) if n < len(key) and key[:n] in units), None)

    children: dict[str | None, list[str]] = {}
    for key in digits:
        children.setdefault(parent(key), []).append(key)

    def node(key: str) -> dict[str, Any]:
        unit = units[key]
        return {"label": _label(graph, unit, lang), "href": href(str(unit)), "count": practices.get(str(unit), 0),
                "children": [node(k) for k in children.get(key, [])]}

    tree = [node(k) for k in children.get(None, [])]
    tree += [node(k) for k in sorted(units) if not k.isdigit()]
    return tree


def _downloads(folder: Path) -> Iterator[dict[str, Any]]:
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        return
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name and (folder / name).is_file():
            yield {"name": name, "href": name, "size": f"{(folder / name).stat().st_size:,}".replace(",", "\u00a0"),
                   "sha256": digest}


def write_index(folder: Path, graph: Graph, layout: Layout) -> list[str]:
    """Write ``index.html``, ``index.en.html`` and their search indexes; returns the files written."""
    dataset = URIRef(layout.iri("data/bdp"))
    written = []
    practices = _subjects(graph, "Practice")
    themes = Counter(o for o in graph.objects(None, DCAT.theme) if isinstance(o, URIRef) and layout.path(str(o)))
    licence = next(iter(sorted(graph.objects(dataset, DCTERMS.license), key=str)), None) or next(
        iter(sorted(graph.objects(None, DCTERMS.license), key=str)), None)
    publisher = next(iter(graph.objects(dataset, DCTERMS.publisher)), None)
    modified = next(iter(sorted(graph.objects(dataset, DCTERMS.modified), key=str)), None)
    year = str(modified)[:4] if modified is not None else ""
    unit_count = len(_subjects(graph, "LocalGovernmentUnit"))
    institution_count = len(set(graph.objects(None, URIRef(_BDP + "implementedBy"))))
    downloads = list(_downloads(folder))
    for lang, variant in LANGUAGES.items():
        def href(iri: str, variant: Variant = variant) -> str:
            return layout.file_of(iri, variant) or iri

        search = sorted([_text(graph, p, DCTERMS.title, lang), href(str(p))] for p in practices)
        atomic_write(folder / SEARCH_INDEX[lang], json.dumps(search, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        title = _text(graph, dataset, DCTERMS.title, lang) or _UI[lang]["site"]
        citation = ". ".join(p for p in (
            _label(graph, publisher, lang) if isinstance(publisher, URIRef) else "", f"({year})" if year else "",
            title, layout.base) if p)
        other_lang = "en" if lang == "pl" else "pl"
        html = ENVIRONMENT.get_template("index.html").render(
            lang=lang, ui=_UI[lang], title=title, description=_text(graph, dataset, DCTERMS.description, lang),
            counts=[
                {"label": _UI[lang]["practices"], "value": len(practices)},
                {"label": _UI[lang]["units_count"], "value": unit_count},
                {"label": _UI[lang]["institutions"], "value": institution_count},
            ],
            search_index=SEARCH_INDEX[lang],
            themes=[{"label": _label(graph, t, lang), "href": href(str(t)), "count": n}
                    for t, n in sorted(themes.items(), key=lambda item: _label(graph, item[0], lang))],
            units=_units(graph, layout, lang, href),
            downloads=downloads,
            catalog_page=layout.document(CATALOG, variant), catalog_ttl=layout.document(CATALOG, Variant.TURTLE),
            licence={"href": str(licence or ""), "label": str(licence or "").rpartition("/")[2].replace("_", " ")},
            citation=citation,
            other={"lang": other_lang, "name": _UI[other_lang]["name"], "href": posixpath.basename(INDEX + LANGUAGES[other_lang].extension)},
            schema_org=embedded_json({"@context": "https://schema.org", "@type": "Dataset", "@id": str(dataset),
                                    "name": title, "url": layout.base,
                                    "license": str(licence or "")}),
        )
        name = INDEX + variant.extension
        atomic_write(folder / name, html.encode("utf-8"))
        written += [name, SEARCH_INDEX[lang]]
    return written
