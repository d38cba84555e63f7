"""Which URI maps to which file: the one place that decides it (docs/site.md §2).

The site writer puts files where :meth:`Layout.document` says, ``bdp-lod serve`` answers a
request by :meth:`Layout.locate`, and the generated Apache, nginx and w3id.org rules are
written from :data:`RULES`, the same mapping as regular expressions (a test holds the two to
each other on every resource of the examples and on generated keys).

Identifiers and documents are kept apart as W3C "Cool URIs for the Semantic Web" asks: a
practice is ``{base}id/practice/K``; its descriptions are the documents
``{base}doc/id/practice/S/K.html`` (Polish), ``….en.html``, ``….ttl``, ``….jsonld`` and
``….nt``, and looking the identifier up answers ``303 See Other`` to the one the client
accepts. The documents' URLs are the files' paths in the published folder, so pages link to
each other by relative paths that work on any plain web host, with or without the rules.

``S`` shards a collection (practices, units, areas, institutions, contacts) so that no folder
holds more than a few thousand entries at 100,000 practices: the key's last two characters, the
two before them, then its first two (``14/5-/sz`` for ``szkola-…-2019-05-14``, ``37/05/bd``
for ``bdp-0537``). Keys end in dates, TERC codes or record numbers, whose last characters
spread evenly where first letters and id prefixes do not ("pr" of "program", "projekt"; "bdp-"
of every BDP article); the first two split what one day of the year gathers. Keys shorter than
six characters go to ``_``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Final

__all__ = [
    "CATALOG",
    "DOCUMENTS",
    "INDEX",
    "Download",
    "Document",
    "Gone",
    "Identifier",
    "Layout",
    "Moved",
    "Retirement",
    "Rule",
    "RULES",
    "Target",
    "Variant",
    "shard",
]

DOCUMENTS: Final = "doc/"
"""Where every resource's documents live, beside the dumps in the published folder."""
CATALOG: Final = "id/catalog"
"""The catalog's identifier path; the base URI's RDF is the catalog's documents."""
INDEX: Final = "index"
"""The landing page: ``index.html`` (Polish) and ``index.en.html``, the base URI's own page."""
IDENTIFIER_ROOTS: Final = ("id", "def", "data")
"""First path segments under which the base mints identifiers (things, terms, the dataset)."""
_SHARDED: Final = "id"
"""Collections ``id/{kind}/{key}…`` are sharded; ``def/…`` (a few hundred terms) and the
unkeyed ``id/catalog``, ``id/publisher`` are not."""
_SHORT: Final = "_"


class Variant(Enum):
    """A document of a resource: its file extension and media type."""

    HTML = (".html", "text/html")
    HTML_EN = (".en.html", "text/html")
    TURTLE = (".ttl", "text/turtle")
    JSONLD = (".jsonld", "application/ld+json")
    NTRIPLES = (".nt", "application/n-triples")

    def __init__(self, extension: str, media_type: str) -> None:
        # attributes, not properties: a property of an Enum member costs a descriptor call, and
        # the site asks for an extension for every file it names (millions at 100,000 practices)
        self.extension = extension
        self.media_type = media_type

    @property
    def is_rdf(self) -> bool:
        return self not in (Variant.HTML, Variant.HTML_EN)


RDF_VARIANTS: Final = (Variant.TURTLE, Variant.JSONLD, Variant.NTRIPLES)


def shard(key: str) -> str:
    """The shard folders of a collection key: ``yz/wx/ab`` for ``ab…wxyz``, ``_`` when shorter than 6."""
    return f"{key[-2:]}/{key[-4:-2]}/{key[:2]}" if len(key) >= 6 else _SHORT


@dataclass(frozen=True)
class Identifier:
    """A request for a resource's identifier: answered with a 303 to one of its documents."""

    path: str
    """The identifier's path under the base (``id/practice/K``, ``def``, ``data/bdp``, ``""``)."""


@dataclass(frozen=True)
class Document:
    """A request for a file of the published folder (a resource's document, a page, a dump)."""

    file: str
    """Path of the file in the published folder, with ``/`` separators."""


@dataclass(frozen=True)
class Download:
    """A dump requested under the download base (``data/bdp/bdp.ttl``), kept at the folder's root."""

    file: str


Target = Identifier | Document | Download


