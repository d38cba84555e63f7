"""Stress the process pools: run ``publish`` and ``validate`` many times and report any stall.

A pool that deadlocks does so rarely (issue 10 saw one hang in a few hundred test runs), so this
runs the real commands, as subprocesses with a SIGTERM handler installed as in ``publish``,
alternating between a small input (the bundled examples: everything in-process) and a mid one
(synthetic practices over the whole TERC register: forked workers for reading, SHACL batches
and the dumps). A run that passes ``--timeout`` is a stall: it is reported with the command,
stopped (SIGTERM, then SIGKILL), and counted. Exits 1 when any run stalled or failed.

Usage::

    python benchmarks/stress.py [--runs 300] [--mid 1500] [--timeout 120]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _commands(small: Path, mid: Path, out: Path) -> list[tuple[str, list[str]]]:
    bdp = [sys.executable, "-m", "bdp_lod.cli"]
    return [
        ("publish small", [*bdp, "publish", str(small), "--out", str(out / "small")]),
        ("validate small", [*bdp, "validate", str(small)]),
        ("publish mid", [*bdp, "publish", str(mid), "--out", str(out / "mid")]),
        ("validate mid", [*bdp, "validate", str(mid)]),
    ]


def _run(command: list[str], timeout: float) -> tuple[str, float]:
    """``ok``, ``failed`` (exit code other than 0/1) or ``stalled``, and the seconds it took."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
        return "stalled", time.perf_counter() - started
    return ("ok" if code in (0, 1) else "failed"), time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="commands to run in all (default 300)")
    parser.add_argument("--mid", type=int, default=1500, help="practices of the mid input (default 1500)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is a stall")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bdp-stress-"))
    try:
        mid = write_jsonl(work / f"mid_{args.mid}.jsonl", args.mid)
        out = work / "out"
        out.mkdir()
        commands = _commands(ROOT / "examples", mid, out)
        seconds: dict[str, list[float]] = {name: [] for name, _ in commands}
        bad: list[tuple[int, str, str]] = []
        for number in range(args.runs):
            name, command = commands[number % len(commands)]
            outcome, took = _run(command, args.timeout)
            seconds[name].append(took)
            if outcome != "ok":
                bad.append((number, name, outcome))
                print(f"run {number}: {name}: {outcome} after {took:.1f} s: {' '.join(command)}", flush=True)
        print(f"{args.runs} runs, {len(bad)} stalled or failed "
              f"({sum(o == 'stalled' for *_, o in bad)} stalls, timeout {args.timeout:.0f} s)")
        for name, taken in seconds.items():
            if taken:
                print(f"  {name:15} {len(taken):4} runs  median {statistics.median(taken):6.2f} s  "
                      f"max {max(taken):6.2f} s")
        return 1 if bad else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
