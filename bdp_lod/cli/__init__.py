"""The ``bdp-lod`` command: thin click commands, each a call into the library (docs/design.md §4).

Every command module registers itself on `cli` when its command is first asked for; ``main`` turns the library's own errors into one
clear line on stderr and the contract's exit codes, never a traceback.
"""

from __future__ import annotations

from .group import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="bdp-lod")
