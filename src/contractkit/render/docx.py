"""The DOCX renderer: the document tree as a Word document with real structure.

The title, sections and paragraphs use Word styles; section, paragraph and
list numbers come from one multi-level Word numbering definition instead of
being typed into the text; the footer counts pages with ``PAGE`` and
``NUMPAGES`` fields; the properties come from the contract's metadata. The
same tree always gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Final

from docx.document import Document as DocxDocument
from lxml import etree

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
from contractkit.render._docx import archive, styles
from contractkit.render._docx import xml as wml
from contractkit.render._docx.base import A4, LETTER, MARGIN, open_base
from contractkit.render._docx.numbering import (
    CLAUSE_LEVEL,
    HEADING_LEVEL,
    ITEM_LEVEL,
    ClauseNumbering,
)
from contractkit.render._docx.properties import (
    add_custom_properties,
    set_core_properties,
    set_proofing_language,
)

__all__ = ["render_docx"]

SIGNATURE_RULE: Final = "______________________________"
"""The line a signatory signs or dates on, as the text renderer prints it."""

_LETTER_REGIONS: Final = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE"})
_FOOTER_FIELDS: Final = {"{page}": "PAGE", "{pages}": "NUMPAGES"}
_FOOTER_PLACEHOLDER: Final = re.compile(r"(\{page\}|\{pages\})")
_SPACE_AFTER_TABLE: Final = 160
_SPACE_BEFORE_SIGNATURE: Final = 360


def render_docx(document: Document) -> bytes:
    """Render ``document`` as the bytes of a ``.docx`` file.

    The page is US Letter for locales of countries that use it and A4
    otherwise, with one-inch margins.

    Raises:
        ValueError: the tree's section or paragraph numbers are not the
            sequence 1, 2, ... and n.1, n.2, ... that Word's numbering shows.
    """
    word = open_base()
    width, height = _page_size(document.metadata.locale)
    body = word.element.body
    section_properties = body.sectPr
    _set_page_size(section_properties, width, height)

    story = _Story(
        body, ClauseNumbering(word.part.numbering_part.element), width - 2 * MARGIN
    )
    story.title(document.metadata.title, document.header)
    story.blocks(document.preamble, indent=False)
    for section in document.sections:
        story.section(section)
    story.signature(document.signature)
    if section_properties is not None:
        body.append(section_properties)

    _write_header_footer(word, document.header, document.footer)
    set_core_properties(word, document.metadata)
    add_custom_properties(word, document.metadata.provenance)
    set_proofing_language(word, document.metadata.locale)

    out = io.BytesIO()
    word.save(out)
    return archive.normalize(out.getvalue())


class _Story:
    """Appends the body of the contract, block by block, in document order."""

    def __init__(
        self, body: etree._Element, numbering: ClauseNumbering, text_width: int
    ) -> None:
        self._body = body
        self._numbering = numbering
        self._text_width = text_width
        self._after_table = False

    def title(self, title: str, subtitle: str) -> None:
        """Write the title and, below it, the line naming the document."""
        wml.text_run(wml.paragraph(self._body, styles.TITLE), title)
        wml.text_run(wml.paragraph(self._body, styles.SUBTITLE), subtitle)

    def section(self, section: Section) -> None:
        """Write a numbered heading and the blocks of ``section``."""
        num_id = self._numbering.heading(section.number)
        heading = wml.paragraph(
            self._body, styles.HEADING, numbering=(num_id, HEADING_LEVEL)
        )
        wml.text_run(heading, section.title)
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
        intro = self._paragraph_element(
            styles.BODY, keep_next=True, space_before=_SPACE_BEFORE_SIGNATURE
        )
        wml.text_run(intro, signature.intro)
        if not signature.parties:
            return

        widths = _columns(self._text_width, len(signature.parties))
        tbl = wml.table(self._body, styles.SIGNATURE_TABLE, widths)
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
        for row in zip(*lines, strict=True):
            tr = wml.table_row(tbl)
            for (style, text, bold), width in zip(row, widths, strict=True):
                cell = wml.table_cell(tr, width)
                wml.text_run(
                    wml.paragraph(cell, style, keep_next=True), text, bold=bold
                )

    def _paragraph(self, block: Paragraph, indent: bool) -> None:
        if block.number:
            num_id = self._numbering.clause(block.number)
            p = self._paragraph_element(styles.CLAUSE, numbering=(num_id, CLAUSE_LEVEL))
        else:
            p = self._paragraph_element(styles.BODY_INDENT if indent else styles.BODY)
        wml.inline_runs(p, block.runs)

    def _item_list(self, block: ItemList) -> None:
        num_id = self._numbering.item_list()
        for item in block.items:
            p = self._paragraph_element(
                styles.CLAUSE_ITEM, numbering=(num_id, ITEM_LEVEL)
            )
            wml.inline_runs(p, item)

    def _table(self, block: Table) -> None:
        widths = _columns(self._text_width, len(block.header))
        tbl = wml.table(self._body, styles.TABLE_GRID, widths)
        self._row(tbl, block.header, widths, header=True)
        for row in block.rows:
            self._row(tbl, row, widths, header=False)
        self._after_table = True

    def _row(
        self,
        tbl: etree._Element,
        cells: Sequence[Sequence[Inline]],
        widths: Sequence[int],
        *,
        header: bool,
    ) -> None:
        tr = wml.table_row(tbl, header=header)
        for runs, width in zip(cells, widths, strict=True):
            p = wml.paragraph(wml.table_cell(tr, width), styles.TABLE_TEXT)
            wml.inline_runs(p, runs, bold=header)

    def _paragraph_element(
        self,
        style: str,
        *,
        numbering: tuple[int, int] | None = None,
        keep_next: bool = False,
        space_before: int = 0,
    ) -> etree._Element:
        p = wml.paragraph(self._body, style, numbering=numbering, keep_next=keep_next)
        if self._after_table:
            space_before = max(space_before, _SPACE_AFTER_TABLE)
            self._after_table = False
        if space_before:
            wml.space_before(p, space_before)
        return p


def _columns(text_width: int, count: int) -> list[int]:
    """Split ``text_width`` twips into ``count`` equal columns."""
    width = text_width // count
    return [width] * (count - 1) + [text_width - width * (count - 1)]


def _page_size(locale: str) -> tuple[int, int]:
    region = re.split(r"[-_]", locale)[-1].upper()
    return LETTER if region in _LETTER_REGIONS else A4


def _set_page_size(
    section_properties: etree._Element | None, width: int, height: int
) -> None:
    if section_properties is None:
        return
    size = section_properties.find(wml.w("pgSz"))
    if size is not None:
        size.set(wml.w("w"), str(width))
        size.set(wml.w("h"), str(height))


def _write_header_footer(word: DocxDocument, header: str, footer: str) -> None:
    """Write the page header and the footer, with fields for page numbers."""
    section = word.sections[0]
    header_element = section.header.part.element
    wml.text_run(wml.paragraph(header_element, styles.HEADER), header)

    p = wml.paragraph(section.footer.part.element, styles.FOOTER)
    for piece in _FOOTER_PLACEHOLDER.split(footer):
        if piece in _FOOTER_FIELDS:
            wml.field(p, _FOOTER_FIELDS[piece], "1")
        else:
            wml.text_run(p, piece)
