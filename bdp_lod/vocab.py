"""Namespaces, and the vocabulary and shapes files shipped inside the package.

The repository keeps ``vocab/`` and ``shapes/`` at its top level; the wheel carries copies under
``bdp_lod/_data/`` (see ``pyproject.toml``). `data_file` finds either, so an installed library
works outside the repository and a checkout works without installing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD, OWL

__all__ = [
    "ADMS", "BDP", "CV", "DCAT", "DCTERMS", "FOAF", "LOCN", "ORG", "OWL", "PREFIXES", "PROV",
    "RDF", "RDFS", "SCHEMA", "SKOS", "VCARD", "XSD", "CONTEXT_URL", "DEF_BASE", "data_file", "vocabulary_graph",
]

DEF_BASE = "https://w3id.org/bdp/def"
"""Vocabulary and concept schemes live here whatever ``--base-uri`` a publisher chooses:
they are shared definitions, not data."""

CONTEXT_URL = DEF_BASE + "/context.jsonld"
"""Where the project's JSON-LD context will be published; inputs that name it are read with the
copy shipped in the package (``vocab/context.jsonld``), never fetched."""

BDP = Namespace(DEF_BASE + "#")
CV = Namespace("http://data.europa.eu/m8g/")
LOCN = Namespace("http://www.w3.org/ns/locn#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SCHEMA = Namespace("https://schema.org/")
ADMS = Namespace("http://www.w3.org/ns/adms#")

PREFIXES: dict[str, str] = {
    "adms": str(ADMS),
    "bdp": str(BDP),
    "cv": str(CV),
    "dcat": str(DCAT),
    "dcatap": "http://data.europa.eu/r5r/",
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "locn": str(LOCN),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": str(VCARD),
    "void": "http://rdfs.org/ns/void#",
    "xsd": str(XSD),
}

VOCAB_FILES = ("bdp.ttl", "themes.ttl", "unit-types.ttl", "levels.ttl", "programmes.ttl")

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_file(kind: str, name: str) -> Path:
    """Path of a shipped file: ``data_file("vocab", "bdp.ttl")``, ``data_file("shapes", …)``."""
    for root in (_PACKAGE_DIR / "_data" / kind, _PACKAGE_DIR.parent / kind):
        candidate = root / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{kind}/{name} is not shipped with bdp_lod (looked in the package and the checkout)")


@cache
def vocabulary_graph() -> Graph:
    """The ontology and every concept scheme, parsed once."""
    graph = Graph()
    for name in VOCAB_FILES:
        graph.parse(data_file("vocab", name), format="turtle")
    return graph
