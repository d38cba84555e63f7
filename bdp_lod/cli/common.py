"""What every command shares: the message language and the way errors leave the process."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import NoReturn

import click

from ..findings import Message

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


@dataclass
class Context:
    lang: str = "en"

    def say(self, message: Message) -> str:
        return message.text(self.lang)


def fail(text: str, code: int = EXIT_USAGE) -> NoReturn:
    """One line on stderr, then exit: the contract's way of reporting unusable input."""
    click.echo(f"bdp-lod: {text}", err=True)
    sys.exit(code)
