"""Payment mechanics shared by every service agreement."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from contractkit.models._base import Days, Percent, SpecModel

__all__ = ["InvoiceFrequency", "LateFee", "PaymentTerms"]

InvoiceFrequency = Literal["weekly", "biweekly", "monthly", "on_completion"]


class LateFee(SpecModel):
    """Interest on overdue, undisputed amounts."""

    percent_per_month: Percent
    """Monthly rate, such as ``1.5`` for 1.5 % a month."""
    starts_after_days: Days = 0
    """Days after the due date before the fee starts."""
    capped_at_lawful_maximum: bool = True
    """Whether the rate falls back to the highest rate the law allows."""


class PaymentTerms(SpecModel):
    """When the provider invoices and when the client pays."""

    invoice_frequency: InvoiceFrequency = "biweekly"
    """How often the provider invoices."""
    payment_period_days: int = Field(default=30, ge=1, le=180)
    """Days from the invoice date until payment is due."""
    dispute_period_days: Days | None = None
    """Days the client has to dispute an invoice in good faith; the payment
    period when unset."""
    late_fee: LateFee | None = None
    """Interest on late payments, if any."""
    paid_regardless_of_denials: bool = True
    """Whether fees are owed whatever happens to the claims later."""
    contingent_fee_percent: Percent | None = None
    """A fee as a percentage of amounts billed or collected; contractkit's
    rules reject it where fees are owed regardless of denials."""
