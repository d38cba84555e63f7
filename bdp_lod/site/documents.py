"""Per-resource RDF documents of a published folder: what looking one IRI up returns.

Each IRI the publication mints gets a Turtle, a JSON-LD and an N-Triples document at the paths
`bdp_lod.site.layout.Layout.document` gives, written by the project's one serialiser. A document
holds the resource's own triples, those of the nodes nested under its IRI that only it holds
(a practice's activities and their periods, an institution's address, a unit's TERC
identifiers), and the labels of every IRI it links to, so a client can name a neighbour
without a second request.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS
from rdflib.term import Node

from ..files import atomic_write
from ..serialize import FORMATS, serialize
from .description import Description
from .layout import CATALOG, RDF_VARIANTS, Download, Layout

__all__ = ["LABELS", "PUBLISHED_GRAPHS", "describe", "read_publication", "write_documents"]

Triple = tuple[Node, Node, Node]

PUBLISHED_GRAPHS = ("bdp.nt", "catalog.ttl", "void.ttl", "vocab.ttl")
"""The files of a published folder whose IRIs the site describes: the data, its catalog and
VoID, and the vocabulary (concept schemes included)."""
_RDFLIB_FORMATS = {".nt": "nt", ".ttl": "turtle"}
_VCARD_FN = URIRef("http://www.w3.org/2006/vcard/ns#fn")
_LOCN_FULL = URIRef("http://www.w3.org/ns/locn#fullAddress")
LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, FOAF.name, _VCARD_FN, _LOCN_FULL)
"""Predicates that name a resource, most preferred first (one label per language is kept)."""


def read_publication(folder: Path) -> Graph:
    """The published folder's graphs as one: what its IRIs answer with."""
    graph = Graph()
    for name in PUBLISHED_GRAPHS:
        path = folder / name
        if path.is_file():
            graph.parse(path, format=_RDFLIB_FORMATS[path.suffix])
    return graph


def _labels(graph: Graph) -> tuple[dict[str, dict[str, str]], dict[str, list[Triple]]]:
    """Each IRI's label per language, and its label triples as stated."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    stated: dict[str, list[Triple]] = defaultdict(list)
    for predicate in reversed(LABELS):  # preferred predicates last, so they win
        for subject, label in graph.subject_objects(predicate):
            if isinstance(subject, URIRef) and isinstance(label, Literal):
                labels[str(subject)][label.language or ""] = str(label)
                stated[str(subject)].append((subject, predicate, label))
    return labels, stated


def describe(graph: Graph, layout: Layout) -> Iterator[Description]:
    """One description per identifier path the graph's IRIs have, in path order.

    Every IRI of the base answers, also one the graphs only name (a version IRI, the shapes);
    download URLs are answered by the dumps themselves. A hash IRI (``def#Practice``) is described in its document's description (``def``); an IRI
    nested under another's path (``…/activity/3`` under the practice) has a description of its
    own and is also part of its parent's.
    """
    by_path: dict[str, list[Triple]] = defaultdict(list)
    backlinks: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in graph:
        path = layout.path(str(s)) if isinstance(s, URIRef) else None
        if path is None:
            continue
        if path == "":  # the landing page: its RDF documents are the catalog's (Layout.document)
            path = CATALOG
        by_path[path].append((s, p, o))
        target = layout.path(str(o)) if isinstance(o, URIRef) else None
        if target is not None and not isinstance(layout.locate(target), Download):
            by_path.setdefault(CATALOG if target == "" else target, [])  # named only: it answers too
            if p not in LABELS:
                backlinks[str(o)][str(p)].add(str(s))
    labels, stated = _labels(graph)
    paths = sorted(by_path)
    for path in paths:
        triples = list(by_path[path])
        nested = path + "/"
        # Sorted: the paths under this one are one run starting where "path/" would go.
        at = bisect.bisect_left(paths, nested)
        while at < len(paths) and paths[at].startswith(nested):
            triples.extend(by_path[paths[at]])
            at += 1
        iri = layout.iri(path)
        linked = backlinks.get(iri, {})
        named = {str(t) for triple in triples for t in triple if isinstance(t, URIRef)}
        labelled = named | set(linked) | {s for subjects in linked.values() for s in subjects}
        own = {t[0] for t in triples}
        yield Description(
            iri=iri,
            path=path,
            triples=tuple(sorted(triples, key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))),
            labels={i: labels[i] for i in sorted(labelled) if i in labels},
            backlinks={p: tuple(sorted(s)) for p, s in sorted(linked.items())},
            neighbours=tuple(sorted(
                (t for i in sorted(named) if URIRef(i) not in own for t in stated.get(i, ())),
                key=lambda t: (str(t[0]), str(t[1]), t[2].n3()),
            )),
        )


def write_documents(folder: Path, layout: Layout, descriptions: Iterable[Description]) -> int:
    """Write every description's RDF documents under ``folder``; returns how many were written."""
    written = 0
    for description in descriptions:
        triples = [*description.triples, *description.neighbours]
        for variant in RDF_VARIANTS:
            target = folder / layout.document(description.path, variant)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, serialize(triples, FORMATS[variant.extension]))
            written += 1
    return written
