"""The JSON-LD dump: one plain-JSON object per practice, compacted with the project's context.

A web developer should be able to read ``bdp.jsonld`` without knowing RDF:
``practice["implementedBy"]["address"]["postCode"]``. So each practice is one object that
embeds the nodes its own triples describe (institution and address, contacts, activities), and
the keys are the terms of ``vocab/context.jsonld``.

Decisions (docs/publishing.md):

* **The context is embedded**, not referenced by URL. The file is then complete in itself: no
  processor has to fetch ``https://w3id.org/bdp/def/context.jsonld`` (not yet registered) and
  harvesters that never fetch remote contexts read it the same way. The same context is
  published beside it as ``context.jsonld`` for developers who want to reuse it.
* **Embedding** follows the practice's own triples breadth-first from the practice: a node is
  written in full where it is nearest to the practice, and as its IRI everywhere else.
* **Shared nodes are written once.** Units and territories (`SHARED_CLASSES`) are never
  embedded: thousands of practices share a few thousand of them, so practices and institutions
  name them by IRI and each is written once, after the practices, as a top-level object with
  what only it reaches (its TERC identifiers) embedded. So is any other node a practice's
  triples describe but cannot reach.
* **Compaction is done here**, not by PyLD, which runs at about 140 triples a second
  (docs/performance.md). A value uses a term only when the term's definition reproduces it exactly on
  expansion (an ``@id`` term for IRIs, a ``@language`` map for tagged text, a term typed with
  the value's datatype); anything else is written under the compact IRI of its property with an
  explicit ``@value``/``@type`` (``"dcat:startDate": {"@value": "2023-01", "@type":
  "xsd:gYearMonth"}``), so expanding the file gives back exactly the triples of the other dumps.
* Layout: the context, then ``@graph`` with one node a line, practices in IRI order, each
  object's ``id`` and ``type`` first and then its keys in sorted order, arrays sorted.
"""

from __future__ import annotations

import json
from collections import Counter, deque
from typing import IO, AbstractSet, Any, Iterable, Mapping, NamedTuple

from ..vocab import BDP, CV, data_file
from .blocks import RDF_TYPE, XSD_STRING, Lit, Row, Term

__all__ = ["CONTEXT", "SHARED_CLASSES", "Compactor", "JsonLdWriter", "Rendered", "Renderer", "context", "context_header"]

CONTEXT = "context.jsonld"


def context() -> dict[str, Any]:
    """The ``@context`` object of the shipped ``vocab/context.jsonld``."""
    with data_file("vocab", CONTEXT).open(encoding="utf-8") as handle:
        found: dict[str, Any] = json.load(handle)["@context"]
    return found

_KEYWORD_ALIASES = ("@id", "@type")


