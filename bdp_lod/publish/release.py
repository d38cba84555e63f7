"""What one publication is: its files, a summary of its data, and the publisher's options.

The catalog (`bdp_lod.publish.catalog`), the VoID description (`bdp_lod.publish.void`) and the
dane.gov.pl XML (`bdp_lod.publish.dane_gov_pl`) are pure functions of these three values, so they
never look at the clock, the file system or the triples again, and the same release always gives
the same bytes.

How `publish` uses this module:

- ``DumpFile.of(path)`` after a dump is written: size, SHA-256 and MD5 are read from the file and
  the media type from its name, so the catalog's ``dcat:byteSize`` and ``spdx:checksum`` cannot
  drift from the files. A ``.gz`` sibling keeps the media type of what it holds and gets
  ``compress_format = "application/gzip"`` (DCAT-AP describes compression with
  ``dcat:compressFormat``, not by changing ``dcat:mediaType``).
- ``summarize(triples)`` or, to count while streaming distinct triples into a writer,
  ``Summarizer.add`` per triple then ``Summarizer.summary()``. A triple is either rdflib terms
  (what `bdp_lod.mapping` yields; a ``rdflib.Graph`` iterates so) or a `bdp_lod.serialize.blocks.Row`
  (the rows ``SubjectBlocks.add`` returns as new). Feed each distinct triple once.
- ``SubjectSummarizer.add_subject`` per subject of a dump written a subject at a time, the lines
  already split by predicate (what `bdp_lod.serialize.blocks.write_statements` does for the
  Turtle dump anyway), and ``merge`` of the summarizers of disjoint parts: the same summary as
  `summarize` of the dump's rows, at a fraction of the cost of parsing every line again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from rdflib import Literal
from rdflib.term import Node

from ..uris import DEFAULT_BASE
from ..vocab import BDP, DCAT, DCTERMS, RDF, XSD
from ..serialize.blocks import Lit, parse_term

__all__ = [
    "CC_BY_4_0", "DataSummary", "DumpFile", "MEDIA_TYPES", "PublishOptions", "SubjectSummarizer", "Summarizer",
    "SummaryTriple", "summarize",
]

CC_BY_4_0 = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
NON_PROFIT = "http://purl.org/adms/publishertype/NonProfitOrganisation"
GZIP = "application/gzip"

MEDIA_TYPES: dict[str, str] = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
}
"""IANA media types of the dump formats, by file extension."""

_CHUNK = 1 << 20


@dataclass(frozen=True)
class DumpFile:
    """One dump written into the output folder, as the catalog and dane.gov.pl describe it."""

    name: str
    """File name inside the output folder: ``bdp.ttl``, ``bdp.nt.gz`` …"""
    media_type: str
    """IANA type of the RDF inside: ``text/turtle`` also for ``bdp.ttl.gz``."""
    byte_size: int
    sha256: str
    """Lower-case hex."""
    md5: str
    """Lower-case hex; dane.gov.pl works with MD5 sums."""
    compress_format: str | None = None
    """``application/gzip`` for a ``.gz`` file, else None."""

    @property
    def key(self) -> str:
        """The file name with dots as dashes (``bdp-nt-gz``): its distribution's identifier."""
        return self.name.replace(".", "-")

    @property
    def format_key(self) -> str:
        """What follows the first dot, dashed (``nt-gz``): the last segment of its distribution IRI."""
        return self.name.partition(".")[2].replace(".", "-")

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> DumpFile:
        """Describe a written dump; its extension must be one of `MEDIA_TYPES`, optionally + ``.gz``."""
        path = Path(path)
        suffixes = [s.lower() for s in path.suffixes]
        compressed = suffixes[-1:] == [".gz"]
        core = suffixes[:-1] if compressed else suffixes
        inner = core[-1] if core else ""
        if inner not in MEDIA_TYPES:
            raise ValueError(f"{path.name}: not a dump format ({', '.join(MEDIA_TYPES)}, optionally gzipped)")
        sha256, md5, size = hashlib.sha256(), hashlib.md5(), 0
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                sha256.update(chunk)
                md5.update(chunk)
                size += len(chunk)
        return cls(
            name=path.name,
            media_type=MEDIA_TYPES[inner],
            byte_size=size,
            sha256=sha256.hexdigest(),
            md5=md5.hexdigest(),
            compress_format=GZIP if compressed else None,
        )


@dataclass(frozen=True)
class DataSummary:
    """Counts and ranges of one dump's triples: what VoID states and what dates the catalog."""

    triples: int
    practices: int
    entities: int
    """Distinct subjects."""
    classes: Mapping[str, int]
    """Class IRI → number of distinct instances."""
    properties: Mapping[str, int]
    """Predicate IRI → number of triples."""
    first_date: date | None
    """Earliest ``dcterms:issued`` (date added to the BDP) of a practice."""
    last_date: date | None
    """Latest such date: the default ``modified`` of the release."""
    themes: frozenset[str] = frozenset()
    """The bdp theme concepts practices point at with ``dcat:theme``."""
    voivodeships: frozenset[str] = frozenset()
    """Two-digit TERC codes of the województwa the resolved units lie in (from ``bdp:terc``)."""
    example: str | None = None
    """The smallest practice IRI: VoID's ``void:exampleResource``."""


