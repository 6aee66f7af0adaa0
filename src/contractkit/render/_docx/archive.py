"""Reproducible zip archives built from members deflated ahead of time.

A package is a handful of members that never change (styles, settings,
relationships) and a few written for each document. :func:`deflate` turns a
member's bytes into a :class:`Member` once; :func:`write_zip` lays members
out as a zip archive, so a fixed member deflated once per process costs each
document only a copy of its bytes.

:func:`deflate_segments` deflates a member whose text is a head, a run of
segments shared across documents and a tail. Each piece becomes its own
byte-aligned, non-final run of deflate blocks, so the compressed bytes of a
shared segment are kept and copied into every document that holds it. A
segment may refer back only into the segment before it, and only when that
one is shared too, which makes its bytes a function of its own text and its
predecessor's, whatever was kept. The price is size: since no segment
refers further back than its predecessor and none reaches into the head,
the deflated member is about a quarter larger than one deflate of the whole
text would be.

The layout is the one :mod:`zipfile` writes, with no clock and no machine in
it: members in a fixed order, ``[Content_Types].xml`` first as readers that
stream a package expect, the timestamp 1980-01-01 00:00, the permissions
``rw-------`` that :mod:`zipfile` gives a member, deflate level 6 (per
segment for a segmented member), and no zip64 records (members and archive
stay far below 4 GiB).
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Iterable, Sequence
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
_WINDOW: Final = 32768
"""How far back a deflate back-reference reaches, in bytes."""

_LAST_BLOCK: Final = b"\x03\x00"
"""An empty final block with fixed codes, which ends a stream of flushed runs."""

SEGMENTS_KEPT: Final = 256
"""How many shared segments stay deflated; the least recently used goes first."""


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


def deflate_segments(name: str, head: str, shared: Sequence[str], tail: str) -> Member:
    """Deflate ``head``, the ``shared`` segments and ``tail`` as member ``name``.

    The member's text is the concatenation of the pieces, encoded as UTF-8.
    The head is deflated alone. A shared segment is deflated with the one
    before it as the dictionary, the first one with none, and the last
    :data:`SEGMENTS_KEPT` of them used stay deflated, keyed by their text
    and their predecessor's. The tail is deflated with the last shared segment as
    the dictionary. The bytes are the same whichever segments were kept.

    Raises:
        ValueError: the member is too large for an archive without zip64.
    """
    head_bytes = head.encode("utf-8")
    pieces = [_deflate_run(head_bytes, b"")]
    crc = zlib.crc32(head_bytes)
    size = len(head_bytes)

    previous: str | None = None
    content = b""
    for text in shared:
        content, data = _shared_segment(previous, text)
        pieces.append(data)
        crc = zlib.crc32(content, crc)
        size += len(content)
        previous = text

    tail_bytes = tail.encode("utf-8")
    pieces += (_deflate_run(tail_bytes, content), _LAST_BLOCK)
    crc = zlib.crc32(tail_bytes, crc)
    size += len(tail_bytes)
    data = b"".join(pieces)
    if size > _LIMIT or len(data) > _LIMIT:
        raise ValueError(f"The DOCX member {name!r} is larger than 4 GiB.")
    return Member(name, crc, size, data)


@functools.lru_cache(maxsize=SEGMENTS_KEPT)
def _shared_segment(previous: str | None, text: str) -> tuple[bytes, bytes]:
    """Return ``text`` encoded and deflated after the shared segment ``previous``.

    The cache is safe to share between threads: two threads that miss the
    same segment at once both deflate it, to the same bytes.
    """
    content = text.encode("utf-8")
    dictionary = b"" if previous is None else previous.encode("utf-8")
    return content, _deflate_run(content, dictionary)


def _deflate_run(content: bytes, dictionary: bytes) -> bytes:
    """Deflate ``content`` into blocks that end on a byte, none of them final.

    Back-references reach into ``dictionary``, the bytes just before
    ``content`` in the member, as far as a deflate window allows.
    """
    if dictionary:
        compressor = zlib.compressobj(
            _LEVEL, zlib.DEFLATED, -15, zdict=dictionary[-_WINDOW:]
        )
    else:
        compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush(zlib.Z_FULL_FLUSH)


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
