"""``bdp-lod publish INPUT… --out DIR``: validated records → a folder of Linked Open Data."""

from __future__ import annotations

import datetime as dt
import signal
import sys
from functools import partial
from pathlib import Path
from types import FrameType

import click

from ...errors import InputError
from ...findings import Message, Severity
from ...publish import PublishOptions, PublishResult, publish
from ...publish.left_out import LEFT_OUT_LIST
from ...publish.release import CC_BY_4_0
from ...uris import DEFAULT_BASE
from ...vocab import BDP, ORG, VCARD
from ...site.layout import Layout
from ...site.writer import write_site
from ..group import cli
from ..common import EXIT_INVALID, Context, fail


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date YYYY-MM-DD") from None


def _terminate(signum: int, _frame: FrameType | None) -> None:
    """SIGTERM ends the run like Ctrl-C does, so the working folder is removed on the way out."""
    raise SystemExit(128 + signum)


@cli.command("publish")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "out_dir", required=True, metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write; an existing publication there is replaced whole.")
@click.option("--base-uri", default=DEFAULT_BASE, show_default=True, help="Base of every minted IRI.")
@click.option("--redact-contacts", is_flag=True,
              help="Leave out contact persons' names and personal phone numbers and e-mails.")
@click.option("--gzip", "gzip_", is_flag=True, help="Also write .gz copies of the dumps.")
@click.option("--modified", callback=_date, metavar="DATE",
              help="Release date YYYY-MM-DD  [default: the newest date a practice was added]")
@click.option("--download-base", metavar="URL", help="Where the files are served  [default: BASE-URI/data/bdp/]")
@click.option("--publisher-name", default="bdp-lod", show_default=True, help="Who publishes the release.")
@click.option("--publisher-uri", metavar="IRI", help="The publisher's IRI  [default: BASE-URI/id/publisher]")
@click.option("--contact-email", metavar="EMAIL", help="The publisher's contact e-mail.")
@click.option("--licence", default=CC_BY_4_0, show_default=True, metavar="IRI",
              help="Licence IRI from the EU licence table.")
@click.option("--sparql-endpoint", metavar="URL", help="A SPARQL endpoint serving the data, for the catalog.")
@click.option("--site", "site", is_flag=True,
              help="Also write the Linked Data site: pages and RDF documents of every IRI, the landing page, "
                   "web-server rules (docs/site.md).")
@click.option("--encoding", default=None, help="Encoding of CSV inputs (detected when not given).")
@click.option("--skip-invalid", is_flag=True,
              help="Publish the records without violations, leave the others out and list them in DIR/left-out.txt "
                   "beside the validation report; exit 1 when any was left out.")
@click.option("--previous", "previous_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="A previous publication: publish the next edition of its dataset, with the change set, "
                   "retired identifiers and CHANGES.md (docs/publishing.md, Editions). May be DIR itself.")
@click.pass_obj
def publish_command(
    ctx: Context,
    inputs: tuple[str, ...],
    out_dir: Path,
    base_uri: str,
    redact_contacts: bool,
    gzip_: bool,
    modified: dt.date | None,
    download_base: str | None,
    publisher_name: str,
    publisher_uri: str | None,
    contact_email: str | None,
    licence: str,
    sparql_endpoint: str | None,
    site: bool,
    encoding: str | None,
    skip_invalid: bool,
    previous_dir: Path | None,
) -> None:
    """Validate the inputs and publish them into DIR: Turtle, N-Triples and JSON-LD dumps, a
    DCAT-AP catalog, VoID, the dane.gov.pl XML, checksums and the vocabulary.

    Exits 0 when written, 1 when the inputs have violations (the report is printed and nothing
    is written), 2 when an input cannot be read or DIR cannot be replaced. With --skip-invalid
    the records without violations are written and the run exits 1 when any record was left
    out, 0 when none was; nothing is written when no record is valid.
    """
    options = PublishOptions(
        base_uri=base_uri, download_base=download_base, modified=modified, publisher_name=publisher_name,
        publisher_uri=publisher_uri, contact_email=contact_email, licence=licence, sparql_endpoint=sparql_endpoint,
    )
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        layout = Layout(options.base_uri, downloads=options.downloads)
        extend = partial(write_site, layout=layout, root=str(out_dir.resolve())) if site else None
        result = publish(inputs, out_dir, options=options, gzip=gzip_, redact_contacts=redact_contacts, encoding=encoding,
                         extend=extend, skip_invalid=skip_invalid, report_lang=ctx.lang, previous=previous_dir)
    except InputError as exc:
        fail(exc.describe(ctx.lang))
    finally:
        signal.signal(signal.SIGTERM, previous)
    if result.findings:
        click.echo(result.report.to_text(ctx.lang), err=True, nl=False)
    if not result.ok and skip_invalid:
        fail(ctx.say(Message(
            en=f"nothing written to {out_dir}: every record has violations ({len(result.left_out)} left out, see above)",
            pl=f"nic nie zapisano do {out_dir}: każdy rekord ma naruszenia (pominięte: {len(result.left_out)}, zob. powyżej)",
        )), EXIT_INVALID)
    if not result.ok:
        violations = sum(f.severity is Severity.VIOLATION for f in result.findings)
        fail(ctx.say(Message(
            en=f"nothing written to {out_dir}: {violations} violation(s) above",
            pl=f"nic nie zapisano do {out_dir}: naruszenia powyżej: {violations}",
        )), EXIT_INVALID)
    _report(ctx, result)
    if result.left_out:
        assert result.out_dir is not None and result.summary is not None
        listing = result.out_dir / LEFT_OUT_LIST
        fail(ctx.say(Message(
            en=f"published {result.summary.practices} records; {len(result.left_out)} left out (see {listing})",
            pl=f"opublikowano rekordy: {result.summary.practices}; pominięto: {len(result.left_out)} (zob. {listing})",
        )), EXIT_INVALID)


def _report(ctx: Context, result: PublishResult) -> None:
    """What was written, one file a line, for a person or a Makefile log."""
    assert result.out_dir is not None and result.summary is not None
    s = result.summary
    units = s.classes.get(str(BDP.LocalGovernmentUnit), 0)
    institutions = s.classes.get(str(ORG.Organization), 0)
    contacts = s.classes.get(str(VCARD.Kind), 0)
    click.echo(ctx.say(Message(
        en=f"Published {s.practices} practices, {institutions} institutions, {contacts} contacts and "
           f"{units} local government units with their powiaty and województwa "
           f"({s.triples} triples) to {result.out_dir}:",
        pl=f"Opublikowano praktyki: {s.practices}, instytucje: {institutions}, kontakty: {contacts}, "
           f"jednostki samorządu z ich powiatami i województwami: {units} "
           f"(trójki: {s.triples}) w {result.out_dir}:",
    )))
    files = [name for name in result.files if (result.out_dir / name).is_file()]
    width = max(len(name) for name in files)
    for name in files:
        size = (result.out_dir / name).stat().st_size
        click.echo(f"  {name.ljust(width)}  {size:>12,} B".replace(",", " "))
    sys.stdout.flush()
