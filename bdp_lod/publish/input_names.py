"""How a published folder names the input files it was made from.

A ``--skip-invalid`` release says which records it left out, in its validation report, in
``left-out.txt`` and in the catalog's description, and a record is named by its file. The
publisher's command line may give the files by absolute path (``/home/jan/zgloszenia/…``, a
script's temporary folder): a name the portal would then show to everyone, that says nothing
to an office, and that changes with the machine that ran the release, so two runs of the same
submissions would not give the same bytes. The published files therefore name each input by
its path from the folder that holds all the inputs (``czersk.json``, ``2026-11/kramsk.jsonl``),
the part that tells the submissions apart; the terminal keeps the paths as they were typed,
which are the ones the publisher can open.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Mapping, Sequence

from ..findings import Claim, Finding
from ..validation import Report

__all__ = ["published_names", "renamed_report"]


def published_names(files: Sequence[str]) -> dict[str, str]:
    """Each input's name in the published files: its path from the inputs' common folder,
    with ``/`` whatever the system (one input: its file name)."""
    absolute = [os.path.abspath(name) for name in files]
    try:
        common = os.path.commonpath([os.path.dirname(path) for path in absolute]) if absolute else ""
    except ValueError:  # Windows: inputs on different drives share no folder
        return {name: Path(name).name for name in files}
    return {name: Path(os.path.relpath(path, common)).as_posix() for name, path in zip(files, absolute)}


def renamed_report(report: Report, names: Mapping[str, str]) -> Report:
    """The same report with every file it names (inputs, findings, their claims and contexts)
    under its name in ``names``."""
    return replace(
        report,
        files=[names.get(name, name) for name in report.files],
        findings=[_renamed(finding, names) for finding in report.findings],
    )


def _renamed(finding: Finding, names: Mapping[str, str]) -> Finding:
    return replace(
        finding,
        file=_name(finding.file, names),
        claims=tuple(_renamed_claim(claim, names) for claim in finding.claims),
        context=_renamed(finding.context, names) if finding.context is not None else None,
    )


def _renamed_claim(claim: Claim, names: Mapping[str, str]) -> Claim:
    return replace(claim, file=_name(claim.file, names))


def _name(file: str | None, names: Mapping[str, str]) -> str | None:
    return names.get(file, file) if file is not None else None
