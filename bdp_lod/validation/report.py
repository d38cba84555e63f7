"""The validation report and its forms: text for a terminal, JSON for scripts, Turtle for SHACL
tools, HTML and CSV for people who sort, filter and send findings back
(`bdp_lod.validation.report_html`, `bdp_lod.validation.report_csv`).

Text groups findings by file and record and ends with counts by severity, in 80 columns. JSON
follows ``shapes/validation-report.schema.json`` (docs/validation.md). Turtle is a standard
``sh:ValidationReport``: every finding, whatever checked it, is an ``sh:ValidationResult`` with a
focus node, severity, source shape and constraint component, plus the submission's file, record
and field under the ``bdpv:`` namespace.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

import pyoxigraph as ox

from ..files import atomic_write
from ..findings import SEVERITY_WORDS, Claim, Finding, Severity
from ..vocab import PREFIXES
from .profiles import DEFAULT_PROFILE, Profile
from .report_cells import claim_text
from .report_csv import csv_report
from .report_html import html_report

__all__ = ["REPORT_FILES", "REPORT_VERSION", "Report", "VALIDATION_NS"]

REPORT_VERSION = 1
"""Version of the JSON report layout; it changes only when a field changes meaning or goes."""

VALIDATION_NS = "https://w3id.org/bdp/def/validation#"
"""Terms of the Turtle report for what SHACL has no term for: the file, record and field of a
finding, and the checks that are not SHACL shapes (the JSON Schema, TERYT resolution …)."""

REPORT_FILES = ("report.txt", "report.json", "report.ttl", "report.html", "report.csv")
"""What `Report.write_to` writes into a folder, one file per form."""

SUBMISSION_SCHEMA = "https://w3id.org/bdp/def/submission.schema.json"

_SH = "http://www.w3.org/ns/shacl#"


def _field_order(path: str | None) -> tuple[tuple[int, int | str], ...]:
    """``contacts[2]`` before ``contacts[10]``; the record itself before its fields."""
    parts = re.findall(r"\[(\d+)\]|([^.\[\]]+)", path or "")
    return tuple((0, int(index)) if index else (1, name) for index, name in parts)


@dataclass
class Report:
    """Every finding of a run, sorted, with what was validated."""

    findings: list[Finding]
    files: list[str] = field(default_factory=list)
    records: int = 0
    """Records read from record inputs plus practices found in RDF inputs."""
    triples: int = 0
    shapes: list[str] = field(default_factory=list)
    """The publisher's shapes files used besides the product shapes."""
    profile: Profile = DEFAULT_PROFILE
    """What was checked and what fails (`bdp_lod.validation.profiles`); every report names it."""

    def under(self, profile: Profile) -> Report:
        """The same run seen under another profile: its findings, the run's figures."""
        return replace(self, findings=[f for f in self.findings if profile.keeps(f)], profile=profile)

    @staticmethod
    def sort(findings: Iterable[Finding], files: Sequence[str] = ()) -> list[Finding]:
        """Findings in report order: by input, record, field, then severity; deterministic."""
        order = {name: i for i, name in enumerate(files)}

        def key(f: Finding) -> tuple[Any, ...]:
            return (
                order.get(f.file or "", len(order)),
                f.file or "",
                -1 if f.record_index is None else f.record_index,
                f.line or 0,
                _field_order(f.field),
                f.severity.rank,
                f.code,
                f.message.en,
                f.value or "",
                f.focus_node or "",
                f.result_path or "",
                f.source_shape or "",
            )

        return sorted(findings, key=key)

    def counts(self) -> dict[Severity, int]:
        found = {severity: 0 for severity in Severity}
        for finding in self.findings:
            found[finding.severity] += 1
        return found

    @property
    def conforms(self) -> bool:
        """No violation (warnings and hints allowed)."""
        return self.counts()[Severity.VIOLATION] == 0

    def exit_code(self, strict: bool = False) -> int:
        """0 when nothing fails under the report's profile, else 1; ``strict`` makes warnings fail
        whatever the profile (the ``--strict`` of earlier versions)."""
        profile = Profile.STRICT if strict else self.profile
        return 1 if any(profile.fails(f) for f in self.findings) else 0

    # --- text --------------------------------------------------------------------------------

    def to_text(self, lang: str = "en", width: int = 80) -> str:
        lines: list[str] = []
        current_file: object = object()
        current_record: object = object()
        previous: list[str] = []
        for finding in self.findings:
            if finding.file != current_file:
                current_file, current_record, previous = finding.file, object(), []
                lines.append(finding.file or ("(graf)" if lang == "pl" else "(graph)"))
            record = (finding.record_index, finding.record_id)
            if finding.record_index is not None and record != current_record:
                current_record, previous = record, []
                lines.append("  " + _record_heading(finding, lang))
            rendered = _finding_lines(finding, lang, width)
            if rendered != previous:  # two constraints of one shape can say the same thing
                lines.extend(rendered)
            previous = rendered
        lines.append(self._summary(lang))
        return "\n".join(lines) + "\n"

    def _summary(self, lang: str) -> str:
        counts = self.counts()
        v, w, i = counts[Severity.VIOLATION], counts[Severity.WARNING], counts[Severity.INFO]
        if lang == "pl":
            return (f"Pliki: {len(self.files)}, rekordy: {self.records}; "
                    f"naruszenia: {v}, ostrzeżenia: {w}, informacje: {i} (profil {self.profile.value}).")
        return (f"{_n(len(self.files), 'file')}, {_n(self.records, 'record')}: "
                f"{_n(v, 'violation')}, {_n(w, 'warning')}, {i} info (profile {self.profile.value}).")

    # --- JSON --------------------------------------------------------------------------------

    def to_data(self, lang: str = "en") -> dict[str, Any]:
        counts = self.counts()
        return {
            "report_version": REPORT_VERSION,
            "conforms": self.conforms,
            "profile": self.profile.value,
            "lang": lang,
            "counts": {s.value: counts[s] for s in Severity},
            "files": list(self.files),
            "records": self.records,
            "triples": self.triples,
            "shapes": list(self.shapes),
            "findings": [_finding_data(f, lang) for f in self.findings],
        }

    def to_json(self, lang: str = "en") -> str:
        return json.dumps(self.to_data(lang), ensure_ascii=False, indent=2) + "\n"

    # --- for people: HTML and CSV ----------------------------------------------------------------

    def to_html(self, lang: str = "en") -> str:
        """One self-contained page (no network): the run's figures, counts per rule, field and
        file, the findings in a table to filter and sort, and the explanation of each rule."""
        return html_report(self, lang)

    def to_csv(self, lang: str = "en") -> bytes:
        """One row per finding, as bytes: UTF-8 with a BOM, ``;``, CRLF (what Polish Excel opens)."""
        return csv_report(self.findings, lang)

    def write_to(self, folder: str | Path, lang: str = "en") -> list[Path]:
        """Every form at once into ``folder`` (made if missing), each file replaced atomically:
        `REPORT_FILES`, in that order. Raises `OSError` when the folder cannot be written."""
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        forms = (
            self.to_text(lang).encode("utf-8"),
            self.to_json(lang).encode("utf-8"),
            self.to_turtle().encode("utf-8"),
            self.to_html(lang).encode("utf-8"),
            self.to_csv(lang),
        )
        written = []
        for name, data in zip(REPORT_FILES, forms, strict=True):
            atomic_write(target / name, data)
            written.append(target / name)
        return written

    # --- Turtle -------------------------------------------------------------------------------

    def to_turtle(self) -> str:
        """A SHACL validation report (messages in both languages)."""
        triples: list[ox.Triple] = []
        report = ox.BlankNode("report")
        add = triples.append
        add(ox.Triple(report, _RDF_TYPE, ox.NamedNode(f"{_SH}ValidationReport")))
        add(ox.Triple(report, ox.NamedNode(f"{_SH}conforms"), ox.Literal(str(not self.findings).lower(), datatype=_XSD_BOOLEAN)))
        add(ox.Triple(report, ox.NamedNode(f"{VALIDATION_NS}profile"), ox.Literal(self.profile.value)))
        contexts: dict[Finding, ox.BlankNode] = {}
        digits = len(str(len(self.findings)))
        for number, finding in enumerate(self.findings, start=1):
            node = ox.BlankNode(f"r{number:0{digits}d}")
            triples.extend(_result_triples(node, finding))
            if finding.context is None:
                add(ox.Triple(report, ox.NamedNode(f"{_SH}result"), node))
                continue
            outer = contexts.get(finding.context)
            if outer is None:
                outer = contexts[finding.context] = ox.BlankNode(f"r{number:0{digits}d}c")
                triples.extend(_result_triples(outer, finding.context))
                add(ox.Triple(report, ox.NamedNode(f"{_SH}result"), outer))
            add(ox.Triple(outer, ox.NamedNode(f"{_SH}detail"), node))
        prefixes = {**PREFIXES, "sh": _SH, "bdpv": VALIDATION_NS, "bdpsh": "https://w3id.org/bdp/def/shapes#"}
        ordered = sorted(triples, key=lambda t: (t.subject != report, str(t)))
        body = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
        lines = [line for line in body.decode("utf-8").split("\n") if not line.startswith("@prefix ")]
        header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(prefixes.items()))
        return header + "\n" + "\n".join(lines).lstrip("\n")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _record_heading(finding: Finding, lang: str) -> str:
    parts = [f"{'rekord' if lang == 'pl' else 'record'} {finding.record_index}"]
    if finding.record_id:
        parts.append(finding.record_id)
    if finding.line is not None:
        parts.append(f"{'wiersz' if lang == 'pl' else 'line'} {finding.line}")
    return " · ".join(parts)


