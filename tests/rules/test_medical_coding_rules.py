"""The ``medical_coding`` pack's rules (CK-MC-*), each firing and not firing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import contractkit as ck
from contractkit.clauses.pack import ClausePack
from tests.rules.cases import MEDICAL_CODING_CASES, MEDICAL_CODING_NEAR_MISSES
from tests.support import SpecFactory


@pytest.mark.parametrize(("code", "severity", "changes", "path"), MEDICAL_CODING_CASES)
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


@pytest.mark.parametrize(("code", "changes"), MEDICAL_CODING_NEAR_MISSES)
def test_rule_does_not_fire_on_a_near_miss(
    spec: SpecFactory, code: str, changes: dict[str, Any]
) -> None:
    """A change close to the rule's line does not report it."""
    report = ck.compose(spec(changes)).report

    assert code not in report.codes()


def test_baa_without_precedence_is_an_error(
    spec: SpecFactory,
    example_codes: set[str],
    medical_coding_variant: Callable[[str], ClausePack],
) -> None:
    """A pack without the precedence clause but with a BAA gets CK-MC-PHI-009."""
    medical_coding_variant("medical_coding.precedence")

    report = ck.compose(spec(pack="variant")).report

    found = [f for f in report if f.code == "CK-MC-PHI-009"]
    assert [(f.severity, f.path) for f in found] == [
        (ck.Severity.ERROR, "clauses.precedence")
    ]
    assert "CK-MC-PHI-009" not in example_codes


def test_precedence_is_not_needed_without_a_baa(
    spec: SpecFactory, medical_coding_variant: Callable[[str], ClausePack]
) -> None:
    """Without business associate terms, leaving out the precedence clause is fine."""
    medical_coding_variant("medical_coding.precedence")

    data = spec(
        {
            "pack": "variant",
            "medical_coding.privacy.phi_access": False,
            "medical_coding.phases": [{"name": "Coding", "description": "Codes."}],
        }
    )

    assert "CK-MC-PHI-009" not in ck.compose(data).report.codes()
