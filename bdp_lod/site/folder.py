"""The site's files under a publication's working folder: written plainly, folders made once.

A site is hundreds of thousands of small files, and on ext4 creating one costs far more than
writing its bytes (docs/performance.md), so nothing is done per file that need not be: no
temporary file and rename (the working folder is swapped into place whole,
`bdp_lod.publish.folder`), no `pathlib` object, and each folder is made once for all the
documents and pages that go into it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["SiteFolder"]

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


class SiteFolder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._prefix = str(root) + os.sep
        self._made: set[str] = set()

    def write(self, path: str, data: bytes) -> None:
        """Write ``data`` to ``path`` (``/``-separated, under the root), making its folder if needed."""
        parent = path.rpartition("/")[0]
        if parent and parent not in self._made:
            os.makedirs(self._prefix + parent, exist_ok=True)
            self._made.add(parent)
        fd = os.open(self._prefix + path, _FLAGS, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
