"""Editions: a publication made with ``--previous DIR`` is the next edition of DIR's dataset.

`Edition.follow` plans it from the previous one (`bdp_lod.publish.previous`): its number, its
release date and the first edition's date. While the dumps are written, `PracticeDates` gives
each practice its ``dcterms:modified``: the release date when its lines (and its nested nodes')
differ from the previous edition's or it is new, else the date it had (none if it had none), so
a date says when the practice last changed, not when it was last republished. After the dumps,
`Edition.write` adds to the working folder:

- ``changes.deleted.nt`` / ``changes.added.nt``: the change set (`bdp_lod.publish.changes`);
- ``retired.ttl``: every identifier under ``{base}id/`` an edition minted and this one does not,
  with ``dcterms:isReplacedBy`` for practices renamed (matched by ``id``, then ``source_url``)
  and the nodes under them; the previous edition's entries are carried over unless the data
  describes them again;
- ``CHANGES.md``: practices, units, institutions and contacts added, changed, withdrawn and
  renamed, by IRI, in English and Polish;
- ``edition.json``: which edition this is, of what, after which, and its change set's size;

and returns the catalog's versioning terms (`bdp_lod.publish.versions`). Everything is a
function of the two editions and the release date, so the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError
from ..serialize import RdfFormat, serialize
from ..serialize.blocks import Lit, Row, nt_line
from ..vocab import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, vocabulary_graph
from .changes import ADDED_FILE, DELETED_FILE, ChangeSet, Touched, change_set
from .dataset import DATASET_ID, Text
from .previous import EDITION_FILE, NTRIPLES, RETIRED_FILE, PracticeState, PreviousEdition
from .release import DataSummary, PublishOptions
from .versions import edition_iri, version_triples

__all__ = ["CHANGES_FILE", "Edition", "PracticeDates"]

CHANGES_FILE = "CHANGES.md"
_MODIFIED = str(DCTERMS.modified)
_XSD_DATE = str(XSD.date)
_LABELS = (str(DCTERMS.title), str(SKOS.prefLabel), str(RDFS.label), "https://schema.org/name",
           "http://www.w3.org/2006/vcard/ns#fn", "http://www.w3.org/ns/locn#fullAddress")
"""The predicates that name a node, best first: what a retired identifier's label is taken from."""
_KINDS = ("practice", "unit", "institution", "contact")
_KIND_TITLES = {
    "practice": Text(pl="Praktyki", en="Practices"),
    "unit": Text(pl="Jednostki samorządu", en="Local government units"),
    "institution": Text(pl="Instytucje", en="Institutions"),
    "contact": Text(pl="Kontakty", en="Contacts"),
}
_STATUS_TITLES = {
    "added": Text(pl="Dodane", en="Added"), "changed": Text(pl="Zmienione", en="Changed"),
    "withdrawn": Text(pl="Wycofane", en="Withdrawn"), "renamed": Text(pl="Przemianowane", en="Renamed"),
}


@dataclass(frozen=True)
class PracticeDates:
    """Each practice's ``dcterms:modified``, decided in the worker that maps it."""

    previous: dict[str, PracticeState]
    released: str
    """This edition's release date, ``YYYY-MM-DD``."""

    def stamp(self, iri: str, rows: list[Row]) -> list[Row]:
        """``rows`` of the practice ``iri`` with its ``dcterms:modified`` when it has one."""
        nested = iri + "/"
        own = sorted({nt_line(row) for row in rows if row[0] == iri or row[0].startswith(nested)})
        digest = hashlib.sha256("".join(own).encode("utf-8")).digest()
        before = self.previous.get(iri)
        day = before.modified if before is not None and before.digest == digest else self.released
        if day is None:
            return rows
        return [*rows, (iri, _MODIFIED, Lit(day, None, _XSD_DATE))]


@lru_cache(maxsize=1)
def _class_labels() -> dict[str, str]:
    graph = vocabulary_graph()
    return {str(s): str(o) for s, o in graph.subject_objects(RDFS.label) if getattr(o, "language", None) == "pl"}


def _label(iri: str, rows: Iterable[Row]) -> str:
    """The label a node last had: its best naming literal, else its class's label and number."""
    rows = list(rows)
    for predicate in _LABELS:
        values = sorted((o.language != "pl", o.value) for _s, p, o in rows if p == predicate and isinstance(o, Lit))
        if values:
            return values[0][1]
    local = iri.rpartition("/")[2]
    for kind in sorted(o for _s, p, o in rows if p == str(RDF.type) and isinstance(o, str)):
        name = _class_labels().get(kind)
        if name:
            return f"{name} {local}" if local.isdigit() else name
    return local


def _value(rows: Iterable[Row], predicate: str) -> str | None:
    values = sorted(o.value if isinstance(o, Lit) else o for _s, p, o in rows if p == predicate)
    return values[0] if values else None


