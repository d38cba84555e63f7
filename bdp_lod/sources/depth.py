"""How deeply an uploaded JSON text nests, measured before anything recursive reads it.

``json.loads``, the JSON Schema gate and rdflib's JSON-LD parser all recurse once (or more) per
level of nesting, so a file of 100,000 ``[`` would end in `RecursionError` somewhere inside
them. The text is measured first, without recursion, and refused as an unreadable input when it
nests deeper than `MAX_DEPTH`: no real record comes near it (a submission nests 4 levels, a
JSON-LD dump 7), and every parser behind this gate stays far inside Python's recursion limit.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat

from ..errors import InputError

__all__ = ["MAX_DEPTH", "check_depth"]

MAX_DEPTH = 200
"""Arrays and objects inside one another a JSON input may hold (docs/validation.md)."""

_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
"""Brackets outside strings; a string is one token (its brackets do not count), an unclosed one
runs to the end of the text."""
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def check_depth(text: str, *, file: str, line: int | None = None, kind: str = "JSON") -> None:
    """Raise `InputError` naming ``file`` when ``text`` nests deeper than `MAX_DEPTH`.

    Unbalanced or otherwise malformed text is left to the parser, which says where it breaks.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    steps = map(_STEP.get, _TOKENS.findall(text), repeat(0))
    depth = max(accumulate(steps, initial=0))
    if depth > MAX_DEPTH:
        raise InputError(
            f"{kind} nested more than {MAX_DEPTH} levels deep (arrays and objects inside one another); refused",
            file=file,
            line=line,
            pl=f"{kind} zagnieżdżony głębiej niż na {MAX_DEPTH} poziomów (tablice i obiekty jedne w drugich); odrzucony",
        )
