"""Tests for PaymentTerms and LateFee."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from contractkit.models import LateFee, PaymentTerms


def test_payment_defaults() -> None:
    """Biweekly invoices, 30 days to pay, no late fee, paid regardless."""
    terms = PaymentTerms()

    assert terms.invoice_frequency == "biweekly"
    assert terms.payment_period_days == 30
    assert terms.dispute_period_days is None
    assert terms.late_fee is None
    assert terms.paid_regardless_of_denials is True
    assert terms.contingent_fee_percent is None


@pytest.mark.parametrize(
    "frequency", ["weekly", "biweekly", "monthly", "on_completion"]
)
def test_invoice_frequency_accepts_the_listed_cycles(frequency: str) -> None:
    """Each listed invoice cycle is accepted."""
    assert PaymentTerms(invoice_frequency=frequency).invoice_frequency == frequency


def test_invoice_frequency_rejects_other_cycles() -> None:
    """An unlisted cycle is an error."""
    with pytest.raises(ValidationError, match="invoice_frequency"):
        PaymentTerms.model_validate({"invoice_frequency": "daily"})


@pytest.mark.parametrize(
    ("days", "valid"), [(1, True), (180, True), (0, False), (181, False)]
)
def test_payment_period_is_one_to_180_days(days: int, valid: bool) -> None:
    """The payment period lies between 1 and 180 days."""
    if valid:
        assert PaymentTerms(payment_period_days=days).payment_period_days == days
    else:
        with pytest.raises(ValidationError, match="payment_period_days"):
            PaymentTerms.model_validate({"payment_period_days": days})


def test_late_fee_keeps_its_rate_exactly() -> None:
    """'1.50' a month stays Decimal('1.50')."""
    fee = LateFee.model_validate({"percent_per_month": "1.50"})

    assert str(fee.percent_per_month) == "1.50"
    assert fee.starts_after_days == 0
    assert fee.capped_at_lawful_maximum is True


def test_late_fee_needs_a_rate() -> None:
    """A late fee without a rate is incomplete."""
    with pytest.raises(ValidationError) as caught:
        LateFee.model_validate({})

    assert [e["loc"] for e in caught.value.errors()] == [("percent_per_month",)]


def test_contingent_fee_refuses_a_float() -> None:
    """The contingent fee is a Percent, so floats are refused."""
    with pytest.raises(ValidationError, match="binary float"):
        PaymentTerms.model_validate({"contingent_fee_percent": 5.0})


def test_contingent_fee_accepts_a_decimal() -> None:
    """A Decimal percentage is kept."""
    terms = PaymentTerms.model_validate({"contingent_fee_percent": Decimal("5")})

    assert terms.contingent_fee_percent == Decimal("5")
