"""Standard, byte-for-byte deterministic RDF files, written atomically.

rdflib's Turtle writer grows quadratically with the number of subjects and its N-Triples and
JSON-LD output changes with the hash seed (../shared/PERFORMANCE.md, TOOL_ANCHORS.md §4.3), so
the files are written by pyoxigraph from triples in one canonical order: subjects sorted, ``a``
first, then predicates and objects sorted. The prefix header is written here, sorted, rather than
left to the serialiser.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from .errors import InputError
from .files import atomic_write
from .terms import to_ox
from .vocab import PREFIXES, RDF

__all__ = ["FORMATS", "format_for", "serialize", "write_graph"]

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def format_for(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """The RDF format a file name asks for; an unknown extension is a usage error."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        named = suffix or Path(path).name
        raise InputError(
            f"cannot tell the RDF format from '{named}': use .ttl, .nt or .jsonld",
            file=str(path),
            pl=f"nie da się rozpoznać formatu RDF po '{named}': użyj .ttl, .nt lub .jsonld",
        )
    return FORMATS[suffix]


def _order(triple: tuple[Node, Node, Node]) -> tuple[str, int, str, str]:
    s, p, o = triple
    return (str(s), 0 if p == RDF.type else 1, str(p), o.n3())


def serialize(triples: Iterable[tuple[Node, Node, Node]], fmt: ox.RdfFormat) -> bytes:
    """The canonical serialisation of a set of triples (duplicates removed)."""
    ordered = sorted(set(triples), key=_order)
    ox_triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ordered]  # type: ignore[arg-type]
    if fmt == ox.RdfFormat.N_TRIPLES:
        return ox.serialize(ox_triples, format=fmt) or b""
    if fmt == ox.RdfFormat.TURTLE:
        body = ox.serialize(ox_triples, format=fmt, prefixes=PREFIXES) or b""
        lines = [line for line in body.split(b"\n") if not line.startswith(b"@prefix ")]
        header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items()))
        return header.encode("utf-8") + b"\n" + b"\n".join(lines).lstrip(b"\n")
    return ox.serialize(ox_triples, format=fmt, prefixes=PREFIXES) or b""


def write_graph(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Serialise ``graph`` to ``path`` in the format its extension names, atomically, creating
    its folder (``build/``) when missing."""
    data = serialize(graph, format_for(path))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)
