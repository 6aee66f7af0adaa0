"""The ``general`` rules' cases beyond the tables, and the tables' coverage.

The table-driven cases of every rule are in test_pack_rules.py.
"""

from __future__ import annotations

import contractkit as ck
from contractkit._docgen import all_rules
from tests.rules.cases import (
    GENERAL_CASES,
    LINT_CASES,
    MEDICAL_CODING_CASES,
    SEPARATELY_TESTED,
)
from tests.support import SpecFactory


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
