"""Validation profiles: a ladder of what a run checks and what makes it fail, like the EU ITB
validator's validation types, so a steward can ask "is it well-formed?" before "can it be
published?" (docs/validation.md, "Profiles").

- ``structure``: the record can be read and has the model's shape: the reading of pages and
  spreadsheets, the submission JSON Schema and the SHACL core constraints (counts, datatypes,
  patterns, classes). Nothing about Poland: units need not resolve in TERC.
- ``bdp`` (the default, what ``publish`` requires): everything, also normalisation, the TERC
  register, records of one practice merged, the shapes' SPARQL constraints and the ``record.*``
  checks of a publishable BDP record (`bdp_lod.publishable`; the rules written as core shapes
  are SHACL core, so ``structure`` keeps them too); violations fail. A conflict between
  records (``record.conflict``) stands for the ``sh:maxCount`` results it explains, so
  ``structure`` keeps it as it would keep them.
- ``strict``: ``bdp``, and warnings fail too (``--strict`` is its alias).

A profile filters the findings of one full run rather than running fewer checks, so the
findings it keeps are exactly those of ``bdp`` and a report can be re-read under another
profile without validating again.
"""

from __future__ import annotations

from enum import Enum

from ..codes import CATALOGUE, RECORD_CONFLICT, Stage
from ..findings import Finding, Severity

__all__ = ["DEFAULT_PROFILE", "Profile"]

_SPARQL = "http://www.w3.org/ns/shacl#SPARQLConstraintComponent"
_STRUCTURAL_STAGES = frozenset({Stage.PAGE, Stage.CSV, Stage.SCHEMA})


class Profile(str, Enum):
    STRUCTURE = "structure"
    BDP = "bdp"
    STRICT = "strict"

    def keeps(self, finding: Finding) -> bool:
        """Whether the finding belongs to what this profile checks."""
        if self is not Profile.STRUCTURE:
            return True
        kind = CATALOGUE.get(finding.code)
        stage = kind.stage if kind is not None else None
        if stage in _STRUCTURAL_STAGES or finding.code == RECORD_CONFLICT.code:
            return True
        return stage is Stage.SHACL and finding.component is not None and finding.component != _SPARQL

    def fails(self, finding: Finding) -> bool:
        """Whether the finding makes the run fail (exit 1)."""
        if finding.severity is Severity.VIOLATION:
            return True
        return self is Profile.STRICT and finding.severity is Severity.WARNING


DEFAULT_PROFILE = Profile.BDP
