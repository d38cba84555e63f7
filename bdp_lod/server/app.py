"""The HTTP side of ``bdp-lod serve``: content negotiation, 303s, conditional GET, CORS, SPARQL."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Final
from urllib.parse import parse_qs, unquote, urlsplit

from ..site.layout import Document, Download, Gone, Identifier, Layout, Moved, Retirement, Variant
from ..site.published import published_layout
from ..site.retired import read_retired, retirement
from .negotiation import negotiate
from .sparql import QueryFailed, QueryTimedOut, SparqlEndpoint

__all__ = ["CONTENT_TYPES", "Server", "Serving", "make_server"]

CONTENT_TYPES: Final = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".nt": "application/n-triples; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
    ".md5": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".htaccess": "text/plain; charset=utf-8",
    ".conf": "text/plain; charset=utf-8",
}
_IDENTIFIER_VARIANTS: Final = {
    "text/html": Variant.HTML,
    "application/xhtml+xml": Variant.HTML,
    "text/turtle": Variant.TURTLE,
    "application/ld+json": Variant.JSONLD,
    "application/n-triples": Variant.NTRIPLES,
}
SPARQL_PATH: Final = "sparql"
_NOT_FOUND_PAGE: Final = (
    '<!DOCTYPE html>\n<html lang="pl"><head><meta charset="utf-8"><meta name="viewport" '
    'content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>404 – nie ma takiej strony'
    '</title></head><body><h1>Nie ma takiej strony / No such page</h1><p><a href="/index.html">Baza Dobrych Praktyk'
    '</a> · <a href="/index.en.html" lang="en">Good Practice Database</a></p></body></html>\n'
)


@dataclass
class Server:
    """What every request of one ``serve`` needs: the folder, its URI rules and its SPARQL store."""

    folder: Path
    layout: Layout
    sparql: SparqlEndpoint
    retirement: Retirement
    """The identifiers earlier editions minted and this one does not (docs/site.md §11)."""
    etags: dict[Path, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def etag(self, path: Path) -> str:
        """A strong ETag from the file's bytes; the folder is replaced whole, never edited, so a
        digest is taken once per file."""
        with self.lock:
            if path not in self.etags:
                self.etags[path] = '"' + hashlib.sha256(path.read_bytes()).hexdigest()[:32] + '"'
            return self.etags[path]


def _content_type(path: Path) -> str:
    if path.name == "void":
        return "text/turtle; charset=utf-8"
    return CONTENT_TYPES.get(".htaccess" if path.name == ".htaccess" else path.suffix, "application/octet-stream")


class _Handler(BaseHTTPRequestHandler):
    server_version = "bdp-lod"
    app: Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    # --- plumbing -------------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found(self) -> None:
        wants_html = negotiate(self.headers.get("Accept"), ["text/html", "text/plain"]) == "text/html"
        vary = {"Vary": "Accept"}  # the page for browsers, plain text for RDF clients
        if wants_html:
            self._send(404, _NOT_FOUND_PAGE.encode("utf-8"), CONTENT_TYPES[".html"], vary)
        else:
            self._send(404, b"Not found\n", CONTENT_TYPES[".txt"], vary)

    # --- methods --------------------------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        self._send(204, b"", "text/plain", {
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Accept, Content-Type",
        })

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        request = unquote(url.path).lstrip("/")
        if request == SPARQL_PATH:
            self._sparql(parse_qs(url.query))
            return
        retired = self.app.retirement.locate(request)
        if isinstance(retired, Gone):
            self._gone(retired)
            return
        if isinstance(retired, Moved):
            location = retired.location if retired.external else "/" + retired.location
            self._send(301, b"", CONTENT_TYPES[".txt"], {"Location": location, "Vary": "Accept"})
            return
        target = self.app.layout.locate(request)
        if isinstance(target, Identifier):
            self._identifier(target)
        elif isinstance(target, (Document, Download)):
            self._file(self.app.folder / target.file)
        else:
            self._not_found()

    def do_POST(self) -> None:  # noqa: N802
        if unquote(urlsplit(self.path).path).lstrip("/") != SPARQL_PATH:
            self._send(405, b"Only the SPARQL endpoint takes POST\n", CONTENT_TYPES[".txt"], {"Allow": "GET, HEAD"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            self._sparql({"query": [body]})
        elif kind == "application/sparql-update":
            self._sparql({"update": [body]})
        else:
            self._sparql(parse_qs(body))

    # --- answers --------------------------------------------------------------------------------

    def _identifier(self, target: Identifier) -> None:
        chosen = negotiate(self.headers.get("Accept"), list(_IDENTIFIER_VARIANTS))
        if chosen is None:
            self._send(406, b"Not acceptable: text/html, text/turtle, application/ld+json or application/n-triples\n",
                       CONTENT_TYPES[".txt"], {"Vary": "Accept"})
            return
        document = self.app.layout.document(target.path, _IDENTIFIER_VARIANTS[chosen])
        if not (self.app.folder / document).is_file():
            self._not_found()
            return
        if target.path == "" and _IDENTIFIER_VARIANTS[chosen] is Variant.HTML:
            # The base is also the catalog's landing page, a document: people get it in place,
            # as the generated web-server rules serve index.html there.
            self._file(self.app.folder / document)
            return
        self._send(303, b"", CONTENT_TYPES[".txt"], {"Location": "/" + document, "Vary": "Accept"})

    def _gone(self, gone: Gone) -> None:
        """410 with the tombstone's document: the one asked for, or for the identifier the one
        the Accept header prefers (the page when it prefers none: that it is gone matters more
        than in which form)."""
        variant = gone.variant
        if variant is None:
            chosen = negotiate(self.headers.get("Accept"), list(_IDENTIFIER_VARIANTS))
            variant = _IDENTIFIER_VARIANTS[chosen] if chosen else Variant.HTML
        path = self.app.folder / self.app.layout.document(gone.path, variant)
        headers = {"Vary": "Accept", "Access-Control-Allow-Origin": "*"}
        if path.is_file():
            self._send(410, path.read_bytes(), _content_type(path), headers)
        else:
            self._send(410, b"Gone\n", CONTENT_TYPES[".txt"], headers)

    def _file(self, path: Path) -> None:
        folder = self.app.folder.resolve()
        try:
            resolved = path.resolve()
        except OSError:
            self._not_found()
            return
        if not resolved.is_file() or folder not in resolved.parents:
            self._not_found()
            return
        content_type = _content_type(resolved)
        etag = self.app.etag(resolved)
        headers = {"ETag": etag, "Vary": "Accept", "Access-Control-Allow-Origin": "*"}
        if etag in [t.strip() for t in (self.headers.get("If-None-Match") or "").split(",")]:
            self._send(304, b"", content_type, headers)
            return
        self._send(200, resolved.read_bytes(), content_type, headers)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        cors = {"Access-Control-Allow-Origin": "*", "Vary": "Accept"}
        if "update" in params:
            self._send(403, b"This endpoint is read-only: SPARQL Update is refused\n", CONTENT_TYPES[".txt"], cors)
            return
        queries = params.get("query") or []
        if len(queries) != 1:
            self._send(400, b"Give exactly one 'query' parameter\n", CONTENT_TYPES[".txt"], cors)
            return
        try:
            body, content_type = self.app.sparql.run(queries[0], self.headers.get("Accept"))
        except QueryTimedOut as exc:
            self._send(503, f"{exc}\n".encode("utf-8"), CONTENT_TYPES[".txt"], cors)
            return
        except QueryFailed as exc:
            self._send(exc.status, f"{exc}\n".encode("utf-8"), CONTENT_TYPES[".txt"], cors)
            return
        self._send(200, body, content_type, cors)


class Serving(ThreadingHTTPServer):
    """The HTTP server of one ``serve``; `server_close` also stops the SPARQL workers and removes
    their store, so every way of stopping a server stops them."""

    daemon_threads = True
    app: Server

    def server_close(self) -> None:
        super().server_close()
        self.app.sparql.close()


def make_server(folder: Path, *, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0,
                workers: int = 2) -> Serving:
    """A server for the published ``folder`` (not yet serving: call ``serve_forever``, and
    ``server_close`` when done); ``workers`` SPARQL queries run at once, each stopped after
    ``timeout`` seconds."""
    layout = published_layout(folder)
    retired = retirement(read_retired(folder, layout), layout)
    sparql = SparqlEndpoint.of_folder(folder, timeout=timeout, workers=workers)
    app = Server(folder=folder, layout=layout, sparql=sparql, retirement=retired)
    handler = type("Handler", (_Handler,), {"app": app})
    try:
        server = Serving((host, port), handler)
    except BaseException:
        sparql.close()
        raise
    server.app = app
    return server
