"""Every pack rule, firing at its path and not firing on a near miss."""

from __future__ import annotations

from typing import Any

import pytest

import contractkit as ck
from tests.rules.cases import (
    GENERAL_CASES,
    GENERAL_NEAR_MISSES,
    MEDICAL_CODING_CASES,
    MEDICAL_CODING_NEAR_MISSES,
)
from tests.support import SpecFactory


@pytest.mark.parametrize(
    ("code", "severity", "changes", "path"), [*GENERAL_CASES, *MEDICAL_CODING_CASES]
)
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


@pytest.mark.parametrize(
    ("code", "changes"), [*GENERAL_NEAR_MISSES, *MEDICAL_CODING_NEAR_MISSES]
)
def test_rule_does_not_fire_on_a_near_miss(
    spec: SpecFactory, code: str, changes: dict[str, Any]
) -> None:
    """A change close to the rule's line does not report it."""
    report = ck.compose(spec(changes)).report

    assert code not in report.codes()
