"""What every page of the site shares: the template environment, the page variant of each
language, and JSON-LD embedded so that no source text can close its ``<script>``."""

from __future__ import annotations

import json
from urllib.parse import quote
from typing import Any, Final

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .layout import Variant

__all__ = ["ENVIRONMENT", "LANGUAGES", "embedded_json", "html_text", "sparql_link"]

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


def embedded_json(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` written as JSON
    escapes, so a ``</script>`` in a title stays text."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
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
