"""Local government units: the GUS TERC register shipped with the package (`terc`), resolving a
source's unit against it (`resolution`), and rebuilding the shipped copy from GUS's file
(`build`, run as ``python -m bdp_lod.teryt.build``). One room, because a resolution is only as
good as the register it reads and the two change together when GUS publishes a new file.
"""

from .resolution import Resolution, no_match, resolve
from .terc import (
    TYPES,
    Body,
    Register,
    TercPart,
    TercUnit,
    lookup,
    name_key,
    official_unit,
    parse_type,
    powiat_code_of,
    register,
    type_of,
)

__all__ = [
    "TYPES",
    "Body",
    "Register",
    "Resolution",
    "TercPart",
    "TercUnit",
    "lookup",
    "name_key",
    "no_match",
    "official_unit",
    "parse_type",
    "powiat_code_of",
    "register",
    "resolve",
    "type_of",
]
