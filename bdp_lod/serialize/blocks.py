"""The N-Triples and Turtle dumps, written from the mapping's triples without an RDF graph.

rdflib's Turtle writer grows quadratically with the subjects of this data and any in-memory
graph costs about 1 KB a triple (docs/performance.md), so a publication keeps the data in the form
the dumps are made of: one block of N-Triples lines per subject, kept as UTF-8 bytes.

* **N-Triples** is the blocks in sorted subject order, each block's lines sorted: the file is
  exactly what ``LC_ALL=C sort -u`` makes of it, so two releases diff line by line.
* **Turtle** is the same blocks, each rewritten as one Turtle statement: ``a`` first, then the
  predicates in the N-Triples order, names shortened with the project's prefixes where the local
  part is a plain name, integers and booleans bare, everything else as N-Triples writes it
  (which Turtle accepts), one blank line between subjects.

Both are pure functions of the set of triples: no blank nodes (the mapping mints IRIs for every
node), no dates, no dependence on the order practices arrive in. An IRI that N-Triples cannot
write, or a blank node, is a bug upstream and raises `ValueError` rather than writing a file
other tools would reject.
"""

from __future__ import annotations

import re
from typing import IO, Callable, Iterable, Iterator, Mapping, NamedTuple, Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..vocab import PREFIXES, RDF, XSD

__all__ = [
    "Block", "BlockMaker", "Grouped", "Lit", "Row", "RowMaker", "SortedBlocks", "SubjectBlocks", "Term", "TurtleNames", "subject_block", "turtle_statement",
    "nt_line", "nt_term", "parse_term", "read_ntriples", "rows_of", "turtle_prefixes", "write_ntriples",
    "write_statements", "write_turtle",
]

XSD_STRING = str(XSD.string)
XSD_INTEGER = str(XSD.integer)
XSD_BOOLEAN = str(XSD.boolean)
RDF_TYPE = str(RDF.type)
RDF_LANG_STRING = str(RDF.langString)


class Lit(NamedTuple):
    """A literal as the dumps need it: its lexical form, language tag and datatype IRI."""

    value: str
    language: str | None
    datatype: str
    """``xsd:string`` for a plain literal, ``rdf:langString`` for a tagged one."""


Term = str | Lit
"""An object: an IRI (a plain ``str``) or a `Lit`."""
Row = tuple[str, str, Term]
"""A triple with an IRI subject and predicate, as plain Python values."""


_new = tuple.__new__


def _lit(node: Literal) -> Lit:
    language = node.language
    if language:
        return _new(Lit, (str(node), language, RDF_LANG_STRING))
    datatype = node.datatype
    return _new(Lit, (str(node), None, XSD_STRING if datatype is None else str(datatype)))


def _row(s: Node, p: Node, o: Node) -> Row:
    """One mapping triple as a `Row`; a blank node raises `ValueError`.

    The ``__class__`` tests come first because rdflib's ``isinstance`` checks are slow and this
    runs once per triple of the database.
    """
    if (s.__class__ is not URIRef and not isinstance(s, URIRef)) or (
        p.__class__ is not URIRef and not isinstance(p, URIRef)
    ):
        raise ValueError(f"dumps hold IRI subjects and predicates only, not {s!r} {p!r}")
    kind = o.__class__
    if kind is URIRef:
        return str(s), str(p), str(o)
    if kind is Literal or isinstance(o, Literal):
        return str(s), str(p), _lit(o)  # type: ignore[arg-type]  # o is a Literal here: IRIs and blank nodes returned above
    if isinstance(o, URIRef):
        return str(s), str(p), str(o)
    raise ValueError(f"dumps hold no blank nodes: {s} {p} {o!r}")


