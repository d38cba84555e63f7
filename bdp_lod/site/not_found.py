"""What a static host answers for a path the publication has no file for (``404``): a page in
the site's style for people, plain text for RDF clients, as ``bdp-lod serve`` does.

The hosting rules (`bdp_lod.site.hosting`) pick one of the two files by the Accept header. The
page may answer at any depth of the site, so its links are absolute paths under the prefix the
site is served at, and it holds no source text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from ..files import atomic_write
from .layout import INDEX, Variant
from .rendering import ENVIRONMENT, LANGUAGES

__all__ = ["NOT_FOUND_PAGE", "NOT_FOUND_TEXT", "write_not_found"]

NOT_FOUND_PAGE: Final = "404.html"
NOT_FOUND_TEXT: Final = "404.txt"
_SITE: Final = {"pl": "Baza Dobrych Praktyk – dane otwarte", "en": "Good Practice Database – open data"}


def write_not_found(folder: Path, prefix: str) -> list[str]:
    """Write both answers into ``folder``, served at the URL path ``prefix`` (``/bdp/``)."""
    home = {lang: prefix + INDEX + variant.extension for lang, variant in LANGUAGES.items()}
    page = ENVIRONMENT.get_template("not-found.html").render(site=_SITE, home=home)
    atomic_write(folder / NOT_FOUND_PAGE, page.encode("utf-8"))
    atomic_write(folder / NOT_FOUND_TEXT, b"Not found\n")
    return [NOT_FOUND_PAGE, NOT_FOUND_TEXT]
