"""Tests of the zip writer's segmented deflate, read back with zlib and zipfile."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contractkit.render._docx import archive
from contractkit.render._docx.archive import (
    SEGMENTS_KEPT,
    deflate_segments,
    write_zip,
)

_LONG = "".join(f"<w:p>{n}\u201cclause\u201d</w:p>" for n in range(3000))
"""A segment longer than a deflate window, with characters beyond ASCII."""

texts = st.text(st.characters(codec="utf-8"), max_size=300)


@pytest.fixture(autouse=True)
def _no_segments_kept() -> Iterator[None]:
    archive._shared_segment.cache_clear()
    yield
    archive._shared_segment.cache_clear()


def _inflated(data: bytes) -> bytes:
    inflater = zlib.decompressobj(-15)
    content = inflater.decompress(data) + inflater.flush()
    assert inflater.eof
    assert inflater.unused_data == b""
    return content


def _read_back(member: archive.Member) -> bytes:
    with zipfile.ZipFile(io.BytesIO(write_zip([member]))) as package:
        assert package.testzip() is None
        return package.read(member.name)


@settings(max_examples=60, deadline=None)
@given(texts, st.lists(texts, max_size=6), texts)
def test_segments_inflate_to_their_concatenation(
    head: str, shared: list[str], tail: str
) -> None:
    """Any head, shared segments and tail inflate to their text, CRC and size right."""
    content = (head + "".join(shared) + tail).encode("utf-8")

    member = deflate_segments("word/document.xml", head, shared, tail)

    assert _inflated(member.data) == content
    assert member.crc == zlib.crc32(content)
    assert member.size == len(content)
    assert _read_back(member) == content


def test_segments_longer_than_a_window_refer_back_correctly() -> None:
    """A dictionary is cut to the window; references into it still resolve."""
    shared = [_LONG, _LONG[:5000] + _LONG[-5000:], "", _LONG[-40000:]]
    content = ("head" + "".join(shared) + "tail").encode("utf-8")

    member = deflate_segments("word/document.xml", "head", shared, "tail")

    assert _inflated(member.data) == content
    assert _read_back(member) == content


def test_the_stream_is_flushed_runs_and_an_empty_last_block() -> None:
    """Each piece ends on a byte boundary; one empty final block ends the stream."""
    member = deflate_segments("word/document.xml", "<a>", ["<b/>", "<c/>"], "</a>")

    assert member.data.endswith(b"\x00\x00\xff\xff\x03\x00")
    assert member.data.count(b"\x00\x00\xff\xff") == 4


def test_each_segment_refers_back_into_its_predecessor() -> None:
    """Shared segments deflate smaller than the same segments deflated alone."""
    sentences = [
        f"<w:p>Clause {n} binds party {n * 7919 % 1000}.</w:p>" for n in range(40)
    ]
    shared = ["".join(sentences[n : n + 30]) for n in range(10)]
    alone = sum(len(archive._deflate_run(text.encode(), b"")) for text in shared)

    member = deflate_segments("word/document.xml", "", shared, "")

    assert len(member.data) < alone * 0.8


def test_kept_and_fresh_segments_give_the_same_bytes() -> None:
    """The bytes of a member do not depend on which segments were kept."""
    first = ["<s>one</s>", "<s>two</s>", "<s>three</s>"]
    second = ["<s>one</s>", "<s>TWO</s>", "<s>three</s>"]
    fresh = deflate_segments("d.xml", "<h/>", second, "<t/>")
    archive._shared_segment.cache_clear()

    deflate_segments("d.xml", "<h/>", first, "<t/>")
    after_first = deflate_segments("d.xml", "<h/>", second, "<t/>")

    assert after_first == fresh
    assert deflate_segments("d.xml", "<h/>", second, "<t/>") == fresh


def test_a_changed_segment_redeflates_itself_and_its_successor() -> None:
    """Only the changed segment and the one that refers back into it are missed."""
    first = [f"<s>{n}</s>" * 40 for n in range(6)]
    second = [*first[:2], "<s>changed</s>" * 40, *first[3:]]
    deflate_segments("d.xml", "<h/>", first, "<t/>")
    before = archive._shared_segment.cache_info()

    deflate_segments("d.xml", "<other head/>", second, "<other tail/>")
    after = archive._shared_segment.cache_info()

    assert after.misses - before.misses == 2
    assert after.hits - before.hits == 4


def test_kept_segments_stay_bounded_and_keep_the_stable_ones() -> None:
    """Segments that change every time push out old changing ones, not stable ones."""
    stable = [f"<s>stable {n}</s>" for n in range(10)]
    for n in range(2 * SEGMENTS_KEPT):
        shared = [*stable[:5], f"<s>varies {n}</s>", *stable[5:]]
        deflate_segments("d.xml", "<h/>", shared, "<t/>")
    before = archive._shared_segment.cache_info()

    deflate_segments("d.xml", "<h/>", [*stable[:5], "<s>new</s>", *stable[5:]], "")
    after = archive._shared_segment.cache_info()

    assert after.currsize <= SEGMENTS_KEPT
    assert after.misses - before.misses == 2
    assert after.hits - before.hits == len(stable) - 1
