"""The HTML report: one self-contained file a data steward opens, sorts, filters and sends back.

Everything is inside the file (style, script, the explanation of every rule that occurs), so it
opens offline and from an e-mail attachment. The findings travel as JSON in a
``<script type="application/json">`` and the script shows them a page at a time, with a filter
and sorting; 100,000 findings are a few megabytes of JSON rather than a table of 100,000 rows a
browser cannot lay out. Without JavaScript the first `STATIC_ROWS` findings are plain HTML rows
and the page says how many more there are. Every source text is escaped (Jinja2 autoescape) or
set as text by the script, never as markup; the bytes depend on the report alone.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Protocol

from markupsafe import Markup

from ..codes import CATALOGUE
from ..findings import SEVERITY_WORDS, Finding, Message, Severity
from .profiles import Profile
from .report_cells import HEADINGS, claim_text, field_group, record_text, rule_title, severity_word, shown, where

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["PAGE_ROWS", "STATIC_ROWS", "Run", "html_report"]

STATIC_ROWS: Final = 1000
"""Findings written as HTML rows, for readers without JavaScript; a report with more says so."""
PAGE_ROWS: Final = 200
"""Findings the script shows at a time."""
VALUE_CHARS: Final = 300
"""A longer value is cut in the table (the CSV and JSON reports keep it whole)."""

COLUMNS: Final = ("severity", "file", "record", "line", "field", "value", "message", "rule")



@cache
def _environment() -> Environment:
    """Made on the first HTML report: Jinja2 is some 40 ms of every validate's start otherwise."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("bdp_lod.validation", "templates"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )

_WORDS: Final = {
    "title": Message(en="Validation report", pl="Raport walidacji"),
    "figures": Message(en="The run", pl="Przebieg"),
    "files": Message(en="Files", pl="Pliki"),
    "records": Message(en="Records", pl="Rekordy"),
    "triples": Message(en="Triples", pl="Trójki"),
    "profile": Message(en="Profile", pl="Profil"),
    "passes": Message(en="Passes: nothing fails under the profile.", pl="Wynik pozytywny: nic nie narusza profilu."),
    "fails": Message(en="Fails: some findings fail the profile (exit code 1).",
                     pl="Wynik negatywny: niektóre znaleziska naruszają profil (kod wyjścia 1)."),
    "by_rule": Message(en="Findings by rule", pl="Znaleziska według reguł"),
    "by_field": Message(en="Findings by field", pl="Znaleziska według pól"),
    "by_field_note": Message(en="Positions in lists are left out: contacts[*].phone counts every contact's phone.",
                             pl="Pozycje na listach pominięto: contacts[*].phone liczy telefony wszystkich kontaktów."),
    "by_file": Message(en="Findings by file", pl="Znaleziska według plików"),
    "count": Message(en="Findings", pl="Znaleziska"),
    "total": Message(en="All", pl="Razem"),
    "findings": Message(en="Findings", pl="Znaleziska"),
    "filter": Message(en="Filter", pl="Filtr"),
    "filter_hint": Message(en="text in any column", pl="tekst w dowolnej kolumnie"),
    "any_severity": Message(en="every severity", pl="każda waga"),
    "any_rule": Message(en="every rule", pl="każda reguła"),
    "previous": Message(en="Previous", pl="Poprzednie"),
    "next": Message(en="Next", pl="Następne"),
    "rules": Message(en="The rules", pl="Reguły"),
    "default_severity": Message(en="Default severity", pl="Domyślna waga"),
    "none": Message(en="No findings.", pl="Brak znalezisk."),
    "no_field": Message(en="(no field)", pl="(bez pola)"),
    "no_file": Message(en="(no file)", pl="(bez pliku)"),
    "sort_hint": Message(en="Click a column heading to sort.", pl="Kliknij nagłówek kolumny, aby posortować."),
}

_SCRIPT_WORDS: Final = {
    "status": Message(en="Findings {first}–{last} of {count}", pl="Znaleziska {first}–{last} z {count}"),
    "all": Message(en="({total} in all)", pl="(wszystkich: {total})"),
    "none": Message(en="No finding matches ({total} in all).", pl="Żadne znalezisko nie pasuje (wszystkich: {total})."),
    "page": Message(en="page {page} of {pages}", pl="strona {page} z {pages}"),
}


def _static_note(shown_rows: int, total: int, lang: str) -> str:
    return Message(
        en=f"Without JavaScript the first {shown_rows} of {total} findings are shown; the CSV and JSON "
           "reports hold them all.",
        pl=f"Bez JavaScriptu widać pierwsze {shown_rows} z {total} znalezisk; raporty CSV i JSON "
           "zawierają wszystkie.",
    ).text(lang)


class Run(Protocol):
    """What the HTML report shows of a validation run (`bdp_lod.validation.Report` is one)."""

    findings: list[Finding]
    files: list[str]
    records: int
    triples: int
    profile: Profile

    def exit_code(self, strict: bool = False) -> int: ...


