"""Shared by the tests that run the generated web-server rules in a real server (nginx, Apache)
and compare its answers with ``bdp-lod serve``'s over the same folder."""

from __future__ import annotations

import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from rdflib import Graph, URIRef

from bdp_lod.site.layout import Layout, Variant

from site_support import LAYOUT, RENAMED, WITHDRAWN, WITHDRAWN_ACTIVITY

ACCEPT = {
    "text/html": Variant.HTML,
    "text/turtle": Variant.TURTLE,
    "application/ld+json": Variant.JSONLD,
    "application/n-triples": Variant.NTRIPLES,
}
"""The media types a client asks for, and the document each one is answered with."""
COMPARED_ACCEPTS = [*ACCEPT, "text/html;q=0.5, text/turtle", "*/*"]
"""The Accept headers under which a host and ``serve`` must answer alike."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(process: subprocess.Popen[bytes], port: int, name: str) -> None:
    """Return once ``process`` accepts connections on ``port``; fail with its stderr if it exits."""
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"{name} did not start: {process.stderr.read().decode() if process.stderr else ''}")
            time.sleep(0.05)
    pytest.fail(f"{name} did not listen on 127.0.0.1:{port}")


@dataclass(frozen=True)
class Site:
    url: str
    layout: Layout
    paths: list[str]
    folder: Path


def identifier_paths(folder: Path) -> list[str]:
    """The identifier path of every IRI of the base the folder's dump names."""
    graph = Graph().parse(folder / "bdp.nt", format="nt")
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    return sorted({p for p in map(LAYOUT.path, iris) if p})


def compared_requests(site: Site) -> list[str]:
    """Every identifier, every retired one and its documents, the editions, the downloads and
    the crawlers' files, and paths that name nothing."""
    retired = [WITHDRAWN, WITHDRAWN_ACTIVITY, *RENAMED]
    return ["", *site.paths, *retired, *(f for p in retired for f in site.layout.variants(p).values()),
            "data/bdp/edition/1", "data/bdp/edition/2", "data/bdp/bdp.nt", "data/bdp/catalog.ttl",
            "data/bdp/retired.ttl", ".well-known/void", "sitemap.xml", "search.json", "robots.txt",
            "doc/id/practice/no/ne/none.html", "id/practice/none", "nothing/here", ".bdp-gone/index.html"]


@dataclass(frozen=True)
class Answer:
    status: int
    location: str | None
    vary: str | None
    media: str | None
    body: bytes

    def brief(self) -> str:
        """The answer without its body, for a failing assertion's message."""
        return f"{self.status} {self.media} Location={self.location} Vary={self.vary} ({len(self.body)} B)"


def ask(session: requests.Session, root: str, path: str, accept: str) -> Answer:
    """One request, told relative to the server's root, so two servers' answers compare."""
    response = session.get(root + path, headers={"Accept": accept}, allow_redirects=False)
    location = response.headers.get("Location")
    if location is not None:
        location = location.removeprefix(root.rstrip("/")).removeprefix(urlsplit(root).path).lstrip("/")
    # A redirect's or an error's body is the server's own (its stock pages): only what a
    # document or a tombstone answers is compared byte for byte.
    found = response.status_code in (200, 410)
    media = response.headers.get("Content-Type", "").split(";")[0] if found else None
    body = response.content if found else b""
    return Answer(response.status_code, location, response.headers.get("Vary"), media, body)


def assert_answers_alike(site: Site, preview: str, accept: str) -> None:
    """The host at ``site.url`` answers every compared request as ``serve`` at ``preview`` does,
    and so does the document each redirect leads to."""
    session = requests.Session()
    for path in compared_requests(site):
        for asked in (path, *filter(None, [ask(session, site.url, path, accept).location])):
            answer, expected = ask(session, site.url, asked, accept), ask(session, preview, asked, accept)
            assert answer == expected, f"{asked}: {answer.brief()} where serve answers {expected.brief()}"


def assert_not_found_answers(site: Site) -> None:
    """A path that names nothing is a 404 with the site's page for a browser (or a client that
    takes anything, or sends no Accept) and plain text for an RDF client, at any depth."""
    page, text = (site.folder / "404.html").read_bytes(), (site.folder / "404.txt").read_bytes()
    for path in ("id/practice/none", "doc/id/practice/no/ne/none.html", "nothing/here", "data/bdp/none.nt"):
        for accept, body, media in (("text/html,application/xhtml+xml;q=0.9", page, "text/html"), ("*/*", page, "text/html"),
                                    (None, page, "text/html"), ("text/turtle", text, "text/plain"),
                                    ("application/ld+json", text, "text/plain")):
            headers = {} if accept is None else {"Accept": accept}
            response = requests.get(site.url + path, headers=headers, allow_redirects=False)
            answered = (response.status_code, response.headers.get("Content-Type", "").split(";")[0], response.content)
            assert answered == (404, media, body), (path, accept)
