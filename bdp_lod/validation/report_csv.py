"""The CSV report: one row per finding, made to open right in Excel set to Polish.

Polish Excel reads a double-clicked CSV with ``;`` as the separator (``,`` is the decimal
comma) and as UTF-8 only when the file starts with a byte order mark; RFC 4180 wants CRLF line
ends. The bytes are therefore fixed here rather than left to whoever writes the file.

A cell that begins with ``=``, ``+``, ``-`` or ``@`` is a formula to a spreadsheet, and an upload
can put one in a value ("CSV injection"). Such a cell gets a leading ``'``, so it is shown, not
run; a plain number (``-5``) is left as it is.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Iterable

from ..findings import Finding
from .report_cells import HEADINGS, rule_title, severity_word, shown, value_text

__all__ = ["COLUMNS", "csv_report"]

COLUMNS = ("severity", "file", "record", "record_id", "line", "field", "value", "message", "rule", "code",
           "focus_node")
"""The columns, in order (headings in `bdp_lod.validation.report_cells.HEADINGS`)."""

_FORMULA_START = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def _cell(text: str) -> str:
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _row(finding: Finding, lang: str) -> list[str]:
    cells = {
        "severity": severity_word(finding, lang),
        "file": shown(finding.file),
        "record": "" if finding.record_index is None else str(finding.record_index),
        "record_id": shown(finding.record_id),
        "line": "" if finding.line is None else str(finding.line),
        "field": shown(finding.field),
        "value": value_text(finding, lang),
        "message": shown(finding.message.text(lang)),
        "rule": rule_title(finding.code, lang),
        "code": finding.code,
        "focus_node": shown(finding.focus_node),
    }
    return [_cell(cells[column]) for column in COLUMNS]


def csv_report(findings: Iterable[Finding], lang: str = "en") -> bytes:
    """The findings as CSV bytes: UTF-8 with a BOM, ``;``, CRLF, a header row in ``lang``."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([HEADINGS[column].text(lang) for column in COLUMNS])
    for finding in findings:
        writer.writerow(_row(finding, lang))
    return out.getvalue().encode("utf-8-sig")
