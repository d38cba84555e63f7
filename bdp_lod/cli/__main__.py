"""``python -m bdp_lod.cli``: the same command as ``bdp-lod``."""

from . import main

main()
