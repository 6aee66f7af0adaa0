"""The DOCX renderer: the document tree as a Word document with real structure.

The title, sections and paragraphs use Word styles; section, paragraph and
list numbers come from one multi-level Word numbering definition instead of
being typed into the text; the footer counts pages with ``PAGE`` and
``NUMPAGES`` fields; the properties come from the contract's metadata. The
same tree always gives the same bytes.

Compile once, stamp many: the parts every contract shares are deflated once
per process (see :mod:`contractkit.render._docx.base`), and each document
costs only its own body, header, footer and properties, written as XML text
and deflated into the archive. Within the body, a section whose blocks are
the very blocks of a section written lately (contracts of a batch share the
blocks of clauses that render the same markup) reuses that section's XML.

The body is deflated in segments (see
:func:`contractkit.render._docx.archive.deflate_segments`): the part before
the first section, one segment per section and the part after the last. A
section whose text and whose predecessor's text were deflated lately is
copied in already deflated, so a batch deflates only the sections that
change from one contract to the next, and the section after each of them.
The bytes do not depend on what was kept. The cost is size: the deflated
body is about a quarter larger than one deflate of the whole body, which
makes a typical contract's file about a sixth larger.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

from contractkit.document.nodes import (
    Block,
    Document,
    Inline,
    ItemList,
    Paragraph,
    Section,
    SignatureBlock,
    Table,
)
from contractkit.render._docx import styles
from contractkit.render._docx import xml as wml
from contractkit.render._docx.archive import (
    Member,
    deflate,
    deflate_segments,
    write_zip,
)
from contractkit.render._docx.base import (
    A4,
    LETTER,
    MARGIN,
    fixed_members,
    numbering_member,
    styles_member,
)
from contractkit.render._docx.numbering import (
    CLAUSE_LEVEL,
    HEADING_LEVEL,
    ITEM_LEVEL,
    ClauseNumbering,
)
from contractkit.render._docx.properties import core_xml, custom_xml, language_tag

__all__ = ["render_docx"]

SIGNATURE_RULE: Final = "______________________________"
"""The line a signatory signs or dates on, as the text renderer prints it."""

_LETTER_REGIONS: Final = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE"})
_FOOTER_FIELDS: Final = {"{page}": "PAGE", "{pages}": "NUMPAGES"}
_FOOTER_PLACEHOLDER: Final = re.compile(r"(\{page\}|\{pages\})")
_SPACE_AFTER_TABLE: Final = 160
_SPACE_BEFORE_SIGNATURE: Final = 360
_Written = tuple[tuple[Block, ...], str, tuple[int, int, int, bool], bool]
_SECTIONS: dict[tuple[object, ...], _Written] = {}
"""The XML of sections written lately, with the numbering state after them."""
_SECTIONS_KEPT: Final = 512
_NAMESPACES: Final = f'xmlns:w="{wml.W_NS}" xmlns:r="{wml.R_NS}"'
_SECTION_PROPERTIES: Final = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>'
    '<w:footerReference w:type="default" r:id="rId5"/>'
    '<w:pgSz w:w="{width}" w:h="{height}"/>'
    f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" '
    f'w:left="{MARGIN}" w:header="720" w:footer="720" w:gutter="0"/>'
    '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
)


def render_docx(document: Document) -> bytes:
    """Render ``document`` as the bytes of a ``.docx`` file.

    The page is US Letter for locales of countries that use it and A4
    otherwise, with one-inch margins.

    Raises:
        ValueError: the tree's section or paragraph numbers are not the
            sequence 1, 2, ... and n.1, n.2, ... that Word's numbering shows,
            or its text holds a character XML cannot hold.
    """
    width, height = _page_size(document.metadata.locale)
    numbering = ClauseNumbering()
    out: wml.Pieces = [wml.DECLARATION, f"<w:document {_NAMESPACES}><w:body>"]
    story = _Story(out, numbering, width - 2 * MARGIN)
    story.title(document.metadata.title, document.header)
    story.blocks(document.preamble, indent=False)
    first = len(out)
    for section in document.sections:
        story.section(section)
    after = len(out)
    story.signature(document.signature)
    out.append(_SECTION_PROPERTIES.format(width=width, height=height))
    out.append("</w:body></w:document>")

    body = "".join(out)
    for start, stop in story.unchecked():
        wml.check_characters("word/document.xml", body, start, stop)
    head, sections, tail = "".join(out[:first]), out[first:after], "".join(out[after:])
    members = [
        *fixed_members(),
        _footer_member(document.footer),
        deflate_segments("word/document.xml", head, sections, tail),
    ]
    parts = {
        "word/header1.xml": _header_xml(document.header),
        "docProps/core.xml": core_xml(document.metadata),
        "docProps/custom.xml": custom_xml(document.metadata.provenance),
    }
    for name, xml in parts.items():
        wml.check_characters(name, xml)
        members.append(deflate(name, xml.encode("utf-8")))
    members.append(styles_member(language_tag(document.metadata.locale)))
    members.append(numbering_member(numbering.restarts))
    return write_zip(members)


class _Story:
    """Writes the body of the contract, block by block, in document order."""

    def __init__(
        self, out: wml.Pieces, numbering: ClauseNumbering, text_width: int
    ) -> None:
        self._out = out
        self._numbering = numbering
        self._text_width = text_width
        self._after_table = False
        self._checked: list[tuple[int, int]] = []

    def unchecked(self) -> list[tuple[int, int]]:
        """Return the spans of the joined body not yet checked for bad characters."""
        spans: list[tuple[int, int]] = []
        position = 0
        index = 0
        for first, last in self._checked:
            start = position + sum(len(piece) for piece in self._out[index:first])
            spans.append((position, start))
            position = start + len(self._out[first])
            index = last
        spans.append((position, position + sum(map(len, self._out[index:]))))
        return spans

    def title(self, title: str, subtitle: str) -> None:
        """Write the title and, below it, the line naming the document."""
        out = self._out
        for style, text in ((styles.TITLE, title), (styles.SUBTITLE, subtitle)):
            wml.paragraph(out, style)
            wml.text_run(out, text)
            wml.end(out)

    def section(self, section: Section) -> None:
        """Write a numbered heading and the blocks of ``section``, as one piece.

        The XML of a section whose blocks, number, title and starting
        numbering were written before is reused: the same blocks in the same
        place give the same XML, and it was checked when first written.
        """
        numbering = self._numbering
        key = (
            id(section.blocks),
            section.number,
            section.title,
            numbering.state(),
            self._text_width,
        )
        written = _SECTIONS.get(key)
        if written is not None and written[0] is section.blocks:
            _, xml, after, after_table = written
            numbering.heading(section.number)
            self._checked.append((len(self._out), len(self._out) + 1))
            self._out.append(xml)
            numbering.resume(after)
            self._after_table = after_table
            return

        out = self._out
        self._out = []
        try:
            self._write_section(section)
            xml = "".join(self._out)
        finally:
            self._out = out
        if wml.first_bad_character(xml) is None:
            if len(_SECTIONS) >= _SECTIONS_KEPT:
                _SECTIONS.clear()
            _SECTIONS[key] = (
                section.blocks,
                xml,
                numbering.state(),
                self._after_table,
            )
            self._checked.append((len(out), len(out) + 1))
        out.append(xml)

    def _write_section(self, section: Section) -> None:
        num_id = self._numbering.heading(section.number)
        wml.paragraph(self._out, styles.HEADING, numbering=(num_id, HEADING_LEVEL))
        wml.text_run(self._out, section.title)
        wml.end(self._out)
        self._after_table = False

        self.blocks(section.blocks, indent=True)

    def blocks(self, blocks: Sequence[Block], *, indent: bool) -> None:
        """Write ``blocks``; ``indent`` aligns unnumbered text with clause text."""
        for block in blocks:
            if isinstance(block, Paragraph):
                self._paragraph(block, indent)
            elif isinstance(block, ItemList):
                self._item_list(block)
            else:
                self._table(block)

    def signature(self, signature: SignatureBlock) -> None:
        """Write the signature intro and a table with one column per party."""
        out = self._out
        self._open_paragraph(
            styles.BODY, keep_next=True, space_before=_SPACE_BEFORE_SIGNATURE
        )
        wml.text_run(out, signature.intro)
        wml.end(out)
        if not signature.parties:
            return

        widths = _columns(self._text_width, len(signature.parties))
        lines: list[list[tuple[str, str, bool]]] = [
            [
                (styles.TABLE_TEXT, f"{party.role.upper()}: {party.legal_name}", True),
                (styles.SIGNATURE, f"Signature: {SIGNATURE_RULE}", False),
                (styles.TABLE_TEXT, f"Name: {party.signatory_name}", False),
                (styles.TABLE_TEXT, f"Title: {party.signatory_title}", False),
                (styles.SIGNATURE, f"Date: {SIGNATURE_RULE}", False),
            ]
            for party in signature.parties
        ]
        wml.table(out, styles.SIGNATURE_TABLE, widths)
        for row in zip(*lines, strict=True):
            wml.table_row(out)
            for (style, text, bold), width in zip(row, widths, strict=True):
                wml.table_cell(out, width)
                wml.paragraph(out, style, keep_next=True)
                wml.text_run(out, text, bold=bold)
                wml.end(out)
                wml.end_cell(out)
            wml.end_row(out)
        wml.end_table(out)

    def _paragraph(self, block: Paragraph, indent: bool) -> None:
        if block.number:
            num_id = self._numbering.clause(block.number)
            self._open_paragraph(styles.CLAUSE, numbering=(num_id, CLAUSE_LEVEL))
        else:
            self._open_paragraph(styles.BODY_INDENT if indent else styles.BODY)
        wml.inline_runs(self._out, block.runs)
        wml.end(self._out)

    def _item_list(self, block: ItemList) -> None:
        num_id = self._numbering.item_list()
        for item in block.items:
            self._open_paragraph(styles.CLAUSE_ITEM, numbering=(num_id, ITEM_LEVEL))
            wml.inline_runs(self._out, item)
            wml.end(self._out)

    def _table(self, block: Table) -> None:
        widths = _columns(self._text_width, len(block.header))
        wml.table(self._out, styles.TABLE_GRID, widths)
        self._row(block.header, widths, header=True)
        for row in block.rows:
            self._row(row, widths, header=False)
        wml.end_table(self._out)
        self._after_table = True

    def _row(
        self,
        cells: Sequence[Sequence[Inline]],
        widths: Sequence[int],
        *,
        header: bool,
    ) -> None:
        out = self._out
        wml.table_row(out, header=header)
        for runs, width in zip(cells, widths, strict=True):
            wml.table_cell(out, width)
            wml.paragraph(out, styles.TABLE_TEXT)
            wml.inline_runs(out, runs, bold=header)
            wml.end(out)
            wml.end_cell(out)
        wml.end_row(out)

    def _open_paragraph(
        self,
        style: str,
        *,
        numbering: tuple[int, int] | None = None,
        keep_next: bool = False,
        space_before: int = 0,
    ) -> None:
        if self._after_table:
            space_before = max(space_before, _SPACE_AFTER_TABLE)
            self._after_table = False
        wml.paragraph(
            self._out,
            style,
            numbering=numbering,
            keep_next=keep_next,
            space_before=space_before,
        )


def _columns(text_width: int, count: int) -> list[int]:
    """Split ``text_width`` twips into ``count`` equal columns."""
    width = text_width // count
    return [width] * (count - 1) + [text_width - width * (count - 1)]


def _page_size(locale: str) -> tuple[int, int]:
    region = re.split(r"[-_]", locale)[-1].upper()
    return LETTER if region in _LETTER_REGIONS else A4


def _header_xml(header: str) -> str:
    """Return ``word/header1.xml``: the header line, right-aligned by its style."""
    out: wml.Pieces = [wml.DECLARATION, f"<w:hdr {_NAMESPACES}>"]
    wml.paragraph(out, styles.HEADER)
    wml.text_run(out, header)
    wml.end(out)
    out.append("</w:hdr>")
    return "".join(out)


@functools.lru_cache(maxsize=16)
def _footer_member(footer: str) -> Member:
    """Return ``word/footer1.xml`` deflated, with fields for page numbers."""
    out: wml.Pieces = [wml.DECLARATION, f"<w:ftr {_NAMESPACES}>"]
    wml.paragraph(out, styles.FOOTER)
    for piece in _FOOTER_PLACEHOLDER.split(footer):
        if piece in _FOOTER_FIELDS:
            wml.field(out, _FOOTER_FIELDS[piece], "1")
        else:
            wml.text_run(out, piece)
    wml.end(out)
    out.append("</w:ftr>")

    xml = "".join(out)
    wml.check_characters("word/footer1.xml", xml)
    return deflate("word/footer1.xml", xml.encode("utf-8"))
