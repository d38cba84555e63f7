"""How long writing the Linked Data site takes on N synthetic practices, how much memory, and how
the files spread over folders.

Run: ``.venv/bin/python benchmarks/site.py [N …] [--workers W]`` (default N: 1000 and 10000).
Each N is published once without a site (kept under ``build/bench/published_N`` for the next
run: publishing 100,000 practices takes minutes and is timed by ``benchmarks/publish.py``), then,
in a fresh process, its files are hard-linked into a scratch folder and `write_site` adds the site
there, as ``bdp-lod site`` does. Prints one table; asserts nothing, because timings belong to the
machine, not to the suite.

Columns: ``site s`` the wall time of `write_site` alone (census, documents and pages, landing
page, crawler files, hosting rules); ``user s`` and ``sys s`` its CPU time, the process's and
its workers' (what to compare on a shared machine, where wall time is other people's load), and
``ms/res`` their sum per resource; ``peak MB`` the larger of the parent's and any worker's
resident memory; ``files`` and ``GB`` what the site adds; ``max/folder`` the most entries in one
folder (the sharding's promise: a few thousand at most); ``µs/file`` the wall time per file.

``sys s`` depends on what the file system did in the minutes before: on ext4 without a journal
(this machine) creating a file right after many were deleted costs up to ten times more
(docs/site.md §10), and this script deletes its scratch site at the end, so a second N run
within a few minutes of the first pays for the first's deletion.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synthetic import write_jsonl  # noqa: E402


def published(n: int) -> Path:
    """The N synthetic practices published without a site (made once, then reused)."""
    from bdp_lod.publish import publish

    folder = ROOT / "build" / "bench" / f"published_{n}"
    if (folder / "SHA256SUMS").is_file():
        return folder
    records = ROOT / "build" / "bench" / f"records_{n}.jsonl"
    if not records.exists():
        write_jsonl(records, n)
    result = publish([records], folder)
    assert result.ok, result.report.to_text()
    return folder


def one(source: Path, workers: int | None) -> dict[str, object]:
    """Write the site of ``source``'s publication into a scratch copy, in this process."""
    from bdp_lod.site.published import published_layout
    from bdp_lod.site.writer import write_site

    with tempfile.TemporaryDirectory(dir=ROOT / "build" / "bench") as work:
        folder = Path(work) / "site"
        folder.mkdir()
        for item in source.iterdir():
            os.link(item, folder / item.name)
        before = {p.name for p in folder.iterdir()}
        layout = published_layout(folder)
        started, cpu = time.perf_counter(), os.times()
        result = write_site(folder, layout, workers=workers)
        wall, spent = time.perf_counter() - started, os.times()
        files = size = folders = widest = 0
        for here, dirs, names in os.walk(folder):
            added = [n for n in names if here != str(folder) or n not in before]
            files += len(added)
            size += sum(os.stat(os.path.join(here, n)).st_size for n in added)
            folders += len(dirs)
            widest = max(widest, len(dirs) + len(names))
        shutil.rmtree(folder)
    return {
        "resources": result.resources,
        "wall": wall,
        "user": spent.user + spent.children_user - cpu.user - cpu.children_user,
        "sys": spent.system + spent.children_system - cpu.system - cpu.children_system,
        "peak_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                       resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
        "files": files,
        "bytes": size,
        "folders": folders,
        "widest": widest,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=None, help="processes (all cores by default)")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    (ROOT / "build" / "bench").mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(one(args.one, args.workers)))
        return
    print(f"{'N':>8} {'resources':>10} {'site s':>8} {'user s':>7} {'sys s':>6} {'ms/res':>6} {'peak MB':>8} "
          f"{'files':>9} {'GB':>6} {'folders':>8} {'max/folder':>10} {'µs/file':>8}")
    for n in args.n:
        source = published(n)
        command = [sys.executable, __file__, "--one", str(source)]
        if args.workers is not None:
            command += ["--workers", str(args.workers)]
        r = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        cpu = r["user"] + r["sys"]
        print(f"{n:>8} {r['resources']:>10} {r['wall']:>8.1f} {r['user']:>7.1f} {r['sys']:>6.1f} "
              f"{cpu / r['resources'] * 1e3:>6.2f} {r['peak_mb']:>8.0f} {r['files']:>9} "
              f"{r['bytes'] / 1e9:>6.2f} {r['folders']:>8} {r['widest']:>10} {r['wall'] / r['files'] * 1e6:>8.0f}")


if __name__ == "__main__":
    main()
