"""The tables of rule cases: each rule with the smallest change that breaks it.

A case is ``(code, severity, changes, path)``: the ``spec`` fixture applies
``changes`` to the example, and the composition must report ``code`` with
``severity`` at ``path``. A near miss is ``(code, changes)``: a change close
to the line that must not report ``code``. The test modules of this folder
run the tables, and ``test_every_rule_is_tested`` compares their codes with
every installed rule.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import DELETE

Case = Any
"""A ``pytest.param`` of ``(code, severity, changes, path)``."""


def case(code: str, severity: str, changes: dict[str, Any], path: str) -> Case:
    """Return one firing case, with the code and the path as its test id."""
    return pytest.param(code, severity, changes, path, id=f"{code}:{path}")


def near(code: str, changes: dict[str, Any], name: str) -> Case:
    """Return one near miss that must not report ``code``."""
    return pytest.param(code, changes, id=f"{code}:{name}")


GENERAL_CASES = [
    case("CK-GEN-001", "error", {"client.entity_type": DELETE}, "client.entity_type"),
    case("CK-GEN-001", "error", {"provider.address": DELETE}, "provider.address"),
    case("CK-GEN-001", "error", {"client.notice_email": DELETE}, "client.notice_email"),
    case(
        "CK-GEN-002",
        "error",
        {"liability.indemnity.indemnitee": "client"},
        "liability.indemnity.indemnitee",
    ),
    case(
        "CK-GEN-003", "error", {"liability.cap.basis": "fixed"}, "liability.cap.amount"
    ),
    case(
        "CK-GEN-003",
        "error",
        {"liability.indemnity.cap": "own"},
        "liability.indemnity.own_cap_amount",
    ),
    case("CK-GEN-003", "error", {"liability.cap": None}, "liability.indemnity.cap"),
    case(
        "CK-GEN-004",
        "warning",
        {"liability.cap.excluded": ["fraud"]},
        "liability.cap.excluded",
    ),
    case(
        "CK-GEN-005",
        "error",
        {"payment.late_fee.percent_per_month": "0"},
        "payment.late_fee.percent_per_month",
    ),
    case(
        "CK-GEN-005",
        "error",
        {"payment.late_fee.percent_per_month": "101"},
        "payment.late_fee.percent_per_month",
    ),
    case(
        "CK-GEN-006",
        "warning",
        {"payment.late_fee.percent_per_month": "5.5"},
        "payment.late_fee.percent_per_month",
    ),
    case(
        "CK-GEN-007",
        "warning",
        {"payment.late_fee.capped_at_lawful_maximum": False},
        "payment.late_fee.capped_at_lawful_maximum",
    ),
    case(
        "CK-GEN-008",
        "warning",
        {"payment.dispute_period_days": 16},
        "payment.dispute_period_days",
    ),
    case(
        "CK-GEN-009",
        "warning",
        {"term.termination.convenience_notice_days": None},
        "term.termination.convenience_notice_days",
    ),
    case(
        "CK-GEN-009",
        "warning",
        {"term.termination.cure_period_days": None},
        "term.termination.cure_period_days",
    ),
    case(
        "CK-GEN-010",
        "warning",
        {"confidentiality.return_or_destroy": False},
        "confidentiality.return_or_destroy",
    ),
    case(
        "CK-GEN-011",
        "warning",
        {"governing_law.courts_jurisdiction": "Georgia"},
        "governing_law.courts_jurisdiction",
    ),
    case(
        "CK-GEN-012",
        "warning",
        {"term.initial_months": None, "term.auto_renew": True},
        "term.auto_renew",
    ),
    case(
        "CK-GEN-013", "error", {"provider.short_name": "Co*der"}, "provider.short_name"
    ),
    case("CK-GEN-013", "error", {"client.short_name": "Services"}, "client.short_name"),
    case("CK-GEN-013", "error", {"client.short_name": "Provider"}, "client.short_name"),
    case("CK-GEN-014", "error", {"pack": "general"}, "liability.indemnity"),
    case(
        "CK-GEN-016",
        "warning",
        {"document.locale": "de_DE", "document.currency": "EUR"},
        "document.locale",
    ),
    case(
        "CK-GEN-015",
        "warning",
        {"governing_law.arbitration_seat": "Atlanta, Georgia"},
        "governing_law.arbitration_seat",
    ),
]
"""Each ``general`` rule, broken by the smallest change to the example."""

GENERAL_NEAR_MISSES = [
    near("CK-GEN-003", {"liability.indemnity.cap": "uncapped"}, "uncapped-indemnity"),
    near(
        "CK-GEN-003",
        {"liability.cap.basis": "fixed", "liability.cap.amount": "10000.00"},
        "fixed-cap-with-amount",
    ),
    near(
        "CK-GEN-004",
        {
            "liability.cap": None,
            "liability.indemnity.cap": "own",
            "liability.indemnity.own_cap_amount": "5000.00",
        },
        "no-cap",
    ),
    near("CK-GEN-005", {"payment.late_fee.percent_per_month": "100"}, "rate-100"),
    near("CK-GEN-006", {"payment.late_fee.percent_per_month": "5"}, "rate-5"),
    near("CK-GEN-006", {"payment.late_fee.percent_per_month": "101"}, "rate-101"),
    near("CK-GEN-007", {"payment.late_fee": DELETE}, "no-late-fee"),
    near("CK-GEN-008", {"payment.dispute_period_days": 15}, "equal-periods"),
    near("CK-GEN-008", {"payment.dispute_period_days": DELETE}, "unset"),
    near(
        "CK-GEN-011",
        {"governing_law.courts_jurisdiction": "State of Florida"},
        "same-place-other-words",
    ),
    near("CK-GEN-011", {"governing_law.courts_jurisdiction": DELETE}, "unset"),
    near(
        "CK-GEN-011",
        {
            "governing_law.jurisdiction": "the Federal Republic of Germany",
            "governing_law.courts_jurisdiction": "Germany",
        },
        "long-official-name",
    ),
    near("CK-GEN-012", {"term.auto_renew": True}, "renews-fixed-term"),
    near("CK-GEN-013", {"client.short_name": "Clinic"}, "distinct-name"),
    near(
        "CK-GEN-016",
        {"document.locale": "en_DE", "document.currency": "EUR"},
        "english-in-germany",
    ),
    near(
        "CK-GEN-015",
        {"governing_law.arbitration_seat": "Tampa, Florida"},
        "seat-in-the-state",
    ),
]
"""Changes close to a ``general`` rule's line that must not break it."""

