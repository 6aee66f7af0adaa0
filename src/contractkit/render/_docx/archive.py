"""Reproducible zip archives built from members deflated ahead of time.

A package is a handful of members that never change (styles, settings,
relationships) and a few written for each document. :func:`deflate` turns a
member's bytes into a :class:`Member` once; :func:`write_zip` lays members
out as a zip archive, so a fixed member deflated once per process costs each
document only a copy of its bytes.

The layout is the one :mod:`zipfile` writes, with no clock and no machine in
it: members in a fixed order, ``[Content_Types].xml`` first as readers that
stream a package expect, the timestamp 1980-01-01 00:00, the permissions
``rw-------`` that :mod:`zipfile` gives a member, deflate level 6, and no
zip64 records (members and archive stay far below 4 GiB).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

_FIRST: Final = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")
_LEVEL: Final = 6
_VERSION: Final = 20
"""Version 2.0 of the zip format, the first with deflate."""

_DEFLATED: Final = 8
_DOS_TIME: Final = 0
_DOS_DATE: Final = (1 << 5) | 1
"""1980-01-01, the earliest date a zip archive can hold."""

_LOCAL: Final = struct.Struct("<4s2B4HL2L2H")
_CENTRAL: Final = struct.Struct("<4s4B4HL2L5H2L")
_END: Final = struct.Struct("<4s4H2LH")
_LIMIT: Final = 0xFFFFFFFF
_PERMISSIONS: Final = 0o600 << 16


@dataclass(frozen=True, slots=True)
class Member:
    """One member of an archive, already deflated.

    Attributes:
        name: the member's path inside the archive.
        crc: the CRC-32 of the uncompressed bytes.
        size: the number of uncompressed bytes.
        data: the deflated bytes.
    """

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, content: bytes) -> Member:
    """Deflate ``content`` as member ``name``.

    Raises:
        ValueError: the member is too large for an archive without zip64.
    """
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    if len(content) > _LIMIT or len(data) > _LIMIT:
        raise ValueError(f"The DOCX member {name!r} is larger than 4 GiB.")
    return Member(name, zlib.crc32(content), len(content), data)


def write_zip(members: Iterable[Member]) -> bytes:
    """Return the zip archive of ``members``, whose bytes depend on nothing else.

    Raises:
        ValueError: two members have the same name, or the archive would
            need zip64 records.
    """
    ordered = sorted(members, key=lambda member: _rank(member.name))
    names = [member.name for member in ordered]
    if len(set(names)) != len(names):
        raise ValueError(f"A DOCX package cannot hold a member twice: {names}.")

    pieces: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in ordered:
        name = member.name.encode("utf-8")
        flags = 0 if member.name.isascii() else 0x800
        header = _LOCAL.pack(
            b"PK\x03\x04",
            _VERSION,
            0,
            flags,
            _DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            member.crc,
            len(member.data),
            member.size,
            len(name),
            0,
        )
        pieces += (header, name, member.data)
        central += (
            _CENTRAL.pack(
                b"PK\x01\x02",
                _VERSION,
                0,
                _VERSION,
                0,
                flags,
                _DEFLATED,
                _DOS_TIME,
                _DOS_DATE,
                member.crc,
                len(member.data),
                member.size,
                len(name),
                0,
                0,
                0,
                0,
                _PERMISSIONS,
                offset,
            ),
            name,
        )
        offset += len(header) + len(name) + len(member.data)

    directory = b"".join(central)
    if offset + len(directory) > _LIMIT:
        raise ValueError("A DOCX package larger than 4 GiB cannot be written.")
    end = _END.pack(
        b"PK\x05\x06", 0, 0, len(ordered), len(ordered), len(directory), offset, 0
    )
    return b"".join((*pieces, directory, end))


def _rank(name: str) -> tuple[int, str]:
    if name in _FIRST:
        return _FIRST.index(name), name
    return len(_FIRST), name
