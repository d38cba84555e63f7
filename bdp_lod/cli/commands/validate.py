"""``bdp-lod validate INPUT…``: every input kind checked, one report (text, JSON, Turtle, HTML or
CSV), and with ``--report-dir`` all of them at once for batch runs."""

from __future__ import annotations

import click

from ...errors import InputError
from ...uris import DEFAULT_BASE
from ...findings import Message
from ...validation import validate
from ...validation.profiles import DEFAULT_PROFILE, Profile
from ..group import cli
from ..common import Context, fail
from ..progress import Bars


@cli.command("validate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle", "html", "csv"]), default="text",
              show_default=True,
              help="Report for a terminal (text), scripts (json), SHACL tools (turtle), a browser (html: one "
                   "self-contained page) or a spreadsheet (csv: UTF-8 with BOM, ';', CRLF).")
@click.option("--report-dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Also write report.txt, report.json, report.ttl, report.html and report.csv into this "
                   "folder (made if missing); the --format report is still printed.")
@click.option("--shapes", "shapes", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="A publisher's own SHACL shapes, checked besides the product shapes (repeatable).")
@click.option("--profile", type=click.Choice([p.value for p in Profile]), default=None,
              help="What is checked and what fails: structure (schema and SHACL core), bdp (what publish "
                   "requires), strict (bdp, and warnings fail too)  [default: bdp]")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too: --profile strict.")
@click.option("--base-uri", default=DEFAULT_BASE, show_default=True, help="Base of every minted IRI.")
@click.option("--encoding", default=None, help="Encoding of CSV inputs (detected when not given).")
@click.option("--previous", metavar="DIR", type=click.Path(file_okay=False, path_type=str), default=None,
              help="A previous publication: warn (record.renamed) when a record would give one of its "
                   "practices a new IRI, and name the id that keeps it.")
@click.pass_obj
def validate_command(
    ctx: Context, inputs: tuple[str, ...], fmt: str, report_dir: str | None, shapes: tuple[str, ...],
    profile: str | None, strict: bool, base_uri: str, encoding: str | None, previous: str | None,
) -> None:
    """Check pages, submissions, spreadsheets and RDF files against the JSON Schema and the
    SHACL shapes.

    Exits 0 when nothing fails under the profile, 1 when something does (a violation; under
    strict a warning too), 2 when an input or a shapes file cannot be read.

    --report-dir DIR writes every form at once (for batch runs); the exit code stays the same,
    and it is 2 when DIR cannot be written.
    """
    if strict and profile not in (None, Profile.STRICT.value):
        fail(ctx.say(Message(en=f"--strict is --profile strict; it cannot be combined with --profile {profile}",
                             pl=f"--strict to --profile strict; nie łączy się z --profile {profile}")))
    chosen = Profile.STRICT if strict else Profile(profile or DEFAULT_PROFILE.value)
    try:
        names = None
        if previous:
            from ...publish.previous import read_previous  # the publication's code, only when asked for

            names = read_previous(previous, base_uri if base_uri.endswith("/") else base_uri + "/").names
        with Bars(ctx.lang) as bars:
            report = validate(inputs, shapes=shapes, encoding=encoding, base_uri=base_uri, progress=bars,
                              profile=chosen, previous=names)
    except InputError as exc:
        fail(exc.describe(ctx.lang))
    if report_dir is not None:
        try:
            report.write_to(report_dir, ctx.lang)
        except OSError as exc:
            fail(ctx.say(Message(en=f"{report_dir}: cannot write the reports: {exc.strerror or exc}",
                                 pl=f"{report_dir}: nie można zapisać raportów: {exc.strerror or exc}")))
    if fmt == "json":
        click.echo(report.to_json(ctx.lang), nl=False)
    elif fmt == "turtle":
        click.echo(report.to_turtle(), nl=False)
    elif fmt == "html":
        click.echo(report.to_html(ctx.lang).encode("utf-8"), nl=False)
    elif fmt == "csv":
        click.echo(report.to_csv(ctx.lang), nl=False)
    else:
        click.echo(report.to_text(ctx.lang), nl=False)
    raise SystemExit(report.exit_code())