@dataclass(frozen=True)
class _Row:
    """One finding as the table shows it."""

    rank: int
    severity: str
    file: str
    record: str
    line: str
    field: str
    value: str
    message: str
    code: str


def _cut(text: str) -> str:
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def _value(finding: Finding, lang: str) -> str:
    """The value cell; a conflict between records gives each record's value on a line of its own."""
    if finding.claims:
        return "\n".join(_cut(claim_text(finding, claim, lang)) for claim in finding.claims)
    return _cut(shown(finding.value))


def _row(finding: Finding, lang: str) -> _Row:
    return _Row(
        rank=finding.severity.rank,
        severity=severity_word(finding, lang),
        file=shown(finding.file),
        record=record_text(finding),
        line="" if finding.line is None else str(finding.line),
        field=where(finding),
        value=_value(finding, lang),
        message=shown(finding.message.text(lang)),
        code=finding.code,
    )


def _embedded(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/json">``: ``<``, ``>`` and ``&`` as JSON escapes, so
    no source text can close the script or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _data(findings: list[Finding], lang: str) -> dict[str, Any]:
    """The findings for the script, compact: each text once in a table, each finding a row of
    numbers (``[rank, file, record index, record id, line, field, value, message, code]``, texts
    as positions in the table)."""
    strings: dict[str, int] = {}

    def ref(text: str) -> int:
        return strings.setdefault(text, len(strings))

    rows = []
    for finding in findings:
        row = _row(finding, lang)
        rows.append([
            row.rank, ref(row.file), finding.record_index, ref(shown(finding.record_id)), finding.line,
            ref(row.field), ref(row.value), ref(row.message), ref(row.code),
        ])
    explained = sorted({f.code for f in findings if f.code in CATALOGUE})
    return {
        "strings": list(strings),
        "rows": rows,
        "page": PAGE_ROWS,
        "explained": explained,
        "severities": [SEVERITY_WORDS[s].text(lang) for s in Severity],
        "words": {key: message.text(lang) for key, message in _SCRIPT_WORDS.items()},
    }


def _by_rule(findings: list[Finding], lang: str) -> list[dict[str, Any]]:
    counted = Counter(f.code for f in findings)
    return [
        {"code": code, "title": rule_title(code, lang), "count": count, "explained": code in CATALOGUE}
        for code, count in sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    ]


def _by_field(findings: list[Finding], lang: str) -> list[tuple[str, int]]:
    counted = Counter(field_group(f) for f in findings)
    return [
        (name or _WORDS["no_field"].text(lang), count)
        for name, count in sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    ]


def _by_file(run: Run, lang: str) -> list[dict[str, Any]]:
    """Every input, clean ones too (a steward sends those back as accepted), in report order."""
    counted: dict[str | None, Counter[Severity]] = {name: Counter() for name in run.files}
    for finding in run.findings:
        counted.setdefault(finding.file, Counter())[finding.severity] += 1
    return [
        {
            "file": _WORDS["no_file"].text(lang) if name is None else shown(name),
            "counts": [counts[s] for s in Severity],
            "total": sum(counts.values()),
        }
        for name, counts in counted.items()
    ]


def _rules(findings: list[Finding], lang: str) -> list[dict[str, str]]:
    codes = sorted({f.code for f in findings if f.code in CATALOGUE})
    return [
        {
            "code": code,
            "title": CATALOGUE[code].title.text(lang),
            "severity": SEVERITY_WORDS[CATALOGUE[code].severity].text(lang),
            "explanation": CATALOGUE[code].explanation.text(lang),
        }
        for code in codes
    ]


def _asset(name: str) -> Markup:
    """The style or the script, inlined as they are (they hold no source text)."""
    return Markup((resources.files("bdp_lod.validation") / "templates" / name).read_text(encoding="utf-8"))


def html_report(run: Run, lang: str = "en") -> str:
    """The whole page in ``lang`` (``pl`` or ``en``)."""
    lang = "pl" if lang == "pl" else "en"
    findings = run.findings
    counts = Counter(f.severity for f in findings)
    static = [_row(f, lang) for f in findings[:STATIC_ROWS]]
    rules = _rules(findings, lang)
    return _environment().get_template("report.html").render(
        lang=lang,
        words={key: message.text(lang) for key, message in _WORDS.items()},
        headings={key: HEADINGS[key].text(lang) for key in COLUMNS},
        columns=COLUMNS,
        run=run,
        passes=run.exit_code() == 0,
        severities=[
            {"rank": rank, "name": s.value, "word": SEVERITY_WORDS[s].text(lang), "count": counts[s]}
            for rank, s in enumerate(Severity)
        ],
        total=len(findings),
        by_rule=_by_rule(findings, lang),
        by_field=_by_field(findings, lang),
        by_file=_by_file(run, lang),
        rules=rules,
        explained={rule["code"] for rule in rules},
        static=static,
        static_note=_static_note(len(static), len(findings), lang) if len(static) < len(findings) else "",
        data=_embedded(_data(findings, lang)),
        style=_asset("report.css"),
        script=_asset("report.js"),
    )
