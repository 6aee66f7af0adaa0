"""Tests of the DOCX body deflated in segments, with sections kept across renders."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import docx
import pytest
from lxml import etree

from contractkit.document.nodes import (
    Document,
    ItemList,
    Metadata,
    Paragraph,
    Section,
    SignatureBlock,
    SignatureParty,
    Text,
)
from contractkit.render import docx as docx_renderer
from contractkit.render._docx import archive
from contractkit.render.docx import render_docx

_SUBJECTS = ("Services", "Fees", "Term", "Confidentiality", "Notices", "Law")


def _section(number: int, subject: str) -> Section:
    clauses = tuple(
        Paragraph(
            (Text(f"The {subject.lower()} clause \u201c{n}\u201d applies in full."),),
            number=f"{number}.{n}",
        )
        for n in range(1, 6)
    )
    items = ItemList(tuple((Text(f"{subject} item {n};"),) for n in range(4)))
    return Section(str(number), subject, f"general.s{number}", (*clauses, items))


def _contract(
    client: str = "Clinic LLC", subjects: Sequence[str] = _SUBJECTS
) -> Document:
    return Document(
        metadata=Metadata(
            reference="2026-001",
            title="Services Agreement",
            effective_date="2026-03-01",
            locale="en_US",
        ),
        header=f"Services Agreement \u2014 {client}",
        footer="Page {page} of {pages}",
        preamble=(Paragraph((Text(f"Made between Provider and {client}."),)),),
        sections=tuple(
            _section(n, subject) for n, subject in enumerate(subjects, start=1)
        ),
        signature=SignatureBlock(
            intro="Signed by the parties.",
            parties=(
                SignatureParty("Provider", "Provider Inc", "Ann Lee", "Owner"),
                SignatureParty("Client", client, "Bob Boss", "Director"),
            ),
        ),
    )


def _with_section(document: Document, index: int, subject: str) -> Document:
    sections = list(document.sections)
    sections[index] = _section(index + 1, subject)
    return replace(document, sections=tuple(sections))


def _forget_everything() -> None:
    docx_renderer._SECTIONS.clear()
    archive._shared_segment.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    _forget_everything()
    yield
    _forget_everything()


def _document_xml(rendered: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        assert package.testzip() is None
        return package.read("word/document.xml")


def test_document_part_inflates_to_the_xml_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """word/document.xml reads back as exactly the head, sections and tail written."""
    written: list[tuple[Any, ...]] = []

    def recording(name: str, head: str, shared: Sequence[str], tail: str) -> Any:
        written.append((head, list(shared), tail))
        return archive.deflate_segments(name, head, shared, tail)

    monkeypatch.setattr(docx_renderer, "deflate_segments", recording)
    document = _contract()

    rendered = render_docx(document)

    ((head, shared, tail),) = written
    assert len(shared) == len(document.sections)
    assert _document_xml(rendered) == (head + "".join(shared) + tail).encode()
    assert etree.fromstring(_document_xml(rendered)) is not None
    headings = [
        p.text
        for p in docx.Document(io.BytesIO(rendered)).paragraphs
        if p.style.name == "Heading 1"
    ]
    assert headings == list(_SUBJECTS)


def test_kept_and_fresh_renders_give_the_same_bytes() -> None:
    """A render from kept sections equals a render after forgetting them all."""
    document = _contract()

    first = render_docx(document)
    again = render_docx(document)
    _forget_everything()
    fresh = render_docx(document)

    assert first == again == fresh


def test_a_changed_section_leaves_the_bytes_a_pure_function_of_the_tree() -> None:
    """A section's text changes; its successor re-deflates, and fresh renders agree."""
    before = _contract()
    changed = _with_section(before, 2, "Warranties")
    before_bytes = render_docx(before)
    kept = archive._shared_segment.cache_info()

    after_bytes = render_docx(changed)
    misses = archive._shared_segment.cache_info().misses - kept.misses
    back_bytes = render_docx(before)
    _forget_everything()

    assert misses == 2
    assert render_docx(changed) == after_bytes
    assert back_bytes == before_bytes
    assert b"Warranties" in _document_xml(after_bytes)


def test_contracts_that_differ_in_names_share_their_sections() -> None:
    """Contracts for other clients re-deflate no section, and stay bounded."""
    render_docx(_contract("Client 0"))
    kept = archive._shared_segment.cache_info()

    for n in range(1, 2 * archive.SEGMENTS_KEPT):
        last = render_docx(_contract(f"Client {n}"))
    after = archive._shared_segment.cache_info()
    _forget_everything()

    assert after.misses == kept.misses
    assert after.currsize <= archive.SEGMENTS_KEPT
    assert render_docx(_contract(f"Client {n}")) == last
    assert f"Client {n}".encode() in _document_xml(last)


def test_many_changing_sections_stay_bounded() -> None:
    """Sections that change every time never grow the kept segments past the limit."""
    for n in range(2 * archive.SEGMENTS_KEPT):
        render_docx(_with_section(_contract(), 3, f"Schedule {n}"))

    assert archive._shared_segment.cache_info().currsize <= archive.SEGMENTS_KEPT


def test_renders_from_threads_match_renders_in_turn() -> None:
    """Threads sharing the kept sections write the bytes a single thread writes."""
    documents = [
        _with_section(_contract(f"Client {n}"), n % 6, f"Annex {n % 3}")
        for n in range(24)
    ]
    expected = [render_docx(document) for document in documents]
    _forget_everything()

    with ThreadPoolExecutor(4) as pool:
        rendered = list(pool.map(render_docx, documents * 4))

    assert rendered == expected * 4


def test_a_bad_character_in_a_section_is_still_refused() -> None:
    """After its neighbours were kept, a section XML cannot hold fails the render."""
    render_docx(_contract())

    with pytest.raises(ValueError, match="XML compatible"):
        render_docx(_with_section(_contract(), 1, "Fees\x01"))
