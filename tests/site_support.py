"""Shared by the site's tests: the examples published with their site, served on loopback."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from bdp_lod.publish import PublishOptions, publish
from bdp_lod.publish.folder import CHECKSUMS, file_sha256
from bdp_lod.serialize.blocks import RDF_LANG_STRING, XSD_STRING, Lit, Row
from bdp_lod.site.reading import SMALL_FILES
from bdp_lod.server import make_server
from bdp_lod.site.layout import Layout
from bdp_lod.site.published import add_site
from bdp_lod.site.writer import write_site

from conftest import EXAMPLES

LAYOUT = Layout("https://w3id.org/bdp/")
PAGE_KINDS = {
    "practice": "id/practice/cus-klucze-plan-osl-2023",
    "activity": "id/practice/cus-klucze-plan-osl-2023/activity/2",
    "gmina": "id/unit/121204",
    "voivodeship": "id/unit/12",
    "area": "id/area/12",
    "institution": "id/institution/urzad-miejski-w-czersku-220204",
    "address": "id/institution/urzad-miejski-w-czersku-220204/address",
    "contact": "id/contact/urzad-miejski-w-czersku-220204-magdalena-apostolowicz",
    "theme": "def/theme/pomoc-spoleczna",
    "vocabulary": "def",
    "dataset": "data/bdp",
    "catalog": "id/catalog",
    "edition": "data/bdp/edition/2",
    "tombstone": "id/practice/dawny-program-2021-03-01",
    "landing": "",
}
"""A page of every kind the site has (docs/site.md's screenshots are of these), in the site of
`publish_edition_site`; the tombstone's page answers ``410 Gone``, every other ``200``."""
WITHDRAWN = "id/practice/dawny-program-2021-03-01"
WITHDRAWN_ACTIVITY = WITHDRAWN + "/activity/1"
RENAMED = {
    "id/practice/plan-organizowania-2023-01-10": "id/practice/cus-klucze-plan-osl-2023",
    "id/practice/bdp-0001": "id/practice/plan-organizowania-2023-01-10",
}
"""Old path → the path that replaced it, as the edition fixture's ``retired.ttl`` states it:
``bdp-0001`` became ``plan-organizowania-…`` in edition 2, which became ``cus-klucze-…`` later."""
HOSTILE_LABEL = 'Dawny <script>alert(1)</script> program & „cudzysłów” </title>'
_B = "https://w3id.org/bdp/"
_EDITIONS = f"""
<{_B}data/bdp> <http://www.w3.org/ns/dcat#version> "2" ;
    <http://www.w3.org/ns/dcat#hasCurrentVersion> <{_B}data/bdp/edition/2> ;
    <http://www.w3.org/ns/dcat#hasVersion> <{_B}data/bdp/edition/1> , <{_B}data/bdp/edition/2> .
<{_B}data/bdp/edition/1> a <http://www.w3.org/ns/dcat#Dataset> ;
    <http://www.w3.org/ns/dcat#version> "1" ;
    <http://purl.org/dc/terms/issued> "2026-01-10"^^<http://www.w3.org/2001/XMLSchema#date> ;
    <http://www.w3.org/ns/dcat#isVersionOf> <{_B}data/bdp> ;
    <http://purl.org/dc/terms/title> "Baza Dobrych Praktyk, wydanie 1"@pl , "Good Practice Database, edition 1"@en .
<{_B}data/bdp/edition/2> a <http://www.w3.org/ns/dcat#Dataset> ;
    <http://www.w3.org/ns/dcat#version> "2" ;
    <http://purl.org/dc/terms/issued> "2026-12-07"^^<http://www.w3.org/2001/XMLSchema#date> ;
    <http://www.w3.org/ns/dcat#isVersionOf> <{_B}data/bdp> ;
    <http://www.w3.org/ns/dcat#previousVersion> <{_B}data/bdp/edition/1> ;
    <http://purl.org/dc/terms/title> "Baza Dobrych Praktyk, wydanie 2"@pl , "Good Practice Database, edition 2"@en .
"""
_RETIRED = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{b}{withdrawn}> owl:deprecated true ;
    dcterms:date "2026-12-07"^^xsd:date ;
    dcterms:isPartOf <{b}data/bdp/edition/2> ;
    rdfs:label "{label}"@pl ;
    skos:changeNote "Withdrawn in edition 2 (2026-12-07): no longer in the submitted records"@en ,
        "Wycofana w wydaniu 2 (2026-12-07): nie ma jej już w przesłanych rekordach"@pl .

<{b}{activity}> owl:deprecated true ;
    dcterms:date "2026-12-07"^^xsd:date ;
    dcterms:isPartOf <{b}data/bdp/edition/2> ;
    rdfs:label "Działanie 1"@pl ;
    skos:changeNote "Withdrawn in edition 2 (2026-12-07): no longer in the submitted records"@en ,
        "Wycofana w wydaniu 2 (2026-12-07): nie ma jej już w przesłanych rekordach"@pl .
""" + "".join(f"""
<{{b}}{old}> owl:deprecated true ;
    dcterms:isReplacedBy <{{b}}{new}> ;
    dcterms:date "2026-12-07"^^xsd:date ;
    dcterms:isPartOf <{{b}}data/bdp/edition/2> ;
    rdfs:label "Plan Organizowania Społeczności Lokalnej"@pl ;
    skos:changeNote "Renamed in edition 2 (2026-12-07)"@en , "Przemianowana w wydaniu 2 (2026-12-07)"@pl .
""" for old, new in RENAMED.items())


def publish_site(folder: Path) -> Path:
    """The examples published into ``folder`` with ``--site``."""
    publish([str(EXAMPLES)], folder, options=PublishOptions(), extend=functools.partial(write_site, layout=LAYOUT))
    return folder


def publish_edition_site(folder: Path) -> Path:
    """The examples published into ``folder`` as a second edition, by hand, as the editions
    contract (EDITIONS.md) describes one, with its site: the catalog names both editions, and
    ``retired.ttl`` (listed in ``SHA256SUMS``) a withdrawn practice with its activity and two
    renamings in a chain."""
    publish([str(EXAMPLES)], folder, options=PublishOptions())
    with (folder / "catalog.ttl").open("a", encoding="utf-8") as catalog:
        catalog.write(_EDITIONS)
    label = HOSTILE_LABEL.replace('"', '\\"')
    (folder / "retired.ttl").write_text(_RETIRED.format(b=_B, withdrawn=WITHDRAWN, activity=WITHDRAWN_ACTIVITY,
                                                        label=label), encoding="utf-8")
    names = sorted({*(line.partition("  ")[2] for line in (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()),
                    "retired.ttl"})
    (folder / CHECKSUMS).write_text("".join(f"{file_sha256(folder / n)}  {n}\n" for n in names), encoding="utf-8")
    add_site(folder)
    return folder


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``bdp-lod serve``'s server for ``folder`` on a free loopback port, stopped on exit; yields its URL."""
    server = make_server(folder, port=0, timeout=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def published_graph(folder: Path) -> Graph:
    """The published folder's described graphs as one rdflib graph, for comparisons."""
    graph = Graph().parse(folder / "bdp.nt", format="nt")
    for name, fmt in SMALL_FILES.items():
        graph.parse(folder / name, format=fmt)
    return graph


def as_triples(rows: tuple[Row, ...]) -> set[tuple[URIRef, URIRef, URIRef | Literal]]:
    """A description's rows as rdflib triples."""
    def term(o: str | Lit) -> URIRef | Literal:
        if isinstance(o, Lit):
            if o.datatype in (RDF_LANG_STRING, XSD_STRING):
                return Literal(o.value, lang=o.language)
            return Literal(o.value, datatype=URIRef(o.datatype))
        return URIRef(o)
    return {(URIRef(s), URIRef(p), term(o)) for s, p, o in rows}
