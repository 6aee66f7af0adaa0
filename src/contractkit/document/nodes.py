"""The renderer-independent document tree.

A :class:`Document` is what every renderer walks. It holds no spec and no
format: only text, its structure and the numbers the composer assigned.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

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
    "block_runs",
    "other_positions",
    "plain_text",
]


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Emphasised text."""

    text: str


@dataclass(frozen=True, slots=True)
class DefinedTerm:
    """A defined term: where it is defined (``defining``) or used."""

    term: str
    defining: bool = False


@dataclass(frozen=True, slots=True)
class CrossReference:
    """A reference to the section that holds a clause.

    ``label`` is filled in by the composer once sections are numbered, for
    example ``Section 7``; it is empty while the reference is unresolved.
    """

    clause_id: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A line break inside a paragraph."""


Inline = Text | Emphasis | DefinedTerm | CrossReference | LineBreak


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph; numbered paragraphs are subsections such as ``3.2``.

    ``number`` is ``None`` for an unnumbered paragraph and ``""`` for one the
    composer has yet to number.
    """

    runs: tuple[Inline, ...]
    number: str | None = None


@dataclass(frozen=True, slots=True)
class ItemList:
    """A lettered list, ``(a)``, ``(b)``, that belongs to the paragraph above."""

    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]


Block = Paragraph | ItemList | Table


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered top-level section, produced by one clause."""

    number: str
    title: str
    clause_id: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class SignatureParty:
    """One party's column of the signature table."""

    role: str
    legal_name: str
    signatory_name: str
    signatory_title: str


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """The signature table, one column per party."""

    intro: str
    parties: tuple[SignatureParty, ...]


@dataclass(frozen=True, slots=True)
class Metadata:
    """What identifies the document and how it was produced."""

    reference: str
    title: str
    effective_date: str
    locale: str
    provenance: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """A composed contract, ready for any renderer."""

    metadata: Metadata
    header: str
    footer: str
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    signature: SignatureBlock


def other_positions(new: Sequence[object], old: Sequence[object]) -> Iterator[int]:
    """Yield each position at which ``new`` holds another object than ``old``.

    The comparison is by identity and runs in C: contracts of a batch share
    most of their sections, and the few that differ are what a step redoes.
    """
    return itertools.compress(itertools.count(), map(operator.is_not, new, old))


def block_runs(block: Block) -> tuple[tuple[Inline, ...], ...]:
    """Return the runs of ``block``: its paragraph, each list item, each cell."""
    if isinstance(block, Paragraph):
        return (block.runs,)
    if isinstance(block, ItemList):
        return block.items
    return (*block.header, *(cell for row in block.rows for cell in row))


def plain_text(runs: tuple[Inline, ...]) -> str:
    """Return the words of ``runs`` as one string, as every renderer shows them."""
    parts: list[str] = []
    for run in runs:
        if isinstance(run, Text | Emphasis):
            parts.append(run.text)
        elif isinstance(run, DefinedTerm):
            parts.append(f"\u201c{run.term}\u201d" if run.defining else run.term)
        elif isinstance(run, CrossReference):
            parts.append(run.label or run.clause_id)
        else:
            parts.append("\n")
    return "".join(parts)
