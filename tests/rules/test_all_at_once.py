"""A spec that breaks many rules at once gets every finding in one run."""

from __future__ import annotations

from typing import Any

import contractkit as ck
from tests.support import SpecFactory

BROKEN: dict[str, tuple[str, Any]] = {
    "CK-GEN-001": ("client.entity_type", None),
    "CK-GEN-005": ("payment.late_fee.percent_per_month", "0"),
    "CK-GEN-008": ("payment.dispute_period_days", 16),
    "CK-GEN-011": ("governing_law.courts_jurisdiction", "Georgia"),
    "CK-MC-IND-001": ("liability.indemnity.good_faith_condition", False),
    "CK-MC-PHI-003": ("medical_coding.privacy.baa.breach_notice_days", 90),
    "CK-MC-PHI-008": ("medical_coding.privacy.encrypted_environment_supplied", False),
    "CK-MC-FEE-003": ("payment.contingent_fee_percent", "4"),
    "CK-MC-ACC-001": ("medical_coding.accuracy.percent", "120"),
    "CK-MC-ACC-002": ("medical_coding.accuracy.sampling", None),
    "CK-MC-SW-001": ("medical_coding.software.client_warrants_licences", False),
}
"""One change per code, none of which masks another."""


def test_every_broken_rule_is_reported_in_one_run(spec: SpecFactory) -> None:
    """Errors and warnings from both packs come back together, each at its path."""
    broken = spec({path: value for path, value in BROKEN.values()})

    report = ck.compose(broken).report

    found = {(f.code, f.path) for f in report}
    assert {(code, path) for code, (path, _) in BROKEN.items()} <= found
    assert report.errors and report.warnings
    assert not report.ok
