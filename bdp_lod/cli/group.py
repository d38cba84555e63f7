"""The ``bdp-lod`` click group, apart from the package so that command modules can register
on it without importing the package that imports them."""

from __future__ import annotations

from importlib import import_module

import click

from .. import __version__
from .common import Context

__all__ = ["cli"]

COMMANDS = ("convert", "parse", "publish", "push", "serve", "site", "teryt", "validate")
"""Each command's name, which is also its module under ``bdp_lod.cli.commands``."""


class _Commands(click.Group):
    """A group that imports a command's module when the command is asked for.

    Importing every command up front loaded the publication, the site, the store client and the
    server (requests, Jinja2 …) for any command: about 0.4 s of the start of ``bdp-lod
    validate``, whose work on 10,000 practices is a few seconds. A command module registers its
    command on this group as it is imported.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            import_module(f"{__package__}.commands.{cmd_name}")
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