def rows_of(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[Row]:
    """Mapping triples (rdflib terms) as `Row`s; a blank node raises `ValueError`."""
    for s, p, o in triples:
        yield _row(s, p, o)


class RowMaker:
    """`rows_of` for a stream of practices, converting each shared triple once.

    The mapping builds the triples of a unit, an office and its contacts once and hands the
    very same tuples to every practice that names them (`bdp_lod.mapping`), so a triple seen
    before is recognised by identity and its row reused. Only triples outside the practices'
    own namespace are remembered (a practice's own triples never come back), each held with its
    row so that its ``id`` cannot be reused while remembered; at most `LIMIT` of them.
    Reused rows are the same objects too, which makes the comparisons downstream cheap.
    """

    LIMIT = 200_000

    def __init__(self, practice_root: str) -> None:
        self._root = practice_root
        self._seen: dict[int, tuple[object, Row]] = {}

    def rows(self, triples: Iterable[tuple[Node, Node, Node]]) -> list[Row]:
        seen, root = self._seen, self._root
        out: list[Row] = []
        for triple in triples:
            known = seen.get(id(triple))
            if known is not None:
                out.append(known[1])
                continue
            row = _row(*triple)
            if not row[0].startswith(root):
                if len(seen) >= self.LIMIT:
                    seen.clear()
                seen[id(triple)] = (triple, row)
            out.append(row)
        return out


# --- N-Triples --------------------------------------------------------------------------------

_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_TO_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_RARE = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")
_RARE_ESCAPES = {ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_RARE_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in (*_RARE_ESCAPES, 0x0A, 0x0D)})
_NAMED: dict[str, str] = {}
"""N-Triples forms of the IRIs that recur in every practice: predicates, datatypes, classes."""


def _iri(iri: str) -> str:
    if _NOT_IN_IRI.search(iri) or ":" not in iri:
        raise ValueError(f"not an absolute IRI N-Triples can write: {iri!r}")
    return f"<{iri}>"


def _named(iri: str) -> str:
    nt = _NAMED.get(iri)
    if nt is None:
        nt = _iri(iri)
        if len(_NAMED) < 10_000:
            _NAMED[iri] = nt
    return nt


def _quoted(text: str) -> str:
    if _TO_ESCAPE.search(text) is None:
        return f'"{text}"'
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if _RARE.search(text) is not None:
        text = text.translate(_RARE_ESCAPES)
    return f'"{text}"'


def nt_term(term: Term) -> str:
    """The N-Triples form of an object (canonical escapes: ``\\"``, ``\\\\``, ``\\n`` …)."""
    if not isinstance(term, Lit):
        return _iri(term)
    if term.language:
        if not _LANGUAGE_TAG.match(term.language):
            raise ValueError(f"not a language tag: {term.language!r}")
        return f"{_quoted(term.value)}@{term.language}"
    if term.datatype == XSD_STRING:
        return _quoted(term.value)
    return f"{_quoted(term.value)}^^{_named(term.datatype)}"


def _tail(p: str, o: Term) -> str:
    """Predicate, object and the full stop of a line."""
    if o.__class__ is str:
        return f"{_named(p)} {_named(o) if p == RDF_TYPE else _iri(o)} .\n"
    return f"{_named(p)} {nt_term(o)} .\n"


def nt_line(row: Row) -> str:
    return f"{_iri(row[0])} {_tail(row[1], row[2])}"


class Block(NamedTuple):
    """One subject's triples of one batch, formatted."""

    key: str
    """``<subject>``."""
    lines: bytes
    """Its N-Triples lines, sorted, UTF-8."""


class BlockMaker:
    """Formats batches of triples into `Block`s, one per subject.

    The nodes practices share (a unit, its territories, an institution) arrive again with each
    practice, usually as the very same triples; a subject that arrives exactly as this maker
    last saw it is left out before any line is formatted. `SubjectBlocks` is what makes the
    result exact: a maker only saves work. It remembers up to `RECENT` subjects, none that
    starts with ``unshared`` (a practice's own nodes, which never arrive twice: remembering
    them held about 150 MB of text per worker at 100,000 practices).
    """

    RECENT = 50_000

    def __init__(self, unshared: str | None = None) -> None:
        self._recent: dict[str, tuple[Row, ...]] = {}
        self._unshared = unshared

    def blocks(self, rows: Iterable[Row]) -> list[Block]:
        by_subject: dict[str, list[Row]] = {}
        for row in rows:
            group = by_subject.get(row[0])
            if group is None:
                by_subject[row[0]] = [row]
            else:
                group.append(row)
        out: list[Block] = []
        recent = self._recent
        unshared = self._unshared
        for subject, group in by_subject.items():
            if unshared is None or not subject.startswith(unshared):
                arrival = tuple(group)
                if recent.get(subject) == arrival:
                    continue
                if len(recent) >= self.RECENT:
                    recent.clear()
                recent[subject] = arrival
            out.append(subject_block(subject, group))
        return out


