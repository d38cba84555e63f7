"""What a person reads in each column of a report table: the HTML report and the CSV share it,
so a finding reads the same in the browser and in Excel.

Source texts (values, file names, record ids) come from strangers' uploads: control characters
are shown as their Unicode control pictures (``␀``, ``␛``), never passed on, so a NUL or an
escape sequence cannot break a spreadsheet or hide part of a cell. Tab, line feed and carriage
return stay: they are text (the CSV writer quotes them).
"""

from __future__ import annotations

import re
from typing import Final

from ..codes import CATALOGUE
from ..findings import SEVERITY_WORDS, Claim, Finding, Message

__all__ = ["HEADINGS", "claim_text", "field_group", "record_text", "rule_title", "severity_word", "shown", "value_text",
           "where"]

HEADINGS: Final = {
    "severity": Message(en="Severity", pl="Waga"),
    "file": Message(en="File", pl="Plik"),
    "record": Message(en="Record", pl="Rekord"),
    "record_id": Message(en="Record ID", pl="Identyfikator rekordu"),
    "line": Message(en="Line", pl="Wiersz"),
    "field": Message(en="Field", pl="Pole"),
    "value": Message(en="Value", pl="Wartość"),
    "message": Message(en="Message", pl="Komunikat"),
    "rule": Message(en="Rule", pl="Reguła"),
    "code": Message(en="Code", pl="Kod"),
    "focus_node": Message(en="Focus node", pl="Węzeł RDF"),
}
"""Column headings, by column key."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    return "\u2421" if char == "\x7f" else chr(0x2400 + ord(char))


def shown(text: str | None) -> str:
    """A source text as a cell shows it: control characters as control pictures."""
    return _CONTROL.sub(_picture, text or "")


def severity_word(finding: Finding, lang: str) -> str:
    return SEVERITY_WORDS[finding.severity].text(lang)


def record_text(finding: Finding) -> str:
    """The record as one cell: its position in the file and, when it has one, its id."""
    parts = [] if finding.record_index is None else [str(finding.record_index)]
    if finding.record_id:
        parts.append(shown(finding.record_id))
    return " · ".join(parts)


def where(finding: Finding) -> str:
    """The field in the submission's terms; a finding of an RDF graph with no field names its
    node (and path) instead, as the text report does."""
    if finding.field is not None:
        return shown(finding.field)
    if finding.focus_node is not None:
        return shown(f"<{finding.focus_node}>" + (f" <{finding.result_path}>" if finding.result_path else ""))
    return ""


def field_group(finding: Finding) -> str:
    """The field with its positions left out (``contacts[*].phone``), so the counts per field say
    which field is often wrong rather than which contact; empty for a finding with no field."""
    return re.sub(r"\[\d+\]", "[*]", where(finding))


def rule_title(code: str, lang: str) -> str:
    """The catalogue's title of a finding's kind; the code itself for a kind it does not know."""
    kind = CATALOGUE.get(code)
    return code if kind is None else kind.title.text(lang)


_NONE: Final = Message(en="(none)", pl="(brak)")


def claim_text(finding: Finding, claim: Claim, lang: str) -> str:
    """One record of a conflict and its value: ``record 1 czersk-b, line 2: 'Kościuszki 29'``.
    The file and field are named where they are not the finding's own."""
    parts = [] if claim.file == finding.file else [shown(claim.file)]
    if claim.record_index is not None:
        ident = f" {shown(claim.record_id)}" if claim.record_id else ""
        parts.append(f"{'rekord' if lang == 'pl' else 'record'} {claim.record_index}{ident}")
    if claim.line is not None:
        parts.append(f"{'wiersz' if lang == 'pl' else 'line'} {claim.line}")
    if claim.field != finding.field:
        parts.append(shown(claim.field))
    value = _NONE.text(lang) if claim.value is None else f"'{shown(claim.value)}'"
    return f"{', '.join(parts)}: {value}"


def value_text(finding: Finding, lang: str) -> str:
    """The value cell: the value, or for a conflict between records each record's, one a line."""
    if finding.claims:
        return "\n".join(claim_text(finding, claim, lang) for claim in finding.claims)
    return shown(finding.value)
