"""The records of a run kept on disk are the records `prepare` holds in memory, in the same order,
with the same findings, duplicates included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bdp_lod.records import prepare, prepare_spilled
from bdp_lod.spilled_records import Mapped, SpilledRecords
from bdp_lod.uris import Uris

from conftest import EXAMPLES


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """The examples, then a JSONL file that repeats Czersk once as it is and once retitled."""
    czersk = json.loads((EXAMPLES / "000-czersk.json").read_text(encoding="utf-8"))
    retitled = {**czersk, "title": czersk["title"] + " (poprawiony)"}
    lines = [json.dumps(r, ensure_ascii=False) for r in (czersk, retitled, czersk)]
    (tmp_path / "again.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [EXAMPLES, tmp_path / "again.jsonl"]


@pytest.mark.parametrize("workers", [1, 2])
def test_spilled_records_and_findings_are_those_prepare_holds(inputs: list[Path], workers: int) -> None:
    held = prepare(inputs, workers=workers)
    spill = SpilledRecords()
    findings = prepare_spilled(inputs, spill, workers=workers)
    assert list(spill) == held.records
    assert [spill[i] for i in range(len(spill))] == held.records
    assert findings == held.findings
    assert [f.code for f in findings].count("practice.conflicting-duplicate") == 1
    uris = Uris()
    assert spill.iris == [uris.practice(r.practice) for r in held.records]
    assert spill.institutions == [
        uris.institution(r.practice.institution, r.practice.unit) if r.practice.institution else None for r in held.records
    ]


def test_practices_and_mapped_views_read_on_demand(inputs: list[Path]) -> None:
    spill = SpilledRecords()
    prepare_spilled(inputs, spill)
    titles = Mapped(lambda p: p.title, spill.practices())
    assert len(titles) == len(spill)
    assert list(titles) == [r.practice.title for r in spill] == titles[0:len(spill)]
    assert titles[-1] == spill[len(spill) - 1].practice.title
    with pytest.raises(IndexError):
        spill[len(spill)]


def test_without_pread_and_pwrite_reads_between_writes_land_where_they_should(
    inputs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has neither; the duplicates read back while the file is written must not move
    where the next records go."""
    monkeypatch.delattr("os.pread")
    monkeypatch.delattr("os.pwrite")
    monkeypatch.setattr("bdp_lod.spilled_records._BUFFER", 1)  # every record written at once
    spill = SpilledRecords()
    findings = prepare_spilled(inputs, spill)
    held = prepare(inputs)
    assert (list(spill), findings) == (held.records, held.findings)
