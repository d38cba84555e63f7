"""``bdp-lod site DIR``: the Linked Data site added to a folder `publish` wrote without it."""

from __future__ import annotations

from pathlib import Path

import click

from ...errors import InputError
from ...findings import Message
from ...site.published import add_site
from ..common import Context, fail
from ..group import cli


@cli.command("site")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def site_command(ctx: Context, folder: Path) -> None:
    """Add the Linked Data site (pages and RDF documents of every IRI, the landing page,
    web-server rules) to FOLDER, a publication; a site it already has is replaced. The files
    are the ones `publish --site` writes, and the folder is swapped in whole.

    Exits 0 when written, 2 when FOLDER is not a publication, a file it lists in SHA256SUMS is
    missing or changed, or FOLDER cannot be replaced.
    """
    try:
        result = add_site(folder)
    except InputError as exc:
        fail(exc.describe(ctx.lang))
    click.echo(ctx.say(Message(
        en=f"Wrote the site of {result.resources} resources to {folder}: {result.pages} pages, "
           f"{result.documents} RDF documents.",
        pl=f"Zapisano witrynę {result.resources} zasobów w {folder}: strony: {result.pages}, "
           f"dokumenty RDF: {result.documents}.",
    )))
