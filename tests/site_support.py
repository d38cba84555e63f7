"""Shared by the site's tests: the examples published with their site, served on loopback."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bdp_lod.publish import PublishOptions, publish
from bdp_lod.server import make_server
from bdp_lod.site.layout import Layout
from bdp_lod.site.writer import write_site

from conftest import EXAMPLES

LAYOUT = Layout("https://w3id.org/bdp/")


def publish_site(folder: Path) -> Path:
    """The examples published into ``folder`` with ``--site``."""
    publish([str(EXAMPLES)], folder, options=PublishOptions(), extend=functools.partial(write_site, layout=LAYOUT))
    return folder


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``bdp-lod serve``'s server for ``folder`` on a free loopback port, stopped on exit; yields its URL."""
    server = make_server(folder, port=0, timeout=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
