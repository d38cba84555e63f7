"""The publication an edition follows (``publish --previous DIR``), read and checked once.

Everything is checked before any validation or writing starts, so that a wrong ``DIR`` costs a
one-line error (`bdp_lod.errors.InputError`, exit 2) and never a half-done run: the folder must
list ``bdp.nt`` and ``catalog.ttl`` in its ``SHA256SUMS`` and their bytes must match it, its
catalog must describe the dataset ``{base}data/bdp`` (``dct:identifier "bdp"``) of this run's base
URI, and its ``edition.json``, when it has one, must be what `bdp_lod.publish.editions` writes.
A publication without ``edition.json`` (made by a plain ``publish``) is edition 1.

Its ``bdp.nt`` is read once, in one pass, for what the new edition needs before mapping: the
SHA-256 and triple count the new ``edition.json`` cites, and per practice a digest of its own
lines and those of the nodes under its IRI (its activities, their periods, its source fields)
with its ``dcterms:modified`` left out (`PracticeState`), so that a practice whose lines come out
the same keeps its date (`bdp_lod.publish.editions.PracticeDates`). The dump is sorted
(``LC_ALL=C``), so each practice's lines arrive in the order the new edition sorts them in.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError
from ..serialize.blocks import Lit, read_ntriples
from ..validation.renames import PreviousNames
from ..vocab import DCAT, DCTERMS, RDF
from .dataset import DATASET_ID
from .edition_file import EDITION_FILE, EditionFile, read_edition_file
from .folder import file_sha256, read_checksums
from .versions import edition_iri, edition_triples

__all__ = ["CATALOG", "EDITION_FILE", "NTRIPLES", "PracticeState", "PreviousEdition", "RETIRED_FILE", "read_previous"]

NTRIPLES, CATALOG, RETIRED_FILE = "bdp.nt", "catalog.ttl", "retired.ttl"
_MODIFIED, _IDENTIFIER, _SOURCE = (f"<{DCTERMS.modified}>", f"<{DCTERMS.identifier}>", f"<{DCTERMS.source}>")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class PracticeState:
    """One practice of the previous edition, as the next one compares it."""

    digest: bytes
    """SHA-256 of its lines and its nested nodes' lines, sorted, without its ``dcterms:modified``."""
    modified: str | None
    """Its ``dcterms:modified`` (``YYYY-MM-DD``), if it had one."""


@dataclass(frozen=True)
class PreviousEdition:
    """The edition a new one follows: where it is, which it is, and what its dump held."""

    folder: Path
    base_uri: str
    number: int
    issued: date | None
    """The first edition's release date (``edition.json`` ``issued``, else the catalog's)."""
    modified: date | None
    sha256: str
    """Of its ``bdp.nt``."""
    triples: int
    practices: dict[str, PracticeState]
    """Practice IRI → its state."""
    names: PreviousNames
    """Its practices by ``source_url`` and by ``id``: what `validate --previous` compares."""
    editions: tuple[tuple[Node, Node, Node], ...]
    """The triples its catalog states about its editions (``{base}data/bdp/edition/N``), or, for
    an edition 1 made before editions, the description of edition 1."""
    retired: Graph
    """Its ``retired.ttl`` (empty when it has none)."""

    @property
    def iri(self) -> str:
        return edition_iri(self.base_uri, self.number)


def _not_a_publication(folder: Path, en: str, pl: str) -> InputError:
    return InputError(f"not a publication to follow: {en}", file=str(folder), pl=f"to nie jest publikacja, po której można wydać następną: {pl}")


def _checked(folder: Path, sums: dict[str, str], name: str, *, required: bool) -> Path | None:
    """The file ``name`` of ``folder``, once its bytes match ``SHA256SUMS``."""
    path = folder / name
    if name not in sums:
        if required:
            raise _not_a_publication(folder, f"SHA256SUMS does not list {name}", f"SHA256SUMS nie wymienia pliku {name}")
        return None
    try:
        actual = file_sha256(path)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path), pl=f"nie można odczytać: {exc.strerror or exc}") from None
    if actual != sums[name]:
        raise InputError("does not match its SHA-256 in SHA256SUMS: the publication was changed or damaged",
                         file=str(path), pl="nie zgadza się z sumą SHA-256 w SHA256SUMS: publikację zmieniono lub uszkodzono")
    return path


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


def _catalog(folder: Path, path: Path, base_uri: str) -> Graph:
    """The previous catalog, once it describes this run's dataset under this run's base URI."""
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot parse the catalog: {first}", file=str(path), pl=f"nie można przetworzyć katalogu: {first}") from None
    expected = URIRef(f"{base_uri}data/{DATASET_ID}")
    if (expected, RDF.type, DCAT.Dataset) in graph:
        identifier = graph.value(expected, DCTERMS.identifier)
        if identifier is not None and str(identifier) != DATASET_ID:
            raise InputError(f"holds the dataset '{identifier}', not '{DATASET_ID}'", file=str(path),
                             pl=f"zawiera zbiór '{identifier}', a nie '{DATASET_ID}'")
        return graph
    datasets = sorted(str(s) for s in graph.subjects(DCTERMS.identifier, Literal(DATASET_ID)))
    if datasets:
        raise InputError(f"was published under another base URI: its dataset is {datasets[0]}, not {expected}",
                         file=str(path), pl=f"opublikowano go pod innym bazowym URI: jego zbiór to {datasets[0]}, a nie {expected}")
    named = sorted(str(o) for s in graph.subjects(RDF.type, DCAT.Dataset) for o in graph.objects(s, DCTERMS.identifier))
    if named:
        raise InputError(f"holds the dataset '{named[0]}', not '{DATASET_ID}'", file=str(path),
                         pl=f"zawiera zbiór '{named[0]}', a nie '{DATASET_ID}'")
    raise _not_a_publication(folder, f"its catalog describes no dataset {expected}", f"jego katalog nie opisuje zbioru {expected}")


