"""``bdp-lod serve``: a published folder on loopback, with the same URI rules as the generated
web-server configurations (`bdp_lod.site.layout`), and a read-only SPARQL 1.1 query endpoint.

For preview and small deployments; the standard library's threading HTTP server is enough for
that, and behind a real host the generated nginx or Apache rules do the same job.
"""

from .app import Server, Serving, make_server

__all__ = ["Server", "Serving", "make_server"]
