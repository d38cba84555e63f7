"""The stored analysis of the product shapes' SPARQL queries is what rdflib's parser finds now,
and a query it does not hold (a publisher's own) is analysed as it comes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import URIRef

from bdp_lod.validation.sparql_analysis import TABLE, BrokenSparql, analyse, fresh_analysis, table_text
from bdp_lod.validation.sparql_table import product_queries


def test_the_stored_table_is_a_fresh_analysis_of_every_product_query() -> None:
    assert TABLE.read_text(encoding="utf-8") == table_text(product_queries()), (
        "stale: run python -m bdp_lod.validation.sparql_table"
    )


def test_the_product_shapes_hold_a_sparql_constraint_to_store() -> None:
    assert product_queries()


def test_a_stored_analysis_equals_the_fresh_one() -> None:
    for query in product_queries():
        assert analyse(query) == fresh_analysis(query)


def test_a_query_not_stored_is_analysed_by_the_parser() -> None:
    query = "SELECT $this ?value WHERE { $this <http://example.org/p> ?value . FILTER (?value < 0) }"
    predicates, projected, anchored = analyse(query)
    assert predicates == frozenset({URIRef("http://example.org/p")})
    assert projected == {"this", "value"}
    assert anchored is True


def test_a_query_that_does_not_parse_is_a_broken_sparql_error() -> None:
    with pytest.raises(BrokenSparql):
        analyse("SELECT $this WHERE { $this ")


def test_validate_loads_the_product_shapes_without_rdflib_s_sparql_parser() -> None:
    code = ("import sys; from bdp_lod.validation.shapes import load_shapes; load_shapes(); "
            "print('rdflib.plugins.sparql' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