def subject_block(subject: str, rows: Iterable[Row]) -> Block:
    """The block of ``subject`` from its triples ``rows``."""
    key = _iri(subject)
    return Block(key, "".join(sorted({f"{key} {_tail(p, o)}" for _, p, o in rows})).encode("utf-8"))


class SortedBlocks(Protocol):
    """What the writers read: blocks in the dump's order, from memory (`SubjectBlocks`) or from
    sorted runs on disk (`bdp_lod.serialize.spill.SpilledBlocks`)."""

    def sorted_blocks(self) -> Iterator[tuple[str, bytes]]: ...


class SubjectBlocks:
    """Every distinct triple of a publication, as one block of sorted N-Triples per subject.

    Memory is the size of the N-Triples dump and a dictionary entry per subject.
    """

    def __init__(self) -> None:
        self._blocks: dict[str, bytes] = {}
        self._maker = BlockMaker()

    def __len__(self) -> int:
        return len(self._blocks)

    def add(self, rows: Iterable[Row]) -> None:
        """Take a batch of triples."""
        for block in self._maker.blocks(rows):
            self.add_block(block)

    def add_block(self, block: Block) -> None:
        """Take one subject's lines; what is held already is not held twice."""
        held = self._blocks.get(block.key)
        if held is None:
            self._blocks[block.key] = block.lines
        elif held != block.lines:
            lines = set(held.decode("utf-8").splitlines(keepends=True))
            lines.update(block.lines.decode("utf-8").splitlines(keepends=True))
            self._blocks[block.key] = "".join(sorted(lines)).encode("utf-8")

    def sorted_blocks(self) -> Iterator[tuple[str, bytes]]:
        """(``<subject>``, its N-Triples lines) in the dump's order."""
        for key in sorted(self._blocks):
            yield key, self._blocks[key]

    def rows(self) -> Iterator[Row]:
        """Every triple held, read back from its line (for summaries; in no set order)."""
        for key, block in self._blocks.items():
            subject, start = key[1:-1], len(key) + 1
            for line in block.decode("utf-8").splitlines():
                predicate, obj = _split(line, start)
                yield subject, predicate[1:-1], parse_term(obj)


def _split(line: str, start: int) -> tuple[str, str]:
    """(``<predicate>``, object as written) of a line whose subject takes ``start`` characters."""
    rest = line[start:-2]  # drop "<s> " and " ."
    cut = rest.index("> ") + 1  # IRIs hold no '>' or space
    return rest[:cut], rest[cut + 1:]


_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if m[3] is None else _ECHARS[m[3]], text)


def parse_term(obj: str) -> Term:
    """An object as `nt_term` writes it (or `_tail`, which writes the same), back to a `Term`."""
    if obj[0] == "<":
        return obj[1:-1]
    end = obj.rindex('"')
    value, rest = _unescape(obj[1:end]), obj[end + 1:]
    if not rest:
        return _new(Lit, (value, None, XSD_STRING))
    if rest[0] == "@":
        return _new(Lit, (value, rest[1:], RDF_LANG_STRING))
    return _new(Lit, (value, None, rest[3:-1]))


def read_ntriples(lines: Iterable[str]) -> Iterator[Row]:
    """The triples of N-Triples lines as this module writes them (one triple a line, IRI
    subjects, canonical escapes): a publication read back with no RDF parser and no graph."""
    for line in lines:
        cut = line.index("> ")
        subject = line[1:cut]
        predicate, obj = _split(line.rstrip("\n"), cut + 2)
        yield subject, predicate[1:-1], parse_term(obj)


