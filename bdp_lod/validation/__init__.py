"""Validation of every input kind, with one report (issue 5; docs/validation.md).

Records (BDP pages, JSON, JSONL, CSV) are checked against the submission JSON Schema while they
are read, then mapped and checked with the SHACL shapes; RDF files go straight to SHACL. Every
finding, whatever found it, is a `bdp_lod.findings.Finding` named in the submission's own terms::

    from bdp_lod.validation import validate
    report = validate(["examples/"])
    print(report.to_text(lang="pl"))
    raise SystemExit(report.exit_code())

SHACL is evaluated by bdp-lod's own engine (`bdp_lod.validation.engine`), which gives pyshacl's
results in a fraction of its time; shapes outside its subset run on pyshacl.
"""

from __future__ import annotations

from ..errors import InputError
from .engine import ShaclResult
from .pipeline import check_records, validate, validate_graph
from .profiles import Profile
from .report import Report
from .shapes import Shapes, load_shapes

__all__ = ["InputError", "check_records", "Profile", "Report", "ShaclResult", "Shapes", "load_shapes", "validate", "validate_graph"]
