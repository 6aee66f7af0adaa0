"""Small writers of WordprocessingML elements: paragraphs, runs, fields, tables.

They build lxml elements directly under python-docx's element tree, which is
far cheaper than python-docx's proxy objects and keeps element order as the
schema wants it. lxml escapes all text, so ``&``, ``<`` and ``>`` reach the
file as the characters themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from lxml import etree

from contractkit.document.nodes import (
    DefinedTerm,
    Emphasis,
    Inline,
    LineBreak,
    plain_text,
)

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"


def w(name: str) -> str:
    """Return the qualified name of WordprocessingML element or attribute ``name``."""
    return f"{{{W_NS}}}{name}"


_VAL: Final = w("val")


def paragraph(
    parent: etree._Element,
    style: str,
    *,
    numbering: tuple[int, int] | None = None,
    keep_next: bool = False,
) -> etree._Element:
    """Append a ``w:p`` in ``style`` to ``parent`` and return it.

    Args:
        parent: the body, a table cell, a header or a footer.
        style: the paragraph style id.
        numbering: ``(num_id, level)`` for a numbered paragraph.
        keep_next: keep the paragraph on the page of the next one.
    """
    p = etree.SubElement(parent, w("p"))
    properties = etree.SubElement(p, w("pPr"))
    etree.SubElement(properties, w("pStyle"), {_VAL: style})
    if keep_next:
        etree.SubElement(properties, w("keepNext"))
    if numbering is not None:
        num_id, level = numbering
        number = etree.SubElement(properties, w("numPr"))
        etree.SubElement(number, w("ilvl"), {_VAL: str(level)})
        etree.SubElement(number, w("numId"), {_VAL: str(num_id)})
    return p


def space_before(p: etree._Element, twips: int) -> None:
    """Give paragraph ``p``, as written by :func:`paragraph`, space above it."""
    properties = p.find(w("pPr"))
    if properties is not None:
        etree.SubElement(properties, w("spacing"), {w("before"): str(twips)})


def text_run(
    p: etree._Element, text: str, *, bold: bool = False, italic: bool = False
) -> None:
    """Append a run holding ``text`` to paragraph ``p``."""
    if not text:
        return
    r = _run(p, bold=bold, italic=italic)
    t = etree.SubElement(r, w("t"))
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def inline_runs(
    p: etree._Element, runs: Sequence[Inline], *, bold: bool = False
) -> None:
    """Append the runs of ``runs`` to paragraph ``p``, formatted by kind.

    Each run's words are exactly what :func:`plain_text` gives for it, so the
    paragraph's text is the text of every other renderer.
    """
    for run in runs:
        if isinstance(run, LineBreak):
            etree.SubElement(_run(p, bold=bold, italic=False), w("br"))
            continue
        defining = isinstance(run, DefinedTerm) and run.defining
        italic = isinstance(run, Emphasis)
        text_run(p, plain_text((run,)), bold=bold or defining, italic=italic)


def field(p: etree._Element, instruction: str, shown: str) -> None:
    """Append a complex field, e.g. ``PAGE``, whose last result was ``shown``."""
    _field_char(p, "begin")
    code = etree.SubElement(_run(p), w("instrText"))
    code.text = f" {instruction} "
    code.set(_XML_SPACE, "preserve")
    _field_char(p, "separate")
    text_run(p, shown)
    _field_char(p, "end")


def table(
    parent: etree._Element, style: str | None, widths: Sequence[int]
) -> etree._Element:
    """Append a ``w:tbl`` with columns ``widths`` (in twips) and return it."""
    tbl = etree.SubElement(parent, w("tbl"))
    properties = etree.SubElement(tbl, w("tblPr"))
    if style is not None:
        etree.SubElement(properties, w("tblStyle"), {_VAL: style})
    etree.SubElement(
        properties, w("tblW"), {w("w"): str(sum(widths)), w("type"): "dxa"}
    )
    etree.SubElement(properties, w("tblLayout"), {w("type"): "fixed"})
    etree.SubElement(
        properties,
        w("tblLook"),
        {
            _VAL: "0620",
            w("firstRow"): "1",
            w("lastRow"): "0",
            w("firstColumn"): "0",
            w("lastColumn"): "0",
            w("noHBand"): "1",
            w("noVBand"): "1",
        },
    )
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        etree.SubElement(grid, w("gridCol"), {w("w"): str(width)})
    return tbl


def table_row(tbl: etree._Element, *, header: bool = False) -> etree._Element:
    """Append a row that never splits across pages; a header row repeats."""
    tr = etree.SubElement(tbl, w("tr"))
    properties = etree.SubElement(tr, w("trPr"))
    etree.SubElement(properties, w("cantSplit"))
    if header:
        etree.SubElement(properties, w("tblHeader"))
    return tr


def table_cell(tr: etree._Element, width: int) -> etree._Element:
    """Append a cell ``width`` twips wide; it needs at least one paragraph."""
    tc = etree.SubElement(tr, w("tc"))
    properties = etree.SubElement(tc, w("tcPr"))
    etree.SubElement(properties, w("tcW"), {w("w"): str(width), w("type"): "dxa"})
    return tc


def _run(
    p: etree._Element, *, bold: bool = False, italic: bool = False
) -> etree._Element:
    r = etree.SubElement(p, w("r"))
    if bold or italic:
        properties = etree.SubElement(r, w("rPr"))
        if bold:
            etree.SubElement(properties, w("b"))
        if italic:
            etree.SubElement(properties, w("i"))
    return r


def _field_char(p: etree._Element, kind: str) -> None:
    etree.SubElement(_run(p), w("fldChar"), {w("fldCharType"): kind})
