"""The ``medical_coding`` rules that need more than a change to the example.

The table-driven cases of every rule are in test_pack_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable

import contractkit as ck
from contractkit.clauses.pack import ClausePack
from tests.support import SpecFactory


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
