"""The plain-text renderer."""

from __future__ import annotations

from contractkit.document.nodes import (
    Block,
    Document,
    Inline,
    ItemList,
    Paragraph,
    Section,
    Table,
    other_positions,
    plain_text,
)

__all__ = ["render_text", "render_text_bytes"]

_INDENT = "    "
_SECTIONS: dict[tuple[int, str, str], tuple[tuple[Block, ...], str, bytes]] = {}
"""The text of sections rendered lately."""
_SECTIONS_KEPT = 512
_LAST: tuple[tuple[Section, ...], list[bytes]] = ((), [])
"""The sections rendered last and their UTF-8: a batch's next contract has
most of the same sections."""


def render_text(document: Document) -> str:
    """Render ``document`` as plain UTF-8 text with LF line endings.

    Each paragraph is one line; section numbers and list letters are written
    out, tables are aligned in columns, and the signature block closes the
    text.
    """
    head, sections, tail = _parts(document)
    texts = [_section(section)[0] for section in sections]
    return "\n".join([head, *texts, tail]).rstrip("\n") + "\n"


def render_text_bytes(document: Document) -> bytes:
    """Return :func:`render_text` of ``document`` encoded as UTF-8.

    The sections a batch shares are encoded once, not once per contract.
    """
    global _LAST
    head, sections, tail = _parts(document)
    last_sections, last_texts = _LAST
    if len(last_sections) == len(sections):
        texts = list(last_texts)
        for at in other_positions(sections, last_sections):
            texts[at] = _section(sections[at])[1]
    else:
        texts = [_section(section)[1] for section in sections]
    _LAST = (sections, texts)
    pieces = [head.encode("utf-8"), *texts, tail.encode("utf-8")]
    # as render_text's rstrip and final line break, without copying the text
    # again: drop the pieces that are only line breaks, then the last's own
    while len(pieces) > 1 and not pieces[-1].strip(b"\n"):
        pieces.pop()
    pieces[-1] = pieces[-1].rstrip(b"\n")
    pieces.append(b"")
    return b"\n".join(pieces)


def _parts(document: Document) -> tuple[str, tuple[Section, ...], str]:
    """Return the text before the sections, the sections, and the text after."""
    out: list[str] = [document.metadata.title.upper(), document.header, ""]
    for block in document.preamble:
        out.extend(_block(block))
        out.append("")
    tail: list[str] = [document.signature.intro, ""]
    for party in document.signature.parties:
        tail.extend(
            [
                f"{party.role.upper()}: {party.legal_name}",
                "Signature: ______________________________",
                f"Name: {party.signatory_name}",
                f"Title: {party.signatory_title}",
                "Date: ______________________________",
                "",
            ]
        )
    return "\n".join(out), document.sections, "\n".join(tail)


def _section(section: Section) -> tuple[str, bytes]:
    """Return the text of ``section``, and its UTF-8; kept for sections seen lately.

    The text depends only on the number, the title and the blocks, which
    contracts of a batch share, so it is kept by the identity of the blocks
    (the entry holds them, so their identity stays theirs).
    """
    key = (id(section.blocks), section.number, section.title)
    kept = _SECTIONS.get(key)
    if kept is not None and kept[0] is section.blocks:
        return kept[1], kept[2]

    lines = [f"{section.number}. {section.title.upper()}", ""]
    for block in section.blocks:
        lines.extend(_block(block))
        lines.append("")
    text = "\n".join(lines)
    if len(_SECTIONS) >= _SECTIONS_KEPT:
        _SECTIONS.clear()
    data = text.encode("utf-8")
    _SECTIONS[key] = (section.blocks, text, data)
    return text, data


def _line(runs: tuple[Inline, ...], indent: str) -> str:
    return plain_text(runs).replace("\n", "\n" + indent)


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        if block.number:
            prefix = f"{block.number} "
            return [prefix + _line(block.runs, " " * len(prefix))]
        return [_line(block.runs, "")]
    if isinstance(block, ItemList):
        return [
            f"{_INDENT}({_letter(index)}) {_line(item, _INDENT + '    ')}"
            for index, item in enumerate(block.items)
        ]
    return _table(block)


def _letter(index: int) -> str:
    """Return the list letter of item ``index``: a..z, then aa, bb, ..."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def _table(table: Table) -> list[str]:
    rows = [
        [plain_text(cell).replace("\n", " ") for cell in row]
        for row in (table.header, *table.rows)
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append(_INDENT + "  ".join(cells).rstrip())
        if number == 0:
            lines.append(_INDENT + "  ".join("-" * width for width in widths))
    return lines
