"""The output folder of a publication: built aside, swapped in whole, never half-written.

Everything is written into a hidden folder beside the target (``.site.publish-<pid>-<random>``
next to ``site``), on the same file system, so that moving it into place is a rename. When the
target already exists, the two are exchanged in one atomic ``renameat2(RENAME_EXCHANGE)`` on
Linux; elsewhere (or on a file system without it) the old folder is renamed aside first and put
back if the second rename fails, which leaves a moment without the folder but never a mix.
Readers of the target therefore see the previous publication or the complete new one. A run that
fails removes its hidden folder; a run that is killed leaves it behind, and the next run removes
folders of processes that no longer exist.

Because the target is replaced wholesale, only a folder that holds a previous publication (one
with ``SHA256SUMS``) or nothing may be replaced: ``--out ~`` must never wipe a home folder.

Files are flushed to disk (``fsync``) before the swap, and gzip members carry no name and time
0, so a folder's bytes depend on the data alone.
"""

from __future__ import annotations

import ctypes
import errno
import gzip
import hashlib
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Mapping

from ..errors import InputError
from ..files import process_umask

__all__ = ["CHECKSUMS", "OutputFolder", "gzip_file", "file_sha256", "read_checksums", "sha256sums"]

CHECKSUMS = "SHA256SUMS"
GZIP_LEVEL = 6
"""zlib's default: about 70 MB/s of N-Triples for a file a tenth of the size (docs/performance.md)."""
_CHUNK = 1 << 20
_PUBLISH_TAG = ".publish-"


def file_sha256(path: Path) -> str:
    """A file's SHA-256, read in chunks (dumps may be larger than memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sha256sums(folder: Path, known: Mapping[str, str] | None = None) -> bytes:
    """``SHA256SUMS`` of every file in ``folder`` but itself, by name, in ``sha256sum`` format.

    ``known`` gives digests already taken (the dumps', hashed while the next one was written),
    so the largest files are not read again.
    """
    known = known or {}
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != CHECKSUMS)
    return "".join(f"{known.get(name) or file_sha256(folder / name)}  {name}\n" for name in names).encode("utf-8")


_SUM_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


def read_checksums(folder: Path) -> dict[str, str]:
    """File name → SHA-256 from a folder's ``SHA256SUMS`` (the ``sha256sum`` format)."""
    path = folder / CHECKSUMS
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"not a published folder: cannot read {CHECKSUMS} ({exc.strerror or exc})", file=str(folder),
            pl=f"to nie jest folder publikacji: nie można odczytać {CHECKSUMS} ({exc.strerror or exc})",
        ) from None
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _SUM_LINE.match(line)
        if match is None:
            raise InputError(
                "not a sha256sum line ('<64 hex digits>  <file name>')", file=str(path), line=number,
                pl="to nie jest wiersz sha256sum ('<64 cyfry szesnastkowe>  <nazwa pliku>')",
            )
        sums[match.group(2)] = match.group(1).lower()
    return sums


def gzip_file(source: Path, target: Path, level: int = GZIP_LEVEL) -> None:
    """``target`` = ``source`` gzipped, with no file name and modification time 0 in the header,
    so the same file always compresses to the same bytes."""
    with source.open("rb") as raw, target.open("wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=level, mtime=0) as packed:
            while chunk := raw.read(_CHUNK):
                packed.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux ``renameat2``); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputFolder:
    """A publication being written: ``with OutputFolder(target) as folder: … folder.commit()``.

    `path` names files inside the hidden working folder; `commit` swaps it into place. Leaving
    the ``with`` block without committing (an exception, a return) removes the working folder and
    leaves the target as it was.
    """

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target).absolute()
        self.check(self.target)
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._remove_stale()
            self.work = Path(tempfile.mkdtemp(prefix=f".{self.target.name}{_PUBLISH_TAG}{os.getpid()}-", dir=self.target.parent))
            os.chmod(self.work, 0o777 & ~process_umask())
        except OSError as error:
            raise self._unwritable(error) from None
        self.committed = False

    def _unwritable(self, error: OSError) -> InputError:
        reason = error.strerror or str(error)
        return InputError(f"cannot write: {reason}", file=str(self.target), pl=f"nie można zapisać: {reason}")

    @staticmethod
    def check(target: str | os.PathLike[str]) -> None:
        """`InputError` unless ``target`` is absent, an empty folder or a previous publication."""
        target = Path(target)
        if target.exists() and not target.is_dir():
            raise InputError("exists and is not a folder", file=str(target), pl="istnieje i nie jest folderem")
        if target.is_dir() and any(target.iterdir()) and not (target / CHECKSUMS).is_file():
            raise InputError(
                f"is not empty and holds no {CHECKSUMS}: it is not a previous publication, so it is not replaced",
                file=str(target),
                pl=f"nie jest pusty i nie ma {CHECKSUMS}: to nie jest poprzednia publikacja, więc nie zostanie zastąpiony",
            )

    def _remove_stale(self) -> None:
        """Working folders of killed runs: their process no longer exists."""
        pattern = re.compile(re.escape(f".{self.target.name}{_PUBLISH_TAG}") + r"(\d+)-")
        for candidate in self.target.parent.iterdir():
            match = pattern.match(candidate.name)
            if match and candidate.is_dir() and os.name == "posix" and not _alive(int(match.group(1))):
                shutil.rmtree(candidate, ignore_errors=True)

    def path(self, name: str) -> Path:
        return self.work / name

    def commit(self) -> None:
        """Flush every file, write nothing more, and put the folder in the target's place."""
        folders = False
        for item in self.work.iterdir():
            if item.is_dir():
                folders = True
                continue
            with item.open("rb") as handle:
                os.fsync(handle.fileno())
        if folders:  # a site's many thousand documents: one sync, not one fsync per file
            os.sync()
        _fsync_dir(self.work)
        if self.target.exists():
            if _exchange(self.work, self.target):
                shutil.rmtree(self.work)
            else:
                aside = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent))
                os.rmdir(aside)
                os.rename(self.target, aside)
                try:
                    os.rename(self.work, self.target)
                except BaseException:
                    os.rename(aside, self.target)
                    raise
                shutil.rmtree(aside)
        else:
            os.rename(self.work, self.target)
        _fsync_dir(self.target.parent)
        self.committed = True

    def __enter__(self) -> OutputFolder:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if not self.committed:
            shutil.rmtree(self.work, ignore_errors=True)
        if isinstance(value, OSError):  # a full disk or a folder taken away mid-write: the user's problem, told plainly
            raise self._unwritable(value) from None
