"""How long an edition's change set takes: ``publish --previous`` over N synthetic practices, ~1 % changed.

Run: ``nice -n 5 .venv/bin/python benchmarks/editions.py [N …]`` (default N: 10000 and 100000).
Edition 1 is `benchmarks/synthetic.py`'s N records; edition 2 changes one practice in a hundred
each way: its description corrected (``i % 100 == 0``), withdrawn (``25``), renamed by a new title
and no ``id`` (``50``, matched by ``source_url``), plus N/100 new practices. Each edition is
published in a fresh process (so the peak memory is that run's alone), into ``build/bench/``.
Prints one table; asserts nothing, because timings belong to the machine, not to the suite.

Columns: ``previous`` reads and checks the previous edition (checksums, catalog, one pass over
its ``bdp.nt`` for the per-practice digests); ``change set`` is the streamed merge of the two
dumps with ``changes.*.nt``, ``retired.ttl``, ``CHANGES.md`` and ``edition.json``; ``edition``
is their sum, the cost of being an edition (the target of issue 13: under 20 s at 100,000).
``map`` is the mapping phase of edition 1 and of edition 2 (which also dates each practice),
``publish`` the whole second run, validation included.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synthetic import records, write_jsonl  # noqa: E402

BENCH = ROOT / "build" / "bench"


def second_edition(first: Path, target: Path, n: int) -> Path:
    """Edition 2's records: ~1 % of ``first``'s changed, withdrawn, renamed, and N/100 added."""
    with first.open(encoding="utf-8") as source, target.open("w", encoding="utf-8", newline="\n") as out:
        for i, line in enumerate(source):
            record = json.loads(line)
            if i % 100 == 25:
                continue
            if i % 100 == 0:
                record["description"] += " Poprawiono opis."
            elif i % 100 == 50:
                del record["id"]
                record["title"] = f"Poprawiony tytuł {i}: {record['title']}"  # a slug of its own
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for i, record in enumerate(records(n + n // 100)):
            if i >= n:
                record["id"] = f"nowa-{i:07d}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def one(records_file: Path, out: Path, previous: Path | None) -> dict[str, object]:
    """Publish ``records_file`` into ``out`` once, in this process; the figures as a dict."""
    from bdp_lod.publish import publish

    started = time.perf_counter()
    result = publish([records_file], out, previous=previous)
    wall = time.perf_counter() - started
    assert result.ok and result.summary is not None, result.report.to_text()
    lines = {name: sum(1 for _ in (out / name).open("rb")) for name in ("changes.deleted.nt", "changes.added.nt")
             if (out / name).exists()}
    return {
        "practices": result.summary.practices, "triples": result.summary.triples,
        "timings": dict(result.timings), "wall": wall, "lines": lines,
        "peak_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                       resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
    }


def _run(records_file: Path, out: Path, previous: Path | None) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", str(records_file), "--out", str(out)]
    if previous is not None:
        command += ["--previous", str(previous)]
    result: dict[str, object] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="*", default=[10000, 100000])
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--previous", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(one(args.one, args.out, args.previous)))
        return
    print(f"{'N':>8} {'triples':>10} {'−lines':>8} {'+lines':>8} {'previous':>9} {'change set':>11} {'edition':>8} "
          f"{'map 1 → 2':>12} {'publish':>8} {'peak MB':>8}")
    for n in args.n:
        first_records = BENCH / f"records_{n}.jsonl"
        if not first_records.exists():
            write_jsonl(first_records, n)
        second_records = second_edition(first_records, BENCH / f"records_{n}_edition_2.jsonl", n)
        first = _run(first_records, BENCH / f"edition_{n}_1", None)
        second = _run(second_records, BENCH / f"edition_{n}_2", BENCH / f"edition_{n}_1")
        t1, t2 = first["timings"], second["timings"]
        assert isinstance(t1, dict) and isinstance(t2, dict) and isinstance(second["lines"], dict)
        lines = second["lines"]
        print(f"{n:>8} {second['triples']:>10} {lines['changes.deleted.nt']:>8} {lines['changes.added.nt']:>8} "
              f"{t2['previous']:>9.2f} {t2['edition']:>11.2f} {t2['previous'] + t2['edition']:>8.2f} "
              f"{t1['bdp.jsonld']:>5.2f} → {t2['bdp.jsonld']:>5.2f} {second['wall']:>8.2f} {second['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
