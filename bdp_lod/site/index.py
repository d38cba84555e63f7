"""The landing page of a publication (the base URI's page, the catalog's ``dcat:landingPage``):
what the data is, counts, browsing by unit and theme, a search over titles that runs in the
browser from a small static index, the downloads with sizes and checksums, licence, citation."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib.namespace import DCTERMS

from ..files import atomic_write
from ..serialize.blocks import Lit, Row
from ..vocab import BDP
from .census import Census
from .layout import CATALOG, INDEX, Layout, Variant
from .rendering import ENVIRONMENT, LANGUAGES, embedded_json, sparql_link

__all__ = ["SEARCH_INDEX", "write_index"]

SEARCH_INDEX = {"pl": "search.json", "en": "search.en.json"}
"""[title, page] of every practice, sorted: what the landing page's search reads (a few MB at
100,000 practices, fetched on the first keystroke only)."""

_TITLE, _DESCRIPTION, _LICENSE = str(DCTERMS.title), str(DCTERMS.description), str(DCTERMS.license)
_PUBLISHER, _MODIFIED = str(DCTERMS.publisher), str(DCTERMS.modified)
_UI = {
    "pl": {
        "site": "Baza Dobrych Praktyk – dane otwarte", "name": "Polski", "search": "Szukaj praktyki",
        "search_label": "Słowo z tytułu", "themes": "Tematy", "units": "Jednostki samorządu terytorialnego",
        "downloads": "Pliki do pobrania", "file": "Plik", "size": "Rozmiar (bajty)", "catalog": "Opis katalogu",
        "licence": "Licencja", "cite": "Jak cytować", "practices": "Dobre praktyki", "units_count": "Jednostki",
        "institutions": "Instytucje", "footer": "Dane otwarte Bazy Dobrych Praktyk jako Linked Open Data.",
        "sparql": "Zapytania SPARQL", "sparql_text": "Cały zbiór odpowiada na zapytania SPARQL 1.1 w punkcie dostępowym",
        "sparql_example": "Na przykład liczba praktyk:",
    },
    "en": {
        "site": "Good Practice Database – open data", "name": "English", "search": "Find a practice",
        "search_label": "A word of its title", "themes": "Themes", "units": "Local government units",
        "downloads": "Downloads", "file": "File", "size": "Size (bytes)", "catalog": "The catalogue's description",
        "licence": "Licence", "cite": "How to cite", "practices": "Good practices", "units_count": "Units",
        "institutions": "Institutions", "footer": "The Good Practice Database's open data as Linked Open Data.",
        "sparql": "SPARQL queries", "sparql_text": "The whole dataset answers SPARQL 1.1 queries at the endpoint",
        "sparql_example": "For instance, the number of practices:",
    },
}


def _text(rows: list[Row], predicate: str, lang: str) -> str:
    """The value of ``predicate`` in ``lang``, else in Polish, else untagged."""
    values = sorted((o.language or "", o.value) for _s, p, o in rows if p == predicate and o.__class__ is Lit)
    for wanted in (lang, "pl", ""):
        for language, value in values:
            if language == wanted:
                return value
    return values[0][1] if values else ""


def _units(census: Census, lang: str, href: Any) -> list[dict[str, Any]]:
    """województwo → powiat → gmina by TERC key (2, 4, 6 digits); unresolved units at the end."""
    units = census.units
    digits = sorted(k for k in units if k.isdigit())

    def parent(key: str) -> str | None:
        """The nearest unit whose key is a prefix (a city with powiat rights has no powiat row)."""
        return next((key[:n] for n in (4, 2) if n < len(key) and key[:n] in units), None)

    children: dict[str | None, list[str]] = {}
    for key in digits:
        children.setdefault(parent(key), []).append(key)

    def node(key: str) -> dict[str, Any]:
        unit = units[key]
        return {"label": census.label(unit, lang), "href": href(unit), "count": census.unit_practices.get(unit, 0),
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


_COUNT_QUERY = "SELECT (COUNT(?practice) AS ?practices) WHERE { ?practice a <%s> }" % BDP.Practice


def _sparql(census: Census) -> dict[str, str] | None:
    """The catalog's SPARQL endpoint with a first query to try; None when the publisher named none."""
    if not census.endpoints:
        return None
    endpoint = sorted(census.endpoints)[0]
    return {"endpoint": endpoint, "query": _COUNT_QUERY, "href": sparql_link(endpoint, _COUNT_QUERY)}


def write_index(folder: Path, census: Census, layout: Layout) -> list[str]:
    """Write ``index.html``, ``index.en.html`` and their search indexes; returns the files written."""
    dataset = layout.iri("data/bdp")
    rows = census.dataset
    written = []
    licences = sorted(o for _s, p, o in rows if p == _LICENSE and o.__class__ is str) or sorted(census.licences)
    licence = licences[0] if licences else ""
    publisher = next((o for _s, p, o in sorted(rows, key=str) if p == _PUBLISHER and o.__class__ is str), None)
    modified = _text(rows, _MODIFIED, "")
    year = modified[:4]
    downloads = list(_downloads(folder))
    for lang, variant in LANGUAGES.items():
        def href(iri: str, variant: Variant = variant) -> str:
            return layout.file_of(iri, variant) or iri

        search = sorted([titles.get(lang) or titles.get("pl") or titles.get("") or "", href(iri)]
                        for iri, titles in census.practices)
        atomic_write(folder / SEARCH_INDEX[lang], json.dumps(search, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        title = _text(rows, _TITLE, lang) or _UI[lang]["site"]
        citation = ". ".join(p for p in (
            census.label(publisher, lang) if isinstance(publisher, str) else "", f"({year})" if year else "",
            title, layout.base) if p)
        other_lang = "en" if lang == "pl" else "pl"
        html = ENVIRONMENT.get_template("index.html").render(
            lang=lang, ui=_UI[lang], title=title, description=_text(rows, _DESCRIPTION, lang),
            counts=[
                {"label": _UI[lang]["practices"], "value": len(census.practices)},
                {"label": _UI[lang]["units_count"], "value": len(census.units)},
                {"label": _UI[lang]["institutions"], "value": len(census.institutions)},
            ],
            search_index=SEARCH_INDEX[lang],
            themes=[{"label": census.label(t, lang), "href": href(t), "count": n}
                    for t, n in sorted(census.themes.items(), key=lambda item: (census.label(item[0], lang), item[0]))],
            units=_units(census, lang, href),
            downloads=downloads,
            sparql=_sparql(census),
            catalog_page=layout.document(CATALOG, variant), catalog_ttl=layout.document(CATALOG, Variant.TURTLE),
            licence={"href": licence, "label": licence.rpartition("/")[2].replace("_", " ")},
            citation=citation,
            other={"lang": other_lang, "name": _UI[other_lang]["name"], "href": posixpath.basename(INDEX + LANGUAGES[other_lang].extension)},
            schema_org=embedded_json({"@context": "https://schema.org", "@type": "Dataset", "@id": dataset,
                                    "name": title, "url": layout.base,
                                    "license": licence}),
        )
        name = INDEX + variant.extension
        atomic_write(folder / name, html.encode("utf-8"))
        written += [name, SEARCH_INDEX[lang]]
    return written
