"""What ``push --incremental`` saves against ``push --replace``, on N synthetic practices.

Run: ``.venv/bin/python benchmarks/push_incremental.py [N …] [--every K]`` (default N: 10000,
K: 100). Edition 1 is N records from `benchmarks/synthetic.py`. Edition 2 corrects the
description of every K-th record and withdraws every K-th record after that, so 2% of the
practices change. Both are published, edition 2 with ``previous=`` edition 1 (its change set and
edition.json as ``publish --previous`` writes them). An ``oxigraph serve`` on 127.0.0.1, in a temporary folder, then takes:
edition 1 whole, edition 2 incrementally, edition 1 whole again, edition 2 whole. Prints the
triples and bytes each way sends, and the seconds each takes. Asserts nothing, because timings
belong to the machine, not to the suite. Needs the ``oxigraph`` binary (``pip install oxigraph``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synthetic import records  # noqa: E402

from bdp_lod.publish import publish  # noqa: E402
from bdp_lod.store import Credentials, push, push_incremental  # noqa: E402


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _editions(n: int, every: int, work: Path) -> tuple[Path, Path]:
    one = list(records(n))
    two = [
        {**row, "description": f"{row['description']} (opis poprawiony)"} if i % every == 0 else row
        for i, row in enumerate(one) if i % every != every // 2
    ]
    first = publish([_write(work / "one.jsonl", one)], work / "one")
    assert first.ok, first.report.to_text()
    second = publish([_write(work / "two.jsonl", two)], work / "two", previous=work / "one")
    assert second.ok, second.report.to_text()
    return work / "one", work / "two"


def _oxigraph(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        raise SystemExit("the oxigraph server binary is not installed (pip install oxigraph)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            requests.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
            return process, f"{base}/store"
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("oxigraph did not start listening")


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def one(n: int, every: int) -> dict[str, object]:
    (ROOT / "build" / "bench").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ROOT / "build" / "bench") as work:
        first, second = _editions(n, every, Path(work))
        edition = json.loads((second / "edition.json").read_text(encoding="utf-8"))
        process, store = _oxigraph(Path(work) / "store")
        none = Credentials()
        try:
            push(first, store, replace=True, credentials=none)
            incremental = _timed(lambda: push_incremental(second, store, credentials=none))
            push(first, store, replace=True, credentials=none)
            full = _timed(lambda: push(second, store, replace=True, credentials=none))
        finally:
            process.terminate()
            process.wait(timeout=60)
        changes = edition["changes"]
        return {
            "practices": n,
            "triples": edition["triples"],
            "changed": changes["deleted_triples"] + changes["added_triples"],
            "bytes full": (second / "bdp.nt").stat().st_size,
            "bytes change": sum((second / changes[k]).stat().st_size for k in ("deleted", "added")),
            "replace s": round(full, 2),
            "incremental s": round(incremental, 2),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="*", default=[10000])
    parser.add_argument("--every", type=int, default=100, metavar="K")
    args = parser.parse_args(argv)
    rows = [one(n, args.every) for n in args.n]
    print(" | ".join(rows[0]))
    for row in rows:
        print(" | ".join(str(value) for value in row.values()))
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
