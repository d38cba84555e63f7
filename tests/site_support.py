"""Shared by the site's tests: the examples published with their site, served on loopback."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from bdp_lod.publish import PublishOptions, publish
from bdp_lod.serialize.blocks import RDF_LANG_STRING, XSD_STRING, Lit, Row
from bdp_lod.site.reading import SMALL_FILES
from bdp_lod.server import make_server
from bdp_lod.site.layout import Layout
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
    "landing": "",
}
"""A page of every kind the site has (docs/site.md's screenshots are of these)."""


def publish_site(folder: Path) -> Path:
    """The examples published into ``folder`` with ``--site``."""
    publish([str(EXAMPLES)], folder, options=PublishOptions(), extend=functools.partial(write_site, layout=LAYOUT))
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
