"""The consistency rules of the ``medical_coding`` pack (``CK-MC-<AREA>-NNN``).

Areas: ``SPEC`` the section itself, ``IND`` indemnity, ``PHI`` privacy and
the business associate agreement, ``FEE`` fees, ``ACC`` accuracy, ``PROD``
productivity, ``QRY`` queries, ``SW`` client software, ``AUD`` audits and
recoupment. The docstring of each check is the rule's documentation.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractkit.clauses.medical_coding import pack
from contractkit.clauses.medical_coding.models import MedicalCoding
from contractkit.rules import RuleContext, Violation

__all__: list[str] = []

_SECTION = "medical_coding"
_MAX_BREACH_NOTICE_DAYS = 60


def _section(ctx: RuleContext) -> MedicalCoding | None:
    """Return the spec's ``medical_coding`` section, if it has one."""
    return ctx.extension(MedicalCoding)


@pack.rule("CK-MC-SPEC-001", "error", "The spec has a medical_coding section")
def section_present(ctx: RuleContext) -> Iterator[Violation]:
    """A medical coding agreement has its ``medical_coding`` section.

    The scope phases, fees, privacy terms and protections of the agreement
    all live in that section; without it the pack cannot say what the coder
    does or is paid. The other rules of this pack skip a spec without it.
    """
    if _section(ctx) is None:
        yield Violation(
            path=_SECTION,
            message="The agreement has no medical coding terms.",
            hint="Add a 'medical_coding' section with at least its 'phases'.",
        )


@pack.rule("CK-MC-IND-001", "error", "The indemnity requires good faith")
def indemnity_good_faith(ctx: RuleContext) -> Iterator[Violation]:
    """An indemnity of the coder applies only where the coder acted in good faith.

    A client can only reasonably promise to cover a coder's losses from
    payer audits and government investigations where the coder coded in
    good faith on the records it was given. An unconditional indemnity would
    cover knowing upcoding, which is against public policy and would be
    unenforceable; the pack's text defines good faith objectively and
    excludes fraud, upcoding, gross negligence and wilful misconduct.
    """
    indemnity = ctx.contract.liability.indemnity
    if _section(ctx) is None or indemnity is None:
        return
    if not indemnity.good_faith_condition:
        yield Violation(
            path="liability.indemnity.good_faith_condition",
            message=(
                "The indemnity covers the coder whether or not it acted in good "
                "faith on the records provided."
            ),
            hint="Set 'liability.indemnity.good_faith_condition' to true.",
        )


@pack.rule("CK-MC-IND-002", "error", "The indemnity protects the coder")
def indemnity_protects_coder(ctx: RuleContext) -> Iterator[Violation]:
    """The indemnity runs from the client to the coder.

    The pack's indemnity covers the coder against losses from audits and
    investigations of the client's claims, on the client's records; its
    good-faith test is written about coding. An indemnity of the client by
    the coder is a different promise that this pack does not draft.
    """
    indemnity = ctx.contract.liability.indemnity
    if _section(ctx) is None or indemnity is None:
        return
    if indemnity.indemnitee != "provider":
        yield Violation(
            path="liability.indemnity.indemnitee",
            message=(
                "The indemnity protects the client, but this pack only drafts an "
                "indemnity of the coder."
            ),
            hint=(
                "Set 'liability.indemnity.indemnitor' to 'client' and "
                "'liability.indemnity.indemnitee' to 'provider'."
            ),
        )


@pack.rule("CK-MC-IND-003", "warning", "An audit indemnity comes with audit support")
def indemnity_audit_support(ctx: RuleContext) -> Iterator[Violation]:
    """An indemnity covering audits lists the audits, the cooperation and its rate.

    When the client indemnifies the coder against audit losses, the coder is
    expected to help defend the audit. The audits clause lists the audit
    types and the coder's duty to cooperate; an audit support rate says what
    that help costs. Without them the indemnity's cooperation duty is open
    ended.
    """
    section = _section(ctx)
    if section is None or ctx.contract.liability.indemnity is None:
        return
    if not ctx.has("medical_coding.audit_support"):
        yield Violation(
            path="clauses.audit_support",
            message=(
                "The agreement has an audit indemnity but no clause on audit "
                "types and the coder's cooperation."
            ),
            hint="Switch the 'audit_support' clause on.",
        )
    elif section.fees.audit_support_hourly is None:
        yield Violation(
            path="medical_coding.fees.audit_support_hourly",
            message="The coder's support in an audit has no rate of its own.",
            hint="Set 'medical_coding.fees.audit_support_hourly'.",
        )


