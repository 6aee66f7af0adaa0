"""The document tree every renderer walks, and the clause markup parser."""

from contractkit.document.markup import escape, parse_blocks, parse_inline
from contractkit.document.nodes import (
    Block,
    CrossReference,
    DefinedTerm,
    Document,
    Emphasis,
    Inline,
    ItemList,
    LineBreak,
    Metadata,
    Paragraph,
    Section,
    SignatureBlock,
    SignatureParty,
    Table,
    Text,
    plain_text,
)

__all__ = [
    "Block",
    "CrossReference",
    "DefinedTerm",
    "Document",
    "Emphasis",
    "Inline",
    "ItemList",
    "LineBreak",
    "Metadata",
    "Paragraph",
    "Section",
    "SignatureBlock",
    "SignatureParty",
    "Table",
    "Text",
    "escape",
    "parse_blocks",
    "parse_inline",
    "plain_text",
]
