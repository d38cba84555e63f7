"""What every source reader returns: the records it could build and everything it found.

Readers never stop at the first problem of a file, so they cannot signal problems by raising;
they hand back the good records together with every finding, and the caller (``validate``,
``convert``, ``publish``) decides what a violation means for its exit code.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding
from ..model import SourcedPractice

__all__ = ["ReadResult"]


@dataclass(frozen=True)
class ReadResult:
    """The records of one or more inputs and the findings about them, in input order."""

    records: list[SourcedPractice]
    """Records without violations, each with its origin (file, index, line)."""
    findings: list[Finding]
    """Every violation, warning and hint, located by file, record and field."""
