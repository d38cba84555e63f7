"""The first of the site's two passes over a publication: what no single resource holds.

A page names what its resource links to, lists what links to it (a unit's practices), and
the landing page counts and lists the whole data set; none of that can be known while the dump
is read once in order (units sort after the practices that name them). So one pass gathers it,
small beside the data: a label per IRI and language, the label triples as stated, the
backlinks by target, every path that gets a description, and the landing page's figures. At
100,000 practices that is some 120,000 IRIs and under a million backlinks; the triples
themselves are never held (the second pass, `bdp_lod.site.documents.describe`, streams them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS

from ..serialize.blocks import Lit, Row
from ..vocab import BDP
from .layout import CATALOG, Download, Layout
from .term_labels import TERM_LABELS

__all__ = ["LABELS", "Census", "take_census"]

_VCARD_FN = "http://www.w3.org/2006/vcard/ns#fn"
_LOCN_FULL = "http://www.w3.org/ns/locn#fullAddress"
LABELS: Final = (str(SKOS.prefLabel), str(RDFS.label), str(DCTERMS.title), str(FOAF.name), _VCARD_FN, _LOCN_FULL)
"""Predicates that name a resource, most preferred first (one label per language is kept)."""
_RANK: Final = {predicate: rank for rank, predicate in enumerate(LABELS)}
_TYPE, _TITLE, _THEME, _LICENSE = str(RDF.type), str(DCTERMS.title), str(DCAT.theme), str(DCTERMS.license)
_PRACTICE, _UNIT = str(BDP.Practice), str(BDP.LocalGovernmentUnit)
_UNIT_OF, _IMPLEMENTED_BY = str(BDP.localGovernmentUnit), str(BDP.implementedBy)
_ENDPOINT = str(DCAT.endpointURL)
_UNSEEN: Final = "\0"
"""An IRI whose target path is not worked out yet (no IRI holds a NUL)."""


@dataclass
class Census:
    labels: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    """IRI → language tag (``""`` for none) → its most preferred label (`LABELS`)."""
    stated: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    """IRI → its label triples as the publication states them."""
    backlinks: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    """Target IRI → predicate → the subjects pointing at it (labels left out)."""
    paths: set[str] = field(default_factory=set)
    """Every identifier path that gets a description: a subject's, or one an object names."""
    subject_paths: set[str] = field(default_factory=set)
    practices: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """Each practice's IRI and titles by language, in dump order."""
    themes: Counter[str] = field(default_factory=Counter)
    units: dict[str, str] = field(default_factory=dict)
    """TERC key (the unit IRI's last segment) → unit IRI."""
    unit_practices: Counter[str] = field(default_factory=Counter)
    institutions: set[str] = field(default_factory=set)
    dataset: list[Row] = field(default_factory=list)
    """The triples of the dataset ``{base}data/bdp``: its title, description, publisher, dates."""
    licences: list[str] = field(default_factory=list)
    endpoints: list[str] = field(default_factory=list)
    """``dcat:endpointURL`` of the catalog's SPARQL data service (``publish --sparql-endpoint``)."""

    def label(self, iri: str, lang: str) -> str:
        """The label in ``lang``, else the Polish one, else any; the IRI's last segment at worst."""
        found = self.labels.get(iri, {})
        return found.get(lang) or found.get("pl") or found.get("") or next(iter(sorted(found.values())), "") or (
            iri.rstrip("/").rpartition("/")[2])


def _rank(row: Row) -> tuple[int, str]:
    return _RANK[row[1]], row[2].value  # type: ignore[union-attr]  # only literal label rows are ranked


def take_census(subjects: Iterable[tuple[str, list[Row]]], layout: Layout) -> Census:
    """One pass over the publication's subjects (`bdp_lod.site.reading.subjects`, whose
    ``literals`` may be `LABELS`: no other literal of the dump is read here)."""
    census = Census()
    labels, stated, backlinks = census.labels, census.stated, census.backlinks
    chosen: dict[tuple[str, str], tuple[int, str]] = {}
    targets: dict[str, str | None] = {}
    dataset = layout.iri("data/bdp")
    unnamed: dict[str, list[str]] = {}

    def target(iri: str) -> str | None:
        """The path an object IRI is described under (None: not ours, or a dump's URL), worked
        out once per IRI; a path found is one to describe."""
        path = layout.path(iri)
        if path is not None and isinstance(layout.locate(path), Download):
            path = None
        if path == "":
            path = CATALOG
        targets[iri] = path
        if path is not None:
            census.paths.add(path)
        return path

    for subject, rows in subjects:
        path = layout.path(subject)
        if path is None:
            continue
        path = CATALOG if path == "" else path
        census.paths.add(path)
        census.subject_paths.add(path)
        kinds: set[str] = set()
        for row in rows:
            _s, predicate, obj = row
            if obj.__class__ is Lit:
                if predicate in _RANK:
                    stated[subject].append(row)
                    key, rank = (subject, obj.language or ""), _rank(row)
                    if key not in chosen or rank < chosen[key]:
                        chosen[key] = rank
                        labels[subject][key[1]] = obj.value
                continue
            iri: str = obj  # type: ignore[assignment]  # not a Lit: an IRI
            if predicate == _TYPE:
                kinds.add(iri)
            elif predicate == _LICENSE:
                census.licences.append(iri)
            elif predicate == _ENDPOINT:
                census.endpoints.append(iri)
            where = targets.get(iri, _UNSEEN)
            if where is _UNSEEN:
                where = target(iri)
            if where is None:
                continue
            if "#" not in iri:
                backlinks[iri][predicate].append(subject)
        if subject not in labels and kinds and path.count("/") > 2:
            unnamed[subject] = sorted(kinds)
        if _PRACTICE in kinds:
            census.practices.append((subject, {
                r[2].language or "": r[2].value for r in rows if r[1] == _TITLE and r[2].__class__ is Lit
            }))
            for _s, predicate, obj in rows:
                if predicate == _THEME and obj.__class__ is str and targets[obj] is not None:  # its target was found above
                    census.themes[obj] += 1
                elif predicate == _UNIT_OF:
                    census.unit_practices[obj] += 1  # type: ignore[index]  # an IRI
                elif predicate == _IMPLEMENTED_BY:
                    census.institutions.add(obj)  # type: ignore[arg-type]  # an IRI
        if _UNIT in kinds:
            census.units[subject.rpartition("/")[2]] = subject
        if subject == dataset:
            census.dataset.extend(rows)
    _name_nested(census, unnamed)
    return census


def _name_nested(census: Census, unnamed: dict[str, list[str]]) -> None:
    """A label for the nested nodes the data leaves unnamed: an activity is "Działanie 3" /
    "Activity 3" (its class's label and its number), not a bare "3" as page title and link text.
    Only pages use these; the RDF documents repeat what the publication states, nothing more."""
    for iri, kinds in unnamed.items():
        if iri in census.labels:  # labelled by a later row of the stream (a vocabulary term)
            continue
        local = iri.rpartition("/")[2]
        for kind in kinds:
            names = census.labels.get(kind) or TERM_LABELS.get(kind)
            if names:
                census.labels[iri] = {
                    lang: f"{name} {local}" if local.isdigit() else name[:1].upper() + name[1:]
                    for lang, name in names.items()
                }
                break
