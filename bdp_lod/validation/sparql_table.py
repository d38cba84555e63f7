"""``python -m bdp_lod.validation.sparql_table``: store the analysis of the product shapes'
SPARQL queries (`bdp_lod.validation.sparql_analysis`) after the shapes change.

Apart from the table's reader, which the shapes import: this needs the compiled shapes.
"""

from __future__ import annotations

import sys

from .shapes import SparqlConstraint, load_shapes
from .sparql_analysis import TABLE, table_text

__all__ = ["main", "product_queries"]


def product_queries() -> list[str]:
    """The queries of the product shapes' SPARQL constraints, as the engine runs them."""
    queries = {
        constraint.value.query
        for shape in load_shapes().by_node.values()
        for constraint in shape.constraints
        if isinstance(constraint.value, SparqlConstraint) and constraint.value.query
    }
    return sorted(queries)


def main() -> int:
    TABLE.write_text(table_text(product_queries()), encoding="utf-8")
    print(f"wrote {TABLE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
