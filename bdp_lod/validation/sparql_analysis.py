"""What a SPARQL constraint's query reads and binds, found by rdflib's SPARQL parser, and that
analysis stored for the product shapes' queries.

The engine needs three facts of each ``sh:select`` query (`analyse`): the predicates it can
match, the variables it projects, and whether ``$this`` is bound by its one basic graph pattern.
Finding them takes rdflib's SPARQL parser: 0.22 s to import and about 0.1 s a query, paid by
every ``validate`` and ``publish`` before its first record, for queries that only change with
the product. So the product's analyses are stored (``sparql-analysis.json``, keyed by the
query's SHA-256) and a publisher's own queries are analysed as they come; a stored analysis
that differs from a fresh one fails tests/test_sparql_analysis.py, and
``python -m bdp_lod.validation.sparql_table`` writes it again.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from rdflib import URIRef

__all__ = ["TABLE", "Analysis", "BrokenSparql", "analyse", "fresh_analysis", "stored_analyses", "table_text"]

TABLE = Path(__file__).with_name("sparql-analysis.json")

Analysis = tuple[frozenset[URIRef] | None, set[str], bool]
"""The predicates a query can match (None: any), the variables it projects, and whether it is
`bdp_lod.validation.shapes.SparqlConstraint.anchored`."""


class BrokenSparql(Exception):
    """A SPARQL constraint's query does not parse: no SHACL engine can run it, so it is an error
    of the shapes file, not a shape to hand to pyshacl (which would fail with a traceback)."""

    def __init__(self, query: str, reason: str) -> None:
        super().__init__(reason)
        self.query = query
        self.reason = reason



def _key(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


@cache
def stored_analyses() -> dict[str, Analysis]:
    """The stored analyses by query key; none when the table is missing."""
    if not TABLE.is_file():
        return {}
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    return {
        key: (None if entry["predicates"] is None else frozenset(URIRef(p) for p in entry["predicates"]),
              set(entry["projected"]), bool(entry["anchored"]))
        for key, entry in table.items()
    }


def analyse(query: str) -> Analysis:
    """The query's analysis, stored or fresh. Raises `BrokenSparql` when it does not parse."""
    stored = stored_analyses().get(_key(query))
    if stored is not None:
        predicates, projected, anchored = stored
        return predicates, set(projected), anchored
    return fresh_analysis(query)


def fresh_analysis(query: str) -> Analysis:
    """The analysis by rdflib's SPARQL parser: the predicates a SELECT query can match (what a
    batch store has to hold for it), the variables it projects, and whether it is anchored."""
    from rdflib.paths import Path as RdfPath
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    try:
        prepared = prepareQuery(query)
    except Exception as exc:  # pyparsing errors carry no common type
        raise BrokenSparql(query, " ".join(str(exc).split())) from None
    found: set[URIRef] = set()

    def visit(part: object) -> bool:
        if isinstance(part, CompValue):
            if part.name == "BGP" or "triples" in part:
                for _s, predicate, _o in part.get("triples") or ():
                    if isinstance(predicate, URIRef):
                        found.add(predicate)
                    elif isinstance(predicate, Variable) or isinstance(predicate, RdfPath):
                        return False
            return all(visit(v) for v in part.values())
        if isinstance(part, (list, tuple)):
            return all(visit(v) for v in part)
        if isinstance(part, dict):
            return all(visit(v) for v in part.values())
        return True

    projected = {str(v) for v in prepared.algebra.get("PV") or ()}
    return (frozenset(found) if visit(prepared.algebra) else None), projected, _anchored(prepared.algebra)


_AROUND_THE_PATTERN = {"SelectQuery", "Project", "Filter", "Extend"}


def _anchored(algebra: object) -> bool:
    """`SparqlConstraint.anchored`, read from rdflib's algebra of the query: a chain of
    SelectQuery, Project, Filter and Extend (BIND) down to one BGP that has ``?this`` in a
    triple pattern; anything else (OPTIONAL, UNION, MINUS, sub-queries, VALUES, aggregates,
    ORDER BY, LIMIT, DISTINCT, EXISTS) may see a pre-bound ``$this`` differently."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    this = Variable("this")

    def plain(expression: object) -> bool:
        if isinstance(expression, CompValue):
            return expression.name not in ("Builtin_EXISTS", "Builtin_NOTEXISTS") and all(
                plain(v) for v in expression.values()
            )
        if isinstance(expression, (list, tuple)):
            return all(plain(v) for v in expression)
        return True

    part = algebra
    while isinstance(part, CompValue) and part.name in _AROUND_THE_PATTERN:
        if part.name in ("Filter", "Extend") and not plain(part.get("expr")):
            return False
        if part.name == "Extend" and part.get("var") == this:
            return False
        part = part.get("p")
    return (
        isinstance(part, CompValue) and part.name == "BGP"
        and any(this in triple for triple in part.get("triples") or ())
    )


def table_text(queries: list[str]) -> str:
    """The stored table for these queries, as `main` writes it (sorted, one entry per query)."""
    table = {}
    for query in queries:
        predicates, projected, anchored = fresh_analysis(query)
        table[_key(query)] = {
            "predicates": None if predicates is None else sorted(str(p) for p in predicates),
            "projected": sorted(projected),
            "anchored": anchored,
        }
    return json.dumps(dict(sorted(table.items())), indent=2, ensure_ascii=False) + "\n"
