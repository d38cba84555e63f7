"""What crawlers and linked-data clients look for first: ``sitemap.xml``, ``robots.txt`` and
``/.well-known/void`` (the VoID description's well-known place, RFC 8615 and the VoID guide §7)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from ..files import atomic_write
from .layout import INDEX, Layout, Variant

__all__ = ["SITEMAP_LIMIT", "write_crawling"]

SITEMAP_LIMIT = 50_000
"""URLs per sitemap file (the sitemaps.org limit); more are split into numbered files listed by
a sitemap index."""


def _urlset(urls: list[str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{escape(url)}</loc></url>" for url in urls]
    return "\n".join([*lines, "</urlset>"]) + "\n"


def write_crawling(folder: Path, layout: Layout, paths: Iterable[str], site_url: str) -> list[str]:
    """Write the sitemap(s) of every Polish and English page, robots.txt and .well-known/void."""
    site = site_url if site_url.endswith("/") else site_url + "/"
    urls = [site + INDEX + Variant.HTML.extension, site + INDEX + Variant.HTML_EN.extension]
    for path in sorted(paths):
        urls += [site + layout.document(path, Variant.HTML), site + layout.document(path, Variant.HTML_EN)]
    written: list[str] = []
    chunks = [urls[i:i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)]
    if len(chunks) == 1:
        atomic_write(folder / "sitemap.xml", _urlset(chunks[0]).encode("utf-8"))
        written.append("sitemap.xml")
    else:
        index = ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for number, chunk in enumerate(chunks, 1):
            name = f"sitemap-{number}.xml"
            atomic_write(folder / name, _urlset(chunk).encode("utf-8"))
            index.append(f"<sitemap><loc>{escape(site + name)}</loc></sitemap>")
            written.append(name)
        atomic_write(folder / "sitemap.xml", ("\n".join([*index, "</sitemapindex>"]) + "\n").encode("utf-8"))
        written.append("sitemap.xml")
    atomic_write(folder / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {site}sitemap.xml\n".encode("utf-8"))
    written.append("robots.txt")
    if (folder / "void.ttl").is_file():
        void = folder / ".well-known" / "void"
        void.parent.mkdir(exist_ok=True)
        atomic_write(void, (folder / "void.ttl").read_bytes())
        written.append(".well-known/void")
    return written
