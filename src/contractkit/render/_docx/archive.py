"""Reproducible zip archives: the same members always give the same bytes.

Members are written in a fixed order, ``[Content_Types].xml`` first as
readers that stream a package expect, with a fixed timestamp, fixed
attributes and a fixed compression level, so neither the clock nor the
machine shows in the file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from typing import Final

_FIRST: Final = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")
_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
_LEVEL: Final = 6


def read_members(archive: bytes) -> dict[str, bytes]:
    """Return every member of zip ``archive`` by name."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def write_members(members: Mapping[str, bytes]) -> bytes:
    """Return a zip archive of ``members`` whose bytes depend on nothing else."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(members, key=_rank):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, members[name], compresslevel=_LEVEL)
    return out.getvalue()


def normalize(archive: bytes) -> bytes:
    """Rewrite zip ``archive`` reproducibly, keeping its members' contents."""
    return write_members(read_members(archive))


def _rank(name: str) -> tuple[int, str]:
    if name in _FIRST:
        return _FIRST.index(name), name
    return len(_FIRST), name
