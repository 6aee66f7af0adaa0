"""Writing output files atomically: a temporary file, then a rename.

A reader never sees a half-written contract, a failed write leaves any
earlier version of the file untouched, and nothing is left behind. Contracts
are confidential, so a new file is readable and writable by its owner only
(mode 0600); a file that is replaced keeps its permission bits.
"""

from __future__ import annotations

import contextlib
import os
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
    temp_name: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp_name, stat.S_IMODE(path.stat().st_mode))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
        temp_name = None
    except OSError as exc:
        raise OutputError(
            f"Cannot write {str(path)!r}: {exc.strerror or exc}. Nothing was "
            "written there; check that the folder exists and is writable."
        ) from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return path


def write_all(payloads: Mapping[Path, bytes]) -> list[Path]:
    """Write several files atomically, each through its own temporary file."""
    return [write_atomic(path, data) for path, data in payloads.items()]
