"""The ``general`` pack's rules (CK-GEN-*), each firing and not firing."""

from __future__ import annotations

from typing import Any

import pytest

import contractkit as ck
from contractkit._docgen import all_rules
from tests.rules.cases import (
    GENERAL_CASES,
    GENERAL_NEAR_MISSES,
    LINT_CASES,
    MEDICAL_CODING_CASES,
    SEPARATELY_TESTED,
)
from tests.support import SpecFactory


@pytest.mark.parametrize(("code", "severity", "changes", "path"), GENERAL_CASES)
def test_rule_fires_at_its_path(
    spec: SpecFactory,
    example_codes: set[str],
    code: str,
    severity: str,
    changes: dict[str, Any],
    path: str,
) -> None:
    """The change reports the rule at its severity and exact path; the example not."""
    report = ck.compose(spec(changes)).report

    found = [f for f in report if f.code == code]
    assert found, report.codes()
    assert {(f.severity, f.path) for f in found} == {(ck.Severity(severity), path)}
    assert all(f.message and f.hint for f in found)
    assert code not in example_codes


@pytest.mark.parametrize(("code", "changes"), GENERAL_NEAR_MISSES)
def test_rule_does_not_fire_on_a_near_miss(
    spec: SpecFactory, code: str, changes: dict[str, Any]
) -> None:
    """A change close to the rule's line does not report it."""
    report = ck.compose(spec(changes)).report

    assert code not in report.codes()


def test_cap_without_both_exclusions_reports_each(spec: SpecFactory) -> None:
    """A cap that excludes neither fraud nor misconduct gets one finding for each."""
    data = spec({"liability.cap.excluded": ["gross_negligence"]})

    found = [f for f in ck.compose(data).report if f.code == "CK-GEN-004"]

    assert len(found) == 2
    assert "fraud" in found[0].hint
    assert "wilful_misconduct" in found[1].hint


def test_every_rule_is_tested() -> None:
    """Each installed rule code appears in a table here, or is tested apart.

    A new rule fails this test until it gets a firing case.
    """
    tabled = {
        param.values[0]
        for param in [*GENERAL_CASES, *MEDICAL_CODING_CASES, *LINT_CASES]
    }

    installed = {rule.code for rule in all_rules()}

    assert installed - tabled - set(SEPARATELY_TESTED) == set()
    assert tabled | set(SEPARATELY_TESTED) <= installed
