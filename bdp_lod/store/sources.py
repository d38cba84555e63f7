"""What `push` sends: RDF files read as streams, and the plan for a published folder.

A file is read three ways, never whole: parsed once to count its triples (which also rejects a
malformed file before the store sees it) while its SHA-256 is taken from the same bytes, then
streamed to the store as an open file, or, when gzipped, as a generator of decompressed chunks.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, Mapping, Protocol, cast

import pyoxigraph as ox

from ..errors import InputError
from ..publish.folder import CHECKSUMS, file_sha256, read_checksums
from ..vocab import DCAT, RDF

__all__ = ["DumpSource", "PublishedFolder", "Upload", "folder_uploads", "plan_uploads"]

_CHUNK = 1 << 16

FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    ".nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    ".ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    ".rdf": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
}
"""Triple formats a Graph Store accepts into one graph, by extension (quad formats have no place here)."""

DATA_DUMPS = ("bdp.nt", "bdp.nt.gz")
"""The published data dump to upload, in order of preference: N-Triples is the cheapest for a
store to load, and `publish` always writes it."""
CATALOG = "catalog.ttl"
VOID = "void.ttl"


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _HashingReader:
    """A binary stream that feeds every byte it hands out into a SHA-256."""

    def __init__(self, raw: Readable):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.sha256.update(chunk)
        return chunk

    def drain(self) -> str:
        """Hash what a parser left unread; the hex digest of the whole file."""
        while self.read(_CHUNK):
            pass
        return self.sha256.hexdigest()


@dataclass(frozen=True)
class DumpSource:
    """One RDF file to upload, with the SHA-256 a published folder promises for it."""

    path: Path
    expected_sha256: str | None = None

    def __post_init__(self) -> None:
        if self._suffix not in FORMATS:
            raise InputError(
                f"cannot tell the RDF format from the name: use {', '.join(FORMATS)} (optionally .gz)",
                file=str(self.path),
                pl=f"nie da się rozpoznać formatu RDF po nazwie: użyj {', '.join(FORMATS)} (ewentualnie .gz)",
            )

    @property
    def gzipped(self) -> bool:
        return self.path.suffix.lower() == ".gz"

    @property
    def _suffix(self) -> str:
        """The extension that names the RDF format, under any ``.gz``."""
        name = self.path.name[:-3] if self.gzipped else self.path.name
        return Path(name).suffix.lower()

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return FORMATS[self._suffix][0]

    @property
    def media_type(self) -> str:
        """The type of what is sent: a gzipped file is decompressed on the way."""
        return FORMATS[self._suffix][1]

    def open_body(self) -> io.BufferedIOBase | Iterator[bytes]:
        """A fresh body for one upload attempt: the open file, or its decompressed chunks.

        Decompressing here rather than sending ``Content-Encoding: gzip`` keeps to what every
        Graph Store understands; request-body compression is not part of the protocol.
        """
        handle = self._open()
        return self._chunks(handle) if self.gzipped else handle

    def _chunks(self, handle: io.BufferedIOBase) -> Iterator[bytes]:
        with handle:
            while chunk := handle.read(_CHUNK):
                yield chunk

    def _open(self) -> io.BufferedIOBase:
        try:
            return gzip.open(self.path, "rb") if self.gzipped else self.path.open("rb")
        except OSError as exc:
            raise self._unreadable(exc.strerror or str(exc)) from None

    def _unreadable(self, reason: str) -> InputError:
        return InputError(f"cannot read: {reason}", file=str(self.path), pl=f"nie można odczytać: {reason}")

    def count(self) -> int:
        """Triples in the file (as written, duplicates included), after checking its SHA-256.

        One streaming pass: the parser pulls the bytes through the hash. A file that does not
        parse, or does not match its checksum, is refused here, before any upload; when both,
        the checksum is named, since a changed file explains the broken syntax.
        """
        try:
            raw = self.path.open("rb")
        except OSError as exc:
            raise self._unreadable(exc.strerror or str(exc)) from None
        with raw:
            hashing = _HashingReader(raw)
            # GzipFile and pyoxigraph only ever call read() on what they are given, going forward.
            stream: Readable = gzip.GzipFile(fileobj=cast(IO[bytes], hashing), mode="rb") if self.gzipped else hashing
            try:
                triples = sum(1 for _ in self._parse(stream))
            except InputError:
                self._check(hashing.drain())
                raise
            self._check(hashing.drain())
        return triples

    def _check(self, digest: str) -> None:
        if self.expected_sha256 is not None and digest != self.expected_sha256:
            raise _mismatch(self.path, self.expected_sha256, digest)

    def triples(self) -> Iterator[ox.Triple]:
        """The file's triples, streamed (for counting distinct ones when the plain count is off)."""
        with self._open() as stream:
            yield from self._parse(stream)

    def _parse(self, stream: Readable) -> Iterator[ox.Triple]:
        """Triples as parsed; a named graph (possible in JSON-LD) cannot go into one graph."""
        try:
            for quad in ox.parse(cast(IO[bytes], stream), format=self.rdf_format):
                if not isinstance(quad.graph_name, ox.DefaultGraph):
                    raise InputError(
                        f"holds the named graph {quad.graph_name}: push loads triples into one graph",
                        file=str(self.path),
                        pl=f"zawiera nazwany graf {quad.graph_name}: push wczytuje trójki do jednego grafu",
                    )
                yield quad.triple
        except SyntaxError as exc:
            raise InputError(
                f"not valid RDF: {exc.msg}", file=str(self.path), line=exc.lineno,
                pl=f"niepoprawny RDF: {exc.msg}",
            ) from None
        except (OSError, EOFError, zlib.error) as exc:
            raise self._unreadable(str(exc)) from None