@dataclass(frozen=True)
class _Outcome:
    """What became of each practice, unit, institution and contact, and which IRIs retire."""

    owners: dict[str, dict[str, tuple[str, str]]]
    """Kind → owner IRI → (status, label); status ``added``, ``changed``, ``withdrawn`` or ``renamed``."""
    renamed: dict[str, str]
    """Old IRI → new IRI, for every retired identifier that has a successor."""
    withdrawn: list[str]


@dataclass(frozen=True)
class Edition:
    """The edition being published: the one it follows, its number and its release date."""

    previous: PreviousEdition
    released: date
    issued: date
    """The first edition's release date."""

    @property
    def number(self) -> int:
        return self.previous.number + 1

    @property
    def base_uri(self) -> str:
        return self.previous.base_uri

    @property
    def iri(self) -> str:
        return edition_iri(self.base_uri, self.number)

    @classmethod
    def follow(cls, previous: PreviousEdition, options: PublishOptions, added: Iterable[date | None]) -> Edition:
        """The edition after ``previous``, released on ``options.modified`` or, by default, the
        newest date a practice was added (as a plain release is dated)."""
        released = options.modified or max((d for d in added if d is not None), default=None)
        if released is None:
            raise InputError("an edition needs a release date and no practice has a date added: give --modified",
                             file=str(previous.folder),
                             pl="wydanie potrzebuje daty, a żadna praktyka nie ma daty dodania: podaj --modified")
        return cls(previous, released, options.issued or previous.issued or released)

    def options(self, options: PublishOptions) -> PublishOptions:
        """The release options with the first edition's date as the dataset's ``issued``."""
        return replace(options, modified=self.released, issued=self.issued)

    def dates(self) -> PracticeDates:
        return PracticeDates(self.previous.practices, self.released.isoformat())

    def write(self, folder: Path, summary: DataSummary, sha256: str) -> list[tuple[Node, Node, Node]]:
        """Write the change set, ``retired.ttl``, ``CHANGES.md`` and ``edition.json`` next to
        this edition's ``bdp.nt`` in ``folder``; the catalog's versioning terms."""
        carried = {str(s) for s in self.previous.retired.subjects() if isinstance(s, URIRef)}
        changes = change_set(self.previous.folder / NTRIPLES, folder / NTRIPLES, folder, base_uri=self.base_uri,
                             watch=frozenset(carried))
        outcome = self._outcome(changes)
        (folder / RETIRED_FILE).write_bytes(serialize(self._retired(changes, outcome, carried), RdfFormat.TURTLE))
        (folder / CHANGES_FILE).write_text(self._changes_md(changes, outcome), encoding="utf-8")
        (folder / EDITION_FILE).write_text(self._edition_json(changes, summary, sha256), encoding="utf-8")
        return list(version_triples(self.base_uri, self.number, self.released, self._notes(outcome),
                                    self.previous.editions))

    def _outcome(self, changes: ChangeSet) -> _Outcome:
        touched = changes.touched
        root = f"{self.base_uri}id/"
        owners: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in _KINDS}
        for iri in sorted(touched):
            kind, _, key = iri[len(root):].partition("/")
            owner = f"{root}{kind}/{key.partition('/')[0]}"
            if kind not in owners or owner in owners[kind]:
                continue
            mine = touched.get(owner)
            status = mine.status if mine is not None else "changed"
            owners[kind][owner] = (status, _label(owner, mine.after or mine.before) if mine else owner.rpartition("/")[2])
        renamed = self._renamings(touched, owners["practice"])
        successors: dict[str, str] = {}
        withdrawn: list[str] = []
        practices = f"{root}practice/"
        for iri in sorted(i for i, t in touched.items() if t.status == "withdrawn"):
            practice = practices + iri[len(practices):].partition("/")[0] if iri.startswith(practices) else ""
            candidate = renamed[practice] + iri[len(practice):] if practice in renamed else None
            if candidate is not None and candidate in touched and touched[candidate].status == "added":
                successors[iri] = candidate
            else:
                withdrawn.append(iri)
        for old, new in renamed.items():
            owners["practice"][old] = ("renamed", owners["practice"][old][1])
            owners["practice"].pop(new, None)
        return _Outcome(owners, successors, withdrawn)

    @staticmethod
    def _renamings(touched: dict[str, Touched], practices: dict[str, tuple[str, str]]) -> dict[str, str]:
        """Withdrawn practice → the added practice with its ``id``, else its ``source_url``."""
        gone = [iri for iri, (status, _l) in practices.items() if status == "withdrawn"]
        came = [iri for iri, (status, _l) in practices.items() if status == "added"]
        renamed: dict[str, str] = {}
        for predicate in (str(DCTERMS.identifier), str(DCTERMS.source)):
            keys: dict[str, str] = {}
            for iri in came:
                value = _value(touched[iri].after, predicate)
                if value is not None and iri not in renamed.values():
                    keys.setdefault(value, iri)
            for iri in gone:
                value = _value(touched[iri].before, predicate)
                if iri not in renamed and value in keys and keys[value] not in renamed.values():
                    renamed[iri] = keys[value]
        return dict(sorted(renamed.items()))

    def _retired(self, changes: ChangeSet, outcome: _Outcome, carried: set[str]) -> Graph:
        graph = Graph()
        for triple in self.previous.retired:
            if str(triple[0]) not in changes.present:
                graph.add(triple)
        day = Literal(self.released.isoformat(), datatype=XSD.date)
        edition, n, when = URIRef(self.iri), self.number, self.released.isoformat()
        practice_root = f"{self.base_uri}id/practice/"
        for iri in sorted([*outcome.withdrawn, *outcome.renamed]):
            node = URIRef(iri)
            is_practice = iri.startswith(practice_root) and "/" not in iri[len(practice_root):]
            graph.add((node, OWL.deprecated, Literal(True)))
            graph.add((node, DCTERMS.date, day))
            graph.add((node, DCTERMS.isPartOf, edition))
            graph.add((node, RDFS.label, Literal(_label(iri, changes.touched[iri].before), lang="pl")))
            if iri in outcome.renamed:
                graph.add((node, DCTERMS.isReplacedBy, URIRef(outcome.renamed[iri])))
                en, pl = f"Renamed in edition {n} ({when})", (
                    f"Przemianowana w wydaniu {n} ({when})" if is_practice else f"Identyfikator zmieniony w wydaniu {n} ({when})")
            else:
                en = f"Withdrawn in edition {n} ({when}): no longer in the submitted records"
                pl = (f"Wycofana w wydaniu {n} ({when}): nie ma jej już w przesłanych rekordach" if is_practice
                      else f"Wycofany w wydaniu {n} ({when}): tego zasobu nie ma już w przesłanych rekordach")
            graph.add((node, SKOS.changeNote, Literal(en, lang="en")))
            graph.add((node, SKOS.changeNote, Literal(pl, lang="pl")))
        return graph

    def _counts(self, outcome: _Outcome) -> dict[str, int]:
        statuses = [status for status, _label in outcome.owners["practice"].values()]
        return {status: statuses.count(status) for status in _STATUS_TITLES}

    def _notes(self, outcome: _Outcome) -> Text:
        c = self._counts(outcome)
        when = self.released.isoformat()
        return Text(
            pl=f"Wydanie {self.number} ({when}) po wydaniu {self.previous.number}: praktyki dodane: {c['added']}, "
               f"zmienione: {c['changed']}, wycofane: {c['withdrawn']}, przemianowane: {c['renamed']} (CHANGES.md).",
            en=f"Edition {self.number} ({when}) after edition {self.previous.number}: practices added: {c['added']}, "
               f"changed: {c['changed']}, withdrawn: {c['withdrawn']}, renamed: {c['renamed']} (CHANGES.md).",
        )

    def _changes_md(self, changes: ChangeSet, outcome: _Outcome) -> str:
        when = self.released.isoformat()
        parts: list[str] = []
        for lang, heading, after, triples in (
            ("en", f"# Edition {self.number} ({when})", f"After edition {self.previous.number}", "triples"),
            ("pl", f"# Wydanie {self.number} ({when})", f"Po wydaniu {self.previous.number}", "trójki"),
        ):
            lines = [heading, "", f"{after} (<{self.previous.iri}>): {triples} "
                     f"−{changes.deleted} (`{DELETED_FILE}`), +{changes.added} (`{ADDED_FILE}`).", ""]
            for kind in _KINDS:
                owners = outcome.owners[kind]
                lines.append(f"## {getattr(_KIND_TITLES[kind], lang)}")
                lines.append("")
                if not owners:
                    lines.extend(["—", ""])
                for status, title in _STATUS_TITLES.items():
                    listed = sorted((iri, label) for iri, (s, label) in owners.items() if s == status)
                    if not listed:
                        continue
                    lines.append(f"### {getattr(title, lang)} ({len(listed)})")
                    lines.append("")
                    for iri, label in listed:
                        target = f" → <{outcome.renamed[iri]}>" if iri in outcome.renamed else ""
                        lines.append(f"- <{iri}>{target}: {_markdown(label)}")
                    lines.append("")
            parts.append("\n".join(lines))
        return "\n".join(parts).rstrip("\n") + "\n"

    def _edition_json(self, changes: ChangeSet, summary: DataSummary, sha256: str) -> str:
        previous = self.previous
        data = {
            "base_uri": self.base_uri,
            "changes": {"added": ADDED_FILE, "added_triples": changes.added, "deleted": DELETED_FILE,
                        "deleted_triples": changes.deleted},
            "dataset": f"{self.base_uri}data/{DATASET_ID}",
            "edition": self.number,
            "iri": self.iri,
            "issued": self.issued.isoformat(),
            "modified": self.released.isoformat(),
            "previous": {"edition": previous.number, "iri": previous.iri, "sha256": previous.sha256,
                         "triples": previous.triples},
            "sha256": sha256,
            "triples": summary.triples,
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|&"})


def _markdown(text: str) -> str:
    """A label as Markdown text: its punctuation escaped, on one line, never markup."""
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL)
