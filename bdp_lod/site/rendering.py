"""What every page of the site shares: the template environment, the page variant of each
language, and JSON-LD embedded so that no source text can close its ``<script>``."""

from __future__ import annotations

import json
from urllib.parse import quote
from collections.abc import Mapping
from typing import Any, Final

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .layout import Variant

__all__ = ["ENVIRONMENT", "LANGUAGES", "Skeleton", "embedded_json", "html_text", "slot", "sparql_link"]

LANGUAGES: Final = {"pl": Variant.HTML, "en": Variant.HTML_EN}
"""Each page language and its document variant; Polish first, the default."""
ENVIRONMENT: Final = Environment(
    loader=PackageLoader("bdp_lod.site", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
    trim_blocks=True,
    auto_reload=False,
)
"""``auto_reload`` off: the templates ship with the package and never change while it runs, and
checking their files' times cost a ``stat`` per template and include on each of the site's
hundreds of thousands of pages."""


_JSON: Final = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""What ``json.dumps(…, ensure_ascii=False, sort_keys=True)`` makes, without a new encoder for
each of the site's pages (``dumps`` makes one whenever an option is not its default)."""


def embedded_json(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` written as JSON
    escapes, so a ``</script>`` in a title stays text."""
    text = _JSON.encode(data)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def html_text(text: str) -> str:
    """``text`` escaped for HTML exactly as autoescape (``markupsafe.escape``) escapes it, as a
    plain ``str``: the HTML a page builds from escaped text (its property rows, its backlinks)
    escapes some seventy texts per page, and markupsafe's wrapper and its ``Markup`` object per
    call cost several times the five replaces."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def sparql_link(endpoint: str, query: str) -> str:
    """A SPARQL 1.1 Protocol GET of ``query``: a link a person can follow, answered by the endpoint."""
    return f"{endpoint}{'&' if '?' in endpoint else '?'}query={quote(query, safe='')}"


_MARK: Final = "\0"
"""What a `slot` is marked by: no template text holds a NUL."""


def slot(name: str) -> Markup:
    """A value for a template that stands for one page's value, to render a `Skeleton` with:
    a ``Markup``, so autoescape copies it as it stands."""
    return Markup(f"{_MARK}{name}{_MARK}")


class Skeleton:
    """A template rendered once with a `slot` for each value that changes from page to page,
    filled in per page by joining strings.

    Rendering a template costs far more than the text it makes: a Jinja2 context per template
    and include, and an escape and a ``Markup`` per value, hundreds of thousands of times for
    a site. Loops and conditions are left to Jinja2 (a skeleton is rendered for each shape: how
    many times a loop runs, which branch a condition takes); what a page fills a slot with is
    HTML, the text escaped as autoescape would have (`html_text`) or HTML built from escaped
    text, so the page is the bytes the template renders for it."""

    def __init__(self, text: str) -> None:
        self._parts = text.split(_MARK)
        self._slots = tuple((i, self._parts[i]) for i in range(1, len(self._parts), 2))

    def fill(self, html: Mapping[str, str]) -> str:
        """The page: each slot replaced by ``html`` of its name."""
        parts = self._parts.copy()
        for i, name in self._slots:
            parts[i] = html[name]
        return "".join(parts)
