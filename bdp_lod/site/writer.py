"""Adding the Linked Data site to a published folder: documents, pages and hosting rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_write
from .documents import describe, read_publication, write_documents
from .crawling import write_crawling
from .index import write_index
from .hosting import Hosting, apache, nginx_http, nginx_server, w3id
from .layout import Layout
from .pages import write_pages

__all__ = ["SiteResult", "write_site"]

HOSTING_FILES = ("hosting/nginx-http.conf", "hosting/nginx-server.conf", "hosting/w3id.htaccess", ".htaccess")


@dataclass(frozen=True)
class SiteResult:
    resources: int
    documents: int
    pages: int


def write_site(folder: Path, layout: Layout, *, site_url: str | None = None, root: str | None = None) -> SiteResult:
    """Write the site of the publication in ``folder`` into it.

    ``site_url`` is where the folder is served (the base by default); ``root`` the folder's
    path on the web server's disk, for the nginx rules (``folder`` by default).
    """
    graph = read_publication(folder)
    descriptions = list(describe(graph, layout))
    documents = write_documents(folder, layout, descriptions)
    pages = write_pages(folder, layout, descriptions)
    hosting = Hosting(layout, site=site_url)
    rules = {
        HOSTING_FILES[0]: nginx_http(hosting),
        HOSTING_FILES[1]: nginx_server(hosting, root or str(folder.resolve())),
        HOSTING_FILES[2]: w3id(hosting),
        HOSTING_FILES[3]: apache(hosting),
    }
    for name, text in rules.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / name, text.encode("utf-8"))
    write_index(folder, graph, layout)
    write_crawling(folder, layout, (d.path for d in descriptions), hosting.site_url)
    return SiteResult(resources=len(descriptions), documents=documents, pages=pages)