MEDICAL_CODING_CASES = [
    case("CK-MC-SPEC-001", "error", {"medical_coding": DELETE}, "medical_coding"),
    case(
        "CK-MC-IND-001",
        "error",
        {"liability.indemnity.good_faith_condition": False},
        "liability.indemnity.good_faith_condition",
    ),
    case(
        "CK-MC-IND-002",
        "error",
        {
            "liability.indemnity.indemnitor": "provider",
            "liability.indemnity.indemnitee": "client",
        },
        "liability.indemnity.indemnitee",
    ),
    case(
        "CK-MC-IND-003",
        "warning",
        {"clauses.audit_support": False},
        "clauses.audit_support",
    ),
    case(
        "CK-MC-IND-003",
        "warning",
        {"medical_coding.fees.audit_support_hourly": DELETE},
        "medical_coding.fees.audit_support_hourly",
    ),
    case(
        "CK-MC-PHI-001",
        "error",
        {"medical_coding.privacy.hipaa": False},
        "medical_coding.privacy.hipaa",
    ),
    case(
        "CK-MC-PHI-002",
        "error",
        {"medical_coding.privacy.baa": DELETE},
        "medical_coding.privacy.baa",
    ),
    case(
        "CK-MC-PHI-002",
        "error",
        {"medical_coding.privacy.baa.in_force_before_access": False},
        "medical_coding.privacy.baa.in_force_before_access",
    ),
    case(
        "CK-MC-PHI-003",
        "error",
        {"medical_coding.privacy.baa.breach_notice_days": 61},
        "medical_coding.privacy.baa.breach_notice_days",
    ),
    case(
        "CK-MC-PHI-004",
        "error",
        {"medical_coding.privacy.client_is_business_associate": True},
        "medical_coding.privacy.baa.form",
    ),
    case(
        "CK-MC-PHI-005",
        "warning",
        {"medical_coding.privacy.baa.form": "subcontractor"},
        "medical_coding.privacy.client_is_business_associate",
    ),
    case(
        "CK-MC-PHI-006",
        "warning",
        {"confidentiality.return_or_destroy": False},
        "confidentiality.return_or_destroy",
    ),
    case(
        "CK-MC-PHI-007",
        "warning",
        {"medical_coding.privacy.phi_access": False},
        "medical_coding.privacy.phi_access",
    ),
    case(
        "CK-MC-PHI-008",
        "warning",
        {"medical_coding.privacy.encrypted_environment_supplied": False},
        "medical_coding.privacy.encrypted_environment_supplied",
    ),
    case(
        "CK-MC-FEE-001",
        "error",
        {"medical_coding.chart_types": []},
        "medical_coding.chart_types",
    ),
    case(
        "CK-MC-FEE-001",
        "error",
        {"medical_coding.chart_types[0].definition": DELETE},
        "medical_coding.chart_types[0].definition",
    ),
    case(
        "CK-MC-FEE-001",
        "error",
        {"medical_coding.chart_types[1].rate_per_chart": DELETE},
        "medical_coding.chart_types[1].rate_per_chart",
    ),
    case(
        "CK-MC-FEE-002",
        "error",
        {"medical_coding.query_protocol": DELETE},
        "medical_coding.query_protocol",
    ),
    case(
        "CK-MC-FEE-003",
        "error",
        {"payment.contingent_fee_percent": "4"},
        "payment.contingent_fee_percent",
    ),
    case(
        "CK-MC-FEE-004",
        "warning",
        {
            "payment.contingent_fee_percent": "4",
            "payment.paid_regardless_of_denials": False,
        },
        "payment.contingent_fee_percent",
    ),
    case(
        "CK-MC-FEE-005",
        "error",
        {"medical_coding.fees.basis": "per_hour"},
        "medical_coding.fees.hourly_rate",
    ),
    case(
        "CK-MC-FEE-006",
        "warning",
        {
            "medical_coding.fees.daily_availability_fee": DELETE,
            "medical_coding.fees.troubleshooting_hourly": DELETE,
        },
        "medical_coding.fees.daily_availability_fee",
    ),
    case(
        "CK-MC-FEE-007",
        "warning",
        {"medical_coding.fees.rework_hourly": DELETE},
        "medical_coding.fees.rework_hourly",
    ),
    case(
        "CK-MC-FEE-008",
        "warning",
        {"medical_coding.fees": {"basis": "per_chart"}},
        "medical_coding.fees.consulting_hourly",
    ),
    case(
        "CK-MC-QRY-003",
        "warning",
        {"medical_coding.query_protocol.billed_as_review_after_timeout": False},
        "medical_coding.query_protocol.billed_as_review_after_timeout",
    ),
    case(
        "CK-MC-POL-001",
        "warning",
        {"medical_coding.policy_changes.code_by_policy_in_force": False},
        "medical_coding.policy_changes.code_by_policy_in_force",
    ),
    case(
        "CK-MC-POL-001",
        "warning",
        {"medical_coding.policy_changes.recoding_billable": False},
        "medical_coding.policy_changes.recoding_billable",
    ),
    case(
        "CK-MC-ACC-001",
        "error",
        {"medical_coding.accuracy.percent": 0},
        "medical_coding.accuracy.percent",
    ),
    case(
        "CK-MC-ACC-001",
        "error",
        {"medical_coding.accuracy.percent": "100.5"},
        "medical_coding.accuracy.percent",
    ),
    case(
        "CK-MC-ACC-002",
        "error",
        {"medical_coding.accuracy.sampling": DELETE},
        "medical_coding.accuracy.sampling",
    ),
    case(
        "CK-MC-ACC-003",
        "warning",
        {
            "medical_coding.accuracy.kind": "warranty",
            "medical_coding.accuracy.percent": 96,
        },
        "medical_coding.accuracy.kind",
    ),
    case(
        "CK-MC-PROD-001",
        "error",
        {"medical_coding.chart_types[2].charts_per_hour": "0"},
        "medical_coding.chart_types[2].charts_per_hour",
    ),
    case(
        "CK-MC-PROD-002",
        "warning",
        {"clauses.downtime": False},
        "clauses.downtime",
    ),
    case(
        "CK-MC-PROD-002",
        "warning",
        {"medical_coding.downtime": None},
        "medical_coding.downtime",
    ),
    case(
        "CK-MC-QRY-001",
        "warning",
        {
            "medical_coding.fees.basis": "per_hour",
            "medical_coding.fees.hourly_rate": "40.00",
            "medical_coding.query_protocol": DELETE,
        },
        "medical_coding.query_protocol",
    ),
    case(
        "CK-MC-QRY-002",
        "warning",
        {
            "medical_coding.query_protocol.query_fee": DELETE,
            "medical_coding.fees.consulting_hourly": DELETE,
        },
        "medical_coding.query_protocol.query_fee",
    ),
    case(
        "CK-MC-SW-001",
        "warning",
        {"medical_coding.software.client_warrants_licences": False},
        "medical_coding.software.client_warrants_licences",
    ),
    case(
        "CK-MC-AUD-001",
        "warning",
        {"medical_coding.audit.not_liable_if_guidelines_followed": False},
        "medical_coding.audit.not_liable_if_guidelines_followed",
    ),
]
"""Each ``medical_coding`` rule, broken by the smallest change to the example."""

