"""``bdp-lod convert INPUT… -o OUT``: records of any input kind → one RDF file."""

from __future__ import annotations

import click

from ...convert import convert
from ...errors import InputError
from ...findings import Message
from ...uris import DEFAULT_BASE
from ..group import cli
from ..common import EXIT_INVALID, Context, fail


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@cli.command("convert")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="RDF file to write; .ttl, .nt or .jsonld.")
@click.option("--base-uri", default=DEFAULT_BASE, show_default=True, help="Base of every minted IRI.")
@click.option("--encoding", default=None, help="Encoding of CSV inputs (detected when not given).")
@click.option("--redact-contacts", is_flag=True,
              help="Leave out contact persons' names and personal phone numbers and e-mails.")
@click.pass_obj
def convert_command(
    ctx: Context, inputs: tuple[str, ...], output: str, base_uri: str, encoding: str | None, redact_contacts: bool
) -> None:
    """Convert pages, submissions, spreadsheets or dumps into one RDF file.

    Exits 0 when written, 1 when records break the submission rules (nothing is written),
    2 when an input cannot be read.
    """
    try:
        result = convert(inputs, output, base_uri=base_uri, encoding=encoding, redact_contacts=redact_contacts)
    except InputError as exc:
        fail(exc.describe(ctx.lang))
    for finding in result.findings:
        click.echo(finding.describe(ctx.lang), err=True)
    if result.counts is None:
        fail(ctx.say(Message(en=f"nothing written to {output}: fix the violations above",
                             pl=f"nic nie zapisano do {output}: popraw powyższe naruszenia")), EXIT_INVALID)
    c = result.counts
    click.echo(ctx.say(Message(
        en=f"Wrote {result.output}: {_count(c.practices, 'practice')}, "
           f"{_count(c.units, 'local government unit')}, {_count(c.institutions, 'institution')}, "
           f"{_count(c.contacts, 'contact')} ({_count(c.triples, 'triple')}).",
        pl=f"Zapisano {result.output}: praktyki: {c.practices}, jednostki samorządu: {c.units}, "
           f"instytucje: {c.institutions}, kontakty: {c.contacts} (trójki: {c.triples}).",
    )))
