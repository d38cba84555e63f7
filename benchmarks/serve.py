"""How fast ``bdp-lod serve`` answers: resource URIs (the 303, then the document it names) and a
SPARQL count of the practices, median and 95th percentile over many requests.

Run: ``.venv/bin/python benchmarks/serve.py [FOLDER] [--requests 200]``. FOLDER is a folder written
by ``publish --site`` (e.g. one of ``benchmarks/publish.py``'s synthetic runs, published with
``--site``); without it the examples are published into a temporary folder. The server runs in
this process on a free loopback port, with its usual two SPARQL workers; requests go one at a
time through a ``requests`` session (the server speaks HTTP/1.0, so each is a new connection). Prints figures
only: timings belong to the machine, not to the suite (issue 11 asks for a resource under 20 ms
and the count under 200 ms, medians, at 100,000 practices on 2 cores).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from bdp_lod.server import make_server  # noqa: E402
from bdp_lod.site.published import published_layout  # noqa: E402
from bdp_lod.site.documents import descriptions  # noqa: E402
from bdp_lod.vocab import BDP  # noqa: E402

COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?p a <{BDP.Practice}> }}"


def timed(count: int, request: Callable[[int], None]) -> list[float]:
    """Milliseconds of each of ``count`` calls of ``request`` (given the call's number)."""
    times = []
    for i in range(count):
        started = time.perf_counter()
        request(i)
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    print(f"{name:<28} {len(times):>6} {statistics.median(times):>10.2f} {p95:>10.2f}")


def bench(folder: Path, count: int) -> None:
    layout = published_layout(folder)
    paths = [d.path for d in itertools.islice(descriptions(folder, layout), count)]
    server = make_server(folder, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    session = requests.Session()
    locations: list[str] = []
    try:
        def identifier(i: int) -> None:
            response = session.get(base + paths[i % len(paths)], headers={"Accept": "text/turtle"}, allow_redirects=False)
            assert response.status_code == 303, response.status_code
            locations.append(response.headers["Location"])

        def document(i: int) -> None:
            response = session.get(base + locations[i].lstrip("/"))
            assert response.status_code == 200, response.status_code

        def sparql(_: int) -> None:
            response = session.get(base + "sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
            assert response.status_code == 200, response.text

        print(f"{folder}: {len(paths)} resources asked for, {count} requests each")
        print(f"{'request':<28} {'n':>6} {'median ms':>10} {'p95 ms':>10}")
        report("resource URI → 303", timed(count, identifier))
        report("document (after the 303)", timed(count, document))
        report("SPARQL COUNT of practices", timed(count, sparql))
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", help="a folder written by publish --site")
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind")
    args = parser.parse_args()
    if args.folder is not None:
        bench(args.folder, args.requests)
        return
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "site"
        subprocess.run([sys.executable, "-m", "bdp_lod.cli", "publish", str(ROOT / "examples"), "--out", str(out), "--site"],
                       check=True, capture_output=True)
        bench(out, args.requests)


if __name__ == "__main__":  # the SPARQL workers are spawned and run this module again
    main()
