"""The RDF formats the project writes, and how a file name asks for one."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from ..errors import InputError

__all__ = ["FORMATS", "RdfFormat", "format_for"]


class RdfFormat(Enum):
    TURTLE = "turtle"
    N_TRIPLES = "n-triples"
    JSON_LD = "json-ld"


FORMATS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".jsonld": RdfFormat.JSON_LD,
}


def format_for(path: str | os.PathLike[str]) -> RdfFormat:
    """The RDF format a file name asks for; an unknown extension is a usage error."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        named = suffix or Path(path).name
        raise InputError(
            f"cannot tell the RDF format from '{named}': use .ttl, .nt or .jsonld",
            file=str(path),
            pl=f"nie da się rozpoznać formatu RDF po '{named}': użyj .ttl, .nt lub .jsonld",
        )
    return FORMATS[suffix]