@dataclass(frozen=True)
class Upload:
    """One file into one graph (None: the store's default graph)."""

    source: DumpSource
    graph: str | None


@dataclass(frozen=True)
class PublishedFolder:
    """A folder written by ``bdp-lod publish``: its data dump and the IRIs its catalog names."""

    folder: Path
    data: DumpSource
    metadata: tuple[DumpSource, ...]
    dataset_iri: str
    catalog_iri: str
    checksums: Mapping[str, str]
    """``SHA256SUMS``: file name → SHA-256."""

    def listed(self, name: str) -> DumpSource:
        """A file of the folder with the SHA-256 ``SHA256SUMS`` promises; unlisted is an incomplete folder."""
        return _listed(self.folder, self.checksums, name)

    def verified(self, name: str) -> Path:
        """A file that is listed and matches ``SHA256SUMS``, hashed but not parsed (any kind of file)."""
        source = self.folder / name
        expected = _listed_sha256(self.folder, self.checksums, name)
        try:
            digest = file_sha256(source)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", file=str(source),
                             pl=f"nie można odczytać: {exc.strerror or exc}") from None
        if digest != expected:
            raise _mismatch(source, expected, digest)
        return source

    @classmethod
    def read(cls, folder: Path) -> PublishedFolder:
        sums = read_checksums(folder)

        def listed(name: str) -> DumpSource:
            return _listed(folder, sums, name)

        dump = next((name for name in DATA_DUMPS if (folder / name).is_file()), None)
        if dump is None or not (folder / CATALOG).is_file():
            raise InputError(
                f"not a published folder: it needs {' or '.join(DATA_DUMPS)}, {CATALOG} and {CHECKSUMS}",
                file=str(folder),
                pl=f"to nie jest folder publikacji: potrzebne są {' lub '.join(DATA_DUMPS)}, {CATALOG} i {CHECKSUMS}",
            )
        catalog = listed(CATALOG)
        metadata = (catalog, listed(VOID)) if (folder / VOID).is_file() else (catalog,)
        catalog_iri, dataset_iri = _catalog_and_dataset(catalog)
        return cls(
            folder=folder, data=listed(dump), metadata=metadata, dataset_iri=dataset_iri, catalog_iri=catalog_iri,
            checksums=sums,
        )


