"""Writing output files atomically: temporary files, then renames.

A reader never sees a half-written contract, a failed write leaves every
earlier version of the files untouched, and nothing is left behind. Several
files written together (a contract's DOCX and text) are all replaced or none
is. Contracts are confidential, so a new file is readable and writable by its
owner only (mode 0600); a file that is replaced keeps its permission bits.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from contractkit.errors import OutputError

__all__ = ["write_all", "write_atomic"]


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Creates the folder if needed.

    Raises:
        OutputError: the file could not be written; no partial file is left.
    """
    return write_all({path: data})[0]


def write_all(payloads: Mapping[Path, bytes]) -> list[Path]:
    """Write several files so that either all are replaced or none is.

    Every file is first written in full to a temporary file beside it; only
    then are they renamed into place. If a rename fails, the files already
    renamed get their earlier versions back (or are removed if they are new).

    Raises:
        OutputError: a file could not be written; names it. No file changed.
    """
    staged: list[tuple[Path, str]] = []
    current = next(iter(payloads), Path("."))
    try:
        for current, data in payloads.items():
            staged.append((current, _write_temporary(current, data)))
        for current, _ in staged:
            _check_target(current)
        _replace_all(staged)
    except _ReplaceError as failure:
        current, exc = failure.path, failure.cause
        _discard_all(staged)
        raise OutputError(
            f"Cannot write {str(current)!r}: {exc.strerror or exc}. No output "
            "file was changed; check that the folder exists and is writable."
        ) from None
    except OSError as exc:
        _discard_all(staged)
        raise OutputError(
            f"Cannot write {str(current)!r}: {exc.strerror or exc}. No output "
            "file was changed; check that the folder exists and is writable."
        ) from None
    return list(payloads)


class _ReplaceError(Exception):
    """Renaming a temporary file onto ``path`` failed with ``cause``."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(path, cause)
        self.path = path
        self.cause = cause


def _check_target(path: Path) -> None:
    """Refuse a target that is a folder before anything is renamed."""
    if path.is_dir():
        raise _ReplaceError(path, IsADirectoryError(21, "Is a directory"))


def _discard_all(staged: list[tuple[Path, str]]) -> None:
    for _, temp in staged:
        _discard(temp)


def _write_temporary(path: Path, data: bytes) -> str:
    """Write ``data`` in full to a new temporary file beside ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _replace_all(staged: list[tuple[Path, str]]) -> None:
    """Rename every temporary file into place, undoing all if one fails."""
    replaced: list[tuple[Path, str | None]] = []
    pending: str | None = None
    path = Path(".")
    try:
        for path, temp in staged:
            pending = _backup(path)
            os.replace(temp, path)
            replaced.append((path, pending))
            pending = None
    except OSError as exc:
        failed = path
        _discard(pending)
        for done, backup in reversed(replaced):
            with contextlib.suppress(OSError):
                if backup is None:
                    os.unlink(done)
                else:
                    os.replace(backup, done)
        raise _ReplaceError(failed, exc) from None
    for _, backup in replaced:
        _discard(backup)


def _discard(name: str | None) -> None:
    if name is not None:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _backup(path: Path) -> str | None:
    """Keep the current version of ``path`` under a temporary name, if any."""
    if not path.exists():
        return None
    backup = str(path.parent / f".{path.name}.{secrets.token_hex(8)}.bak")
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup
