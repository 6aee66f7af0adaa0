"""Tests for the liability cap and the indemnity."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from contractkit.models import Indemnity, Liability, LiabilityCap


def test_liability_defaults_to_a_fees_paid_cap_and_no_indemnity() -> None:
    """By default liability is capped at 12 months of fees, with exclusions."""
    liability = Liability()

    assert liability.cap == LiabilityCap(
        basis="fees_paid",
        months=12,
        amount=None,
        excluded=["fraud", "wilful_misconduct", "gross_negligence"],
    )
    assert liability.indemnity is None


def test_liability_cap_can_be_removed() -> None:
    """cap: null means no general cap."""
    assert Liability.model_validate({"cap": None}).cap is None


def test_fixed_cap_keeps_its_amount_exactly() -> None:
    """A fixed cap given as '50000.00' stays Decimal('50000.00')."""
    cap = LiabilityCap.model_validate({"basis": "fixed", "amount": "50000.00"})

    assert str(cap.amount) == "50000.00"


@pytest.mark.parametrize(
    ("field", "value"),
    [("basis", "unlimited"), ("months", 0), ("excluded", ["negligence"])],
)
def test_liability_cap_rejects_values_outside_its_choices(
    field: str, value: object
) -> None:
    """Unknown bases, zero months and unknown exclusions are refused."""
    with pytest.raises(ValidationError) as caught:
        LiabilityCap.model_validate({field: value})

    assert caught.value.errors()[0]["loc"][0] == field


def test_indemnity_defaults_to_the_client_covering_the_provider() -> None:
    """The client indemnifies the provider against audits by default."""
    indemnity = Indemnity()

    assert (indemnity.indemnitor, indemnity.indemnitee) == ("client", "provider")
    assert "payer audits" in indemnity.covered_claims
    assert indemnity.procedure.notice_days == 10
    assert indemnity.cap == "general"


@pytest.mark.parametrize("field", ["covered_claims", "loss_types"])
def test_indemnity_lists_may_not_be_empty(field: str) -> None:
    """An indemnity covers at least one claim and one kind of loss."""
    with pytest.raises(ValidationError) as caught:
        Indemnity.model_validate({field: []})

    assert [e["loc"] for e in caught.value.errors()] == [(field,)]


def test_indemnity_roles_are_provider_or_client() -> None:
    """A role other than provider or client is refused."""
    with pytest.raises(ValidationError) as caught:
        Indemnity.model_validate({"indemnitor": "insurer"})

    assert [e["loc"] for e in caught.value.errors()] == [("indemnitor",)]


def test_indemnity_own_cap_is_an_amount() -> None:
    """own_cap_amount follows the Amount rules."""
    indemnity = Indemnity.model_validate({"cap": "own", "own_cap_amount": 10000})

    assert indemnity.own_cap_amount == Decimal(10000)
    with pytest.raises(ValidationError, match="binary float"):
        Indemnity.model_validate({"cap": "own", "own_cap_amount": 10000.0})