@pack.rule("CK-MC-PHI-001", "error", "PHI access comes with the HIPAA clause")
def phi_needs_hipaa(ctx: RuleContext) -> Iterator[Violation]:
    """A coder who sees protected health information is bound by HIPAA and HITECH.

    The HIPAA clause sets the secure environment, the ban on local copies of
    PHI and the return or destruction of PHI; it is also where PHI is
    defined for the business associate terms. It cannot be left out while
    the coder has PHI access.
    """
    section = _section(ctx)
    if section is not None and section.privacy.phi_access and not section.privacy.hipaa:
        yield Violation(
            path="medical_coding.privacy.hipaa",
            message=(
                "The coder has access to protected health information, but the "
                "HIPAA clause is left out."
            ),
            hint="Set 'medical_coding.privacy.hipaa' to true.",
        )


@pack.rule("CK-MC-PHI-002", "error", "PHI access needs a business associate agreement")
def phi_needs_baa(ctx: RuleContext) -> Iterator[Violation]:
    """PHI access needs a complete BAA that is in force before EHR access.

    A coder who is not part of the client's workforce and handles protected
    health information is a business associate (45 CFR 160.103), and the
    covered entity may disclose PHI to it only under a business associate
    agreement (45 CFR 164.502(e), 164.504(e)). That agreement must be in
    force before any phase that gives the coder access to the EHR.
    """
    section = _section(ctx)
    if section is None or not section.privacy.phi_access:
        return
    baa = section.privacy.baa
    if baa is None:
        yield Violation(
            path="medical_coding.privacy.baa",
            message=(
                "The coder has access to protected health information without "
                "a business associate agreement."
            ),
            hint="Add 'medical_coding.privacy.baa'.",
        )
    elif not baa.in_force_before_access and any(
        phase.requires_ehr_access for phase in section.phases
    ):
        yield Violation(
            path="medical_coding.privacy.baa.in_force_before_access",
            message=(
                "The coder could access the EHR before the business associate "
                "agreement is in force."
            ),
            hint="Set 'medical_coding.privacy.baa.in_force_before_access' to true.",
        )


@pack.rule("CK-MC-PHI-003", "error", "Breach notice within 60 calendar days")
def breach_notice_period(ctx: RuleContext) -> Iterator[Violation]:
    """The coder reports a breach within at most 60 calendar days of discovery.

    45 CFR 164.410 requires a business associate to notify a breach of
    unsecured PHI without unreasonable delay and never later than 60
    calendar days after discovery; a longer contractual period is
    unlawful. Many agreements set a shorter period.
    """
    section = _section(ctx)
    if section is None or section.privacy.baa is None:
        return
    days = section.privacy.baa.breach_notice_days
    if days > _MAX_BREACH_NOTICE_DAYS:
        yield Violation(
            path="medical_coding.privacy.baa.breach_notice_days",
            message=(
                f"The business associate agreement allows {days} days to report "
                "a breach, more than the 60 calendar days the law allows."
            ),
            hint=(
                "Set 'medical_coding.privacy.baa.breach_notice_days' to 60 or "
                "fewer, such as 10."
            ),
        )


@pack.rule(
    "CK-MC-PHI-004", "error", "A business associate client gets the subcontractor BAA"
)
def subcontractor_form(ctx: RuleContext) -> Iterator[Violation]:
    """A client that is itself a business associate gets the subcontractor BAA.

    A coder hired by a billing company or another business associate is a
    subcontractor business associate under the HITECH Act and the 2013
    Omnibus Rule (45 CFR 164.502(e)(1)(ii), 164.504(e)(5)); its agreement
    must be the downstream form, which may never allow more than the
    client's own business associate agreement.
    """
    section = _section(ctx)
    if section is None or section.privacy.baa is None:
        return
    privacy, baa = section.privacy, section.privacy.baa
    if privacy.client_is_business_associate and baa.form != "subcontractor":
        yield Violation(
            path="medical_coding.privacy.baa.form",
            message=(
                "The client is a business associate, but the business associate "
                "agreement is drafted for a covered entity."
            ),
            hint="Set 'medical_coding.privacy.baa.form' to 'subcontractor'.",
        )