MEDICAL_CODING_NEAR_MISSES = [
    near("CK-MC-IND-001", {"liability.indemnity": DELETE}, "no-indemnity"),
    near(
        "CK-MC-IND-003",
        {"liability.indemnity": DELETE, "clauses.audit_support": False},
        "no-indemnity",
    ),
    near(
        "CK-MC-PHI-001",
        {
            "medical_coding.privacy.phi_access": False,
            "medical_coding.privacy.hipaa": False,
        },
        "no-phi-access",
    ),
    near(
        "CK-MC-PHI-002",
        {
            "medical_coding.privacy.phi_access": False,
            "medical_coding.privacy.baa": DELETE,
        },
        "no-phi-access",
    ),
    near(
        "CK-MC-PHI-002",
        {
            "medical_coding.privacy.baa.in_force_before_access": False,
            "medical_coding.phases[0].requires_ehr_access": False,
            "medical_coding.phases[1].requires_ehr_access": False,
            "medical_coding.phases[2].requires_ehr_access": False,
        },
        "no-ehr-phase",
    ),
    near(
        "CK-MC-PHI-003",
        {"medical_coding.privacy.baa.breach_notice_days": 60},
        "60-days",
    ),
    near(
        "CK-MC-PHI-004",
        {
            "medical_coding.privacy.client_is_business_associate": True,
            "medical_coding.privacy.baa.form": "subcontractor",
        },
        "subcontractor-form",
    ),
    near(
        "CK-MC-PHI-008",
        {
            "medical_coding.privacy.no_local_phi": False,
            "medical_coding.privacy.encrypted_environment_supplied": False,
        },
        "local-phi-allowed",
    ),
    near(
        "CK-MC-FEE-003",
        {
            "payment.contingent_fee_percent": "4",
            "payment.paid_regardless_of_denials": False,
        },
        "not-regardless",
    ),
    near(
        "CK-MC-FEE-005",
        {
            "medical_coding.fees.basis": "both",
            "medical_coding.fees.hourly_rate": "40.00",
        },
        "rate-set",
    ),
    near(
        "CK-MC-FEE-006",
        {"medical_coding.fees.daily_availability_fee": DELETE},
        "troubleshooting-rate-only",
    ),
    near(
        "CK-MC-FEE-007",
        {
            "medical_coding.fees.rework_hourly": DELETE,
            "medical_coding.policy_changes.recoding_billable": False,
        },
        "recoding-free",
    ),
    near("CK-MC-ACC-001", {"medical_coding.accuracy.percent": 100}, "100-percent"),
    near(
        "CK-MC-POL-001",
        {
            "clauses.policy_changes": False,
            "medical_coding.policy_changes.recoding_billable": False,
        },
        "clause-off",
    ),
    near("CK-MC-ACC-003", {"medical_coding.accuracy.kind": "warranty"}, "warrants-95"),
    near(
        "CK-MC-PROD-002",
        {"clauses.productivity": False, "clauses.downtime": False},
        "no-productivity",
    ),
    near(
        "CK-MC-QRY-002",
        {"medical_coding.query_protocol.query_fee": DELETE},
        "consulting-rate",
    ),
    near(
        "CK-MC-SW-001",
        {
            "medical_coding.software.tools": [],
            "medical_coding.software.client_warrants_licences": False,
        },
        "no-tools",
    ),
    near(
        "CK-MC-AUD-001",
        {
            "clauses.audit_support": False,
            "medical_coding.audit.not_liable_if_guidelines_followed": False,
        },
        "no-audit-clause",
    ),
]
"""Changes close to a ``medical_coding`` rule's line that must not break it."""

