"""A folder that `publish` wrote, read back: its URI rules, and the site added to it afterwards.

`publish --site` writes the site in the publication's own atomic swap. A folder published
without it (or with an older bdp-lod) gets its site here, under the same guarantee: the
publication's files are linked (not copied: they are never edited in place, and a dump may be
gigabytes) into a working folder beside it, checked against ``SHA256SUMS``, the site is written
there and the whole folder is swapped in. Whatever site the folder had is left out and replaced,
since everything ``SHA256SUMS`` does not list is the site.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCAT, RDF

from ..errors import InputError
from ..publish.folder import CHECKSUMS, OutputFolder, file_sha256, read_checksums
from .layout import CATALOG, Layout
from .writer import SiteResult, write_site

__all__ = ["add_site", "published_layout"]

CATALOG_FILE = "catalog.ttl"


def published_layout(folder: Path) -> Layout:
    """The URI rules a folder was published with: its base is the catalog's IRI less ``id/catalog``
    and its download base that of the dumps' download URLs, both read from ``catalog.ttl``."""
    catalog_file = folder / CATALOG_FILE
    if not catalog_file.is_file():
        raise InputError("not a published folder (no catalog.ttl)", file=str(folder),
                         pl="to nie jest folder publikacji (brak catalog.ttl)")
    try:
        graph = Graph().parse(catalog_file, format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot parse the catalog: {first}", file=str(catalog_file),
                         pl=f"nie można odczytać katalogu: {first}") from None
    catalogs = sorted(str(s) for s in graph.subjects(RDF.type, DCAT.Catalog) if str(s).endswith(CATALOG))
    if not catalogs:
        raise InputError("catalog.ttl names no catalog of a bdp-lod publication", file=str(catalog_file),
                         pl="catalog.ttl nie opisuje katalogu publikacji bdp-lod")
    base = catalogs[0][: -len(CATALOG)]
    downloads = sorted(str(o) for o in graph.objects(None, DCAT.downloadURL))
    return Layout(base, downloads=downloads[0].rpartition("/")[0] + "/" if downloads else None)


def add_site(folder: str | os.PathLike[str], *, site_url: str | None = None, workers: int | None = None) -> SiteResult:
    """Write the site of the publication in ``folder`` and swap the folder in whole.

    Raises `bdp_lod.errors.InputError` when ``folder`` is not a publication, a file it lists is
    missing or does not match its checksum, or the folder cannot be replaced; the folder is
    then as it was.
    """
    source = Path(folder).absolute()
    sums = read_checksums(source)
    layout = published_layout(source)
    with OutputFolder(source) as out:
        for name, digest in [*sorted(sums.items()), (CHECKSUMS, None)]:
            if "/" in name or "\\" in name or name.startswith("."):
                raise InputError(f"{CHECKSUMS} lists {name!r}, which is not a file of the folder itself", file=str(source),
                                 pl=f"{CHECKSUMS} wymienia {name!r}, który nie jest plikiem samego folderu")
            _link(source / name, out.path(name), digest)
        result = write_site(out.work, layout, site_url=site_url, root=str(source.resolve()), workers=workers)
        out.commit()
    return result


def _link(source: Path, target: Path, digest: str | None) -> None:
    """``target`` is ``source`` (a hard link where the file system allows, else a copy), checked."""
    if not source.is_file():
        raise InputError(f"is listed in {CHECKSUMS} but missing: the folder is incomplete", file=str(source),
                         pl=f"figuruje w {CHECKSUMS}, ale go brak: folder jest niekompletny")
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copyfile(source, target)
    if digest is not None and file_sha256(target) != digest:
        raise InputError(f"does not match its SHA-256 in {CHECKSUMS}: the folder was changed after it was published",
                         file=str(source),
                         pl=f"nie zgadza się z sumą SHA-256 w {CHECKSUMS}: folder zmieniono po publikacji")

