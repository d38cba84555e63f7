"""Adding the Linked Data site to a published folder: documents, pages and hosting rules.

Two passes over the folder's files (`bdp_lod.site.reading`): a census of what no one resource
holds (`bdp_lod.site.census`), then the descriptions, streamed, each written as it is complete
(three RDF documents and two pages). The second pass is split over the machine's cores: each
forked worker reads the stream again, parsing only the lines of its own share of the resources
(by a hash of the outermost described path, so a resource and the nodes nested under it fall
together), and writes that share, so the parts never touch the same file and the bytes are the
same for any number of workers. What needs only the census (tombstones, landing page, crawler
files) is one more task, run beside the shares. Memory is the census and a few resources at a
time, whatever the size of the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ..files import atomic_write
from ..parallel import available_workers, ordered_map
from .census import LABELS, Census, take_census
from .crawling import write_crawling
from .folder import SiteFolder
from .documents import DocumentWriter, describe, share_of
from .hosting import Hosting, apache, nginx_http, nginx_server, w3id
from .index import write_index
from .layout import Layout
from .not_found import write_not_found
from .pages import PageWriter
from .reading import stated, subjects
from .retired import Retired, read_retired, retirement
from .tombstones import write_tombstones

__all__ = ["HOSTING_FILES", "SiteResult", "write_site"]

HOSTING_FILES = ("hosting/nginx-http.conf", "hosting/nginx-server.conf", "hosting/w3id.htaccess", ".htaccess")


@dataclass(frozen=True)
class SiteResult:
    resources: int
    documents: int
    pages: int


@dataclass(frozen=True)
class _Job:
    folder: Path
    layout: Layout
    census: Census
    parts: int
    retired: list[Retired]
    site_url: str


_CENSUS_ONLY: Final = -1
"""The task of what needs the census and no resource's description: the tombstones, the landing
page and the crawlers' files. Run in the parent after the shares, it kept one core idle for its
2.3 s at 100,000 practices; in a process of its own beside them, it shares the cores with them."""


_job: _Job | None = None
"""What the forked workers read (set by `write_site` before the fork; see `ordered_map`)."""


def _write_part(part: int) -> tuple[int, int, int]:
    job = _job
    assert job is not None
    if part == _CENSUS_ONLY:
        counts = write_tombstones(SiteFolder(job.folder), job.layout, job.census, job.retired)
        write_index(job.folder, job.census, job.layout)
        write_crawling(job.folder, job.layout, job.census.paths, job.site_url)
        return (0, *counts)
    files = SiteFolder(job.folder)
    endpoint = sorted(job.census.endpoints)[0] if job.census.endpoints else None
    documents, pages = DocumentWriter(files, job.layout), PageWriter(files, job.layout, endpoint)
    resources = 0
    share = (part, job.parts)
    needed = share_of(job.layout, job.census, share) if job.parts > 1 else None
    for description in describe(stated(job.folder, needed), job.layout, job.census, share):
        documents_of = job.layout.variants(description.path)
        documents.write(description, documents_of)
        pages.write(description, documents_of)
        resources += 1
    return resources, documents.written, pages.written


def write_site(
    folder: Path, layout: Layout, *, site_url: str | None = None, root: str | None = None, workers: int | None = None,
) -> SiteResult:
    """Write the site of the publication in ``folder`` into it.

    ``site_url`` is where the folder is served (the base by default); ``root`` the folder's
    path on the web server's disk, for the nginx rules (``folder`` by default); ``workers`` the
    processes writing resources (all cores by default; the files are the same whatever it is).
    """
    global _job
    retired = read_retired(folder, layout)
    census = take_census(subjects(folder, literals=LABELS), layout)
    parts = max(1, available_workers() if workers is None else workers)
    hosting = Hosting(layout, site=site_url, retirement=retirement(retired, layout))
    _job = _Job(folder, layout, census, parts, retired, hosting.site_url)
    try:
        tasks = [*range(parts), _CENSUS_ONLY]
        counts = list(ordered_map(_write_part, tasks, parts + 1 if parts > 1 else 1))
    finally:
        _job = None
    rules = {
        HOSTING_FILES[0]: nginx_http(hosting),
        HOSTING_FILES[1]: nginx_server(hosting, root or str(folder.resolve())),
        HOSTING_FILES[2]: w3id(hosting),
        HOSTING_FILES[3]: apache(hosting),
    }
    for name, text in rules.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / name, text.encode("utf-8"))
    write_not_found(folder, hosting.prefix)
    return SiteResult(*(sum(c[i] for c in counts) for i in range(3)))
