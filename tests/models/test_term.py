"""Tests for Term and Termination."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from contractkit.models import Term, Termination


def test_term_defaults_to_twelve_months_without_renewal() -> None:
    """12 months, no renewal, 30 days' convenience notice, 15-day cure."""
    term = Term()

    assert (term.initial_months, term.auto_renew) == (12, False)
    assert term.termination == Termination(
        convenience_notice_days=30, cure_period_days=15
    )


def test_term_may_run_until_the_services_are_complete() -> None:
    """initial_months None means no fixed end."""
    assert Term.model_validate({"initial_months": None}).initial_months is None


@pytest.mark.parametrize("months", [0, 121, -1])
def test_initial_term_is_one_to_120_months(months: int) -> None:
    """Months outside 1..120 are refused."""
    with pytest.raises(ValidationError) as caught:
        Term.model_validate({"initial_months": months})

    assert [e["loc"] for e in caught.value.errors()] == [("initial_months",)]


def test_termination_rights_can_be_left_out() -> None:
    """None means no convenience termination and no cure period."""
    termination = Termination.model_validate(
        {"convenience_notice_days": None, "cure_period_days": None}
    )

    assert termination.convenience_notice_days is None
    assert termination.cure_period_days is None


def test_nested_termination_errors_carry_their_path() -> None:
    """A bad notice period is reported under termination."""
    with pytest.raises(ValidationError) as caught:
        Term.model_validate({"termination": {"cure_period_days": -1}})

    assert [e["loc"] for e in caught.value.errors()] == [
        ("termination", "cure_period_days")
    ]
