"""Publishing the valid part (``publish --skip-invalid``): which records are left out, and why.

A release of 500 submissions should not wait for the one office that wrote its postal code
wrong. `select_valid` takes the report of the whole run and the records it read, leaves out
every record a violation names, and checks what is kept again (`bdp_lod.validation.check_records`,
the same check `validate` runs after reading) until nothing kept has a violation:

- a violation of one record leaves that record out;
- a conflict between records (``record.conflict``) leaves out EVERY record its claims name, and
  two different records of one practice (``practice.conflicting-duplicate``) leave out both:
  the publisher cannot know which record is right, and publishing the others would publish one
  side of a dispute as the truth;
- a violation that names a file but no record (a page without its "Metryka praktyki") leaves
  out the file's records, or the file itself when it gave none;
- the kept records are checked again, because a node several records describe (an office, its
  address) is described by whatever records remain. With the product shapes nothing kept can
  become invalid that way (docs/publishing.md, "Publishing the valid part"), but a publisher's
  own shapes can make it so, and the loop makes the result right whatever the shapes: each
  round either finds no violation or leaves at least one more record out, so it ends.

`Omissions` is what the release then says about it: the validation report in JSON and HTML,
``left-out.txt`` and a sentence for the catalog's and dane.gov.pl's descriptions. Everything is a
function of the findings and the records, in report order, so two runs give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Final, Sequence

from ..codes import PRACTICE_CONFLICTING_DUPLICATE
from ..findings import Finding
from ..model import SourcedPractice
from ..uris import Uris
from ..validation import Report
from .dataset import Text
from .input_names import published_names, renamed_report

__all__ = [
    "LEFT_OUT_LIST", "MAX_NAMED", "REPORT_HTML", "REPORT_JSON", "Check", "LeftOut", "Omissions", "Selection",
    "select_valid",
]

REPORT_JSON: Final = "validation-report.json"
REPORT_HTML: Final = "validation-report.html"
LEFT_OUT_LIST: Final = "left-out.txt"
MAX_NAMED: Final = 50
"""Left-out records the catalog's description names; the rest are counted ("and 12 more")."""

Check = Callable[[Sequence[SourcedPractice]], list[Finding]]
"""Validates a set of records already read: `bdp_lod.validation.check_records`, bound to the
run's base URI, shapes and workers."""

_Key = tuple[str | None, int | None]
"""(file, record index); ``(file, None)`` is a file that gave no record."""


@dataclass(frozen=True)
class LeftOut:
    """One record left out of the release, located as the report locates its findings."""

    file: str | None
    index: int | None
    """0-based position in its file, as in the report; ``None``: the file gave no record."""
    id: str | None
    line: int | None
    codes: tuple[str, ...]
    """The codes of the violations that left it out, sorted (docs/findings.md)."""

    def name(self, lang: str = "en") -> str:
        """``a.json record 3 (czersk-a)``: how the catalog's description names it."""
        text = self.file or ""
        if self.index is not None:
            text += f" {'rekord' if lang == 'pl' else 'record'} {self.index}"
        if self.id:
            text += f" ({self.id})"
        return text


@dataclass(frozen=True)
class Selection:
    """The records to publish, the records left out, and the report that says why."""

    kept: list[SourcedPractice]
    left_out: tuple[LeftOut, ...]
    report: Report
    """The run's report with the violations the checks of the kept records found added."""


def select_valid(report: Report, records: Sequence[SourcedPractice], check: Check, *, uris: Uris) -> Selection:
    """The records no violation names, with the others as `LeftOut` in report order.

    ``report`` is `bdp_lod.validation.validate`'s report of the inputs and ``records`` what it
    read (records that failed the schema never became records: they are left out by their
    findings alone). ``check`` validates the kept records again after each round that left out
    a record it had checked; a round that left out only records that never became records
    changes nothing the check saw, and ends the selection.
    """
    marks = _Marks(records, uris)
    findings = list(report.findings)
    seen = set(findings)
    failing = [f for f in findings if report.profile.fails(f)]
    kept = list(records)
    while failing:
        for finding in failing:
            marks.add(finding, kept)
        remaining = [r for r in kept if (r.origin.file, r.origin.index) not in marks.codes]
        # Nothing the last check saw was left out (records that failed the schema never reached
        # it): another check would find what it found.
        unchanged = len(remaining) == len(kept)
        kept = remaining
        if unchanged or not kept:
            break
        failing = [f for f in check(kept) if report.profile.fails(f)]
        findings.extend(f for f in failing if f not in seen)
        seen.update(failing)
    whole = replace(report, findings=Report.sort(findings, report.files))
    return Selection(kept=kept, left_out=marks.left_out(report.files), report=whole)