SummaryTriple = tuple[Node | str, Node | str, Node | str | Lit]
"""A triple as rdflib terms (what `bdp_lod.mapping` yields; a ``rdflib.Graph`` iterates so) or as a
`bdp_lod.serialize.blocks.Row` (IRIs as ``str``, literals as ``Lit``)."""

_TYPE, _ISSUED, _THEME, _TERC = str(RDF.type), str(DCTERMS.issued), str(DCAT.theme), str(BDP.terc)
_DATE = str(XSD.date)


def _literal(term: Node | str | Lit) -> tuple[str, str] | None:
    """(lexical form, datatype IRI) of a literal in either representation; None for an IRI."""
    if isinstance(term, Literal):
        return str(term), str(term.datatype or XSD.string)
    if isinstance(term, Lit):
        return term.value, term.datatype
    return None


class Summarizer:
    """Builds a `DataSummary` one triple at a time, so a dump can be summarised while it is written.

    Feed each distinct triple once (counts are of triples, not of arrivals). Memory grows with
    distinct subjects and practices, never with triples.
    """

    def __init__(self) -> None:
        self._triples = 0
        self._subjects: set[str] = set()
        self._instances: dict[str, set[str]] = {}
        self._properties: dict[str, int] = {}
        self._issued: dict[str, date] = {}
        self._themes: set[str] = set()
        self._voivodeships: set[str] = set()

    def add(self, triple: SummaryTriple) -> None:
        s, p, o = triple
        subject, predicate = str(s), str(p)
        self._triples += 1
        self._subjects.add(subject)
        self._properties[predicate] = self._properties.get(predicate, 0) + 1
        literal = _literal(o)
        if predicate == _TYPE:
            self._instances.setdefault(str(o), set()).add(subject)
        elif predicate == _ISSUED and literal is not None and literal[1] == _DATE:
            try:
                self._issued[subject] = date.fromisoformat(literal[0])
            except ValueError:
                pass  # an ill-formed date is the shapes' business, not the summary's
        elif predicate == _THEME and literal is None:
            self._themes.add(str(o))
        elif predicate == _TERC and literal is not None and literal[0][:2].isdigit():
            self._voivodeships.add(literal[0][:2])

    def summary(self) -> DataSummary:
        practices = self._instances.get(str(BDP.Practice), set())
        dates = [self._issued[p] for p in practices if p in self._issued]
        return DataSummary(
            triples=self._triples,
            practices=len(practices),
            entities=len(self._subjects),
            classes={cls: len(members) for cls, members in sorted(self._instances.items())},
            properties=dict(sorted(self._properties.items())),
            first_date=min(dates, default=None),
            last_date=max(dates, default=None),
            themes=frozenset(self._themes),
            voivodeships=frozenset(self._voivodeships),
            example=min(practices, default=None),
        )


def summarize(triples: Iterable[SummaryTriple]) -> DataSummary:
    """Summarise distinct triples in one pass: a ``rdflib.Graph``, the mapping's triples or dump rows."""
    summarizer = Summarizer()
    for triple in triples:
        summarizer.add(triple)
    return summarizer.summary()


_PRACTICE = str(BDP.Practice)
_NT_TYPE, _NT_ISSUED, _NT_THEME, _NT_TERC = (f"<{iri}>" for iri in (_TYPE, _ISSUED, _THEME, _TERC))


