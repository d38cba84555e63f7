"""Web-server rules for a published folder: Apache ``.htaccess``, nginx, and w3id.org redirects.

All three are written from :data:`bdp_lod.site.layout.RULES`, the layout's own mapping as regular
expressions, so a host answers every identifier with ``303 See Other`` to the document the
client accepts (``Vary: Accept``), as W3C "Cool URIs for the Semantic Web" asks. Accept headers
are matched by media type; q-values are left to ``bdp-lod serve``, which parses them: a web
server's regular expressions cannot weigh them, and every RDF client this is for sends one type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .layout import CATALOG, INDEX, RDF_VARIANTS, RULES, Layout, Moved, Retirement, Rule, Variant
from .not_found import NOT_FOUND_PAGE, NOT_FOUND_TEXT

__all__ = ["Hosting", "apache", "nginx_http", "nginx_server", "w3id"]

_ACCEPT = {
    Variant.TURTLE: r"text/turtle",
    Variant.JSONLD: r"application/ld\+json",
    Variant.NTRIPLES: r"application/n-triples",
}
"""The Accept pattern that picks each RDF document; anything else gets the Polish page."""
_MAP_VARIABLE = "$bdp_document_extension"
_NOT_FOUND_VARIABLE = "$bdp_not_found"
_BROWSER_ACCEPT = r"text/html|\*/\*"
"""An Accept header a browser sends (or a client that takes anything): answered the 404 page,
as `bdp-lod serve` does; any other gets the plain text. No header at all counts as a browser."""
_NGINX_TYPES = (
    "    types {",
    "        text/html html;",
    "        text/turtle ttl;",
    "        application/ld+json jsonld;",
    "        application/n-triples nt;",
    "        application/json json;",
    "        text/markdown md;",
    "        application/gzip gz;",
    "        application/xml xml;",
    "        text/plain txt;",
    "    }",
    "    charset utf-8;",
    "    charset_types text/html text/turtle application/n-triples application/ld+json text/plain text/markdown;",
    "    add_header Access-Control-Allow-Origin * always;",
)
"""Media types nginx's own table lacks (Turtle, JSON-LD, N-Triples), UTF-8, and CORS so that
browser-based linked-data clients can read the documents."""
_GONE = ".bdp-gone/"
"""nginx's internal prefix for a tombstone's documents served as a 410's body (docs/site.md §11):
a URI of its own, so serving the body never meets the rule that answered 410 again."""


@dataclass(frozen=True)
class Hosting:
    """Where a publication's folder is served, beside the base its identifiers are minted under.

    ``site`` is the folder's URL; it is the base itself unless the base is a redirecting
    namespace such as ``https://w3id.org/bdp/``, whose rules then send each request there.
    """

    layout: Layout
    site: str | None = None
    retirement: Retirement | None = None
    """The identifiers earlier editions minted and this one does not: 410 or 301 (docs/site.md §11)."""

    @property
    def site_url(self) -> str:
        site = self.site or self.layout.base
        return site if site.endswith("/") else site + "/"

    @property
    def prefix(self) -> str:
        """The folder's path on its host, with leading and trailing ``/``."""
        return urlsplit(self.site_url).path or "/"