def write_ntriples(blocks: SortedBlocks, out: IO[bytes]) -> None:
    for _, block in blocks.sorted_blocks():
        out.write(block)


# --- Turtle -----------------------------------------------------------------------------------

_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")


class TurtleNames:
    """Prefixed names for IRIs, remembered for the few IRIs that repeat (predicates, classes,
    datatypes, concepts) so the many one-off IRIs cost one dictionary miss."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self._by_namespace = {namespace: prefix for prefix, namespace in prefixes.items()}
        self._known: dict[str, str] = {}

    def iri(self, nt: str) -> str:
        """``<iri>`` → ``prefix:local`` when a prefix covers it and the local part is plain."""
        known = self._known.get(nt)
        if known is not None:
            return known
        iri = nt[1:-1]
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        prefix = self._by_namespace.get(iri[:cut])
        if prefix is None or not _PN_LOCAL.match(iri[cut:]):
            return nt
        name = f"{prefix}:{iri[cut:]}"
        if len(self._known) < 100_000:
            self._known[nt] = name
        return name

    def term(self, nt: str) -> str:
        if nt[0] == "<":
            return self.iri(nt)
        if nt[-1] != ">":
            return nt  # a plain or language-tagged literal
        at = nt.rfind('"^^<')
        lexical, datatype = nt[: at + 1], nt[at + 3:]
        if datatype == f"<{XSD_INTEGER}>" and _INTEGER.match(lexical[1:-1]):
            return lexical[1:-1]
        if datatype == f"<{XSD_BOOLEAN}>" and lexical in ('"true"', '"false"'):
            return lexical[1:-1]
        return f"{lexical}^^{self.iri(datatype)}"


_TYPE = f"<{RDF_TYPE}>"


Grouped = Callable[[str, dict[str, list[str]]], None]
"""Called with each ``<subject>`` the Turtle writer writes and its objects as N-Triples strings
by ``<predicate>``, in line order: what `bdp_lod.publish.release.SubjectSummarizer` counts."""


def turtle_statement(key: str, block: bytes, names: TurtleNames, grouped: Grouped | None = None) -> str:
    """One subject's N-Triples lines as one Turtle statement."""
    start = len(key) + 1
    groups: dict[str, list[str]] = {}
    for line in block.decode("utf-8").splitlines():
        predicate, obj = _split(line, start)
        found = groups.get(predicate)
        if found is None:
            groups[predicate] = [obj]
        else:
            found.append(obj)
    if grouped is not None:
        grouped(key, groups)
    parts = []
    types = groups.get(_TYPE)
    if types:
        parts.append("a " + " , ".join(names.term(o) for o in types))
    for predicate, objects in groups.items():
        if predicate != _TYPE:
            parts.append(names.iri(predicate) + " " + " , ".join(names.term(o) for o in objects))
    return key + " " + " ;\n\t".join(parts) + " .\n"


def turtle_prefixes(prefixes: Mapping[str, str]) -> bytes:
    """A Turtle document's opening: its prefixes, sorted by name."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())).encode("utf-8")


def write_statements(blocks: SortedBlocks, out: IO[bytes], names: TurtleNames, grouped: Grouped | None = None) -> None:
    """One statement per subject in the N-Triples order, each after a blank line; ``grouped``
    sees each subject's lines as the statement is made of them."""
    for key, block in blocks.sorted_blocks():
        out.write(b"\n" + turtle_statement(key, block, names, grouped).encode("utf-8"))


def write_turtle(
    blocks: SortedBlocks, out: IO[bytes], prefixes: Mapping[str, str] = PREFIXES, grouped: Grouped | None = None
) -> None:
    """Prefixes sorted by name, then one statement per subject in the N-Triples order."""
    out.write(turtle_prefixes(prefixes))
    write_statements(blocks, out, TurtleNames(prefixes), grouped)
