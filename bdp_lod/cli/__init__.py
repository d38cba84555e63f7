"""The ``bdp-lod`` command: thin click commands, each a call into the library (docs/design.md §4).

Every command module registers itself on `cli`; ``main`` turns the library's own errors into one
clear line on stderr and the contract's exit codes, never a traceback.
"""

from __future__ import annotations

import click

from .. import __version__
from .common import Context

__all__ = ["cli", "main"]


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


def _register() -> None:
    from . import commands  # noqa: F401  (importing registers the commands)


_register()


def main() -> None:
    cli(prog_name="bdp-lod")
