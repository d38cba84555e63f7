"""What the site says about one resource: the shape every page and RDF document is built from.

A description is what a linked-data client expects from looking a URI up (the resource's own
triples, the nodes nested under its IRI, and the labels of what it links to, so that a page or
a client needs no second request to name a neighbour), plus the backlinks a person browsing
wants (the practices of a unit, an institution, a theme), which are not part of its RDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..serialize.blocks import Block, Row

__all__ = ["Description", "Labels"]

Labels = Mapping[str, Mapping[str, str]]
"""IRI → language tag (``pl``, ``en``, ``""`` for none) → label."""


@dataclass(frozen=True)
class Description:
    iri: str
    path: str
    """The identifier path under the base (:meth:`bdp_lod.site.layout.Layout.path`)."""
    triples: tuple[Row, ...]
    """The resource's triples and those of the nodes nested under its IRI, in the order of its
    N-Triples document (as the serialiser's plain rows: an IRI is a ``str``, a literal a
    `bdp_lod.serialize.blocks.Lit`)."""
    blocks: tuple[Block, ...] = ()
    """The triples' N-Triples lines, a block per subject in the document's order, as the
    published dump holds them; empty for a description made from triples alone (a tombstone),
    whose documents format them."""
    labels: Labels = field(default_factory=dict)
    """Labels of the resource, its types, its predicates and every IRI its triples name."""
    neighbours: tuple[Row, ...] = ()
    """The label triples, as the publication states them, of the IRIs the triples name: the
    part of a neighbour's description that the resource's RDF documents repeat."""
    backlinks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Predicate IRI → the subjects that point at this resource with it, sorted; not RDF of the
    resource (a unit's page lists its practices; its Turtle does not)."""
