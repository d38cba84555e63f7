"""The editions of the dataset as the catalog states them: DCAT 3's versioning terms.

The dataset ``{base}data/bdp`` is the thing that has editions; each edition is a
``dcat:Dataset`` of its own at ``{base}data/bdp/edition/N`` (W3C DCAT 3, §11 "Versioning"):

- on the dataset: ``dcat:version`` (this edition's number), ``adms:versionNotes`` in Polish and
  English (what changed), ``dcat:hasCurrentVersion`` this edition, ``dcat:hasVersion`` every
  edition so far;
- on each edition: ``dcat:version``, ``dcterms:issued`` (its release date), ``dcat:isVersionOf``
  the dataset, ``dcat:previousVersion`` the edition before (from edition 2), a title and a
  description in both languages (DCAT-AP 3.0.1 requires both of every dataset; its recommended
  properties, a publisher or distributions, stay on the dataset itself: an edition is only
  described, its files are the current ones or gone).

An edition's description never changes once made, so the next edition copies the previous
catalog's edition nodes and adds its own.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Iterator

from rdflib import Literal, Namespace, URIRef
from rdflib.term import Node

from ..vocab import ADMS, DCTERMS, RDF, XSD
from .dataset import DATASET_ID, Text

__all__ = ["edition_iri", "edition_triples", "version_triples"]

Triple = tuple[Node, Node, Node]
DCAT = Namespace("http://www.w3.org/ns/dcat#")
"""DCAT 3 (rdflib's closed namespace stops at DCAT 2, which lacks the versioning terms)."""


def edition_iri(base_uri: str, number: int) -> str:
    return f"{base_uri}data/{DATASET_ID}/edition/{number}"


def edition_triples(base_uri: str, number: int, released: date | None) -> Iterator[Triple]:
    """The description of edition ``number``, released on ``released``."""
    node = URIRef(edition_iri(base_uri, number))
    yield node, RDF.type, DCAT.Dataset
    yield node, DCAT.version, Literal(str(number))
    if released is not None:
        yield node, DCTERMS.issued, Literal(released.isoformat(), datatype=XSD.date)
    yield node, DCAT.isVersionOf, URIRef(f"{base_uri}data/{DATASET_ID}")
    if number > 1:
        yield node, DCAT.previousVersion, URIRef(edition_iri(base_uri, number - 1))
    yield node, DCTERMS.title, Literal(f"Baza Dobrych Praktyk, wydanie {number}", lang="pl")
    yield node, DCTERMS.title, Literal(f"Good Practice Database, edition {number}", lang="en")
    on_pl, on_en = (f", opublikowane {released.isoformat()}", f", released on {released.isoformat()}") if released else ("", "")
    yield node, DCTERMS.description, Literal(
        f"Wydanie {number} zbioru Baza Dobrych Praktyk{on_pl}: zbiór w tej postaci, z plikiem zmian względem "
        "poprzedniego wydania.", lang="pl")
    yield node, DCTERMS.description, Literal(
        f"Edition {number} of the Good Practice Database{on_en}: the dataset as it then was, with the changes "
        "from the edition before.", lang="en")


def version_triples(
    base_uri: str, number: int, released: date | None, notes: Text, earlier: Iterable[Triple]
) -> Iterator[Triple]:
    """What the catalog of edition ``number`` adds: the dataset's versioning terms, the earlier
    editions' descriptions as ``earlier`` states them, and this edition's."""
    dataset = URIRef(f"{base_uri}data/{DATASET_ID}")
    current = URIRef(edition_iri(base_uri, number))
    yield dataset, DCAT.version, Literal(str(number))
    yield dataset, ADMS.versionNotes, Literal(notes.pl, lang="pl")
    yield dataset, ADMS.versionNotes, Literal(notes.en, lang="en")
    yield dataset, DCAT.hasCurrentVersion, current
    for n in range(1, number + 1):
        yield dataset, DCAT.hasVersion, URIRef(edition_iri(base_uri, n))
    yield from earlier
    yield from edition_triples(base_uri, number, released)
    yield current, ADMS.versionNotes, Literal(notes.pl, lang="pl")
    yield current, ADMS.versionNotes, Literal(notes.en, lang="en")
