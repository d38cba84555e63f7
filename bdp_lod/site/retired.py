"""The identifiers earlier editions minted and this one does not, read from ``retired.ttl``.

An edition's folder lists them (the editions contract, docs/publishing.md): each with
``owl:deprecated true``, the date and edition that retired it, the label it last had and why, in
Polish and English, and ``dcterms:isReplacedBy`` when it was renamed. A link to one of them
was made while it answered, and must go on answering (docs/site.md §11): the site writes a
tombstone for each withdrawn one, and the hosting rules and ``bdp-lod serve`` answer
`bdp_lod.site.layout.Retirement`, made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from ..errors import InputError
from ..serialize.blocks import Lit, Row, nt_term, rows_of
from .layout import Layout, Retirement

__all__ = ["RETIRED_FILE", "Retired", "read_retired", "retirement"]

RETIRED_FILE: Final = "retired.ttl"
_DEPRECATED, _REPLACED_BY = str(OWL.deprecated), str(DCTERMS.isReplacedBy)
_DATE, _PART_OF, _LABEL, _NOTE = str(DCTERMS.date), str(DCTERMS.isPartOf), str(RDFS.label), str(SKOS.changeNote)


@dataclass(frozen=True)
class Retired:
    """One retired identifier of the publication's base, as ``retired.ttl`` states it."""

    iri: str
    path: str
    """Its identifier path under the base (`bdp_lod.site.layout.Layout.path`)."""
    replaced_by: str | None
    """The IRI that replaces it (renamed), or None (withdrawn)."""
    date: str
    """The release date of the edition that retired it, ``YYYY-MM-DD`` (``""`` if unstated)."""
    edition: str | None
    """The IRI of the edition that retired it."""
    labels: Mapping[str, str]
    """Language tag (``""`` for none) → the label it last had."""
    notes: Mapping[str, str]
    """Language tag → why it was retired."""
    rows: tuple[Row, ...]
    """Its statements as ``retired.ttl`` makes them, for its tombstone's RDF documents."""


def _text(rows: Iterable[Row], predicate: str) -> dict[str, str]:
    """Language → the value of ``predicate``; the first in N-Triples order when a language has two."""
    found: dict[str, str] = {}
    for _s, p, o in rows:
        if p == predicate and o.__class__ is Lit:
            found.setdefault(o.language or "", o.value)
    return found


def _first_iri(rows: Iterable[Row], predicate: str) -> str | None:
    return min((o for _s, p, o in rows if p == predicate and o.__class__ is str), default=None)


def read_retired(folder: Path, layout: Layout) -> list[Retired]:
    """Every retired identifier of ``layout``'s base that ``folder``'s ``retired.ttl`` lists
    (deprecated, or replaced), by path; none when the folder has no such file (a publication
    made before editions). A file that does not parse is an `bdp_lod.errors.InputError`."""
    file = folder / RETIRED_FILE
    if not file.is_file():
        return []
    try:
        graph = Graph().parse(file, format="turtle")
        rows = sorted(rows_of(graph), key=lambda row: (row[0], row[1], nt_term(row[2])))
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax; rows_of ValueError for blank nodes
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot read the retired identifiers: {first}", file=str(file),
                         pl=f"nie można odczytać wycofanych identyfikatorów: {first}") from None
    by_subject: dict[str, list[Row]] = {}
    for row in rows:
        by_subject.setdefault(row[0], []).append(row)
    retired = []
    for iri, own in by_subject.items():
        path = layout.path(iri)
        retiring = any(p == _REPLACED_BY or (p == _DEPRECATED and o.__class__ is Lit and o.value in ("true", "1"))
                       for _s, p, o in own)
        if not path or "#" in iri or not retiring:
            continue
        retired.append(Retired(
            iri=iri, path=path, replaced_by=_first_iri(own, _REPLACED_BY), date=_text(own, _DATE).get("", ""),
            edition=_first_iri(own, _PART_OF), labels=_text(own, _LABEL), notes=_text(own, _NOTE), rows=tuple(own),
        ))
    return sorted(retired, key=lambda r: r.path)


def retirement(retired: Iterable[Retired], layout: Layout) -> Retirement:
    """What the site answers for the ``retired`` identifiers."""
    listed = list(retired)
    return Retirement(layout, [r.iri for r in listed if r.replaced_by is None],
                      {r.iri: r.replaced_by for r in listed if r.replaced_by is not None})