@pack.rule("CK-MC-PHI-005", "warning", "The subcontractor form matches the client")
def subcontractor_form_needed(ctx: RuleContext) -> Iterator[Violation]:
    """The subcontractor BAA form is used only where the client is a business associate.

    The subcontractor form speaks of the client's upstream covered entities;
    for a client that is a covered entity itself that text is wrong, and
    usually ``client_is_business_associate`` was meant to be set.
    """
    section = _section(ctx)
    if section is None or section.privacy.baa is None:
        return
    privacy, baa = section.privacy, section.privacy.baa
    if baa.form == "subcontractor" and not privacy.client_is_business_associate:
        yield Violation(
            path="medical_coding.privacy.client_is_business_associate",
            message=(
                "The business associate agreement is the subcontractor form, "
                "but the client is not said to be a business associate."
            ),
            hint=(
                "Set 'medical_coding.privacy.client_is_business_associate' to "
                "true, or 'medical_coding.privacy.baa.form' to 'direct'."
            ),
        )


@pack.rule("CK-MC-PHI-006", "warning", "PHI is returned or destroyed at the end")
def phi_return_or_destroy(ctx: RuleContext) -> Iterator[Violation]:
    """With PHI access, information is returned or destroyed when the agreement ends.

    Even a coder who stores no PHI locally may hold logs, notes or
    exported reports; the BAA requires their return or destruction
    (45 CFR 164.504(e)(2)(ii)(J)). A confidentiality clause that keeps
    information after the end contradicts it.
    """
    section = _section(ctx)
    if section is None or not section.privacy.phi_access:
        return
    if not ctx.contract.confidentiality.return_or_destroy:
        yield Violation(
            path="confidentiality.return_or_destroy",
            message=(
                "Confidential information is kept when the agreement ends, "
                "although the coder has access to protected health information."
            ),
            hint="Set 'confidentiality.return_or_destroy' to true.",
        )


@pack.rule("CK-MC-PHI-007", "warning", "EHR access is declared as PHI access")
def ehr_access_is_phi(ctx: RuleContext) -> Iterator[Violation]:
    """A phase with EHR access implies access to protected health information.

    A coder working in the client's EHR or EMR sees PHI; declaring no PHI
    access would leave out the HIPAA clause and the business associate
    agreement the law requires.
    """
    section = _section(ctx)
    if section is None or section.privacy.phi_access:
        return
    for index, phase in enumerate(section.phases):
        if phase.requires_ehr_access:
            yield Violation(
                path="medical_coding.privacy.phi_access",
                message=(
                    f"Phase {index + 1} ({phase.name}) needs EHR access, but the "
                    "coder is said to have no access to protected health "
                    "information."
                ),
                hint="Set 'medical_coding.privacy.phi_access' to true.",
            )
            return


@pack.rule("CK-MC-PHI-008", "warning", "The client supplies a secure environment")
def secure_environment(ctx: RuleContext) -> Iterator[Violation]:
    """A coder barred from local PHI has a secure environment to work in.

    When the coder may store no PHI on local or unencrypted devices, the
    client must supply the encrypted environment where the coder works;
    otherwise the coder has nowhere compliant to do the work.
    """
    section = _section(ctx)
    if section is None or not section.privacy.phi_access:
        return
    privacy = section.privacy
    if privacy.no_local_phi and not privacy.encrypted_environment_supplied:
        yield Violation(
            path="medical_coding.privacy.encrypted_environment_supplied",
            message=(
                "The coder may not keep PHI locally, but the client supplies no "
                "secure environment to work in."
            ),
            hint=(
                "Set 'medical_coding.privacy.encrypted_environment_supplied' to true."
            ),
        )


@pack.rule("CK-MC-PHI-009", "error", "The business associate terms control for PHI")
def baa_takes_precedence(ctx: RuleContext) -> Iterator[Violation]:
    """An agreement with business associate terms has an order of precedence.

    The agreement's Sections, its fee schedule, any statement of work and the
    business associate terms can conflict. The order-of-precedence clause
    settles such conflicts and makes the business associate terms control
    for anything that concerns PHI, so that a statement of work cannot
    loosen them. A pack that builds on this one and leaves that clause out
    of its clause order would leave the conflict open.
    """
    if _section(ctx) is None or not ctx.has("medical_coding.baa"):
        return
    if not ctx.has("medical_coding.precedence"):
        yield Violation(
            path="clauses.precedence",
            message=(
                "The agreement has business associate terms but no order of "
                "precedence that makes them control for PHI."
            ),
            hint="Add 'medical_coding.precedence' to the pack's clause order.",
        )


