"""A native SHACL evaluator for the subset `bdp_lod.validation.shapes` compiles.

pyshacl evaluates the product shapes at about 75 practices a second (docs/performance.md): it
asks rdflib for every value and re-parses each SPARQL constraint per focus node. This engine
indexes a graph's triples by subject and predicate once (`index`), runs each constraint as a small
Python function found through a table keyed by its parameter (`components`), and hands
``sh:sparql`` constraints to pyoxigraph with ``$this`` pre-bound (`sparql`); `evaluator` finds the
focus nodes and runs the shapes. Its results are the ones pyshacl reports on the same graph —
focus node, path, value, source shape, constraint component and severity — which
``tests/test_validation_engine.py`` checks against pyshacl itself, and
``tests/test_shacl_test_suite.py`` against the W3C SHACL core test suite.
"""

from .evaluator import Evaluator, evaluate
from .index import Index, Triple
from .result import ShaclResult

__all__ = ["Evaluator", "Index", "ShaclResult", "Triple", "evaluate"]
