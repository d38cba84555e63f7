"""The edition marker: which edition of a dataset a store holds, kept in the store itself.

Every push of a published folder writes two triples about the dataset into the catalog graph,
``bdp:loadedVersion "K"`` and ``bdp:loadedSha256 "<SHA-256 of bdp.nt>"``. An incremental push
reads them back before it applies a change set, because a change set turns exactly one edition
into the next: applied to any other, it leaves a graph that matches no published dump.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Message
from ..vocab import BDP
from .client import GraphStore, check_graph_iri
from ..publish.edition_file import EDITION_FILE, EditionFile, read_edition_file
from .sources import PublishedFolder

__all__ = ["LOADED_SHA256", "LOADED_VERSION", "MARKER_TRIPLES", "Marker", "folder_edition", "folder_marker", "read_marker"]

LOADED_VERSION = str(BDP.loadedVersion)
LOADED_SHA256 = str(BDP.loadedSha256)


@dataclass(frozen=True)
class Marker:
    """Edition ``version`` of ``dataset``, whose ``bdp.nt`` has the SHA-256 ``sha256``."""

    dataset: str
    version: str
    sha256: str

    def triples(self) -> str:
        """The marker as N-Triples lines, which are also SPARQL ``INSERT DATA`` triples."""
        return (
            f'<{self.dataset}> <{LOADED_VERSION}> "{self.version}" .\n'
            f'<{self.dataset}> <{LOADED_SHA256}> "{self.sha256}" .\n'
        )

    def delete_where(self, graph: str) -> str:
        """A SPARQL Update operation that removes any marker of this dataset from ``graph``."""
        return (
            f"DELETE WHERE {{ GRAPH <{check_graph_iri(graph)}> {{ <{self.dataset}> <{LOADED_VERSION}> ?v }} }} ;\n"
            f"DELETE WHERE {{ GRAPH <{graph}> {{ <{self.dataset}> <{LOADED_SHA256}> ?s }} }}"
        )

    def describe(self) -> Message:
        return Message(
            en=f"edition {self.version} (bdp.nt SHA-256 {self.sha256[:12]}…)",
            pl=f"wydanie {self.version} (SHA-256 bdp.nt {self.sha256[:12]}…)",
        )


MARKER_TRIPLES = 2
"""Triples one marker adds to the catalog graph."""


def folder_edition(published: PublishedFolder) -> EditionFile | None:
    """The folder's ``edition.json`` once it matches ``SHA256SUMS``: it names what the store will hold."""
    if not (published.folder / EDITION_FILE).is_file():
        return None
    return read_edition_file(published.verified(EDITION_FILE))


def folder_marker(published: PublishedFolder) -> Marker:
    """The marker a full push of ``published`` writes: its edition (1 without ``edition.json``)
    and the SHA-256 of its data dump as ``SHA256SUMS`` lists it (``publish`` always writes ``bdp.nt``)."""
    edition = folder_edition(published)
    version = "1" if edition is None else str(edition.edition)
    return Marker(published.dataset_iri, version, published.data.expected_sha256 or "")


def read_marker(client: GraphStore, catalog_graph: str, dataset: str) -> Marker | None:
    """The marker the store holds for ``dataset``, or None when it holds none or an ambiguous one.

    Two versions at once (an append push of another edition over the first) say no edition,
    which is what the store then holds.
    """
    query = (
        f"SELECT ?v ?s WHERE {{ GRAPH <{check_graph_iri(catalog_graph)}> {{ "
        f"<{check_graph_iri(dataset)}> <{LOADED_VERSION}> ?v ; <{LOADED_SHA256}> ?s }} }}"
    )
    what = Message(en=f"edition marker in <{catalog_graph}>", pl=f"znacznik wydania w <{catalog_graph}>")
    rows = client.select(query, Message(en=f"query of the {what.en}", pl=f"odczyt: {what.pl}"))
    found = {(row["v"], row["s"]) for row in rows if "v" in row and "s" in row}
    if len(found) != 1:
        return None
    ((version, sha256),) = found
    return Marker(dataset, version, sha256)
