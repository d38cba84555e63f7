"""Source readers: one per input kind, chosen by file extension (docs/design.md §4).

``.txt``/``.html``/``.htm`` are pages of the good-practice database, ``.json``/``.jsonl``
submissions, ``.csv`` spreadsheet exports and ``.ttl``/``.nt``/``.jsonld``/``.rdf`` published
dumps. Folders are walked in sorted order, so a run never depends on the file system's order.
"""

from __future__ import annotations

import os

from pathlib import Path
from typing import Iterable

from .. import codes
from ..errors import InputError, InvalidRecords, NotAPracticePage
from ..findings import Finding
from ..model import Origin, SourcedPractice
from .result import ReadResult

__all__ = ["INPUT_KINDS", "ReadResult", "input_files", "read_file", "read_inputs"]

INPUT_KINDS: dict[str, str] = {
    ".txt": "page",
    ".html": "page",
    ".htm": "page",
    ".json": "submission",
    ".jsonl": "submission",
    ".csv": "table",
    ".ttl": "rdf",
    ".nt": "rdf",
    ".jsonld": "rdf",
    ".rdf": "rdf",
}


def input_files(paths: Iterable[str | os.PathLike[str]], kinds: Iterable[str] | None = None) -> list[Path]:
    """The files named, with folders expanded to the readable files inside them.

    A file named explicitly must exist and have a known extension; files of other kinds inside a
    folder (a README, say) are skipped.
    """
    wanted = set(kinds) if kinds is not None else set(INPUT_KINDS.values())
    suffixes = {s for s, kind in INPUT_KINDS.items() if kind in wanted}
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in suffixes and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif not path.exists():
            raise InputError("no such file or folder", file=str(path), pl="nie ma takiego pliku ani folderu")
        elif path.suffix.lower() not in suffixes:
            known = ", ".join(sorted(suffixes))
            kind = path.suffix or path.name
            raise InputError(
                f"unknown input kind '{kind}' (expected one of {known})", file=str(path),
                pl=f"nieznany rodzaj wejścia '{kind}' (oczekiwano jednego z: {known})",
            )
        else:
            files.append(path)
    return files


def read_file(path: Path, encoding: str | None = None) -> ReadResult:
    """Every record of one file, and every finding about it."""
    kind = INPUT_KINDS.get(path.suffix.lower())
    if kind == "page":
        from .bdp_page import read_page

        try:
            record, warnings = read_page(path)
        except NotAPracticePage as exc:
            finding = codes.PAGE_NOT_A_PRACTICE.as_finding(exc.message, file=str(path))
            return ReadResult(records=[], findings=[finding])
        except InvalidRecords as exc:
            return ReadResult(records=[], findings=[f.at(file=str(path), record_index=0) for f in exc.findings])
        return ReadResult(records=[record], findings=list(warnings))
    if kind == "submission":
        from .submission import read_submissions

        return read_submissions(path)
    if kind == "table":
        from .tabular import read_table

        return read_table(path, encoding=encoding)
    if kind == "rdf":
        from .rdf import parse_rdf, records_from_graph

        return records_from_graph(parse_rdf(path), file=str(path))
    raise InputError("unknown input kind", file=str(path), pl="nieznany rodzaj wejścia")


def read_inputs(paths: Iterable[str | Path], encoding: str | None = None, kinds: Iterable[str] | None = None) -> ReadResult:
    """All records and findings of the inputs, files in the order given (folders sorted)."""
    records: list[SourcedPractice] = []
    findings: list[Finding] = []
    for path in input_files(paths, kinds):
        result = read_file(path, encoding=encoding)
        records.extend(result.records)
        findings.extend(result.findings)
    return ReadResult(records=records, findings=findings)
