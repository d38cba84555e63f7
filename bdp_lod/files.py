"""Writing files so that readers see the old file or the whole new one, never half of it.

Every output of the package (RDF files, parsed records, the rebuilt register, a release folder)
goes through here. Temporary files and folders from `tempfile` are private to their owner;
what replaces them gets the permissions an ordinary new file or folder would have, so a web
server can still read a published dump.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write", "process_umask"]


def process_umask() -> int:
    """The process umask (there is no way to read it without setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The folder must exist: whether to create it is the caller's decision.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~process_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