@dataclass(frozen=True)
class Layout:
    """The URI rules of one publication, all relative to its ``base``."""

    base: str
    downloads: str | None = None
    """The download base when it lies under ``base`` (``{base}data/bdp/`` by default); the
    dumps sit at the folder's root, so requests there are served from the root."""

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")
        downloads = self.downloads if self.downloads is not None else f"{self.base}data/bdp/"
        if not downloads.endswith("/"):
            downloads += "/"
        object.__setattr__(self, "downloads", downloads)

    @property
    def download_prefix(self) -> str | None:
        """The download base relative to ``base``, or None when the dumps are served elsewhere."""
        assert self.downloads is not None
        return self.downloads[len(self.base):] if self.downloads.startswith(self.base) else None

    def path(self, iri: str) -> str | None:
        """The identifier path of an IRI the publication mints, or None for any other IRI.

        A hash IRI (``{base}def#Practice``) is described by the document of the IRI before the
        ``#``; the base itself has the path ``""`` (the landing page).
        """
        if not iri.startswith(self.base):
            return None
        path = iri[len(self.base):].partition("#")[0]
        if path == "" or path.split("/", 1)[0] in IDENTIFIER_ROOTS:
            return path
        return None

    def iri(self, path: str) -> str:
        return self.base + path

    def document(self, path: str, variant: Variant) -> str:
        """The file (and the URL under ``base``) of one document of the identifier ``path``.

        The landing page's RDF is the catalog's: the base URI is the catalog's landing page, and
        a linked-data client that looks it up wants the catalog.
        """
        if path == "":
            if variant.is_rdf:
                return self.document(CATALOG, variant)
            return INDEX + variant.extension
        return self._stem(path) + variant.extension

    @staticmethod
    def _stem(path: str) -> str:
        """The documents' file of a path other than the base's, without its extension."""
        parts = path.split("/")
        if parts[0] == _SHARDED and len(parts) >= 3:
            parts = [parts[0], parts[1], shard(parts[2]), *parts[2:]]
        return DOCUMENTS + "/".join(parts)

    def locate(self, request: str) -> Target | None:
        """What a request path under the base (no leading ``/``, percent-decoded) asks for.

        None when it can name nothing of the folder: a ``..``, ``.`` or empty segment, a
        backslash or a NUL never leaves the folder, whether or not a file of that name exists.
        """
        if "\\" in request or "\0" in request:
            return None
        if request == "":
            return Identifier("")
        segments = request.split("/")
        if any(s in ("", ".", "..") for s in segments):
            return None
        download = self._download(request)
        if download is not None:
            return download
        if segments[0] in IDENTIFIER_ROOTS:
            return Identifier(request)
        return Document(request)

    def file_of(self, iri: str, variant: Variant) -> str | None:
        """The file that answers ``iri`` for a client wanting ``variant``: a dump for a download
        URL, else the identifier's document; None for an IRI of no publication of this base."""
        path = self.path(iri)
        if path is None:
            return None
        download = self._download(path)
        return download.file if download is not None else self.document(path, variant)

    def _download(self, request: str) -> Download | None:
        """The dump ``request`` names, if it names one: a file name under the download prefix.
        Asked for each of some hundred thousand links the pages make, few of them dumps, so it
        does nothing else of `locate`'s; the segments it rejects are the ones `locate` does."""
        prefix = self.download_prefix
        if not prefix or not request.startswith(prefix):
            return None
        name = request[len(prefix):]
        if "/" in name or "." not in name or name in (".", "..") or "\\" in name or "\0" in name:
            return None
        return Download(name)

    def variants(self, path: str) -> dict[Variant, str]:
        """Every document of an identifier, by variant."""
        if path == "":
            return {variant: self.document(path, variant) for variant in Variant}
        stem = self._stem(path)
        return {variant: stem + variant.extension for variant in Variant}


@dataclass(frozen=True)
class Gone:
    """A withdrawn identifier, or one of its documents: ``410 Gone``, with the tombstone's document."""

    path: str
    """The withdrawn identifier's path; its tombstone's documents are `Layout.document` of it."""
    variant: Variant | None
    """The document asked for; None for the identifier itself, whose document is negotiated."""


@dataclass(frozen=True)
class Moved:
    """A renamed identifier, or one of its documents: ``301 Moved Permanently`` to the same of
    the identifier that replaces it."""

    location: str
    """The new identifier's path (with its ``#fragment``), or the file of its document of the
    same variant, under the base; the new IRI itself when it is not of this base (``external``)."""
    external: bool = False


