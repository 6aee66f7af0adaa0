"""Property: any selection of the example's optional clauses drafts cleanly."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import contractkit as ck
from contractkit import plugins
from contractkit.composer import SELECTION_EXCLUDES, SELECTION_REQUIRES, select_clauses
from contractkit.document.nodes import (
    CrossReference,
    Document,
    Inline,
    ItemList,
    Paragraph,
    Table,
)
from tests.support import EXAMPLE


def optional_clause_ids() -> list[str]:
    """The namespaced ids of the optional clauses the example selects."""
    contract = ck.load(EXAMPLE)
    selection, _ = select_clauses(contract, plugins.pack_chain(contract.pack))
    return [p.full_id(clause) for p, clause in selection.entries if clause.optional]


OPTIONAL = optional_clause_ids()
SELECTION_ERRORS = {SELECTION_REQUIRES, SELECTION_EXCLUDES}


def _runs(document: Document) -> Iterator[tuple[str | None, Inline]]:
    """Yield each run with the number of the section that holds it."""
    located = [(None, b) for b in document.preamble] + [
        (s.number, b) for s in document.sections for b in s.blocks
    ]
    for number, block in located:
        if isinstance(block, Paragraph):
            groups: list[tuple[Inline, ...]] = [block.runs]
        elif isinstance(block, ItemList):
            groups = list(block.items)
        elif isinstance(block, Table):
            groups = [*block.header, *(cell for row in block.rows for cell in row)]
        for runs in groups:
            yield from ((number, run) for run in runs)


def test_the_example_has_optional_clauses_to_switch() -> None:
    """The property has something to vary: at least three optional clauses."""
    assert len(OPTIONAL) >= 3


@settings(max_examples=30, deadline=None, derandomize=True)
@given(switches=st.fixed_dictionaries({cid: st.booleans() for cid in OPTIONAL}))
def test_any_clause_selection_drafts_cleanly(
    example_data: dict[str, Any], switches: dict[str, bool]
) -> None:
    """Switching optional clauses on and off leaves no lint finding.

    Every combination composes without errors, with no CK-LINT-* finding,
    with sections and subsections numbered without gaps, and with each
    cross-reference naming the section that holds its target. A combination
    that breaks a clause's declared dependency (CK-SPEC-003 or CK-SPEC-004)
    is not a valid spec and is skipped; no other error is tolerated.
    """
    data = copy.deepcopy(example_data)
    data["clauses"] = dict(switches)

    result = ck.compose(data)

    assume(not SELECTION_ERRORS & set(result.report.codes()))
    assert result.ok, [(f.code, f.path) for f in result.report.errors]
    assert [c for c in result.report.codes() if c.startswith("CK-LINT-")] == []
    sections = result.document.sections
    ids = [s.clause_id for s in sections]
    assert not [cid for cid, on in switches.items() if not on and cid in ids]
    assert [s.number for s in sections] == [str(i) for i in range(1, len(ids) + 1)]
    for section in sections:
        numbers = [b.number for b in section.blocks if isinstance(b, Paragraph)]
        numbered = [n for n in numbers if n]
        count = len(numbered)
        assert numbered == [f"{section.number}.{i}" for i in range(1, count + 1)]
    where = {s.clause_id: s.number for s in sections}
    for _, run in _runs(result.document):
        if isinstance(run, CrossReference):
            assert run.label == f"Section {where[run.clause_id]}"
