"""A SPARQL query past the timeout is stopped, not merely given up: its worker process ends, a
fresh one takes its place, and the server goes on answering."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bdp_lod.server import Serving, make_server

from site_support import publish_site

TIMEOUT = 1.0
# Every triple of the dump against every other, four times over: about 10^12 rows to count.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT_PRACTICES = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/bdp/def#Practice> }"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_site(tmp_path_factory.mktemp("timeout") / "out")


@pytest.fixture()
def server(folder: Path) -> Iterator[Serving]:
    server = make_server(folder, port=0, timeout=TIMEOUT)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def sparql(server: Serving, query: str, accept: str = "text/csv") -> requests.Response:
    # The client's own bound is generous: the 503 comes after TIMEOUT plus the kill.
    return requests.get(f"http://127.0.0.1:{server.server_address[1]}/sparql", params={"query": query},
                        headers={"Accept": accept}, timeout=TIMEOUT + 10)


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_query_past_the_timeout_is_503_its_worker_is_gone_and_the_next_query_answers(server: Serving) -> None:
    before = server.app.sparql.pids
    assert len(before) == 2 and all(running(pid) for pid in before)
    stopped = sparql(server, ENDLESS)
    assert (stopped.status_code, stopped.text) == (503, "the query ran past the 1 s timeout and was stopped\n")
    after = server.app.sparql.pids
    (killed,) = before - after
    assert not running(killed)
    assert len(after) == 2 and len(after - before) == 1  # a fresh worker took its place
    answered = sparql(server, COUNT_PRACTICES)
    assert (answered.status_code, answered.text) == (200, "n\r\n5\r\n")


def test_the_pool_recovers_from_more_stopped_queries_than_it_has_workers(server: Serving) -> None:
    stopped = [sparql(server, ENDLESS) for _ in range(3)]
    # The third may find both workers being replaced, and says so instead of waiting on.
    assert {(r.status_code, r.text.split(" ")[1]) for r in stopped} <= {(503, "query"), (503, "SPARQL")}
    assert len(server.app.sparql.pids) == 2 and all(running(pid) for pid in server.app.sparql.pids)
    # Fresh workers join once they have opened the store; within a few timeouts one answers.
    answers = (sparql(server, COUNT_PRACTICES) for _ in range(30))
    assert next(a.text for a in answers if a.status_code == 200) == "n\r\n5\r\n"


def test_requests_beyond_the_pool_wait_for_a_free_worker(server: Serving) -> None:
    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(sparql(server, COUNT_PRACTICES).text)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["n\r\n5\r\n"] * 6


def test_closing_stops_the_workers_and_removes_the_store(folder: Path) -> None:
    server = make_server(folder, port=0, timeout=TIMEOUT)
    pids, store = server.app.sparql.pids, server.app.sparql.store_path
    assert store.is_dir()
    server.server_close()
    assert not store.exists() and not any(running(pid) for pid in pids)