def _listed(folder: Path, sums: Mapping[str, str], name: str) -> DumpSource:
    return DumpSource(folder / name, expected_sha256=_listed_sha256(folder, sums, name))


def _listed_sha256(folder: Path, sums: Mapping[str, str], name: str) -> str:
    if name not in sums:
        raise InputError(
            f"{name} is not listed in {CHECKSUMS}: the folder is incomplete or was changed",
            file=str(folder),
            pl=f"{name} nie figuruje w {CHECKSUMS}: folder jest niekompletny albo zmieniony",
        )
    return sums[name]


def _mismatch(path: Path, expected: str, found: str) -> InputError:
    return InputError(
        f"does not match its SHA-256 in {CHECKSUMS} (expected {expected}, found {found})",
        file=str(path),
        pl=f"nie zgadza się z sumą SHA-256 w {CHECKSUMS} (oczekiwano {expected}, jest {found})",
    )


def _catalog_and_dataset(catalog: DumpSource) -> tuple[str, str]:
    """The IRIs of the one catalog ``catalog.ttl`` names and of the one dataset it lists
    (``dcat:dataset``): an edition's catalog also describes each edition as a ``dcat:Dataset``,
    a version of the one it lists. The file is small and parsed once."""
    triples = list(catalog.triples())

    def typed(cls: str) -> set[str]:
        return {t.subject.value for t in triples if t.predicate.value == str(RDF.type) and t.object == ox.NamedNode(cls)
                and isinstance(t.subject, ox.NamedNode)}

    def the_one(found: set[str], cls: str) -> str:
        if len(found) != 1:
            raise InputError(
                f"expected one <{cls}> with an IRI, found {len(found)}: name the graphs with --graph and --catalog-graph",
                file=str(catalog.path),
                pl=f"oczekiwano jednego <{cls}> z IRI, jest {len(found)}: podaj grafy w --graph i --catalog-graph",
            )
        return found.pop()

    catalog_iri = the_one(typed(str(DCAT.Catalog)), str(DCAT.Catalog))
    listed = {t.object.value for t in triples if t.subject == ox.NamedNode(catalog_iri)
              and t.predicate.value == str(DCAT.dataset) and isinstance(t.object, ox.NamedNode)}
    return catalog_iri, the_one(typed(str(DCAT.Dataset)) & listed, str(DCAT.Dataset))


def plan_uploads(source: Path, *, graph: str | None, catalog_graph: str | None) -> list[Upload]:
    """The uploads ``push`` makes, in order: the data first, so a catalog never runs ahead of it.

    A file goes into ``graph`` (the default graph when None). A published folder sends its
    N-Triples dump into ``graph`` (by default the dataset IRI its catalog names) and
    ``catalog.ttl`` plus ``void.ttl`` into ``catalog_graph`` (by default the catalog's IRI), the
    graph a DCAT harvester's SPARQL CONSTRUCT reads; the two may be the same graph.
    The files are not checked here: ``push`` counts (and so verifies) every one before the first
    upload.
    """
    if source.is_dir():
        return folder_uploads(PublishedFolder.read(source), graph=graph, catalog_graph=catalog_graph)
    if catalog_graph is not None:
        raise InputError(
            "--catalog-graph applies to a published folder, not to a single file", file=str(source),
            pl="--catalog-graph dotyczy folderu publikacji, nie pojedynczego pliku",
        )
    if not source.is_file():
        raise InputError("no such file or folder", file=str(source), pl="nie ma takiego pliku ani folderu")
    return [Upload(DumpSource(source), graph)]


def folder_uploads(published: PublishedFolder, *, graph: str | None, catalog_graph: str | None) -> list[Upload]:
    """A published folder's uploads (see `plan_uploads`)."""
    data_graph = graph or published.dataset_iri
    meta_graph = catalog_graph or published.catalog_iri
    return [Upload(published.data, data_graph)] + [Upload(m, meta_graph) for m in published.metadata]