class Retirement:
    """The identifiers earlier editions minted and this one does not (``retired.ttl``,
    docs/site.md §11), and what a request for one of them, or for one of their documents, is
    answered: a withdrawn one is gone (its documents are its tombstone's), a renamed one has
    moved to the identifier that replaces it.

    A chain of renamings (A became B in one edition, B became C in the next) is followed to its
    end, so every old name answers with one hop to the newest; a chain that comes back to where
    it started is cut where it would.
    """

    def __init__(self, layout: Layout, withdrawn: Iterable[str] = (), renamed: Mapping[str, str] | None = None) -> None:
        """``withdrawn`` are IRIs; ``renamed`` maps an old IRI to the one that replaces it. IRIs
        of no publication of this base are left out: nothing here can answer for them."""
        self.layout = layout
        gone = {path for path in map(layout.path, withdrawn) if path}
        replaced = {path: new for old, new in (renamed or {}).items() if (path := layout.path(old))}
        self.withdrawn: tuple[str, ...] = tuple(sorted(gone - set(replaced)))
        """The withdrawn identifiers' paths, sorted."""
        self.renamed: dict[str, str] = {path: self._last(new, replaced) for path, new in sorted(replaced.items())}
        """Old identifier path → the IRI that replaces it at the end of its chain, by old path."""
        self._gone = frozenset(self.withdrawn)
        self._documents: dict[str, tuple[str, Variant]] = {
            file: (path, variant) for path in (*self.withdrawn, *self.renamed)
            for variant, file in layout.variants(path).items()
        }

    def _last(self, iri: str, replaced: Mapping[str, str]) -> str:
        seen: set[str] = set()
        while (path := self.layout.path(iri)) in replaced and path not in seen:
            seen.add(path)  # type: ignore[arg-type]  # in replaced: a path, not None
            iri = replaced[path]  # type: ignore[index]  # in replaced: a path, not None
        return iri

    def __bool__(self) -> bool:
        return bool(self.withdrawn or self.renamed)

    def _moved(self, iri: str, variant: Variant | None) -> Moved:
        path = self.layout.path(iri)
        if path is None:
            return Moved(iri, external=True)
        if variant is None:
            return Moved(iri[len(self.layout.base):])
        return Moved(self.layout.document(path, variant))

    def locate(self, request: str) -> Gone | Moved | None:
        """What a request path under the base (as `Layout.locate` takes it) is answered, when
        it names a retired identifier or one of its documents; None for any other request."""
        if request in self.renamed:
            return self._moved(self.renamed[request], None)
        known = self._documents.get(request)
        if known is not None:
            path, variant = known
            return self._moved(self.renamed[path], variant) if path in self.renamed else Gone(path, variant)
        if request in self._gone:
            return Gone(request, None)
        return None

    def moves(self) -> Iterator[tuple[str, Moved]]:
        """Every request a renaming answers with a redirect: each old identifier and each of its
        documents, with where it moved; for web servers' rules."""
        for path, new in self.renamed.items():
            yield path, self._moved(new, None)
            for variant, file in self.layout.variants(path).items():
                yield file, self._moved(new, variant)


@dataclass(frozen=True)
class Rule:
    """One identifier → document rule as a regular expression, for web servers' configurations.

    ``pattern`` matches an identifier path under the base (no leading ``/``); ``target`` is the
    document path without its extension, with ``$1``-style groups as Apache and nginx write them.
    """

    pattern: str
    target: str

    def apply(self, path: str) -> str | None:
        match = re.fullmatch(self.pattern, path)
        if match is None:
            return None
        return re.sub(r"\$(\d)", lambda m: match.group(int(m.group(1))) or "", self.target)


RULES: Final[tuple[Rule, ...]] = (
    Rule(r"^id/([^/]+)/(([^/]{2})[^/]*([^/]{2})([^/]{2}))(/.*)?$", DOCUMENTS + "id/$1/$5/$4/$3/$2$6"),
    Rule(r"^id/([^/]+)/([^/]{1,5})(/.*)?$", DOCUMENTS + "id/$1/" + _SHORT + "/$2$3"),
    Rule(r"^((?:id|def|data)(?:/.*)?)$", DOCUMENTS + "$1"),
)
"""The identifier → document mapping of :meth:`Layout.document`, first match wins (the landing
page and the catalog's RDF are written out by the configuration generators themselves)."""
