"""Drafting lint: checks over the composed document that every pack gets."""

from __future__ import annotations

from collections.abc import Iterator

from contractkit.document.nodes import CrossReference, Inline, ItemList, Paragraph, Table
from contractkit.rules.finding import Severity
from contractkit.rules.rule import Rule, RuleContext, Violation

__all__ = ["RULES"]


def _runs(context: RuleContext) -> Iterator[tuple[str | None, Inline]]:
    document = context.document
    if document is None:
        return
    for block in document.preamble:
        for runs in _block_runs(block):
            for run in runs:
                yield None, run
    for section in document.sections:
        for block in section.blocks:
            for runs in _block_runs(block):
                for run in runs:
                    yield section.number, run


def _block_runs(block: Paragraph | ItemList | Table) -> Iterator[tuple[Inline, ...]]:
    if isinstance(block, Paragraph):
        yield block.runs
    elif isinstance(block, ItemList):
        yield from block.items
    else:
        yield from block.header
        for row in block.rows:
            yield from row


def _dangling_references(context: RuleContext) -> Iterator[Violation]:
    """Every cross-reference points at a clause that is in the document.

    A reference names a clause by id, never by number; the composer writes
    the number of the section that holds the clause. A reference to a clause
    that is switched off or does not exist would print a wrong or empty
    number, so it is an error.
    """
    for section, run in _runs(context):
        if isinstance(run, CrossReference) and not run.label:
            yield Violation(
                path=f"clauses.{run.clause_id.split('.', 1)[-1]}",
                message=(
                    f"Section {section or '(preamble)'} refers to clause "
                    f"{run.clause_id!r}, which is not in this contract."
                ),
                hint=(
                    f"Switch {run.clause_id!r} on, or switch off the clause "
                    "that refers to it."
                ),
                section=section,
            )


RULES: tuple[Rule, ...] = (
    Rule(
        code="CK-LINT-001",
        severity=Severity.ERROR,
        title="Cross-references resolve to a section of the contract",
        check=_dangling_references,
        pack="contractkit",
        stage="document",
        doc=_dangling_references.__doc__ or "",
    ),
)