def _named_groups(rule: Rule) -> tuple[str, str]:
    """The rule with named groups: evaluating the Accept ``map`` runs a regular expression too,
    which overwrites nginx's numbered captures ($1 …) before ``return`` reads them; named ones
    are variables of their own and survive."""
    count = 0

    def name(_match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"(?<g{count}>"

    pattern = re.sub(r"(?<!\\)\((?!\?)", name, rule.pattern)
    return pattern, re.sub(r"\$(\d)", r"${g\1}", rule.target)


def nginx_http(_hosting: Hosting) -> str:
    """The ``http {}`` part of the nginx rules: which document extension an Accept header asks for."""
    lines = [
        "# bdp-lod: include inside http { }. Picks a resource's document by the Accept header.",
        f"map $http_accept {_MAP_VARIABLE} {{",
        f'    default "{Variant.HTML.extension}";',
    ]
    lines += [f'    "~*{pattern}" "{variant.extension}";' for variant, pattern in _ACCEPT.items()]
    lines.append("}")
    lines += [f"map $http_accept {_NOT_FOUND_VARIABLE} {{", f'    default "{NOT_FOUND_TEXT}";', f'    "" "{NOT_FOUND_PAGE}";',
              f'    "~*{_BROWSER_ACCEPT}" "{NOT_FOUND_PAGE}";', "}"]
    return "\n".join(lines) + "\n"


def nginx_server(hosting: Hosting, root: str) -> str:
    """The ``server {}`` part: identifiers 303 to documents, dumps from the root, RDF with CORS.

    ``root`` is the published folder on the host's disk.
    """
    prefix = hosting.prefix
    folder = root.rstrip("/") + "/"
    not_found = f"    error_page 404 {prefix}{_NOT_FOUND_VARIABLE};"
    lines = [
        "# bdp-lod: include inside server { }, after nginx_http.conf is included in http { }.",
        f"location = {prefix} {{",
        f'    if ({_MAP_VARIABLE} != "{Variant.HTML.extension}") {{',
        "        add_header Vary Accept always;",
        f"        return 303 {prefix}{hosting.layout.document(CATALOG, Variant.TURTLE).removesuffix(Variant.TURTLE.extension)}{_MAP_VARIABLE};",
        "    }",
        f"    rewrite ^ {prefix}{INDEX}{Variant.HTML.extension} last;",
        "}",
    ]
    lines += [
        f"location = {prefix}.well-known/void {{",
        f"    alias {folder}.well-known/void;",
        "    default_type text/turtle;",
        "    add_header Vary Accept always;",
        "    add_header Access-Control-Allow-Origin * always;",
        "}",
    ]
    lines += _nginx_retired(hosting, folder)
    downloads = hosting.layout.download_prefix
    if downloads:
        lines += [
            f'location ~ "^{prefix}{downloads}([^/]+\\.[^/]+)$" {{',
            f"    alias {folder}$1;",
            "    add_header Vary Accept always;",
            not_found,
            *_NGINX_TYPES,
            "}",
        ]
    for rule in RULES:  # quoted: nginx reads a bare "{" of a regex as a block
        pattern, target = _named_groups(rule)
        lines += [
            f'location ~ "{pattern.replace("^", "^" + prefix, 1)}" {{',
            "    add_header Vary Accept always;",
            not_found,
            f'    if (!-f "{folder}{target}{_MAP_VARIABLE}") {{',  # an IRI the data never minted: no 303 to nowhere
            "        return 404;",
            "    }",
            f"    return 303 {prefix}{target}{_MAP_VARIABLE};",
            "}",
        ]
    lines += [
        f"location {prefix} {{",
        f"    alias {folder};",
        "    add_header Vary Accept always;",
        not_found,
        *_NGINX_TYPES,
        "}",
    ]
    return "\n".join(lines) + "\n"


def _nginx_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _location(hosting: Hosting, moved: Moved) -> str:
    return moved.location if moved.external else hosting.prefix + moved.location


def _nginx_retired(hosting: Hosting, folder: str) -> list[str]:
    """Exact ``location``s (looked up in a tree, not tried in turn: thousands cost nothing per
    request) for each retired identifier and its documents. A withdrawn one answers 410 with its
    tombstone's document as the error page, the one the Accept header picks for the identifier;
    a renamed one 301 to the same of the identifier that replaces it."""
    retirement = hosting.retirement
    if not retirement:
        return []
    layout, prefix = hosting.layout, hosting.prefix
    gone = prefix + _GONE
    lines = [f"location ^~ {gone} {{", "    internal;", f"    alias {folder};", "    add_header Vary Accept always;",
             *_NGINX_TYPES, "}"]
    for path in retirement.withdrawn:
        stem = layout.document(path, Variant.HTML).removesuffix(Variant.HTML.extension)
        lines += [f"location = {_nginx_quoted(prefix + path)} {{",
                  f"    error_page 410 {_nginx_quoted(gone + stem + _MAP_VARIABLE)};", "    return 410;", "}"]
        for file in layout.variants(path).values():
            lines += [f"location = {_nginx_quoted(prefix + file)} {{",
                      f"    error_page 410 {_nginx_quoted(gone + file)};", "    return 410;", "}"]
    for request, moved in retirement.moves():
        lines += [f"location = {_nginx_quoted(prefix + request)} {{", "    add_header Vary Accept always;",
                  f"    return 301 {_nginx_quoted(_location(hosting, moved))};", "}"]
    return lines


def _apache_retired(hosting: Hosting) -> list[str]:
    """The host's rules for retired identifiers, before the 303s. A withdrawn identifier or
    document answers 410 (``[G]``) and names its tombstone's document in ``BDP_GONE``, which
    `apache` makes the error document (the identifier's by Accept, a document's itself); the
    condition on ``REDIRECT_STATUS`` lets the error document itself be served, not refused
    again. A renamed one is a 301 to the same of the identifier that replaces it."""
    retirement = hosting.retirement
    if not retirement:
        return []
    layout = hosting.layout
    lines: list[str] = []
    for path in retirement.withdrawn:
        stem = layout.document(path, Variant.HTML).removesuffix(Variant.HTML.extension)
        for variant in RDF_VARIANTS:
            lines += ["RewriteCond %{ENV:REDIRECT_STATUS} ^$", f"RewriteCond %{{HTTP_ACCEPT}} {_ACCEPT[variant]} [NC]",
                      f"RewriteRule ^{re.escape(path)}$ - [G,E=BDP_GONE:{stem}{variant.extension}]"]
        extensions = "|".join(re.escape(v.extension) for v in Variant)
        lines += ["RewriteCond %{ENV:REDIRECT_STATUS} ^$",
                  f"RewriteRule ^{re.escape(path)}$ - [G,E=BDP_GONE:{stem}{Variant.HTML.extension}]",
                  "RewriteCond %{ENV:REDIRECT_STATUS} ^$",
                  f"RewriteRule ^({re.escape(stem)}({extensions}))$ - [G,E=BDP_GONE:$1]"]
    for request, moved in retirement.moves():
        lines.append(f"RewriteRule ^{re.escape(request)}$ {moved.location} [R=301,L]")
    return lines


def _w3id_retired(hosting: Hosting) -> list[str]:
    """w3id.org answers a renamed identifier itself: 301 to the IRI that replaces it. A withdrawn
    one takes the 303 to the host's document, which answers 410 with the tombstone."""
    retirement = hosting.retirement
    if not retirement:
        return []
    lines = []
    for path, moved in retirement.moves():
        if path in retirement.renamed:  # the identifiers; their documents are the host's
            target = moved.location if moved.external else hosting.layout.base + moved.location
            lines.append(f"RewriteRule ^{re.escape(path)}$ {target} [R=301,L]")
    return lines


def _apache_rules(hosting: Hosting, target_base: str, *, on_host: bool) -> list[str]:
    """The 303s. ``on_host``, an identifier the data never minted is not sent to a document
    that does not exist (nginx's ``if (!-f …)``): the folder on disk is found from where the
    request was mapped (``CONTEXT_DOCUMENT_ROOT``, with what of the ``RewriteBase`` its
    ``CONTEXT_PREFIX`` does not cover: an ``Alias`` or a folder under the document root alike),
    so it falls through to the 404. w3id.org cannot look, and leaves that to the host."""
    lines: list[str] = []
    catalog = hosting.layout.document(CATALOG, Variant.TURTLE).removesuffix(Variant.TURTLE.extension)
    for variant in RDF_VARIANTS:
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {_ACCEPT[variant]} [NC]",
            f"RewriteRule ^$ {target_base}{catalog}{variant.extension} [R=303,L]",
        ]

    def exists(document: str) -> list[str]:
        if not on_host:
            return []
        return [f"RewriteCond %{{CONTEXT_PREFIX}}#{hosting.prefix} ^(.*)#\\1(.*)$",
                f"RewriteCond %{{CONTEXT_DOCUMENT_ROOT}}%2{document} -f"]

    for rule in RULES:
        for variant in RDF_VARIANTS:
            lines += [
                f"RewriteCond %{{HTTP_ACCEPT}} {_ACCEPT[variant]} [NC]",
                *exists(rule.target + variant.extension),
                f"RewriteRule {rule.pattern} {target_base}{rule.target}{variant.extension} [R=303,L]",
            ]
        lines += [*exists(rule.target + Variant.HTML.extension),
                  f"RewriteRule {rule.pattern} {target_base}{rule.target}{Variant.HTML.extension} [R=303,L]"]
    return lines


