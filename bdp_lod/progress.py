"""How long work tells its caller how far it has got, without drawing anything itself.

The library is used from notebooks, web services and batch jobs as well as from the CLI, so it
only reports steps; the CLI draws click progress bars from them on a terminal
(`bdp_lod.cli.progress`), and a service may log them or ignore them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

__all__ = ["Progress", "Stage", "Step"]

Stage = Literal["read", "validate"]


@dataclass(frozen=True)
class Step:
    """``done`` more units of ``stage`` are finished, out of about ``total`` for the stage."""

    stage: Stage
    """``read``: records read, checked against the schema and resolved; ``validate``: practices
    checked against the shapes."""
    done: int
    total: int
    """The stage's size: exact for ``validate``, estimated from lines for ``read``."""


Progress = Callable[[Step], None]
"""Called from the thread that runs the work, after each finished task (never from a worker)."""