SEPARATELY_TESTED = {
    "CK-MC-PHI-009": "a pack on medical_coding that drops the precedence clause",
    "CK-LINT-007": "a hand-built document with a numbering gap",
}
"""Codes a spec change cannot show, with the test that shows them instead."""

PLANTED_SECTION = "12"
"""The section of the planted clause: the last, after the 11 of ``general``."""

LINT_CASES = [
    pytest.param(
        "CK-LINT-001",
        "error",
        "The {Provider} gives the warranties in [>general.warranties].\n",
        {"clauses.warranties": False},
        "clauses.warranties",
        "11",
        id="CK-LINT-001:dangling-reference",
    ),
    pytest.param(
        "CK-LINT-002",
        "error",
        "The {Provider} calls its work for the {Client} the [=Services].\n",
        {},
        "",
        PLANTED_SECTION,
        id="CK-LINT-002:duplicate-definition",
    ),
    pytest.param(
        "CK-LINT-003",
        "warning",
        "The {Client} names a [=Project Sponsor] for the {Services}.\n",
        {},
        "",
        PLANTED_SECTION,
        id="CK-LINT-003:unused-definition",
    ),
    pytest.param(
        "CK-LINT-004",
        "error",
        "The {Provider} keeps the {Work Log} up to date.\n",
        {},
        "",
        PLANTED_SECTION,
        id="CK-LINT-004:undefined-term",
    ),
    pytest.param(
        "CK-LINT-005",
        "warning",
        "The {Provider} starts the {Services} on TBD.\n",
        {},
        "",
        PLANTED_SECTION,
        id="CK-LINT-005:placeholder",
    ),
    pytest.param(
        "CK-LINT-006",
        "error",
        "{% if selected is none %}Never printed.{% endif %}\n",
        {},
        "clauses.planted",
        PLANTED_SECTION,
        id="CK-LINT-006:empty-section",
    ),
]
"""``(code, severity, template, changes, path, section)``: the planted clause's
template holds the problem, ``changes`` go to the spec."""
