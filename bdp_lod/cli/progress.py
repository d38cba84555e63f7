"""Progress bars on stderr, drawn from the library's progress steps (`bdp_lod.progress`).

Only on a terminal, and only for runs long enough to be worth a bar: a pipe or a log file gets
the report alone, byte for byte the same as without bars.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

import click

from ..findings import Message
from ..progress import Stage, Step

__all__ = ["Bars", "MIN_TOTAL"]

MIN_TOTAL = 300
"""Fewer units than this finish in a second or two: no bar."""

_LABELS: dict[Stage, Message] = {
    "read": Message(en="Reading", pl="Odczyt"),
    "validate": Message(en="Validating", pl="Walidacja"),
}


class Bars:
    """A `bdp_lod.progress.Progress` callback that draws one bar per stage, in turn."""

    def __init__(self, lang: str, *, enabled: bool | None = None) -> None:
        self.lang = lang
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._stage: Stage | None = None
        self._bar: Any = None  # click's ProgressBar is not part of its public typing

    def __call__(self, step: Step) -> None:
        if not self.enabled:
            return
        if step.stage != self._stage:
            self._close()
            self._stage = step.stage
            if step.total >= MIN_TOTAL:
                self._bar = click.progressbar(length=step.total, label=_LABELS[step.stage].text(self.lang), file=sys.stderr)
                self._bar.__enter__()
        if self._bar is not None:
            self._bar.update(step.done)

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def __enter__(self) -> Bars:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._close()
