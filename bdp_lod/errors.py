"""The library's own exceptions: callers catch these, never a parser's internals.

Each carries enough to name the file (and line or record) so the CLI can print one clear line
and choose its exit code without a traceback.
"""

from __future__ import annotations

from .findings import Finding, Message

__all__ = [
    "BdpLodError",
    "InputError",
    "InvalidRecords",
    "NotAPracticePage",
    "StoreError",
]


class BdpLodError(Exception):
    """Base of every error bdp_lod raises on purpose."""


class InputError(BdpLodError):
    """An input cannot be read at all: missing file, unknown extension, malformed syntax."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None, pl: str | None = None):
        self.file = file
        self.line = line
        self.detail = message
        self.message = Message(en=message, pl=message if pl is None else pl)
        where = file or ""
        if file and line is not None:
            where = f"{file}:{line}"
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    def describe(self, lang: str = "en") -> str:
        """The error in ``lang`` (Polish only when the raiser gave ``pl``), located like ``str()``."""
        text = self.message.text(lang)
        return f"{self.where}: {text}" if self.where else text


class NotAPracticePage(BdpLodError):
    """A page that is not a good-practice database entry (no "Metryka praktyki" block)."""

    def __init__(self, message: str | Message, *, file: str | None = None):
        self.file = file
        self.message = message if isinstance(message, Message) else Message(en=message, pl=message)
        self.detail = self.message.en
        super().__init__(f"{file}: {self.detail}" if file else self.detail)


class InvalidRecords(BdpLodError):
    """Records that break the submission rules; ``findings`` says every problem, not the first."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        first = findings[0] if findings else None
        summary = f"{len(findings)} problem(s)"
        if first is not None:
            summary += f"; first: {first.field or '(record)'}: {first.message.en}"
        super().__init__(summary)


class StoreError(BdpLodError):
    """A triple store cannot be reached, refuses a request, or does not hold what was sent.

    Distinct from `InputError` because the contract gives it its own exit code (1): the input
    was fine, the store was not.
    """

    def __init__(self, message: Message, *, status: int | None = None):
        self.message = message
        self.status = status
        """The HTTP status the store answered with, when it answered at all."""
        super().__init__(message.en)
