"""The plain-text renderer's bytes are its text, encoded."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from contractkit.composer import compose
from contractkit.document.nodes import (
    Document,
    Metadata,
    Paragraph,
    Section,
    SignatureBlock,
    SignatureParty,
    Text,
)
from contractkit.render.text import render_text, render_text_bytes


def test_the_bytes_are_the_text_in_utf8(example_data: dict[str, Any]) -> None:
    """Encoded section by section, the text is the same as encoded whole."""
    data = copy.deepcopy(example_data)
    data["client"]["legal_name"] = "Clínica Señora \u201cNorte\u201d \u2014 LLC"
    document = compose(data).document
    assert document is not None
    text = render_text(document)
    assert render_text_bytes(document) == text.encode("utf-8")
    assert "Clínica Señora \u201cNorte\u201d \u2014 LLC" in text
    # a second render takes the sections from the cache, and gives the same
    assert render_text_bytes(document) == text.encode("utf-8")
    assert render_text(document) == text


@pytest.mark.parametrize("intro", ["", "\n\n", "Signed."])
@pytest.mark.parametrize("with_parties", [False, True])
@pytest.mark.parametrize("last_section", ["", "\n", "The end.\n\n", None])
def test_bytes_end_as_the_text_ends_whatever_the_tail(
    intro: str, with_parties: bool, last_section: str | None
) -> None:
    """Trailing line breaks are dropped across pieces, as the text drops them."""
    sections = ()
    if last_section is not None:
        runs = (Text(last_section),) if last_section else ()
        sections = (Section("1", "Scope", "general.scope", (Paragraph(runs),)),)
    parties = (SignatureParty("Client", "A LLC", "Ann", "CEO"),) if with_parties else ()
    document = Document(
        metadata=Metadata("R-1", "Agreement", "2026-01-01", "en_US"),
        header="",
        footer="",
        preamble=(),
        sections=sections,
        signature=SignatureBlock(intro=intro, parties=parties),
    )
    text = render_text(document)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert render_text_bytes(document) == text.encode("utf-8")