@pack.rule("CK-MC-FEE-001", "error", "Per-chart fees define every chart type")
def chart_types_defined(ctx: RuleContext) -> Iterator[Violation]:
    """A per-chart fee defines a chart, with a rate, for every chart type.

    Per-chart billing is only as clear as the definition of a chart: an
    emergency visit and a multi-procedure surgery differ by an order of
    magnitude in work. Each chart type therefore needs a definition and a
    rate per chart, and there must be at least one chart type.
    """
    section = _section(ctx)
    if section is None or section.fees.basis not in ("per_chart", "both"):
        return
    if not section.chart_types:
        yield Violation(
            path="medical_coding.chart_types",
            message="The coder is paid per chart, but no chart type is defined.",
            hint="Add 'medical_coding.chart_types' with a definition and a rate each.",
        )
    for index, chart in enumerate(section.chart_types):
        where = f"medical_coding.chart_types[{index}]"
        if chart.definition is None:
            yield Violation(
                path=f"{where}.definition",
                message=f"The chart type {chart.name!r} does not define one chart.",
                hint=f"Set '{where}.definition'.",
            )
        if chart.rate_per_chart is None:
            yield Violation(
                path=f"{where}.rate_per_chart",
                message=f"The chart type {chart.name!r} has no rate per chart.",
                hint=f"Set '{where}.rate_per_chart', such as '38.00'.",
            )


@pack.rule("CK-MC-FEE-002", "error", "Per-chart fees come with a query protocol")
def per_chart_needs_queries(ctx: RuleContext) -> Iterator[Violation]:
    """A per-chart fee needs a query protocol for incomplete documentation.

    Under per-chart billing a chart whose documentation is missing would
    otherwise wait unpaid indefinitely. The query protocol says how long it
    may stay pending, when it leaves the queue and is billed as a review,
    and what a query costs.
    """
    section = _section(ctx)
    if section is None or section.fees.basis not in ("per_chart", "both"):
        return
    if section.query_protocol is None:
        yield Violation(
            path="medical_coding.query_protocol",
            message=(
                "The coder is paid per chart, but nothing says what happens to "
                "charts with incomplete documentation."
            ),
            hint="Add 'medical_coding.query_protocol' with 'max_days_pending'.",
        )


@pack.rule("CK-MC-FEE-003", "error", "Fees owed despite denials are not contingent")
def no_contingent_fee(ctx: RuleContext) -> Iterator[Violation]:
    """Fees paid regardless of claim denials exclude contingent fees.

    Saying that fees are owed whatever happens to the claims contradicts a
    fee calculated as a share of the amounts billed or collected. Such fees
    are also a compliance risk: Medicare pays through a billing agent only
    if the agent's pay is not tied to the amounts billed or collected (42
    CFR 424.73(b)(3)), and the OIG warns that percentage-of-collection fees
    invite upcoding.
    """
    payment = ctx.contract.payment
    if _section(ctx) is None or payment.contingent_fee_percent is None:
        return
    if payment.paid_regardless_of_denials:
        yield Violation(
            path="payment.contingent_fee_percent",
            message=(
                "The fees are owed regardless of claim denials, yet part of them "
                "is a share of the amounts collected."
            ),
            hint="Remove 'payment.contingent_fee_percent'.",
        )


@pack.rule("CK-MC-FEE-004", "warning", "No fee depends on amounts collected")
def contingent_fee_risk(ctx: RuleContext) -> Iterator[Violation]:
    """A fee as a share of amounts billed or collected is flagged.

    Even where fees are not said to be owed regardless of denials, a
    contingent fee ties the coder's pay to the claims' value: Medicare does
    not pay claims through an agent paid that way (42 CFR 424.73(b)(3)), and
    the OIG's compliance guidance for billing companies warns that such fees
    invite upcoding.
    """
    payment = ctx.contract.payment
    if _section(ctx) is None or payment.contingent_fee_percent is None:
        return
    if not payment.paid_regardless_of_denials:
        yield Violation(
            path="payment.contingent_fee_percent",
            message=(
                "Part of the coder's fees is a share of the amounts billed or "
                "collected."
            ),
            hint=(
                "Replace 'payment.contingent_fee_percent' with per-chart or "
                "hourly fees."
            ),
        )


