"""Readers of rendered contracts: DOCX paragraphs and the text output's.

:func:`docx_paragraphs` reopens a DOCX with python-docx and lists the text of
every body paragraph and every table cell paragraph (row by row), in
document order. :func:`text_paragraphs` reads the text output into the same
list: it walks the document tree only to know how many lines each block
takes and which prefix the text renderer wrote, and takes the words from the
text itself. Each entry says how it compares with its DOCX counterpart.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from contractkit.document.nodes import (
    Block,
    Document,
    Inline,
    ItemList,
    LineBreak,
    Paragraph,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LIST_INDENT = "    "


@dataclass(frozen=True)
class Expected:
    """One paragraph of the text output and how DOCX must match it.

    ``how`` is ``exact`` (same text), ``upper`` (the text output upper-cases
    the DOCX text: titles and headings) or ``cell`` (a table cell: the text
    output writes a line break as a space and pads the cell to its column).
    """

    text: str
    how: str = "exact"

    def matches(self, docx_text: str) -> bool:
        """Whether ``docx_text`` is this paragraph as DOCX writes it."""
        if self.how == "upper":
            return docx_text.upper() == self.text
        if self.how == "cell":
            return docx_text.replace("\n", " ").rstrip() == self.text.rstrip()
        return docx_text == self.text


def docx_paragraphs(data: bytes) -> list[str]:
    """Return the body and table-cell paragraph texts of a DOCX, in order."""
    word = docx.Document(io.BytesIO(data))
    texts: list[str] = []
    for child in word.element.body.iterchildren():
        if child.tag == f"{_W}p":
            texts.append(DocxParagraph(child, word).text)
        elif child.tag == f"{_W}tbl":
            for row in DocxTable(child, word).rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
    return texts


def docx_words(data: bytes) -> str:
    """All paragraph texts of a DOCX, body, header and footer, one per line."""
    word = docx.Document(io.BytesIO(data))
    section = word.sections[0]
    extra = [
        p.text for part in (section.header, section.footer) for p in part.paragraphs
    ]
    return "\n".join([*docx_paragraphs(data), *extra])


def docx_core_title(data: bytes) -> str:
    """The title in the DOCX core properties."""
    return str(docx.Document(io.BytesIO(data)).core_properties.title)


def parse_every_part(data: bytes) -> list[str]:
    """Parse every XML part of a DOCX with lxml; return the part names."""
    names = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
                names.append(name)
    return names


class _Lines:
    """The text output's lines, consumed front to back."""

    def __init__(self, text: str) -> None:
        assert text.endswith("\n") and not text.endswith("\n\n")
        self._lines = text[:-1].split("\n")
        self._at = 0

    def take(self, prefix: str = "") -> str:
        line = self._lines[self._at]
        assert line.startswith(prefix), (self._at, line[:80], prefix)
        self._at += 1
        return line[len(prefix) :]

    def blank(self) -> None:
        assert self.take() == ""

    def done(self) -> bool:
        return self._at == len(self._lines)


def _breaks(runs: tuple[Inline, ...]) -> int:
    return sum(isinstance(run, LineBreak) for run in runs)


def _wrapped(lines: _Lines, runs: tuple[Inline, ...], prefix: str) -> str:
    """Read a paragraph whose first line has ``prefix`` and whose line breaks
    continue on lines indented as wide as the prefix."""
    first = lines.take(prefix)
    rest = [lines.take(" " * len(prefix)) for _ in range(_breaks(runs))]
    return "\n".join([first, *rest])


def _block(lines: _Lines, block: Block) -> list[Expected]:
    if isinstance(block, Paragraph):
        prefix = f"{block.number} " if block.number else ""
        return [Expected(_wrapped(lines, block.runs, prefix))]
    if isinstance(block, ItemList):
        found = []
        for index, item in enumerate(block.items):
            letter = chr(ord("a") + index % 26) * (index // 26 + 1)
            first = lines.take(f"{_LIST_INDENT}({letter}) ")
            rest = [lines.take(_LIST_INDENT * 2) for _ in range(_breaks(item))]
            found.append(Expected("\n".join([first, *rest])))
        return found

    header = lines.take(_LIST_INDENT)
    rule = lines.take(_LIST_INDENT)
    assert re.fullmatch(r"-*(  -*)*", rule), rule
    widths = [len(dashes) for dashes in rule.split("  ")]
    rows = [header] + [lines.take(_LIST_INDENT) for _ in block.rows]
    found = []
    for row in rows:
        at = 0
        for width in widths:
            found.append(Expected(row[at : at + width], "cell"))
            at += width + 2
    return found


def text_paragraphs(text: str, document: Document) -> list[Expected]:
    """Read the text output into the paragraphs DOCX must have, in DOCX order."""
    lines = _Lines(text)
    found = [Expected(lines.take(), "upper"), Expected(lines.take())]
    lines.blank()
    for block in document.preamble:
        found.extend(_block(lines, block))
        lines.blank()
    for section in document.sections:
        found.append(Expected(lines.take(f"{section.number}. "), "upper"))
        lines.blank()
        for block in section.blocks:
            found.extend(_block(lines, block))
            lines.blank()

    found.append(Expected(lines.take()))
    lines.blank()
    columns = []
    for index, _ in enumerate(document.signature.parties):
        columns.append([lines.take() for _ in range(5)])
        if index < len(document.signature.parties) - 1:
            lines.blank()
    assert lines.done()
    for row in zip(*columns, strict=True):
        found.extend(Expected(cell) for cell in row)
    return found


def mismatches(text: str, document: Document, data: bytes) -> list[tuple[str, str]]:
    """Pairs of (text output paragraph, DOCX paragraph) that differ."""
    expected = text_paragraphs(text, document)
    actual = docx_paragraphs(data)
    assert len(expected) == len(actual), (len(expected), len(actual))
    return [
        (want.text, got)
        for want, got in zip(expected, actual, strict=True)
        if not want.matches(got)
    ]