def apache(hosting: Hosting) -> str:
    """An ``.htaccess`` for the folder's root (mod_rewrite, mod_headers, mod_mime)."""
    lines = [
        "# bdp-lod: identifiers answer 303 See Other to the document the client accepts.",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples .nt",
        "AddType text/markdown .md",
        "AddDefaultCharset utf-8",
        "DirectoryIndex index.html",
        '<Files "void">',
        "    ForceType text/turtle",
        "</Files>",
        "<IfModule mod_headers.c>",
        "    Header always append Vary Accept",
        '    <FilesMatch "(\\.(ttl|jsonld|nt|gz)|^void)$">',
        '        Header always set Access-Control-Allow-Origin "*"',
        "    </FilesMatch>",
        "</IfModule>",
        "RewriteEngine On",
        f"RewriteBase {hosting.prefix}",
    ]
    downloads = hosting.layout.download_prefix
    if downloads:
        lines.append(f"RewriteRule ^{downloads}([^/]+\\.[^/]+)$ $1 [L]")
    lines += [f'<If "-z %{{HTTP_ACCEPT}} || %{{HTTP_ACCEPT}} =~ m#{_BROWSER_ACCEPT}#i">',
              f"    ErrorDocument 404 {hosting.prefix}{NOT_FOUND_PAGE}", "</If>", "<Else>",
              f"    ErrorDocument 404 {hosting.prefix}{NOT_FOUND_TEXT}", "</Else>"]
    if hosting.retirement:
        # Not inside <If>: an .htaccess <If> is decided before mod_rewrite sets BDP_GONE, so it
        # never matches; the expression itself is read when the 410 is sent (a real Apache in
        # tests/test_site_apache.py). Only these rules answer 410.
        lines.append(f"ErrorDocument 410 {hosting.prefix}%{{reqenv:BDP_GONE}}")
    lines += _apache_retired(hosting)
    lines += _apache_rules(hosting, "", on_host=True)
    return "\n".join(lines) + "\n"


def w3id(hosting: Hosting) -> str:
    """The ``.htaccess`` the w3id.org repository takes for the base: the same 303s, straight to
    the host's documents (one hop), and every other request passed on to the host."""
    site = hosting.site_url
    lines = [
        f"# w3id.org rules for {hosting.layout.base}: written by bdp-lod; documents are served from {site}",
        "Options +FollowSymLinks",
        "RewriteEngine On",
    ]
    lines += _w3id_retired(hosting)
    lines += _apache_rules(hosting, site, on_host=False)
    lines.append(f"RewriteRule ^(.*)$ {site}$1 [R=302,L]")
    return "\n".join(lines) + "\n"
