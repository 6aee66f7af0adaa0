"""The ``medical_coding`` section of a spec: scope, fees, privacy, protections."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator

from contractkit.models import Amount, Days, Identifier, Percent, SpecModel, Text

__all__ = [
    "AccuracyTarget",
    "AuditProtection",
    "BusinessAssociateAgreement",
    "ChartType",
    "CodeSet",
    "CoderProfile",
    "CodingFees",
    "Downtime",
    "ErrorCorrection",
    "MedicalCoding",
    "Phase",
    "PolicyChanges",
    "Privacy",
    "QueryProtocol",
    "Software",
]

CodeSet = Literal["ICD-10-CM", "ICD-10-PCS", "CPT", "HCPCS Level II"]
"""A code set by name. CPT descriptors are never reproduced, only its name."""

_DEFAULT_CODE_SETS: tuple[CodeSet, ...] = ("ICD-10-CM", "CPT", "HCPCS Level II")


class CoderProfile(SpecModel):
    """The coder's professional standing."""

    credential_body: Literal["AAPC", "AHIMA"] = "AAPC"
    """Whose coding standards and ethics the coder follows."""
    credentials: list[Text] = Field(default_factory=list)
    """Credentials held, such as ``CPC`` or ``CCS``."""


class Phase(SpecModel):
    """One phase of the services, in the order performed."""

    name: Text
    """Short name, such as ``Initial audit and access verification``."""
    description: Text
    """What the provider does in this phase."""
    deliverables: list[Text] = Field(default_factory=list)
    """What the provider hands over at the end of the phase."""
    requires_ehr_access: bool = False
    """Whether the phase needs access to the client's EHR or EMR."""


class AccuracyTarget(SpecModel):
    """The coding accuracy the provider aims at, and how it is measured."""

    percent: Percent = Field(default=Decimal(95))
    """Target accuracy in percent, such as ``95``."""
    sampling: Text | None = None
    """How charts are sampled, such as ``a random 5 % of charts each month``."""
    scoring: Literal["code", "chart"] = "code"
    """Whether accuracy is scored per code or per chart."""
    auditor: Text = "a credentialed coding auditor chosen by the Client"
    """Who audits."""
    rebuttal_days: Days = 10
    """Days the provider has to rebut an audit finding."""
    kind: Literal["target", "warranty"] = "target"
    """A target to aim at, or a warranty the provider gives."""


class ChartType(SpecModel):
    """A kind of chart, how it is counted and how fast it is coded."""

    id: Identifier
    """Identifier used in the fee schedule, such as ``ambulatory_surgery``."""
    name: Text
    """Name as printed, such as ``Ambulatory surgery encounter``."""
    definition: Text | None = None
    """What one chart of this type is."""
    charts_per_hour: Percent | None = None
    """Productivity standard in charts per hour."""
    rate_per_chart: Amount | None = None
    """Fee per chart of this type, for per-chart billing."""


class CodingFees(SpecModel):
    """What the provider charges apart from per-chart rates."""

    basis: Literal["per_chart", "per_hour", "both"] = "per_chart"
    """How coding is billed."""
    hourly_rate: Amount | None = None
    """Rate per hour of coding, for per-hour billing."""
    daily_availability_fee: Amount | None = None
    """Minimum fee for each day the provider is available but systems are down."""
    troubleshooting_hourly: Amount | None = None
    """Rate per hour of troubleshooting access or system problems."""
    consulting_hourly: Amount | None = None
    """Rate per hour of documentation follow-up and consulting."""
    rework_hourly: Amount | None = None
    """Rate per hour of re-coding after a payer policy change."""
    audit_support_hourly: Amount | None = None
    """Rate per hour of support during a payer audit."""


class QueryProtocol(SpecModel):
    """What happens to a chart whose documentation needs a provider query."""

    max_days_pending: int = Field(default=5, ge=1, le=365)
    """Days a chart may wait for an answer before it leaves the queue."""
    query_fee: Amount | None = None
    """Fee for each query raised."""
    billed_as_review_after_timeout: bool = True
    """Whether a chart leaving the queue unanswered is billed as reviewed."""


class Software(SpecModel):
    """Tools the client supplies and licenses."""

    tools: list[Text] = Field(
        default_factory=lambda: [
            "encoder software",
            "medical-necessity checkers",
            "EHR and EMR modules",
        ]
    )
    """The tools the client supplies."""
    client_warrants_licences: bool = True
    """Whether the client warrants it holds enough licences for them."""


class Downtime(SpecModel):
    """Outages of the client's systems and what they cost."""

    threshold_hours: Percent = Field(default=Decimal(2))
    """Hours of outage in one business day after which the day counts as down."""
    definition: Text = (
        "a period in which the Client's EHR, EMR, encoder or remote access "
        "is unavailable or too slow to use"
    )
    """What downtime is."""