_LABEL_WIDTH = 12


def _finding_lines(finding: Finding, lang: str, width: int) -> list[str]:
    severity = SEVERITY_WORDS[finding.severity].text(lang)
    indent = " " * (4 + _LABEL_WIDTH)
    where = finding.field
    if where is None and finding.focus_node is not None:
        where = f"<{finding.focus_node}>" + (f" <{finding.result_path}>" if finding.result_path else "")
    message = finding.message.text(lang)
    head = where or ("(rekord)" if lang == "pl" else "(record)") if finding.record_index is not None else where or ""
    if finding.value is not None and finding.value not in message:
        head += f" = {_quoted(finding.value)}"
    lines = textwrap.wrap(
        head, width=width, initial_indent=f"    {severity:<{_LABEL_WIDTH}}", subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [f"    {severity}"]
    lines += textwrap.wrap(message, width=width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)
    for claim in finding.claims:
        lines += textwrap.wrap(claim_text(finding, claim, lang), width=width, initial_indent=indent + "- ",
                               subsequent_indent=indent + "  ", break_on_hyphens=False)
    return lines


def _quoted(value: str) -> str:
    shown = value if len(value) <= 60 else value[:57] + "…"
    return "'" + shown.replace("\n", " ") + "'"


def _finding_data(finding: Finding, lang: str) -> dict[str, Any]:
    record = None
    if finding.record_index is not None or finding.record_id is not None:
        record = {"index": finding.record_index, "id": finding.record_id}
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "file": finding.file,
        "line": finding.line,
        "record": record,
        "field": finding.field,
        "value": finding.value,
        "message": finding.message.text(lang),
        "messages": {"en": finding.message.en, "pl": finding.message.pl},
        "shacl": _shacl_data(finding, lang),
        "conflict": _conflict_data(finding),
    }