@pack.rule("CK-MC-FEE-005", "error", "Hourly billing has an hourly rate")
def hourly_rate_set(ctx: RuleContext) -> Iterator[Violation]:
    """Coding billed per hour states the hourly rate.

    With ``basis: per_hour`` or ``both`` the fee schedule charges coding time
    by the hour; without a rate that line of the schedule has no price.
    """
    section = _section(ctx)
    if section is None or section.fees.basis not in ("per_hour", "both"):
        return
    if section.fees.hourly_rate is None:
        yield Violation(
            path="medical_coding.fees.hourly_rate",
            message="The coder is paid by the hour, but no hourly rate is given.",
            hint="Set 'medical_coding.fees.hourly_rate'.",
        )


@pack.rule("CK-MC-FEE-006", "warning", "Downtime has a fee")
def downtime_fee(ctx: RuleContext) -> Iterator[Violation]:
    """The downtime clause comes with an availability fee or a troubleshooting rate.

    The point of the downtime clause is that a coder who is ready to work
    while the client's systems are down is still paid. With neither a daily
    availability fee nor a troubleshooting rate, downtime only extends
    deadlines and the coder bears the lost day.
    """
    section = _section(ctx)
    if section is None or not ctx.has("medical_coding.downtime"):
        return
    fees = section.fees
    if fees.daily_availability_fee is None and fees.troubleshooting_hourly is None:
        yield Violation(
            path="medical_coding.fees.daily_availability_fee",
            message="Days lost to system downtime are not paid.",
            hint=(
                "Set 'medical_coding.fees.daily_availability_fee' or "
                "'medical_coding.fees.troubleshooting_hourly'."
            ),
        )


@pack.rule("CK-MC-FEE-007", "warning", "Re-coding after a policy change has a rate")
def rework_rate(ctx: RuleContext) -> Iterator[Violation]:
    """Billable re-coding after a payer policy change has a rework rate.

    Retroactive payer policy or LCD changes can force re-coding of charts
    that were right when coded. When that work is billable, a rework rate
    says what it costs; otherwise the clause falls back to another hourly
    rate, which may not be what the parties meant.
    """
    section = _section(ctx)
    if section is None or not ctx.has("medical_coding.policy_changes"):
        return
    if section.policy_changes.recoding_billable and section.fees.rework_hourly is None:
        yield Violation(
            path="medical_coding.fees.rework_hourly",
            message=(
                "Re-coding after a payer policy change is billable but has no rate."
            ),
            hint="Set 'medical_coding.fees.rework_hourly'.",
        )


@pack.rule("CK-MC-FEE-008", "warning", "Hourly work has a rate to fall back on")
def fallback_rate(ctx: RuleContext) -> Iterator[Violation]:
    """Work charged by the hour has at least one hourly rate.

    Documentation follow-up, troubleshooting, audit support and re-coding
    are charged by the hour. When no hourly rate of any kind is set, those
    clauses leave the price to later agreement.
    """
    section = _section(ctx)
    if section is None:
        return
    fees = section.fees
    rates = (
        fees.hourly_rate,
        fees.troubleshooting_hourly,
        fees.consulting_hourly,
        fees.rework_hourly,
        fees.audit_support_hourly,
    )
    if all(rate is None for rate in rates):
        yield Violation(
            path="medical_coding.fees.consulting_hourly",
            message="No work outside coding itself has an hourly rate.",
            hint="Set 'medical_coding.fees.consulting_hourly'.",
        )


@pack.rule("CK-MC-ACC-001", "error", "The accuracy target is a percentage")
def accuracy_in_range(ctx: RuleContext) -> Iterator[Violation]:
    """The accuracy target lies between 0 % and 100 %.

    Accuracy is the share of codes or charts that are correct; a target
    outside that range cannot be met or measured.
    """
    section = _section(ctx)
    if section is None:
        return
    percent = section.accuracy.percent
    if not Decimal(0) < percent <= Decimal(100):
        yield Violation(
            path="medical_coding.accuracy.percent",
            message=f"The accuracy target of {percent} % is not a percentage.",
            hint="Set 'medical_coding.accuracy.percent' to a value such as 95.",
        )