class SubjectSummarizer:
    """`Summarizer` for a dump read one subject at a time, each subject with all its lines and
    in no other call (a sorted N-Triples dump, or a part of one cut between subjects).

    Parsing every line of ``bdp.nt`` back into a triple to count it cost about as much as
    writing the Turtle dump (0.9 s at 10,000 practices); here the Turtle writer's grouping of a
    subject's lines is counted as it stands and only the few objects the summary reads are
    parsed (`parse_term`). Because a subject comes once, counts stand for the sets `Summarizer`
    keeps, so memory does not grow with the subjects either, and two parts' summarizers merge.
    """

    def __init__(self) -> None:
        self._triples = 0
        self._entities = 0
        self._classes: dict[str, int] = {}
        self._properties: dict[str, int] = {}
        self._practices = 0
        self._example: str | None = None
        self._first: date | None = None
        self._last: date | None = None
        self._themes: set[str] = set()
        self._voivodeships: set[str] = set()

    def add_subject(self, key: str, objects: Mapping[str, Sequence[str]]) -> None:
        """``<subject>`` and, for each ``<predicate>``, its objects as N-Triples writes them."""
        self._entities += 1
        properties = self._properties
        practice = False
        issued: date | None = None
        for predicate, found in objects.items():
            self._triples += len(found)
            iri = predicate[1:-1]
            properties[iri] = properties.get(iri, 0) + len(found)
            if predicate == _NT_TYPE:
                for o in found:
                    cls = o[1:-1] if o[0] == "<" else str(parse_term(o))
                    self._classes[cls] = self._classes.get(cls, 0) + 1
                    practice = practice or cls == _PRACTICE
            elif predicate == _NT_ISSUED:
                for o in found:
                    term = parse_term(o)
                    if isinstance(term, Lit) and term.datatype == _DATE:
                        try:
                            issued = date.fromisoformat(term.value)
                        except ValueError:
                            pass  # an ill-formed date is the shapes' business, not the summary's
            elif predicate == _NT_THEME:
                self._themes.update(o[1:-1] for o in found if o[0] == "<")
            elif predicate == _NT_TERC:
                for o in found:
                    term = parse_term(o)
                    if isinstance(term, Lit) and term.value[:2].isdigit():
                        self._voivodeships.add(term.value[:2])
        if practice:
            self._practices += 1
            subject = key[1:-1]
            if self._example is None or subject < self._example:
                self._example = subject
            if issued is not None:
                self._first = issued if self._first is None else min(self._first, issued)
                self._last = issued if self._last is None else max(self._last, issued)

    def merge(self, other: SubjectSummarizer) -> None:
        """Take in the summarizer of another part of the dump, whose subjects this one has not seen."""
        self._triples += other._triples
        self._entities += other._entities
        for mine, theirs in ((self._classes, other._classes), (self._properties, other._properties)):
            for name, count in theirs.items():
                mine[name] = mine.get(name, 0) + count
        self._practices += other._practices
        self._example = min((e for e in (self._example, other._example) if e is not None), default=None)
        self._first = min((d for d in (self._first, other._first) if d is not None), default=None)
        self._last = max((d for d in (self._last, other._last) if d is not None), default=None)
        self._themes |= other._themes
        self._voivodeships |= other._voivodeships

    def summary(self) -> DataSummary:
        return DataSummary(
            triples=self._triples,
            practices=self._practices,
            entities=self._entities,
            classes=dict(sorted(self._classes.items())),
            properties=dict(sorted(self._properties.items())),
            first_date=self._first,
            last_date=self._last,
            themes=frozenset(self._themes),
            voivodeships=frozenset(self._voivodeships),
            example=self._example,
        )


@dataclass(frozen=True)
class PublishOptions:
    """What a publisher says about a release; every default is usable as it stands.

    The default publisher is the bdp-lod project itself, at ``{base_uri}id/publisher``: whoever
    publishes under the project's namespace publishes as the project. An institution publishing
    its own release (and any dane.gov.pl provider, which must be a registered institution) sets
    ``publisher_name``, ``publisher_uri`` and ``contact_email``. Without an e-mail the contact
    point gives the ``homepage`` (the base URI by default) as its ``vcard:hasURL``.
    """

    base_uri: str = DEFAULT_BASE
    download_base: str | None = None
    """Where the dump files are served; ``{base_uri}data/bdp/`` by default."""
    modified: date | None = None
    """Release date; the latest date a practice was added by default."""
    issued: date | None = None
    """First publication; ``modified`` by default."""
    publisher_name: str = "bdp-lod"
    publisher_uri: str | None = None
    publisher_type: str = NON_PROFIT
    """ADMS publisher type (``http://purl.org/adms/publishertype/…``)."""
    contact_email: str | None = None
    homepage: str | None = None
    licence: str = CC_BY_4_0
    """A licence IRI of the EU licence table."""
    sparql_endpoint: str | None = None

    def __post_init__(self) -> None:
        if not self.base_uri.endswith("/"):
            object.__setattr__(self, "base_uri", self.base_uri + "/")
        if self.download_base is not None and not self.download_base.endswith("/"):
            object.__setattr__(self, "download_base", self.download_base + "/")

    @property
    def downloads(self) -> str:
        """The download base, resolved; ends with a slash."""
        return self.download_base or f"{self.base_uri}data/bdp/"

    @property
    def publisher(self) -> str:
        return self.publisher_uri or f"{self.base_uri}id/publisher"

    @property
    def landing_page(self) -> str:
        return self.homepage or self.base_uri

    def download_url(self, dump: DumpFile) -> str:
        return self.downloads + dump.name

    def release_dates(self, summary: DataSummary) -> tuple[date, date] | None:
        """(issued, modified) of the release, or None when neither the options nor the data date it."""
        modified = self.modified or summary.last_date
        if modified is None:
            return None
        return (self.issued or modified, modified)
