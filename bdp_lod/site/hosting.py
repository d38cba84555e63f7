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

from .layout import CATALOG, INDEX, RDF_VARIANTS, RULES, Layout, Rule, Variant

__all__ = ["Hosting", "apache", "nginx_http", "nginx_server", "w3id"]

_ACCEPT = {
    Variant.TURTLE: r"text/turtle",
    Variant.JSONLD: r"application/ld\+json",
    Variant.NTRIPLES: r"application/n-triples",
}
"""The Accept pattern that picks each RDF document; anything else gets the Polish page."""
_MAP_VARIABLE = "$bdp_document_extension"
_NGINX_TYPES = (
    "    types {",
    "        text/html html;",
    "        text/turtle ttl;",
    "        application/ld+json jsonld;",
    "        application/n-triples nt;",
    "        application/gzip gz;",
    "        application/xml xml;",
    "        text/plain txt;",
    "    }",
    "    charset utf-8;",
    "    charset_types text/html text/turtle application/n-triples application/ld+json text/plain;",
    "    add_header Access-Control-Allow-Origin * always;",
)
"""Media types nginx's own table lacks (Turtle, JSON-LD, N-Triples), UTF-8, and CORS so that
browser-based linked-data clients can read the documents."""


@dataclass(frozen=True)
class Hosting:
    """Where a publication's folder is served, beside the base its identifiers are minted under.

    ``site`` is the folder's URL; it is the base itself unless the base is a redirecting
    namespace such as ``https://w3id.org/bdp/``, whose rules then send each request there.
    """

    layout: Layout
    site: str | None = None

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
    return "\n".join(lines) + "\n"


def nginx_server(hosting: Hosting, root: str) -> str:
    """The ``server {}`` part: identifiers 303 to documents, dumps from the root, RDF with CORS.

    ``root`` is the published folder on the host's disk.
    """
    prefix = hosting.prefix
    folder = root.rstrip("/") + "/"
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
    downloads = hosting.layout.download_prefix
    if downloads:
        lines += [
            f'location ~ "^{prefix}{downloads}([^/]+\\.[^/]+)$" {{',
            f"    alias {folder}$1;",
            "    add_header Vary Accept always;",
            *_NGINX_TYPES,
            "}",
        ]
    for rule in RULES:  # quoted: nginx reads a bare "{" of a regex as a block
        pattern, target = _named_groups(rule)
        lines += [
            f'location ~ "{pattern.replace("^", "^" + prefix, 1)}" {{',
            "    add_header Vary Accept always;",
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
        *_NGINX_TYPES,
        "}",
    ]
    return "\n".join(lines) + "\n"


def _apache_rules(hosting: Hosting, target_base: str) -> list[str]:
    lines: list[str] = []
    catalog = hosting.layout.document(CATALOG, Variant.TURTLE).removesuffix(Variant.TURTLE.extension)
    for variant in RDF_VARIANTS:
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {_ACCEPT[variant]} [NC]",
            f"RewriteRule ^$ {target_base}{catalog}{variant.extension} [R=303,L]",
        ]
    for rule in RULES:
        for variant in RDF_VARIANTS:
            lines += [
                f"RewriteCond %{{HTTP_ACCEPT}} {_ACCEPT[variant]} [NC]",
                f"RewriteRule {rule.pattern} {target_base}{rule.target}{variant.extension} [R=303,L]",
            ]
        lines.append(f"RewriteRule {rule.pattern} {target_base}{rule.target}{Variant.HTML.extension} [R=303,L]")
    return lines


def apache(hosting: Hosting) -> str:
    """An ``.htaccess`` for the folder's root (mod_rewrite, mod_headers, mod_mime)."""
    lines = [
        "# bdp-lod: identifiers answer 303 See Other to the document the client accepts.",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples .nt",
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
    lines += _apache_rules(hosting, "")
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
    lines += _apache_rules(hosting, site)
    lines.append(f"RewriteRule ^(.*)$ {site}$1 [R=302,L]")
    return "\n".join(lines) + "\n"