class PolicyChanges(SpecModel):
    """Payer policy or coverage determinations that change mid-project."""

    code_by_policy_in_force: bool = True
    """Whether charts are coded by the policy in force on the date of coding."""
    recoding_billable: bool = True
    """Whether re-coding after a change is billed at the rework rate."""


class ErrorCorrection(SpecModel):
    """Free correction of coding errors the provider made."""

    window_hours: int = Field(default=48, ge=1, le=720)
    """Hours after notice within which substantiated errors are corrected."""


class AuditProtection(SpecModel):
    """The provider's position when a payer audits or recoups."""

    audit_types: list[Text] = Field(
        default_factory=lambda: [
            "payer audits",
            "Recovery Audit Contractor reviews",
            "government investigations",
        ],
        min_length=1,
    )
    """The audits the provider supports."""
    not_liable_if_guidelines_followed: bool = True
    """Whether recoupments are the client's where official guidelines were
    followed."""
    recoupment_offset_cap: Amount | None = None
    """Most the client may offset for substantiated errors the provider caused."""


class BusinessAssociateAgreement(SpecModel):
    """The business associate agreement that covers the provider's PHI access."""

    form: Literal["direct", "subcontractor"] = "direct"
    """``direct`` with a covered entity; ``subcontractor`` when the client is
    itself a business associate."""
    in_force_before_access: bool = True
    """Whether the BAA is signed before the provider gets EHR access."""
    breach_notice_days: Days = 10
    """Days after discovery within which the provider reports a breach."""
    liability_limited_to_own_acts: bool = True
    """Whether the provider answers only for incidents it caused."""
    subcontractors_allowed: bool = False
    """Whether the provider may subcontract, with consent and a flow-down BAA."""
    offshore_allowed: bool = False
    """Whether PHI may be accessed from outside the United States."""


class Privacy(SpecModel):
    """HIPAA, HITECH and the security of protected health information."""

    phi_access: bool = True
    """Whether the provider sees protected health information."""
    hipaa: bool = True
    """Whether the HIPAA and HITECH confidentiality clause is included."""
    client_is_business_associate: bool = False
    """Whether the client is itself a business associate, such as a billing
    company, rather than a covered entity."""
    encrypted_environment_supplied: bool = True
    """Whether the client supplies a secure, encrypted working environment."""
    no_local_phi: bool = True
    """Whether the provider stores no PHI on local or unencrypted devices."""
    reconciliation_logs_phi_free: bool = True
    """Whether coding and reconciliation logs are kept free of PHI."""
    baa: BusinessAssociateAgreement | None = None
    """The business associate agreement, required with PHI access."""


class MedicalCoding(SpecModel):
    """Everything special to a medical coding services agreement."""

    coder: CoderProfile = Field(default_factory=CoderProfile)
    """The coder's credentials and standards."""
    excluded_duties: list[Text] = Field(
        default_factory=lambda: [
            "patient registration errors",
            "provider credentialing",
            "insurance eligibility checks",
            "denials for lack of medical necessity",
        ]
    )
    """Revenue-cycle work the provider is not responsible for."""
    phases: list[Phase] = Field(min_length=1)
    """The phases of the services, in order."""
    code_sets: list[CodeSet] = Field(
        default_factory=lambda: list(_DEFAULT_CODE_SETS), min_length=1
    )
    """The code sets the provider assigns."""
    estimated_charts: int | None = Field(default=None, ge=1)
    """Charts expected, such as a backlog of ``300``."""
    chart_types: list[ChartType] = Field(default_factory=list)
    """Chart types with their definitions, productivity and rates."""
    accuracy: AccuracyTarget = Field(default_factory=AccuracyTarget)
    """Accuracy target and how it is measured."""
    fees: CodingFees = Field(default_factory=CodingFees)
    """Hourly rates and fees other than per-chart rates."""
    query_protocol: QueryProtocol | None = None
    """Rules for charts that need a documentation query."""
    software: Software = Field(default_factory=Software)
    """Tools the client supplies."""
    downtime: Downtime | None = Field(default_factory=Downtime)
    """System outages; ``None`` to leave downtime out."""
    policy_changes: PolicyChanges = Field(default_factory=PolicyChanges)
    """Retroactive payer policy changes."""
    error_correction: ErrorCorrection | None = Field(default_factory=ErrorCorrection)
    """Free correction of substantiated errors; ``None`` for none."""
    audit: AuditProtection = Field(default_factory=AuditProtection)
    """Audit support and recoupment protection."""
    privacy: Privacy = Field(default_factory=Privacy)
    """PHI, HIPAA and the business associate agreement."""

    @field_validator("chart_types")
    @classmethod
    def _unique_chart_types(cls, chart_types: list[ChartType]) -> list[ChartType]:
        ids = [chart.id for chart in chart_types]
        twice = sorted({chart_id for chart_id in ids if ids.count(chart_id) > 1})
        if twice:
            raise ValueError(
                f"chart type ids must be unique; {twice} appear more than once"
            )
        return chart_types