class Compactor:
    """Chooses keys and value forms from a JSON-LD context's term definitions."""

    def __init__(self, context: Mapping[str, Any]) -> None:
        self.context = context
        self._prefixes: dict[str, str] = {}
        self.aliases = {"@id": "@id", "@type": "@type"}
        definitions: dict[str, dict[str, Any]] = {}
        for term, definition in context.items():
            if term.startswith("@"):
                continue
            if isinstance(definition, str):
                if definition in _KEYWORD_ALIASES:
                    self.aliases[definition] = term
                elif definition.endswith(("/", "#")):
                    self._prefixes[definition] = term
                else:
                    definitions[term] = {"@id": definition}
            elif isinstance(definition, dict) and "@id" in definition:
                definitions[term] = definition
        self._id_terms: dict[str, str] = {}
        self._language_terms: dict[str, str] = {}
        self._typed_terms: dict[tuple[str, str], str] = {}
        self._plain_terms: dict[str, str] = {}
        self._class_terms: dict[str, str] = {}
        for term in sorted(definitions):
            definition = definitions[term]
            iri = self.expand(definition["@id"])
            container, type_ = definition.get("@container"), definition.get("@type")
            if set(definition) == {"@id"}:
                self._class_terms.setdefault(iri, term)
                self._plain_terms.setdefault(iri, term)
            elif container == "@language" and type_ is None and "@language" not in definition:
                self._language_terms.setdefault(iri, term)
            elif container is None and type_ == "@id":
                self._id_terms.setdefault(iri, term)
            elif container is None and type_ is not None and "@language" not in definition:
                self._typed_terms.setdefault((iri, self.expand(type_)), term)
        self._compact_iris: dict[str, str] = {}

    def expand(self, value: str) -> str:
        """A compact IRI of the context (``dcterms:title``) as an absolute IRI."""
        prefix, colon, local = value.partition(":")
        if colon and not local.startswith("//"):
            for namespace, name in self._prefixes.items():
                if name == prefix:
                    return namespace + local
        return value

    def compact_iri(self, iri: str) -> str:
        """``prefix:local`` when a prefix of the context covers ``iri``, else ``iri`` itself."""
        known = self._compact_iris.get(iri)
        if known is None:
            cut = max(iri.rfind("#"), iri.rfind("/")) + 1
            prefix = self._prefixes.get(iri[:cut])
            known = f"{prefix}:{iri[cut:]}" if prefix and iri[cut:] else iri
            if len(self._compact_iris) < 10_000:
                self._compact_iris[iri] = known
        return known

    def type_name(self, iri: str) -> str:
        return self._class_terms.get(iri) or self.compact_iri(iri)

    def iri_key(self, predicate: str) -> tuple[str, bool]:
        """The key for an IRI value, and whether the value may be written as a bare string."""
        term = self._id_terms.get(predicate)
        if term is not None:
            return term, True
        return self._plain_terms.get(predicate) or self.compact_iri(predicate), False

    def literal(self, predicate: str, lit: Lit) -> tuple[str, str | None, Any]:
        """(key, language map tag or None, value) for a literal."""
        if lit.language:
            term = self._language_terms.get(predicate)
            if term is not None:
                return term, lit.language, lit.value
            key = self._plain_terms.get(predicate) or self.compact_iri(predicate)
            return key, None, {"@value": lit.value, "@language": lit.language}
        term = self._typed_terms.get((predicate, lit.datatype))
        if term is not None:
            return term, None, lit.value
        if lit.datatype == XSD_STRING:
            key = self._plain_terms.get(predicate) or self.compact_iri(predicate)
            return key, None, lit.value
        key = self._plain_terms.get(predicate) or self.compact_iri(predicate)
        return key, None, {"@value": lit.value, "@type": self.compact_iri(lit.datatype)}


def _sort_key(value: Any) -> tuple[str, str]:
    if isinstance(value, dict):
        return (str(value.get("@id", value.get("id", value.get("@value", "")))), json.dumps(value, sort_keys=True))
    return (str(value), "")


class _Node:
    __slots__ = ("iri", "properties")

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.properties: list[tuple[str, Term]] = []


SHARED_CLASSES = frozenset({str(BDP.LocalGovernmentUnit), str(CV.AdminUnit)})
"""Nodes of these classes (the register's bodies and territories) are written once, at the top
level, and practices refer to them by IRI: thousands of practices share a few thousand units."""

Properties = tuple[tuple[str, Term], ...]
"""A node's (predicate, object) pairs."""


class Rendered(NamedTuple):
    """One practice made ready for the file: its JSON text and the nodes it leaves to `close`."""

    json: str
    shared: list[tuple[str, Properties]]
    """Nodes written at the top level instead (`SHARED_CLASSES`, and what only they reach), as
    this practice describes them; omitted when the same renderer saw the same description last."""


