"""The repository stands alone: no file points a reader at documents they do not have.

The design, performance and standards notes the code relies on live in docs/ (design.md,
performance.md, standards.md); a reference to ../shared or to the upstream file names means a
reader is sent somewhere outside the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECKED = ["docs", "README.md", "tests", "pyproject.toml", "bdp_lod", "benchmarks"]
"""What is held to it. Extend with "bdp_lod" and "benchmarks" once their references are swept."""

OUTSIDE = re.compile(r"\.\./shared|(?<![\w/])(?:DESIGN|PERFORMANCE|STANDARDS|TOOL_ANCHORS)\.md")
"""../shared, or an upstream file name not written as docs/<name>.md."""

SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".ini"}


def _files() -> list[Path]:
    found: list[Path] = []
    for entry in CHECKED:
        path = ROOT / entry
        found += [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES)
    return [p for p in found if p.resolve() != Path(__file__).resolve()]


def test_no_file_refers_outside_the_repository() -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert hits == []
