"""Time ``bdp-lod validate`` end to end on N synthetic practices (issue 5.5; not a test).

The practices are `benchmarks/synthetic.py`'s, made consistent the way a real database is (one
address per office, office names by unit type), with about 1 % defects of the kinds data
stewards make: some the JSON Schema catches while reading, some only SHACL sees after mapping.
The command runs in a child process, as a user runs it; the script prints practices/s,
triples/s, the CPU seconds of the command and its workers (what a loaded machine does not
change much, unlike the wall time), the peak memory of the largest of those processes and the
load average when the run ended (docs/performance.md, "Streaming").

Usage::

    python benchmarks/validate.py 10000 [100000 …] [--keep DIR]
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
from typing import Any, Callable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import records  # noqa: E402  (the sibling script, not a package)

from bdp_lod.publishable import VOIVODESHIP_DISTRICTS  # noqa: E402  (after the sibling script's path)

_OFFICE = {
    "gmina-miejska": "Urząd Miasta",
    "gmina-miejsko-wiejska": "Urząd Miasta i Gminy",
    "gmina-wiejska": "Urząd Gminy",
    "miasto-na-prawach-powiatu": "Urząd Miasta",
}


def _future_date(r: dict[str, Any]) -> None:
    r["date_added"] = "2999-01-01"


def _postal_code(r: dict[str, Any]) -> None:
    r["institution"]["address"]["postal_code"] = r["institution"]["address"]["postal_code"].replace("-", "")


def _email(r: dict[str, Any]) -> None:
    r["contacts"][0]["emails"] = [r["contacts"][0]["emails"][0].replace("@", ".")]


def _unreachable_contact(r: dict[str, Any]) -> None:
    r["contacts"] = [{"name": r["contacts"][0]["name"]}]


def _short_description(r: dict[str, Any]) -> None:
    r["description"] = r["description"][:120]


def _foreign_phone(r: dict[str, Any]) -> None:
    r["contacts"][0]["phones"] = ["+44 20 7946 0958"]


def _voivodeship(r: dict[str, Any]) -> None:
    r["unit"]["voivodeship"] = r["unit"]["voivodeship"].upper()


def _population(r: dict[str, Any]) -> None:
    r["population"] = -5


def _other_street(r: dict[str, Any]) -> None:
    r["institution"]["address"]["street"] = "Długa 1"  # the office's other practices give its own


DEFECTS: tuple[Callable[[dict[str, Any]], None], ...] = (
    _future_date, _postal_code, _email, _unreachable_contact, _short_description, _foreign_phone,
    _voivodeship, _population, _other_street,
)
"""Rotating kinds of mistakes: schema (postal code, e-mail, województwo, population), SHACL
(future date, unreachable contact, short description, foreign phone) and records of one office
that disagree about its street (a conflict between records)."""


def practices(n: int, defect_every: int = 100) -> Iterator[dict[str, Any]]:
    """``n`` submissions; every ``defect_every``-th carries one mistake of `DEFECTS` in turn."""
    for i, record in enumerate(records(n)):
        unit = record["unit"]
        record["institution"]["name"] = f"{_OFFICE.get(unit['type'], 'Urząd Gminy')} {unit['name']}"
        code = int(unit["terc"][0])
        districts = VOIVODESHIP_DISTRICTS[unit["voivodeship"]]  # a code of the unit's own region
        record["institution"]["address"].update(
            street=f"Rynek {1 + code % 50}",
            postal_code=f"{districts[code % len(districts)]}{code % 10}-{code % 1000:03d}",
        )
        if i % defect_every == defect_every - 1:
            DEFECTS[(i // defect_every) % len(DEFECTS)](record)
        yield record


def write(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in practices(n):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def measure(path: Path, n: int) -> dict[str, float]:
    """Run the command once: wall time, counts from its JSON report, and the peak memory of the
    largest process so far (the command or one of its workers; give N in increasing order)."""
    command = [sys.executable, "-m", "bdp_lod.cli", "validate", str(path), "--format", "json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode("utf-8", "replace"))
    report = json.loads(done.stdout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib = after.ru_maxrss
    return {
        "cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        "load": os.getloadavg()[0],
        "practices": n,
        "seconds": seconds,
        "practices_per_s": n / seconds,
        "triples": report["triples"],
        "triples_per_s": report["triples"] / seconds,
        "peak_mb": peak_kib / 1024,
        "violations": report["counts"]["violation"],
        "warnings": report["counts"]["warning"],
        "info": report["counts"]["info"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="+", help="numbers of practices")
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the generated files in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.n:
            path = write(folder / f"practices_{n}.jsonl", n)
            figures = measure(path, n)
            print(
                f"{n:>7} practices  {figures['seconds']:7.1f} s  {figures['practices_per_s']:7.0f} practices/s  "
                f"{figures['triples']:>9} triples  {figures['triples_per_s']:8.0f} triples/s  "
                f"cpu {figures['cpu_s']:6.1f} s  peak {figures['peak_mb']:6.0f} MB  load {figures['load']:4.1f}  "
                f"({figures['violations']} violations, {figures['warnings']} warnings, {figures['info']} info)",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
