"""``bdp-lod serve DIR``: a published folder on loopback, answering as its generated rules do."""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType

import click

from ...errors import InputError
from ...findings import Message
from ...server import make_server
from ..common import Context, fail
from ..group import cli


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (a service manager's stop) ends the server as Ctrl-C does, so `server_close` stops
    the SPARQL workers and removes their store instead of leaving it in the temporary directory."""
    raise KeyboardInterrupt


@cli.command("serve")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a SPARQL query may run.")
@click.pass_obj
def serve_command(ctx: Context, folder: Path, host: str, port: int, timeout: float) -> None:
    """Serve a folder written by `publish --site`: every identifier answers 303 to the document the
    client accepts, and /sparql is a read-only SPARQL 1.1 query endpoint over its data.

    Exits 2 when FOLDER is not a publication or the port cannot be used; runs until Ctrl-C.
    """
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server = make_server(folder, host=host, port=port, timeout=timeout)
    except InputError as exc:
        fail(exc.describe(ctx.lang))
    except OSError as exc:
        fail(ctx.say(Message(en=f"cannot listen on {host}:{port}: {exc.strerror}",
                             pl=f"nie można nasłuchiwać na {host}:{port}: {exc.strerror}")))
    address = f"http://{host}:{server.server_address[1]}/"
    click.echo(ctx.say(Message(en=f"Serving {folder} at {address} (SPARQL: {address}sparql); Ctrl-C stops.",
                               pl=f"Serwuję {folder} pod {address} (SPARQL: {address}sparql); Ctrl-C kończy.")))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