def _edition_file(path: Path, base_uri: str) -> EditionFile:
    """``edition.json`` once it is an edition of this run's dataset under this run's base URI."""
    edition = read_edition_file(path)
    if edition.base_uri != base_uri:
        raise InputError(f"was published under another base URI: {edition.base_uri}, not {base_uri}", file=str(path),
                         pl=f"opublikowano go pod innym bazowym URI: {edition.base_uri}, a nie {base_uri}")
    if edition.dataset != f"{base_uri}data/{DATASET_ID}":
        raise InputError(f"describes the dataset {edition.dataset}, not {base_uri}data/{DATASET_ID}", file=str(path),
                         pl=f"opisuje zbiór {edition.dataset}, a nie {base_uri}data/{DATASET_ID}")
    return edition


def _first_edition(base_uri: str, catalog: Graph) -> tuple[tuple[Node, Node, Node], ...]:
    """Edition 1 as its next edition's catalog describes it, for a publication made before editions."""
    dataset = URIRef(f"{base_uri}data/{DATASET_ID}")
    return tuple(edition_triples(base_uri, 1, _date(catalog.value(dataset, DCTERMS.modified))))


def _editions(base_uri: str, catalog: Graph) -> tuple[tuple[Node, Node, Node], ...]:
    prefix = edition_iri(base_uri, 0)[:-1]
    return tuple(sorted(t for t in catalog if str(t[0]).startswith(prefix)))


def _retired(path: Path | None) -> Graph:
    graph = Graph()
    if path is None:
        return graph
    try:
        return graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot read the retired identifiers: {first}", file=str(path),
                         pl=f"nie można odczytać wycofanych identyfikatorów: {first}") from None


def _read_dump(path: Path, base_uri: str) -> tuple[int, dict[str, PracticeState], PreviousNames]:
    """One pass over the previous ``bdp.nt``: its triples, each practice's state and names."""
    root = f"<{base_uri}id/practice/"
    root_bytes = root.encode("utf-8")
    hashes: dict[str, Any] = {}
    modified: dict[str, str] = {}
    by_source: dict[str, str] = {}
    by_id: dict[str, str] = {}
    triples = 0
    with path.open("rb") as handle:
        for raw in handle:
            triples += 1
            if not raw.startswith(root_bytes):
                continue
            line = raw.decode("utf-8")
            cut = line.index(">")
            subject = line[1:cut]
            key = subject[len(root) - 1:].partition("/")[0]
            practice = subject[:len(root) - 1] + key
            own = len(subject) == len(practice)
            if own and line.startswith(_MODIFIED, cut + 2):
                modified[practice] = line[cut + 2 + len(_MODIFIED) + 2:].partition('"')[0]
                continue
            digest = hashes.get(practice)
            if digest is None:
                digest = hashes[practice] = hashlib.sha256()
            digest.update(raw)
            if own and line.startswith(_SOURCE, cut + 2):
                by_source.setdefault(line[cut + 3 + len(_SOURCE) + 1:].partition(">")[0], practice)
            elif own and line.startswith(_IDENTIFIER, cut + 2):
                identifier = next(read_ntriples([line]))[2]
                if isinstance(identifier, Lit):
                    by_id.setdefault(identifier.value, practice)
    states = {iri: PracticeState(h.digest(), modified.get(iri)) for iri, h in hashes.items()}
    return triples, states, PreviousNames(by_source=by_source, by_id=by_id)


def read_previous(folder: str | os.PathLike[str], base_uri: str) -> PreviousEdition:
    """The publication in ``folder``, checked as the one an edition under ``base_uri`` follows.

    Raises `bdp_lod.errors.InputError` when it is not a publication, is damaged (a file that does
    not match ``SHA256SUMS``), or is one of another dataset or base URI.
    """
    path = Path(folder)
    if not path.is_dir():
        raise _not_a_publication(path, "no such folder", "nie ma takiego folderu")
    sums = read_checksums(path)
    catalog_file = _checked(path, sums, CATALOG, required=True)
    assert catalog_file is not None
    catalog = _catalog(path, catalog_file, base_uri)
    edition_file = _checked(path, sums, EDITION_FILE, required=False)
    dump = _checked(path, sums, NTRIPLES, required=True)
    assert dump is not None
    retired = _retired(_checked(path, sums, RETIRED_FILE, required=False))
    dataset = URIRef(f"{base_uri}data/{DATASET_ID}")
    issued: date | None
    modified: date | None
    if edition_file is not None:
        described = _edition_file(edition_file, base_uri)
        number, issued, modified = described.edition, described.issued, described.modified
        editions = _editions(base_uri, catalog)
    else:
        number, issued, modified = 1, _date(catalog.value(dataset, DCTERMS.issued)), _date(catalog.value(dataset, DCTERMS.modified))
        editions = _first_edition(base_uri, catalog)
    try:
        triples, states, names = _read_dump(dump, base_uri)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"not the N-Triples a publication writes: {exc}", file=str(dump),
                         pl=f"to nie są N-Triples, jakie zapisuje publikacja: {exc}") from None
    return PreviousEdition(
        folder=path, base_uri=base_uri, number=number, issued=issued, modified=modified, sha256=sums[NTRIPLES],
        triples=triples, practices=states, names=names, editions=editions, retired=retired,
    )