def _conflict_data(finding: Finding) -> dict[str, Any] | None:
    """A conflict between records: the shared node and what each record involved gives."""
    if not finding.claims:
        return None
    return {
        "node": finding.focus_node,
        "claims": [
            {
                "file": claim.file,
                "line": claim.line,
                "record": {"index": claim.record_index, "id": claim.record_id},
                "field": claim.field,
                "value": claim.value,
            }
            for claim in finding.claims
        ],
    }


def _shacl_data(finding: Finding, lang: str) -> dict[str, Any] | None:
    if finding.component is None:
        return None
    return {
        "focus_node": finding.focus_node,
        "result_path": finding.result_path,
        "value": finding.rdf_value,
        "source_shape": finding.source_shape,
        "source_constraint": finding.source_constraint,
        "component": finding.component,
        "context": None if finding.context is None else {
            "focus_node": finding.context.focus_node,
            "result_path": finding.context.result_path,
            "value": finding.context.rdf_value,
            "source_shape": finding.context.source_shape,
            "component": finding.context.component,
            "message": finding.context.message.text(lang),
        },
    }


# --- Turtle terms ---------------------------------------------------------------------------------

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_SEVERITY_IRI = {Severity.VIOLATION: "Violation", Severity.WARNING: "Warning", Severity.INFO: "Info"}


