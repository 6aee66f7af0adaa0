"""The plain-text renderer's bytes are its text, encoded."""

from __future__ import annotations

import copy
from typing import Any

from contractkit.composer import compose
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
