"""The drafting lint (CK-LINT-*): problems planted in a pack's templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import contractkit as ck
from contractkit.clauses.pack import ClausePack
from contractkit.document.nodes import (
    Document,
    Metadata,
    Paragraph,
    Section,
    SignatureBlock,
    Text,
)
from contractkit.models import Contract
from contractkit.rules import RuleContext, lint
from tests.rules.cases import LINT_CASES, PLANTED_SECTION
from tests.support import EXAMPLE

CLEAN = "The {Provider} performs the {Services} for the {Client}.\n"
"""A planted clause with nothing wrong in it."""

PlantedPack = Callable[..., ClausePack]
PlantedSpec = Callable[..., dict[str, Any]]


def test_clean_planted_clause_has_no_findings(
    planted_pack: PlantedPack, planted_spec: PlantedSpec
) -> None:
    """The lint pack with a clean clause composes without findings, last section 12."""
    planted_pack(CLEAN)

    result = ck.compose(planted_spec())

    assert list(result.report) == []
    last = result.document.sections[-1]
    assert (last.clause_id, last.number) == ("lint.planted", PLANTED_SECTION)


@pytest.mark.parametrize(
    ("code", "severity", "template", "changes", "path", "section"), LINT_CASES
)
def test_planted_problem_is_found(
    planted_pack: PlantedPack,
    planted_spec: PlantedSpec,
    example_codes: set[str],
    code: str,
    severity: str,
    template: str,
    changes: dict[str, Any],
    path: str,
    section: str,
) -> None:
    """The planted problem is reported once, with its severity, path and section."""
    planted_pack(template)

    report = ck.compose(planted_spec(changes)).report

    found = [f for f in report if f.code == code]
    assert [(f.severity, f.path, f.section) for f in found] == [
        (ck.Severity(severity), path, section)
    ]
    assert found[0].message.startswith(f"Section {section} ")
    assert [c for c in report.codes() if c.startswith("CK-LINT-")] == [code]
    assert code not in example_codes


def test_heading_without_text_is_an_empty_section(
    planted_pack: PlantedPack, planted_spec: PlantedSpec
) -> None:
    """A clause whose title is blank is CK-LINT-006 at its section."""
    planted_pack(CLEAN, title=" ")

    report = ck.compose(planted_spec()).report

    found = [f for f in report if f.code == "CK-LINT-006"]
    assert [(f.path, f.section) for f in found] == [
        ("clauses.planted", PLANTED_SECTION)
    ]
    assert "heading without text" in found[0].message


def test_reference_resolves_when_its_target_is_on(
    planted_pack: PlantedPack, planted_spec: PlantedSpec
) -> None:
    """The dangling-reference case composes cleanly with its target switched on."""
    planted_pack("The {Provider} gives the warranties in [>general.warranties].\n")

    result = ck.compose(planted_spec())

    assert list(result.report) == []
    numbers = {s.clause_id: s.number for s in result.document.sections}
    assert f"in Section {numbers['general.warranties']}." in result.to_text()


def _section(number: str, *subsections: str) -> Section:
    blocks = tuple(Paragraph((Text("Some terms."),), n) for n in subsections)
    return Section(number, f"Section {number}", f"lint.s{number}", blocks)


def _document(*sections: Section) -> Document:
    return Document(
        metadata=Metadata("R-1", "Agreement", "2026-01-01", "en_US"),
        header="Agreement",
        footer="Page {page} of {pages}",
        preamble=(),
        sections=sections,
        signature=SignatureBlock("Signed.", ()),
    )


def _numbering_findings(document: Document) -> list[ck.Finding]:
    rule = next(r for r in lint.RULES if r.code == "CK-LINT-007")
    contract = ck.load(EXAMPLE)
    assert isinstance(contract, Contract)
    return rule.run(RuleContext(contract, (), document))


def test_gap_in_section_numbers_is_found() -> None:
    """Sections 1, 3 report the gap at section 3."""
    document = _document(_section("1", "1.1"), _section("3", "3.1"))

    found = _numbering_findings(document)

    assert [(f.code, f.severity, f.path, f.section) for f in found] == [
        ("CK-LINT-007", ck.Severity.ERROR, "", "3")
    ]
    assert "should be numbered 2" in found[0].message


def test_gap_in_subsection_numbers_is_found() -> None:
    """Subsections 2.1, 2.3 report the gap at section 2."""
    document = _document(_section("1", "1.1"), _section("2", "2.1", "2.3"))

    found = _numbering_findings(document)

    assert [(f.code, f.path, f.section) for f in found] == [("CK-LINT-007", "", "2")]


def test_continuous_numbers_pass() -> None:
    """Sections 1, 2 with subsections 1.1, 2.1, 2.2 report nothing."""
    document = _document(_section("1", "1.1"), _section("2", "2.1", "2.2"))

    assert _numbering_findings(document) == []
