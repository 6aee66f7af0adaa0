"""Renderers: each walks the document tree and writes one format."""

from __future__ import annotations

from collections.abc import Callable

from contractkit.document.nodes import Document
from contractkit.errors import ContractkitError

__all__ = ["FORMATS", "UnknownFormatError", "render"]

FORMATS = ("docx", "txt")
"""The output formats, by file extension."""


class UnknownFormatError(ContractkitError, ValueError):
    """An output format that contractkit does not write was asked for."""


def _renderer(fmt: str) -> Callable[[Document], bytes]:
    if fmt == "docx":
        from contractkit.render.docx import render_docx

        return render_docx
    if fmt == "txt":
        from contractkit.render.text import render_text_bytes

        return render_text_bytes
    raise UnknownFormatError(
        f"Unknown output format {fmt!r}; choose from {', '.join(FORMATS)}."
    )


def render(document: Document, fmt: str) -> bytes:
    """Render ``document`` in format ``fmt`` (``docx`` or ``txt``) to bytes.

    Raises:
        UnknownFormatError: ``fmt`` is not one of :data:`FORMATS`.
    """
    return _renderer(fmt)(document)
