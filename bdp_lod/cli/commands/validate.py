"""``bdp-lod validate INPUT…``: every input kind checked, one report (text, JSON or Turtle)."""

from __future__ import annotations

import click

from ...errors import InputError
from ...uris import DEFAULT_BASE
from ...validation import validate
from ..group import cli
from ..common import Context, fail
from ..progress import Bars


@cli.command("validate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True,
              help="Report for people (text), scripts (json) or SHACL tools (turtle).")
@click.option("--shapes", "shapes", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="A publisher's own SHACL shapes, checked besides the product shapes (repeatable).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--base-uri", default=DEFAULT_BASE, show_default=True, help="Base of every minted IRI.")
@click.option("--encoding", default=None, help="Encoding of CSV inputs (detected when not given).")
@click.pass_obj
def validate_command(
    ctx: Context, inputs: tuple[str, ...], fmt: str, shapes: tuple[str, ...], strict: bool, base_uri: str,
    encoding: str | None,
) -> None:
    """Check pages, submissions, spreadsheets and RDF files against the JSON Schema and the
    SHACL shapes.

    Exits 0 when nothing is a violation, 1 when something is (or, with --strict, when something
    is a warning), 2 when an input or a shapes file cannot be read.
    """
    try:
        with Bars(ctx.lang) as bars:
            report = validate(inputs, shapes=shapes, encoding=encoding, base_uri=base_uri, progress=bars)
    except InputError as exc:
        fail(exc.describe(ctx.lang))
    if fmt == "json":
        click.echo(report.to_json(ctx.lang), nl=False)
    elif fmt == "turtle":
        click.echo(report.to_turtle(), nl=False)
    else:
        click.echo(report.to_text(ctx.lang), nl=False)
    raise SystemExit(report.exit_code(strict))