class Renderer:
    """Turns one practice's triples into its JSON object: a pure function of the triples, so
    practices can be rendered in worker processes and written in order by the parent."""

    LEAVES = 10_000

    def __init__(
        self, context: Mapping[str, Any], shared_classes: frozenset[str] = SHARED_CLASSES, *, leaves: bool = False,
    ) -> None:
        """With ``leaves``, the text of a node that embeds nothing is made once for its
        description (the last `LEAVES` of them are remembered): what a writer of many small
        documents asks for, whose documents name the same properties, classes and units."""
        self._compactor = Compactor(context)
        self._id = self._compactor.aliases["@id"]
        self._type = self._compactor.aliases["@type"]
        self._shared_classes = shared_classes
        self._last: dict[str, Properties] = {}
        self._leaves: dict[tuple[str, tuple[tuple[str, Term], ...]], str] | None = {} if leaves else None

    def practice(self, root: str, rows: Iterable[Row]) -> Rendered:
        """The practice ``root`` from its own triples ``rows``."""
        nodes: dict[str, _Node] = {}
        shared: set[str] = set()
        classes = self._shared_classes
        for s, p, o in rows:  # nodes and `shared` in one pass: this runs for every triple
            node = nodes.get(s)
            if node is None:
                node = nodes[s] = _Node(s)
            node.properties.append((p, o))
            if p == RDF_TYPE and o in classes:
                shared.add(s)
        if root not in nodes:
            raise ValueError(f"no triple describes the practice {root}")
        embedded = _embedding(root, nodes, shared)
        text = self.dumps(root, nodes, embedded)
        left: list[tuple[str, Properties]] = []
        for iri, node in nodes.items():
            if iri in embedded or iri == root:
                continue
            arrival = tuple(node.properties)
            if self._last.get(iri) != arrival:
                self._last[iri] = arrival
                left.append((iri, arrival))
        return Rendered(text, left)

    def shared(self, nodes: Mapping[str, _Node]) -> set[str]:
        """The nodes of `SHARED_CLASSES` among ``nodes``."""
        return {
            iri for iri, node in nodes.items()
            if any(p == RDF_TYPE and o in self._shared_classes for p, o in node.properties)
        }

    def dumps(self, root: str, nodes: Mapping[str, _Node], embedded: Mapping[str, tuple[str, str]]) -> str:
        leaves = self._leaves
        if leaves is None or embedded:
            return json.dumps(self._render(root, nodes, embedded), ensure_ascii=False)
        key = (root, tuple(nodes[root].properties))
        text = leaves.get(key)
        if text is None:
            if len(leaves) >= self.LEAVES:
                leaves.clear()
            text = leaves[key] = json.dumps(self._render(root, nodes, embedded), ensure_ascii=False)
        return text

    def _render(self, iri: str, nodes: Mapping[str, _Node], embedded: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
        c = self._compactor
        out: dict[str, Any] = {self._id: iri}
        properties = dict.fromkeys(nodes[iri].properties)
        types = sorted(o for p, o in properties if p == RDF_TYPE and isinstance(o, str))
        if types:
            names = [c.type_name(t) for t in types]
            out[self._type] = names[0] if len(names) == 1 else names
        values: dict[str, list[Any]] = {}
        maps: dict[str, dict[str, list[str]]] = {}
        for p, o in properties:
            if p == RDF_TYPE and isinstance(o, str):
                continue
            if isinstance(o, Lit):
                key, language, value = c.literal(p, o)
                if language is not None:
                    maps.setdefault(key, {}).setdefault(language, []).append(value)
                    continue
            else:
                key, bare = c.iri_key(p)
                if embedded.get(o) == (iri, p):
                    value = self._render(o, nodes, embedded)
                else:
                    value = o if bare else {self._id: o}
            values.setdefault(key, []).append(value)
        for key, by_language in maps.items():
            values[key] = [{lang: _one(sorted(texts)) for lang, texts in sorted(by_language.items())}]
        for key in sorted(values):
            found = values[key]
            out[key] = found[0] if len(found) == 1 else sorted(found, key=_sort_key)
        return out


class JsonLdWriter:
    """Writes ``{"@context": …, "@graph": [...]}``: `write` each practice in the dump's order
    (as a `Renderer` made it), then `close`, which writes the shared nodes once each, merged
    from every practice's description of them."""

    def __init__(
        self, out: IO[bytes], context: Mapping[str, Any], shared_classes: frozenset[str] = SHARED_CLASSES, *,
        renderer: Renderer | None = None, header: bytes | None = None,
    ) -> None:
        """``renderer`` and ``header`` (of ``context``, from `context_header`) may be given by a
        caller that writes many small documents, so each does not rebuild them."""
        self._out = out
        self._renderer = renderer or Renderer(context, shared_classes)
        self._first = True
        self._shared: dict[str, dict[tuple[str, Term], None]] = {}
        out.write(header if header is not None else context_header(context))

    def write(self, rendered: Rendered) -> None:
        self._line(rendered.json)
        for iri, properties in rendered.shared:
            self.add_node(iri, properties)

    def add_node(self, iri: str, properties: Properties) -> None:
        """Take (part of) the description of a node that `close` writes at the top level: how a
        graph with no practice to hang its nodes on is written."""
        self._shared.setdefault(iri, {}).update(dict.fromkeys(properties))

    def close(self) -> None:
        """Write the shared nodes in IRI order, then what they leave (cycles); end the document."""
        nodes: dict[str, _Node] = {}
        for iri in sorted(self._shared):
            node = nodes[iri] = _Node(iri)
            node.properties = list(self._shared[iri])
        shared = self._renderer.shared(nodes)
        targets = {
            iri: {o for p, o in node.properties if o.__class__ is str and o != iri and p != RDF_TYPE}
            for iri, node in nodes.items()
        }
        pointed = Counter(o for found in targets.values() for o in found)

        def write(root: str) -> None:
            for iri in self._tree(root, nodes, shared):
                pointed.subtract(targets.pop(iri))

        for root in sorted(shared):
            write(root)
        while nodes:  # the first node (in IRI order) no other points at; the first of all in a cycle
            write(next((iri for iri in nodes if not pointed[iri]), next(iter(nodes))))
        self._out.write(b"\n  ]\n}\n")

    def _tree(self, root: str, nodes: dict[str, _Node], shared: AbstractSet[str]) -> tuple[str, ...]:
        """Write ``root`` with what it embeds, and forget them; returns what it forgot."""
        embedded = _embedding(root, nodes, shared)
        self._line(self._renderer.dumps(root, nodes, embedded))
        forgotten = (root, *embedded)
        for iri in forgotten:
            del nodes[iri]
        return forgotten

    def _line(self, text: str) -> None:
        self._out.write((("\n    " if self._first else ",\n    ") + text).encode("utf-8"))
        self._first = False


def context_header(context: Mapping[str, Any]) -> bytes:
    """A document's opening: the embedded context, one term a line, then ``"@graph": [``."""
    terms = ",".join(
        f"\n    {json.dumps(term, ensure_ascii=False)}: {json.dumps(definition, ensure_ascii=False)}"
        for term, definition in context.items()
    )
    return ('{\n  "@context": {' + terms + '\n  },\n  "@graph": [').encode("utf-8")


def _one(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _embedding(root: str, nodes: Mapping[str, _Node], shared: AbstractSet[str] = frozenset()) -> dict[str, tuple[str, str]]:
    """Node → the (subject, predicate) it is written under: breadth-first from ``root``,
    properties and values in sorted order, so the choice never depends on input order. Shared
    nodes other than the root are never embedded."""
    embedded: dict[str, tuple[str, str]] = {}
    queue = deque([root])
    while queue:
        subject = queue.popleft()
        for p, o in sorted((p, o) for p, o in nodes[subject].properties if o.__class__ is str and p != RDF_TYPE):
            if o in nodes and o != root and o not in embedded and o not in shared:
                embedded[o] = (subject, p)
                queue.append(o)
    return embedded
