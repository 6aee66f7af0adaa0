"""Small writers of WordprocessingML as text: paragraphs, runs, fields, tables.

Each writer appends pieces of XML to a list that the renderer joins once per
part, which is far cheaper than building an element tree and serialising it.
The pieces are exactly what lxml would write for the same elements: text is
escaped (``&``, ``<``, ``>`` and carriage returns), ``xml:space="preserve"``
marks text with outer spaces, and elements without content close themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from contractkit.document.nodes import (
    DefinedTerm,
    Emphasis,
    Inline,
    LineBreak,
    Text,
    plain_text,
)

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECLARATION: Final = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""The XML declaration of every part this renderer writes."""

Pieces = list[str]
"""The XML of one part, in pieces, joined once when the part is complete."""

_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_RUN_OPEN: Final = {
    (False, False): "<w:r>",
    (True, False): "<w:r><w:rPr><w:b/></w:rPr>",
    (False, True): "<w:r><w:rPr><w:i/></w:rPr>",
    (True, True): "<w:r><w:rPr><w:b/><w:i/></w:rPr>",
}


def escape(text: str) -> str:
    """Escape ``text`` for element content, as lxml does."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def escape_attribute(value: str) -> str:
    """Escape ``value`` for a double-quoted attribute, as lxml does."""
    value = escape(value).replace('"', "&quot;")
    return value.replace("\n", "&#10;").replace("\t", "&#9;")


def first_bad_character(xml: str) -> int | None:
    """Return the position of the first character XML 1.0 cannot hold, if any."""
    found = _NOT_XML.search(xml)
    return None if found is None else found.start()


def check_characters(
    part: str, xml: str, start: int = 0, stop: int | None = None
) -> None:
    """Refuse a part holding a character that XML 1.0 cannot hold.

    Args:
        part: the part's name, for the message.
        xml: the part.
        start: where to start looking.
        stop: where to stop looking; the end of ``xml`` when ``None``.

    Raises:
        ValueError: ``xml`` has a control character, a lone surrogate or a
            non-character; the message says which and where.
    """
    found = _NOT_XML.search(xml, start, len(xml) if stop is None else stop)
    if found is None:
        return
    shown = max(0, found.start() - 30)
    raise ValueError(
        f"The DOCX part {part!r} would hold the character {found.group()!r}, "
        "but its text must be XML compatible (no NUL bytes, control characters "
        f"or lone surrogates); it appears here: {xml[shown : found.end()]!r}. "
        "Remove the character from the spec."
    )


def paragraph(
    out: Pieces,
    style: str,
    *,
    numbering: tuple[int, int] | None = None,
    keep_next: bool = False,
    space_before: int = 0,
) -> None:
    """Open a ``w:p`` in ``style`` with its properties; close it with ``end``.

    Args:
        out: the part being written.
        style: the paragraph style id.
        numbering: ``(num_id, level)`` for a numbered paragraph.
        keep_next: keep the paragraph on the page of the next one.
        space_before: space above the paragraph in twips; none when 0.
    """
    out.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/>')
    if keep_next:
        out.append("<w:keepNext/>")
    if numbering is not None:
        num_id, level = numbering
        out.append(
            f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    if space_before:
        out.append(f'<w:spacing w:before="{space_before}"/>')
    out.append("</w:pPr>")


def end(out: Pieces) -> None:
    """Close the paragraph opened by :func:`paragraph`."""
    out.append("</w:p>")


def text_run(
    out: Pieces, text: str, *, bold: bool = False, italic: bool = False
) -> None:
    """Append a run holding ``text``; nothing when ``text`` is empty."""
    if not text:
        return
    preserve = ' xml:space="preserve"' if text != text.strip() else ""
    out.append(f"{_RUN_OPEN[bold, italic]}<w:t{preserve}>{escape(text)}</w:t></w:r>")


def inline_runs(out: Pieces, runs: Sequence[Inline], *, bold: bool = False) -> None:
    """Append the runs of ``runs``, formatted by kind.

    Each run's words are exactly what :func:`plain_text` gives for it, so the
    paragraph's text is the text of every other renderer.
    """
    for run in runs:
        kind = type(run)
        if kind is Text:
            text, italic, strong = run.text, False, bold  # type: ignore[union-attr]
        elif kind is LineBreak:
            out.append(f"{_RUN_OPEN[bold, False]}<w:br/></w:r>")
            continue
        else:
            text = plain_text((run,))
            italic = kind is Emphasis
            strong = bold or (isinstance(run, DefinedTerm) and run.defining)
        if text:
            preserve = ' xml:space="preserve"' if text != text.strip() else ""
            out.append(
                f"{_RUN_OPEN[strong, italic]}<w:t{preserve}>{escape(text)}</w:t></w:r>"
            )


def field(out: Pieces, instruction: str, shown: str) -> None:
    """Append a complex field, e.g. ``PAGE``, whose last result was ``shown``."""
    _field_char(out, "begin")
    out.append(
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} '
        "</w:instrText></w:r>"
    )
    _field_char(out, "separate")
    text_run(out, shown)
    _field_char(out, "end")


def table(out: Pieces, style: str | None, widths: Sequence[int]) -> None:
    """Open a ``w:tbl`` with columns ``widths`` (in twips); close with ``end_table``."""
    out.append("<w:tbl><w:tblPr>")
    if style is not None:
        out.append(f'<w:tblStyle w:val="{style}"/>')
    out.append(
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    )
    out.extend(f'<w:gridCol w:w="{width}"/>' for width in widths)
    out.append("</w:tblGrid>")


def end_table(out: Pieces) -> None:
    """Close the table opened by :func:`table`."""
    out.append("</w:tbl>")


def table_row(out: Pieces, *, header: bool = False) -> None:
    """Open a row that never splits across pages; a header row repeats."""
    repeat = "<w:tblHeader/>" if header else ""
    out.append(f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>")


def end_row(out: Pieces) -> None:
    """Close the row opened by :func:`table_row`."""
    out.append("</w:tr>")


def table_cell(out: Pieces, width: int) -> None:
    """Open a cell ``width`` twips wide; it needs at least one paragraph."""
    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')


def end_cell(out: Pieces) -> None:
    """Close the cell opened by :func:`table_cell`."""
    out.append("</w:tc>")


def _field_char(out: Pieces, kind: str) -> None:
    out.append(f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>')
