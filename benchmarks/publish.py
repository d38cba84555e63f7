"""How long ``publish`` takes on N synthetic practices, phase by phase, and how much memory.

Run: ``.venv/bin/python benchmarks/publish.py [N …] [--gzip] [--workers W] [--invalid-every K]``
(default N: 1000 and 10000). With ``--invalid-every K`` every K-th record is invalid and the run
publishes with ``skip_invalid`` (``publish --skip-invalid``): ``select`` is then the second check
of the kept records, and ``left out`` how many were left out. Each N runs in a fresh process, so the peak memory (``ru_maxrss``) is that run's alone;
the records come from `benchmarks/synthetic.py` and are kept under ``build/bench/`` for the next
run. Prints one table; asserts nothing, because timings belong to the machine, not to the suite.

Columns: ``validate`` is the whole validation: reading the records (JSON Schema, normalisation,
TERC), then SHACL. ``publish`` takes the records validation read, so reading is timed there and
not again; ``read`` is only what publishing adds before writing (RDF inputs read as records,
redaction: nothing for these JSONL records). ``write`` is everything after (mapping, the three
dumps, compression, checksums, catalog, VoID, the swap into place); ``publish`` = read + select + write
(validation left out, as issue 6 times it), and ``total`` = validate + publish, the whole command.
Peak memory is the larger of the parent's and any worker's; ``cpu s`` is the CPU time of the
run and its workers, which a loaded machine changes less than the wall time, and ``pub cpu``
its part after validation (the publish phase's: read + select + write); ``load`` is the
1-minute load average when the run ended (docs/performance.md, "Streaming").
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synthetic import write_jsonl  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and of its finished (joined) workers."""
    return sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for field in ("ru_utime", "ru_stime"))


def one(records: Path, gzip: bool, workers: int | None, skip_invalid: bool) -> dict[str, object]:
    """Publish ``records`` once, in this process; the figures as a dict."""
    import bdp_lod.publish
    from bdp_lod.publish import publish

    validated: list[float] = []
    validate = bdp_lod.publish.validate

    def timed_validate(*args: Any, **kwargs: Any) -> Any:
        """Validation, then the CPU time so far: validation's workers are joined when it returns,
        so what the run spends after is the publish phase's own."""
        report = validate(*args, **kwargs)
        validated.append(_cpu())
        return report

    bdp_lod.publish.validate = timed_validate  # the same call, timed
    with tempfile.TemporaryDirectory(dir=ROOT / "build" / "bench") as work:
        started = time.perf_counter()
        result = publish([records], Path(work) / "site", gzip=gzip, workers=workers, skip_invalid=skip_invalid)
        wall = time.perf_counter() - started
        assert result.ok and result.summary is not None, result.report.to_text()
        sizes = {name: (Path(work) / "site" / name).stat().st_size for name in result.files}
    t = result.timings
    return {
        "practices": result.summary.practices,
        "triples": result.summary.triples,
        "validate": t["validate"],
        "read": t["read"],
        "select": t.get("select", 0.0),
        "left_out": len(result.left_out),
        "map+jsonld": t["bdp.jsonld"],
        "write": t["write"],
        "phases": {k: round(v, 3) for k, v in t.items()},
        "wall": wall,
        "peak_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                       resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
        "cpu": _cpu(),
        "publish_cpu": _cpu() - validated[0],
        "load": os.getloadavg()[0],
        "sizes": sizes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--gzip", action="store_true", help="also write the .gz dumps")
    parser.add_argument("--workers", type=int, default=None, help="processes (all cores by default)")
    parser.add_argument("--invalid-every", type=int, default=None, metavar="K",
                        help="make every K-th record invalid and publish with skip_invalid")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    (ROOT / "build" / "bench").mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(one(args.one, args.gzip, args.workers, args.invalid_every is not None)))
        return
    print(f"{'N':>8} {'triples':>10} {'validate':>9} {'read':>7} {'select':>7} {'left out':>8} {'map+jsonld':>11} {'write':>7} "
          f"{'publish':>8} {'total':>7} {'µs/triple':>9} {'cpu s':>7} {'pub cpu':>7} {'peak MB':>8} {'bdp.nt MB':>9} {'load':>5}")
    for n in args.n:
        every = args.invalid_every
        records = ROOT / "build" / "bench" / (f"records_{n}.jsonl" if every is None else f"records_{n}_invalid_{every}.jsonl")
        if not records.exists():
            write_jsonl(records, n, invalid_every=every)
        command = [sys.executable, __file__, "--one", str(records), *(["--gzip"] if args.gzip else [])]
        if every is not None:
            command += ["--invalid-every", str(every)]
        if args.workers is not None:
            command += ["--workers", str(args.workers)]
        r = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        publish = r["read"] + r["select"] + r["write"]
        print(f"{n:>8} {r['triples']:>10} {r['validate']:>9.2f} {r['read']:>7.2f} {r['select']:>7.2f} "
              f"{r['left_out']:>8} {r['map+jsonld']:>11.2f} "
              f"{r['write']:>7.2f} {publish:>8.2f} {r['validate'] + publish:>7.2f} "
              f"{r['write'] / r['triples'] * 1e6:>9.2f} {r['cpu']:>7.1f} {r['publish_cpu']:>7.1f} {r['peak_mb']:>8.0f} "
              f"{r['sizes']['bdp.nt'] / 1e6:>9.1f} {r['load']:>5.1f}")


if __name__ == "__main__":
    main()