class _Marks:
    """The records left out so far, each with its codes and how the report names it."""

    def __init__(self, records: Sequence[SourcedPractice], uris: Uris) -> None:
        self.records: dict[_Key, SourcedPractice] = {(r.origin.file, r.origin.index): r for r in records}
        self.uris = uris
        self.codes: dict[_Key, set[str]] = {}
        self.names: dict[_Key, tuple[str | None, int | None]] = {}
        """(id, line) of records that never became records, from the first finding naming them."""

    def mark(self, key: _Key, code: str, record_id: str | None, line: int | None) -> None:
        self.codes.setdefault(key, set()).add(code)
        self.names.setdefault(key, (record_id, line))

    def add(self, finding: Finding, kept: Sequence[SourcedPractice]) -> None:
        code = finding.code
        if finding.claims:
            for claim in finding.claims:
                self.mark((claim.file, claim.record_index), code, claim.record_id, claim.line)
            return
        if finding.record_index is not None:
            self.mark((finding.file, finding.record_index), code, finding.record_id, finding.line)
            if code == PRACTICE_CONFLICTING_DUPLICATE.code:
                for record in kept:  # the first record of the practice, which was kept in its place
                    if self.uris.practice_key(record.practice) == finding.value:
                        self.mark((record.origin.file, record.origin.index), code, None, None)
            return
        # Neither record nor claim: the file (or, without a file, the run) is what is wrong.
        named = [r for r in kept if finding.file is None or r.origin.file == finding.file]
        for record in named:
            self.mark((record.origin.file, record.origin.index), code, None, None)
        if not named:
            self.mark((finding.file, None), code, None, finding.line)

    def left_out(self, files: Sequence[str]) -> tuple[LeftOut, ...]:
        order = {name: i for i, name in enumerate(files)}

        def position(key: _Key) -> tuple[int, str, int]:
            file, index = key
            return order.get(file or "", len(order)), file or "", -1 if index is None else index

        out = []
        for key in sorted(self.codes, key=position):
            record = self.records.get(key)
            record_id, line = (record.practice.id, record.origin.line) if record else self.names[key]
            out.append(LeftOut(file=key[0], index=key[1], id=record_id, line=line, codes=tuple(sorted(self.codes[key]))))
        return tuple(out)


@dataclass(frozen=True)
class Omissions:
    """What a ``--skip-invalid`` release says about its validation, handed to the writers of
    the folder, the catalog and the dane.gov.pl file as one value."""

    left_out: tuple[LeftOut, ...]
    report: Report
    lang: str
    """The language of the report files (``--lang``)."""

    @classmethod
    def published(cls, left_out: Sequence[LeftOut], report: Report, lang: str) -> Omissions:
        """What the release says, its inputs named as the published files name them
        (`bdp_lod.publish.input_names`), not as the command line gave them."""
        names = published_names(report.files)
        entries = tuple(replace(entry, file=names.get(entry.file, entry.file) if entry.file else entry.file)
                        for entry in left_out)
        return cls(entries, renamed_report(report, names), lang)

    def files(self) -> dict[str, bytes]:
        """The files the published folder gets: the reports and the list of left-out records."""
        return {
            REPORT_JSON: self.report.to_json(self.lang).encode("utf-8"),
            REPORT_HTML: self.report.to_html(self.lang).encode("utf-8"),
            LEFT_OUT_LIST: left_out_list(self.left_out),
        }

    def described(self, texts: tuple[Text, Text], downloads: str, *, named: int = MAX_NAMED) -> tuple[Text, Text]:
        """A dataset's title and description, the description ending with how many records were
        left out, the first ``named`` of them by name, and where the report is."""
        title, description = texts
        count = len(self.left_out)
        names = [self._names(lang, named) for lang in ("pl", "en")]
        html, listing = downloads + REPORT_HTML, downloads + LEFT_OUT_LIST
        pl = (f"Rekordy pominięte w tym wydaniu z powodu naruszeń reguł walidacji: {count}{names[0]}. "
              f"Raport walidacji: {html}; lista pominiętych: {listing}.")
        en = (f"Records left out of this release for failing validation: {count}{names[1]}. "
              f"Validation report: {html}; the list: {listing}.")
        return title, Text(pl=f"{description.pl} {pl}", en=f"{description.en} {en}")

    def _names(self, lang: str, named: int) -> str:
        if named <= 0 or not self.left_out:
            return ""
        shown = [entry.name(lang) for entry in self.left_out[:named]]
        more = len(self.left_out) - len(shown)
        if more:
            shown.append(f"i jeszcze {more}" if lang == "pl" else f"and {more} more")
        return " (" + "; ".join(shown) + ")"


LIST_HEADER: Final = ("file", "record", "line", "id", "codes")


def left_out_list(left_out: Sequence[LeftOut]) -> bytes:
    """``left-out.txt``: a header, then one tab-separated line per record left out (file,
    record, line, id, codes joined by commas; ``-`` where there is none), UTF-8. A file that
    opens in a spreadsheet and sorts, and that ``cut -f1`` reads."""
    rows = ["\t".join(LIST_HEADER)]
    for entry in left_out:
        cells = (entry.file, entry.index, entry.line, entry.id, ",".join(entry.codes))
        rows.append("\t".join(_cell(value) for value in cells))
    return ("\n".join(rows) + "\n").encode("utf-8")


def _cell(value: object) -> str:
    if value is None or value == "":
        return "-"
    return str(value).translate(_ONE_LINE)


_ONE_LINE: Final = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
"""A tab or a line break in a file name would split its row."""