@pack.rule("CK-MC-ACC-002", "error", "The accuracy target says how it is sampled")
def accuracy_sampling(ctx: RuleContext) -> Iterator[Violation]:
    """An accuracy target states how the charts it is measured on are sampled.

    An accuracy rate depends entirely on which charts are reviewed: a
    target without a sampling method invites a dispute at the first audit.
    The pack's text also fixes the scoring level, the auditor, the rebuttal
    period and whether the figure is a target or a warranty.
    """
    section = _section(ctx)
    if section is not None and section.accuracy.sampling is None:
        yield Violation(
            path="medical_coding.accuracy.sampling",
            message="The accuracy target does not say which charts are reviewed.",
            hint=(
                "Set 'medical_coding.accuracy.sampling', such as 'a random 5 % "
                "of the charts coded each month'."
            ),
        )


@pack.rule("CK-MC-ACC-003", "warning", "An accuracy warranty is deliberate")
def accuracy_warranty(ctx: RuleContext) -> Iterator[Violation]:
    """An accuracy figure given as a warranty is flagged.

    A warranty makes every shortfall a breach, where a target leads to a
    corrective plan. Coders usually give a target; a warranty above 95 %
    is rarely achievable on real documentation.
    """
    section = _section(ctx)
    if section is None or section.accuracy.kind != "warranty":
        return
    if section.accuracy.percent > Decimal(95):
        yield Violation(
            path="medical_coding.accuracy.kind",
            message=(
                f"The coder warrants an accuracy of {section.accuracy.percent} %, "
                "so any shortfall is a breach."
            ),
            hint="Set 'medical_coding.accuracy.kind' to 'target'.",
        )


@pack.rule("CK-MC-PROD-001", "error", "Productivity rates are positive")
def productivity_positive(ctx: RuleContext) -> Iterator[Violation]:
    """Each productivity standard is a positive number of charts per hour.

    A rate of zero or below cannot be planned against; the productivity
    clause would print a meaningless table.
    """
    section = _section(ctx)
    if section is None:
        return
    for index, chart in enumerate(section.chart_types):
        rate = chart.charts_per_hour
        if rate is not None and rate <= 0:
            yield Violation(
                path=f"medical_coding.chart_types[{index}].charts_per_hour",
                message=f"The chart type {chart.name!r} has a rate of {rate} an hour.",
                hint=(
                    f"Set 'medical_coding.chart_types[{index}].charts_per_hour' "
                    "to a positive rate, or remove it."
                ),
            )


@pack.rule(
    "CK-MC-PROD-002", "warning", "Productivity standards pause for defined downtime"
)
def productivity_pauses_for_downtime(ctx: RuleContext) -> Iterator[Violation]:
    """Productivity standards that pause during downtime come with its definition.

    The productivity clause suspends its rates while the client's systems are
    down and for charts that wait for documentation, and it puts accuracy
    before speed. Without the downtime clause, downtime has neither a
    definition nor a threshold, so whether a slow morning pauses the
    standards is left to argument.
    """
    section = _section(ctx)
    if section is None or not ctx.has("medical_coding.productivity"):
        return
    if ctx.has("medical_coding.downtime"):
        return
    if section.downtime is None:
        yield Violation(
            path="medical_coding.downtime",
            message=(
                "The productivity standards pause during system downtime, but "
                "the agreement does not define downtime."
            ),
            hint="Add 'medical_coding.downtime' with its definition and threshold.",
        )
    else:
        yield Violation(
            path="clauses.downtime",
            message=(
                "The productivity standards pause during system downtime, but "
                "the downtime clause that defines it is switched off."
            ),
            hint="Switch the 'downtime' clause on.",
        )


@pack.rule("CK-MC-QRY-001", "warning", "Documentation gaps go through queries")
def queries_present(ctx: RuleContext) -> Iterator[Violation]:
    """A coder not responsible for clinical accuracy has a query protocol.

    The coder's role clause leaves the documentation to the client; the
    query protocol is how the coder raises gaps in it. Per-chart billing
    makes it an error (CK-MC-FEE-002); under hourly billing it is a warning.
    """
    section = _section(ctx)
    if section is None or section.fees.basis != "per_hour":
        return
    if section.query_protocol is None:
        yield Violation(
            path="medical_coding.query_protocol",
            message="Nothing says how the coder raises gaps in the documentation.",
            hint="Add 'medical_coding.query_protocol'.",
        )


