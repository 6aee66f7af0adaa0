"""Tests for the confidentiality model."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from contractkit.models import Confidentiality


def test_confidentiality_survives_five_years_by_default() -> None:
    """Five years' survival; information is returned or destroyed."""
    assert Confidentiality() == Confidentiality(
        survival_years=5, return_or_destroy=True
    )


@pytest.mark.parametrize(
    ("years", "valid"), [(1, True), (50, True), (0, False), (51, False)]
)
def test_survival_is_one_to_fifty_years(years: int, valid: bool) -> None:
    """The duty survives between 1 and 50 years."""
    if valid:
        assert Confidentiality(survival_years=years).survival_years == years
    else:
        with pytest.raises(ValidationError, match="survival_years"):
            Confidentiality.model_validate({"survival_years": years})
