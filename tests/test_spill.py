"""Publishing a database of any size in bounded memory: the N-Triples blocks are sorted on disk
in runs and merged, and the dumps are the same bytes as when every block is held in memory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bdp_lod.model import Practice
from bdp_lod.publish import writing
from bdp_lod.publish.release import summarize
from bdp_lod.publish.writing import write_dumps
from bdp_lod.records import prepare
from bdp_lod.serialize import RdfFormat
from bdp_lod.serialize.blocks import Block, SubjectBlocks, read_ntriples, write_ntriples
from bdp_lod.serialize.practices import write_practices
from bdp_lod.serialize.spill import SpilledBlocks, ntriples_blocks, subject_boundary
from bdp_lod.uris import DEFAULT_BASE

from conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_jsonl  # noqa: E402  (the benchmarks' generator: units of the whole register, shared offices)


@pytest.fixture(scope="module")
def practices(tmp_path_factory: pytest.TempPathFactory) -> list[Practice]:
    """The examples and 300 synthetic practices (invalid ones left out by reading)."""
    synthetic = write_jsonl(tmp_path_factory.mktemp("synthetic") / "records.jsonl", 300)
    return prepare([EXAMPLES, synthetic]).practices


def _blocks(lines: dict[str, list[str]]) -> list[Block]:
    return [Block(f"<{s}>", "".join(f"<{s}> {line} .\n" for line in sorted(group)).encode()) for s, group in lines.items()]


def test_a_subject_in_several_runs_gets_the_union_of_its_lines_sorted(tmp_path: Path) -> None:
    arrivals = _blocks({"http://e/b": ["<http://p> \"2\""], "http://e/a": ["<http://p> \"1\""]}) + _blocks(
        {"http://e/a": ["<http://p> \"0\"", "<http://p> \"1\""], "http://e/c": ["<http://p> \"3\""]}
    ) + _blocks({"http://e/b": ["<http://p> \"2\""]})
    spilled, held = SpilledBlocks(tmp_path, limit=1), SubjectBlocks()
    for block in arrivals:
        spilled.add_block(block)
        held.add_block(block)
    assert spilled.runs == 5
    assert list(spilled.sorted_blocks()) == list(held.sorted_blocks()) == [
        ("<http://e/a>", b'<http://e/a> <http://p> "0" .\n<http://e/a> <http://p> "1" .\n'),
        ("<http://e/b>", b'<http://e/b> <http://p> "2" .\n'),
        ("<http://e/c>", b'<http://e/c> <http://p> "3" .\n'),
    ]


def test_blocks_read_back_from_an_n_triples_file_are_the_blocks_written(tmp_path: Path) -> None:
    held = SubjectBlocks()
    for block in _blocks({"http://e/a": ["<http://p> \"x > y\"", "<http://q> <http://e/b>"], "http://e/b": ["<http://p> \"\u2028\""]}):
        held.add_block(block)
    with (tmp_path / "x.nt").open("wb") as out:
        write_ntriples(held, out)
    assert list(ntriples_blocks(tmp_path / "x.nt")) == list(held.sorted_blocks())


def test_an_n_triples_file_is_cut_between_subjects_and_read_part_by_part(tmp_path: Path) -> None:
    held = SubjectBlocks()
    for block in _blocks({"http://e/a": ['<http://p> "1"', '<http://p> "2"'], "http://e/b": ['<http://p> "3"'],
                          "http://e/c": ['<http://p> "4"', '<http://p> "5"']}):
        held.add_block(block)
    path = tmp_path / "x.nt"
    with path.open("wb") as out:
        write_ntriples(held, out)
    line = len(b'<http://e/a> <http://p> "1" .\n')  # every line has this length
    assert [subject_boundary(path, near) for near in (0, 1, line, line + 1, 2 * line, 3 * line + 1, 5 * line)] == [
        0, 2 * line, 2 * line, 3 * line, 3 * line, 5 * line, 5 * line,
    ]
    assert [key for key, _ in ntriples_blocks(path, 0, 2 * line)] == ["<http://e/a>"]
    assert list(ntriples_blocks(path, 2 * line, 5 * line)) == list(held.sorted_blocks())[1:]
    assert list(ntriples_blocks(path, 3 * line, 3 * line)) == []


def test_the_turtle_dump_written_in_parts_is_the_bytes_of_one_pass_and_its_summary_that_of_the_triples(
    practices: list[Practice], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writing, "CHUNK", 50)
    monkeypatch.setattr(writing, "PARALLEL_PRACTICES", 100)
    one, three = tmp_path / "one", tmp_path / "three"
    one.mkdir()
    three.mkdir()
    summary = write_dumps(practices, one, base_uri=DEFAULT_BASE, workers=1)
    assert write_dumps(practices, three, base_uri=DEFAULT_BASE, workers=3) == summary
    for name in ("bdp.nt", "bdp.ttl", "bdp.jsonld"):
        assert (three / name).read_bytes() == (one / name).read_bytes(), name
    with (one / "bdp.nt").open(encoding="utf-8", newline="\n") as lines:
        assert summary == summarize(read_ntriples(lines))
    assert sorted(p.name for p in three.iterdir()) == ["bdp.jsonld", "bdp.nt", "bdp.ttl"]  # no part left behind


@pytest.mark.parametrize("workers", [1, 2])
def test_dumps_written_through_many_runs_are_the_bytes_of_one_in_memory_sort(
    practices: list[Practice], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    runs: list[int] = []
    monkeypatch.setattr(SpilledBlocks, "LIMIT", 50_000)
    monkeypatch.setattr(SpilledBlocks, "sorted_blocks", _counting(SpilledBlocks.sorted_blocks, runs))
    write_dumps(list(reversed(practices)), tmp_path, base_uri=DEFAULT_BASE, workers=workers)
    assert runs and runs[0] > 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bdp.jsonld", "bdp.nt", "bdp.ttl"]  # no run left behind
    for fmt, name in ((RdfFormat.N_TRIPLES, "bdp.nt"), (RdfFormat.TURTLE, "bdp.ttl"), (RdfFormat.JSON_LD, "bdp.jsonld")):
        with (tmp_path / f"reference-{name}").open("wb") as out:
            write_practices(practices, fmt, out, base_uri=DEFAULT_BASE)
        assert (tmp_path / name).read_bytes() == (tmp_path / f"reference-{name}").read_bytes(), name


def _counting(method, runs: list[int]):  # type: ignore[no-untyped-def]  # a spy on one method
    def spy(self: SpilledBlocks):  # type: ignore[no-untyped-def]
        runs.append(self.runs)
        return method(self)
    return spy
