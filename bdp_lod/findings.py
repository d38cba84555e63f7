"""One finding model for every check: JSON Schema, normalisation, page parsing, TERYT, SHACL.

Findings are named in the data steward's terms (file, record, field path of the submission) and
carry their message in both report languages, so a renderer only has to pick one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

__all__ = ["Claim", "Finding", "Message", "Severity"]


class Severity(str, Enum):
    """SHACL's three severities; ``VIOLATION`` makes a submission wrong."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Gravest first (0), the order every report sorts and counts in."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = tuple(Severity)


@dataclass(frozen=True)
class Message:
    """A user message in English and Polish."""

    en: str
    pl: str

    def text(self, lang: str = "en") -> str:
        return self.pl if lang == "pl" else self.en


@dataclass(frozen=True)
class Claim:
    """What one record says about a field of a node it shares with other records.

    A conflict between records (``record.conflict``) is one finding; its claims name every
    record involved, so a steward knows whom to ask without looking for the others.
    """

    file: str | None
    record_index: int | None
    record_id: str | None
    line: int | None
    field: str | None
    """The field in this record's own terms (a shared contact may be ``contacts[1]`` here)."""
    value: str | None
    """The value as the record gives it; ``None``: the record describes the node without it."""


@dataclass(frozen=True)
class Finding:
    """One problem (or hint) about one value of one record."""

    severity: Severity
    code: str
    """Stable machine-readable kind, e.g. ``schema.pattern`` or ``page.unknown-field``; every
    code is declared in `bdp_lod.codes` and documented in ``docs/findings.md``."""
    message: Message
    file: str | None = None
    record_index: int | None = None
    record_id: str | None = None
    field: str | None = None
    """Path in the submission's own terms: ``institution.address.postal_code``, ``contacts[0]``."""
    value: str | None = None
    line: int | None = None
    focus_node: str | None = None
    result_path: str | None = None
    source_shape: str | None = None
    component: str | None = None
    """SHACL findings: the constraint component IRI (``sh:sourceConstraintComponent``)."""
    source_constraint: str | None = None
    """SHACL findings of a SPARQL constraint: the constraint node (``sh:sourceConstraint``)."""
    rdf_value: str | None = None
    """SHACL findings: the value as an RDF term in N-Triples syntax, for reports in RDF."""
    context: "Finding | None" = None
    """The ``sh:node`` result this finding explains: the finding is the nested shape's result at
    the leaf that failed, the context is the enclosing shape's."""
    claims: tuple[Claim, ...] = ()
    """A conflict between records: every record involved with its value, in input order; the
    finding itself is located at the first. Empty for every other finding."""

    def at(self, **where: object) -> "Finding":
        """The same finding located more precisely (readers add file and record)."""
        return replace(self, **where)  # type: ignore[arg-type]  # where names Finding fields; replace checks them at run time

    def under(self, prefix: str) -> "Finding":
        """The same finding with its field path nested under ``prefix``."""
        if not self.field:
            path = prefix
        elif self.field.startswith("["):
            path = prefix + self.field
        else:
            path = f"{prefix}.{self.field}"
        return replace(self, field=path)

    def describe(self, lang: str = "en") -> str:
        """One line for a terminal: where, how bad, which field, what is wrong."""
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        if self.record_index is not None:
            record = "rekord" if lang == "pl" else "record"
            ident = f" {self.record_id}" if self.record_id else ""
            where += f" [{record} {self.record_index}{ident}]"
        field = f" {self.field}:" if self.field else ""
        return f"{where}: {SEVERITY_WORDS[self.severity].text(lang)}:{field} {self.message.text(lang)}"


SEVERITY_WORDS: dict[Severity, Message] = {
    Severity.VIOLATION: Message(en="violation", pl="naruszenie"),
    Severity.WARNING: Message(en="warning", pl="ostrzeżenie"),
    Severity.INFO: Message(en="info", pl="informacja"),
}
