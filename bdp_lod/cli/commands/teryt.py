"""``bdp-lod teryt NAME [--type T] [--voivodeship W] [--powiat P] [--format text|json]``.

Looks units up in the shipped TERC register, so a data steward can find the code a record
should carry, or see why a name does not resolve.
"""

from __future__ import annotations

import dataclasses
import json

import click

from ... import concepts
from ...findings import Message
from ...teryt import no_match
from ...teryt import TercUnit, lookup, parse_type, register
from ..group import cli
from ..common import EXIT_INVALID, Context, fail

WIDTH = 80
_GAP = "  "
_MIN_CUT = 8
_HEADERS = {
    "en": ("code", "name", "type", "powiat", "voivodeship"),
    "pl": ("kod", "nazwa", "typ", "powiat", "województwo"),
}


def _lang(ctx: click.Context) -> str:
    obj = ctx.find_object(Context)
    return obj.lang if obj else "en"


def _type_option(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_type(value)
    except ValueError:
        raise click.BadParameter(
            Message(
                en=f"'{value}' is not a unit type with TERC codes",
                pl=f"'{value}' nie jest typem jednostki z kodem TERC",
            ).text(_lang(ctx))
        ) from None


def _voivodeship_option(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    code = register().voivodeship_code(value)
    if code is None:
        raise click.BadParameter(
            Message(
                en=f"'{value}' is not one of the 16 voivodeships",
                pl=f"'{value}' nie jest jednym z 16 województw",
            ).text(_lang(ctx))
        )
    return code


@cli.command("teryt")
@click.argument("name")
@click.option("--type", "type_", callback=_type_option, metavar="T",
              help="Unit type: gmina-miejska, gmina-wiejska, gmina-miejsko-wiejska, powiat, "
                   "miasto-na-prawach-powiatu, wojewodztwo (or a label such as 'powiat grodzki').")
@click.option("--voivodeship", callback=_voivodeship_option, metavar="W",
              help="Województwo by name (any case) or 2-digit code.")
@click.option("--powiat", metavar="P", help="Powiat by name ('chojnicki') or 4-digit code.")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def teryt_command(
    ctx: Context, name: str, type_: str | None, voivodeship: str | None, powiat: str | None, format_: str
) -> None:
    """Print the TERC units called NAME: code, name, type, powiat and województwo.

    Exits 0 when something matches, 1 when nothing does (the reason goes to stderr), 2 for a
    type or województwo that does not exist.
    """
    units = lookup(name, type=type_, voivodeship=voivodeship, powiat=powiat)
    if not units:
        fail(ctx.say(no_match(name, voivodeship)), EXIT_INVALID)
    if format_ == "json":
        click.echo(json.dumps([dataclasses.asdict(u) for u in units], ensure_ascii=False, indent=2))
    else:
        click.echo(_table(units, ctx.lang))


def _table(units: list[TercUnit], lang: str) -> str:
    """Aligned columns no wider than `WIDTH` in all: the type, powiat and województwo columns
    are cut with "…" first, the code and the name only if nothing else is left to cut."""
    types = concepts.unit_types()
    rows = [_HEADERS[lang]] + [
        (u.code, u.name, types.concepts[u.type].label(lang), u.powiat or "-", u.voivodeship) for u in units
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    while sum(widths) + len(_GAP) * (len(widths) - 1) > WIDTH:
        cuttable = [i for i in (2, 3, 4) if widths[i] > _MIN_CUT] or [1]
        widths[max(cuttable, key=lambda i: widths[i])] -= 1
    return "\n".join(
        _GAP.join(_cut(cell, width).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows
    )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
