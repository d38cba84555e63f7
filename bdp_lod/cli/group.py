"""The ``bdp-lod`` click group, apart from the package so that command modules can register
on it without importing the package that imports them."""

from __future__ import annotations

import click

from .. import __version__
from .common import Context

__all__ = ["cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bdp-lod")
@click.option(
    "--lang",
    type=click.Choice(["en", "pl"]),
    default="en",
    show_default=True,
    help="Language of messages and reports.",
)
@click.pass_context
def cli(ctx: click.Context, lang: str) -> None:
    """Publish Poland's local-government good practices as Linked Open Data."""
    ctx.obj = Context(lang=lang)