def _node(text: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(text[2:]) if text.startswith("_:") else ox.NamedNode(text)


def _term(nt: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An N-Triples term back into a term."""
    parsed = next(iter(ox.parse(f"<urn:s> <urn:p> {nt} .", format=ox.RdfFormat.N_TRIPLES)))
    return parsed.object


def _record_node(finding: Finding) -> ox.NamedNode:
    """What a finding about a record that never became RDF is about: its place in its file."""
    base = Path(finding.file).absolute().as_uri() if finding.file else "urn:bdp-lod:input"
    if finding.record_index is not None:
        return ox.NamedNode(f"{base}#record-{finding.record_index}")
    if finding.line is not None:
        return ox.NamedNode(f"{base}#line-{finding.line}")
    return ox.NamedNode(base)


def _result_triples(node: ox.BlankNode, finding: Finding) -> list[ox.Triple]:
    sh = _SH
    out = [
        ox.Triple(node, _RDF_TYPE, ox.NamedNode(f"{sh}ValidationResult")),
        ox.Triple(node, ox.NamedNode(f"{sh}resultSeverity"), ox.NamedNode(f"{sh}{_SEVERITY_IRI[finding.severity]}")),
    ]
    if finding.component is not None:
        out.append(ox.Triple(node, ox.NamedNode(f"{sh}focusNode"), _node(finding.focus_node or "urn:bdp-lod:unknown")))
        out.append(ox.Triple(node, ox.NamedNode(f"{sh}sourceConstraintComponent"), ox.NamedNode(finding.component)))
        out.append(ox.Triple(node, ox.NamedNode(f"{sh}sourceShape"), _node(finding.source_shape or "urn:bdp-lod:unknown")))
        if finding.result_path is not None:
            out.append(ox.Triple(node, ox.NamedNode(f"{sh}resultPath"), _node(finding.result_path)))
        if finding.rdf_value is not None:
            out.append(ox.Triple(node, ox.NamedNode(f"{sh}value"), _term(finding.rdf_value)))
        if finding.source_constraint is not None:
            out.append(ox.Triple(node, ox.NamedNode(f"{sh}sourceConstraint"), _node(finding.source_constraint)))
    else:
        check = finding.code.split(".", 1)[0]
        shape = SUBMISSION_SCHEMA if check == "schema" else f"{VALIDATION_NS}{check}"
        # A conflict between records is about a node of the graph; other checks, about a record.
        focus = _node(finding.focus_node) if finding.focus_node is not None else _record_node(finding)
        out.append(ox.Triple(node, ox.NamedNode(f"{sh}focusNode"), focus))
        if finding.result_path is not None:
            out.append(ox.Triple(node, ox.NamedNode(f"{sh}resultPath"), _node(finding.result_path)))
        out.append(ox.Triple(node, ox.NamedNode(f"{sh}sourceConstraintComponent"), ox.NamedNode(f"{VALIDATION_NS}{finding.code}")))
        out.append(ox.Triple(node, ox.NamedNode(f"{sh}sourceShape"), ox.NamedNode(shape)))
        if finding.value is not None:
            out.append(ox.Triple(node, ox.NamedNode(f"{sh}value"), ox.Literal(finding.value)))
    for lang in ("en", "pl"):
        out.append(ox.Triple(node, ox.NamedNode(f"{sh}resultMessage"), ox.Literal(finding.message.text(lang), language=lang)))
    out.extend(_place_triples(node, finding))
    out.append(ox.Triple(node, ox.NamedNode(f"{VALIDATION_NS}code"), ox.Literal(finding.code)))
    for number, claim in enumerate(finding.claims, start=1):
        out.extend(_claim_triples(node, ox.BlankNode(f"{node.value}k{number}"), claim))
    return out


def _claim_triples(result: ox.BlankNode, node: ox.BlankNode, claim: Claim) -> list[ox.Triple]:
    """One record of a conflict: ``bdpv:claim [ bdpv:file …; bdpv:record …; bdpv:value … ]``."""
    out = [ox.Triple(result, ox.NamedNode(f"{VALIDATION_NS}claim"), node), *_place_triples(node, claim)]
    if claim.value is not None:
        out.append(ox.Triple(node, ox.NamedNode(f"{VALIDATION_NS}value"), ox.Literal(claim.value)))
    return out


def _place_triples(node: ox.BlankNode, place: Finding | Claim) -> list[ox.Triple]:
    """Where a finding or a claim sits in the submission: file, record, id, line, field.

    A finding and each record of a conflict are located the same way, so a steward's query for
    ``bdpv:file`` finds both."""
    v = VALIDATION_NS
    out: list[ox.Triple] = []
    if place.file is not None:
        out.append(ox.Triple(node, ox.NamedNode(f"{v}file"), ox.Literal(place.file)))
    if place.record_index is not None:
        out.append(ox.Triple(node, ox.NamedNode(f"{v}record"), ox.Literal(str(place.record_index), datatype=_XSD_INTEGER)))
    if place.record_id is not None:
        out.append(ox.Triple(node, ox.NamedNode(f"{v}recordId"), ox.Literal(place.record_id)))
    if place.line is not None:
        out.append(ox.Triple(node, ox.NamedNode(f"{v}line"), ox.Literal(str(place.line), datatype=_XSD_INTEGER)))
    if place.field is not None:
        out.append(ox.Triple(node, ox.NamedNode(f"{v}field"), ox.Literal(place.field)))
    return out
