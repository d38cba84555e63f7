"""``bdp-lod parse PAGE… [-o FILE]``: BDP pages → submission records (docs/design.md §4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ...errors import InputError, InvalidRecords, NotAPracticePage
from ...files import atomic_write
from ...findings import Message
from ...model import SourcedPractice, to_dict
from ...sources import input_files
from ...sources.bdp_page import read_page
from ..group import cli
from ..common import EXIT_INVALID, EXIT_USAGE, Context, fail


@cli.command("parse")
@click.argument("pages", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write instead of stdout; .jsonl writes one record a line.")
@click.pass_obj
def parse_command(ctx: Context, pages: tuple[Path, ...], output: Path | None) -> None:
    """Read BDP pages (.txt, .html, .htm, or folders of them) and write their records as JSON.

    Exits 0 when written, 1 when a page is not a practice page or has values that cannot be
    normalised (nothing is written), 2 when a page cannot be read or the usage is wrong.
    """
    try:
        files = input_files(pages, kinds=["page"])
    except InputError as error:
        fail(error.describe(ctx.lang))
    if not files:
        fail(ctx.say(Message(en="no .txt, .html or .htm pages found", pl="nie znaleziono stron .txt, .html ani .htm")))
    if output is not None and any(output.resolve() == f.resolve() for f in files):
        fail(ctx.say(Message(en=f"{output}: is one of the pages read; not overwriting it",
                             pl=f"{output}: to jedna z czytanych stron; nie zostanie nadpisana")))
    records = _read_all(ctx, files)
    text = _render([to_dict(r.practice) for r in records], jsonl=output is not None and output.suffix.lower() == ".jsonl")
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as error:
        fail(f"{output}: {error.strerror or error}", EXIT_USAGE)


def _read_all(ctx: Context, files: list[Path]) -> list[SourcedPractice]:
    """Every page's record; warnings go to stderr as they come, and any refused page ends the
    run with exit 1 after all pages have been reported."""
    records: list[SourcedPractice] = []
    refused = False
    for path in files:
        try:
            record, warnings = read_page(path)
        except InputError as error:
            fail(error.describe(ctx.lang))
        except NotAPracticePage as error:
            click.echo(f"bdp-lod: {path}: {ctx.say(error.message)}", err=True)
            refused = True
            continue
        except InvalidRecords as error:
            for finding in error.findings:
                click.echo(finding.describe(ctx.lang), err=True)
            refused = True
            continue
        for warning in warnings:
            click.echo(warning.describe(ctx.lang), err=True)
        records.append(record)
    if refused:
        fail(ctx.say(Message(en="nothing written: fix or remove the pages above",
                             pl="nic nie zapisano: popraw lub usuń powyższe strony")), EXIT_INVALID)
    return records


def _render(records: list[dict[str, Any]], *, jsonl: bool) -> str:
    """A JSON array, or for ``.jsonl`` one record a line; UTF-8 text as written, newline-ended."""
    if jsonl:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
