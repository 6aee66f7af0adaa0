"""The plain-text renderer."""

from __future__ import annotations

from contractkit.document.nodes import (
    Block,
    Document,
    Inline,
    ItemList,
    Paragraph,
    Table,
    plain_text,
)

__all__ = ["render_text"]

_INDENT = "    "


def render_text(document: Document) -> str:
    """Render ``document`` as plain UTF-8 text with LF line endings.

    Each paragraph is one line; section numbers and list letters are written
    out, tables are aligned in columns, and the signature block closes the
    text.
    """
    out: list[str] = [document.metadata.title.upper(), document.header, ""]
    for block in document.preamble:
        out.extend(_block(block))
        out.append("")

    for section in document.sections:
        out.append(f"{section.number}. {section.title.upper()}")
        out.append("")
        for block in section.blocks:
            out.extend(_block(block))
            out.append("")

    out.append(document.signature.intro)
    out.append("")
    for party in document.signature.parties:
        out.extend(
            [
                f"{party.role.upper()}: {party.legal_name}",
                "Signature: ______________________________",
                f"Name: {party.signatory_name}",
                f"Title: {party.signatory_title}",
                "Date: ______________________________",
                "",
            ]
        )
    return "\n".join(out).rstrip("\n") + "\n"


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