@pack.rule("CK-MC-QRY-002", "warning", "Queries are paid")
def queries_paid(ctx: RuleContext) -> Iterator[Violation]:
    """A query protocol says what the coder's queries cost.

    Writing compliant queries and following them up takes time. The query
    protocol should set a query fee, or documentation follow-up should have
    a consulting rate.
    """
    section = _section(ctx)
    if section is None or section.query_protocol is None:
        return
    if (
        section.query_protocol.query_fee is None
        and section.fees.consulting_hourly is None
    ):
        yield Violation(
            path="medical_coding.query_protocol.query_fee",
            message="The coder's documentation queries are not paid.",
            hint=(
                "Set 'medical_coding.query_protocol.query_fee' or "
                "'medical_coding.fees.consulting_hourly'."
            ),
        )


@pack.rule("CK-MC-QRY-003", "warning", "An unanswered query still ends in a fee")
def query_timeout_billed(ctx: RuleContext) -> Iterator[Violation]:
    """A chart whose query goes unanswered leaves the queue as a paid review.

    The query protocol sets how long a chart may wait for an answer; when
    that time runs out the chart leaves the coder's queue. Unless it is then
    billed as a review, the coder's time on it is never paid, which is the
    loss the protocol exists to prevent.
    """
    section = _section(ctx)
    if section is None or section.query_protocol is None:
        return
    if not section.query_protocol.billed_as_review_after_timeout:
        yield Violation(
            path="medical_coding.query_protocol.billed_as_review_after_timeout",
            message=("A chart whose query is never answered leaves the queue unpaid."),
            hint=(
                "Set 'medical_coding.query_protocol.billed_as_review_after_timeout'"
                " to true."
            ),
        )


@pack.rule("CK-MC-POL-001", "warning", "Payer policy changes do not fall on the coder")
def policy_changes_protect_coder(ctx: RuleContext) -> Iterator[Violation]:
    """Charts are coded by the policy in force, and re-coding is billable.

    Payers and Medicare contractors change policies and Local Coverage
    Determinations mid-project, sometimes retroactively. Coding by the
    policy in force on the day of coding, and billing any re-coding a later
    change forces, keeps the cost of those changes with the client. Turning
    either off is possible, but is usually a mistake in the spec.
    """
    section = _section(ctx)
    if section is None or not ctx.has("medical_coding.policy_changes"):
        return
    changes = section.policy_changes
    for field, wording in (
        ("code_by_policy_in_force", "Charts are not coded by the policy in force"),
        ("recoding_billable", "Re-coding after a payer policy change is unpaid"),
    ):
        if not getattr(changes, field):
            yield Violation(
                path=f"medical_coding.policy_changes.{field}",
                message=f"{wording}, so the coder bears the cost of the change.",
                hint=f"Set 'medical_coding.policy_changes.{field}' to true.",
            )


@pack.rule("CK-MC-SW-001", "warning", "The client warrants its software licenses")
def software_licences(ctx: RuleContext) -> Iterator[Violation]:
    """Client-supplied software comes with the client's warranty of licenses.

    Encoders, medical-necessity checkers and EMR modules are licensed per
    user; a coder using the client's seat without enough licenses may
    itself infringe. The client should warrant it holds enough licenses.
    """
    section = _section(ctx)
    if section is None or not section.software.tools:
        return
    if not section.software.client_warrants_licences:
        yield Violation(
            path="medical_coding.software.client_warrants_licences",
            message=(
                "The client supplies the coding software without warranting "
                "that it holds enough licenses."
            ),
            hint="Set 'medical_coding.software.client_warrants_licences' to true.",
        )


@pack.rule("CK-MC-AUD-001", "warning", "Coders following guidelines bear no recoupment")
def audit_protection(ctx: RuleContext) -> Iterator[Violation]:
    """The coder does not bear recoupments where it followed official guidelines.

    Payers recoup for many reasons unrelated to coding: documentation,
    medical necessity, eligibility. Without this protection, every
    recoupment becomes a dispute about the coder's share; offsets are then
    limited to substantiated errors the coder caused, up to a cap.
    """
    section = _section(ctx)
    if section is None or not ctx.has("medical_coding.audit_support"):
        return
    if not section.audit.not_liable_if_guidelines_followed:
        yield Violation(
            path="medical_coding.audit.not_liable_if_guidelines_followed",
            message=(
                "The coder may bear recoupments even where it followed the "
                "official coding guidelines."
            ),
            hint=(
                "Set 'medical_coding.audit.not_liable_if_guidelines_followed' to true."
            ),
        )
