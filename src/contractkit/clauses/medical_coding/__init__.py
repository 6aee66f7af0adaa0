"""The ``medical_coding`` clause pack: a Medical Coding Services Agreement.

A freelance coder (the provider) codes a clinic's existing documentation for
the clinic (the client). The pack extends ``general`` with the coder's role
and standards, the scope phases, accuracy and productivity, a fee schedule,
the query protocol, client systems and downtime, payer policy changes, free
error correction, audit and recoupment protection, a good-faith indemnity,
HIPAA and HITECH duties, business associate terms and an order of
precedence. Its spec section is :class:`MedicalCoding`, under the key
``medical_coding``.
"""

from __future__ import annotations

from contractkit.clauses.medical_coding.models import MedicalCoding
from contractkit.clauses.pack import Clause, ClausePack
from contractkit.models import Contract

__all__ = ["MedicalCoding", "pack"]


def _section(contract: Contract) -> MedicalCoding | None:
    """Return the spec's ``medical_coding`` section, if it has one."""
    return contract.extension(MedicalCoding)


def _has_section(contract: Contract) -> bool:
    return _section(contract) is not None


def _has_productivity(contract: Contract) -> bool:
    section = _section(contract)
    return section is not None and any(
        chart.charts_per_hour is not None for chart in section.chart_types
    )


def _has_queries(contract: Contract) -> bool:
    section = _section(contract)
    return section is not None and section.query_protocol is not None


def _has_downtime(contract: Contract) -> bool:
    section = _section(contract)
    return section is not None and section.downtime is not None


def _has_error_correction(contract: Contract) -> bool:
    section = _section(contract)
    return section is not None and section.error_correction is not None


def _has_indemnity(contract: Contract) -> bool:
    return _has_section(contract) and contract.liability.indemnity is not None


def _has_hipaa(contract: Contract) -> bool:
    section = _section(contract)
    return section is not None and section.privacy.phi_access and section.privacy.hipaa


def _has_baa(contract: Contract) -> bool:
    section = _section(contract)
    return (
        section is not None
        and section.privacy.phi_access
        and section.privacy.baa is not None
    )


pack = ClausePack(
    "medical_coding",
    "1.0.0",
    description="A Medical Coding Services Agreement for freelance coders.",
    package=__name__,
    extends=("general",),
    spec_extension=MedicalCoding,
    default_title="Medical Coding Services Agreement",
    sample_spec="orthopedic-backlog.yaml",
    signature_intro=(
        "Each party has signed this Agreement, including its business "
        "associate terms where they apply, by its authorized representative. "
        "Electronic signatures are binding, and the Agreement may be signed "
        "in counterparts."
    ),
    clauses=[
        Clause(
            "role",
            "Coding Standards and Role",
            "role.j2",
            applies=_has_section,
        ),
        Clause("scope", "Scope of Services", "scope.j2", applies=_has_section),
        Clause("fees", "Fees", "fees.j2", applies=_has_section),
        Clause(
            "software",
            "Client Systems and Software",
            "software.j2",
            applies=_has_section,
        ),
        Clause(
            "downtime",
            "System Downtime",
            "downtime.j2",
            optional=True,
            applies=_has_downtime,
        ),
        Clause("accuracy", "Coding Accuracy", "accuracy.j2", applies=_has_section),
        Clause(
            "productivity",
            "Productivity Standards",
            "productivity.j2",
            optional=True,
            applies=_has_productivity,
        ),
        Clause("queries", "Documentation Queries", "queries.j2", applies=_has_queries),
        Clause(
            "policy_changes",
            "Payer Policy Changes",
            "policy_changes.j2",
            optional=True,
            applies=_has_section,
        ),
        Clause(
            "error_correction",
            "Correction of Coding Errors",
            "error_correction.j2",
            applies=_has_error_correction,
        ),
        Clause(
            "audit_support",
            "Audits and Recoupments",
            "audit_support.j2",
            optional=True,
            applies=_has_section,
        ),
        Clause(
            "hipaa",
            "Protected Health Information and Security",
            "hipaa.j2",
            applies=_has_hipaa,
        ),
        Clause(
            "baa",
            "Business Associate Terms",
            "baa.j2",
            applies=_has_baa,
            requires=("medical_coding.hipaa",),
        ),
        Clause("indemnity", "Indemnification", "indemnity.j2", applies=_has_indemnity),
        Clause(
            "precedence", "Order of Precedence", "precedence.j2", applies=_has_section
        ),
    ],
    order=[
        "general.preamble",
        "general.interpretation",
        "general.services",
        "general.relationship",
        "medical_coding.role",
        "medical_coding.scope",
        "medical_coding.fees",
        "general.payment",
        "medical_coding.software",
        "medical_coding.downtime",
        "medical_coding.accuracy",
        "medical_coding.productivity",
        "medical_coding.queries",
        "medical_coding.policy_changes",
        "medical_coding.error_correction",
        "medical_coding.audit_support",
        "medical_coding.hipaa",
        "medical_coding.baa",
        "general.confidentiality",
        "general.warranties",
        "medical_coding.indemnity",
        "general.liability",
        "general.term",
        "general.law",
        "general.notices",
        "medical_coding.precedence",
        "general.general_terms",
    ],
)
"""The built-in ``medical_coding`` pack, registered through its entry point."""

from contractkit.clauses.medical_coding import rules as _rules  # noqa: E402, F401
