"""How long the agreement runs and how it ends."""

from __future__ import annotations

from pydantic import Field

from contractkit.models._base import Days, SpecModel

__all__ = ["Term", "Termination"]


class Termination(SpecModel):
    """How either party may end the agreement."""

    convenience_notice_days: Days | None = 30
    """Written notice needed to end the agreement for convenience; ``None``
    when it cannot be ended for convenience."""
    cure_period_days: Days | None = 15
    """Days a party has to cure a material breach after notice; ``None`` when
    there is no cure period."""


class Term(SpecModel):
    """The agreement's duration."""

    initial_months: int | None = Field(default=12, ge=1, le=120)
    """Length of the initial term in months; ``None`` to run until the
    services are complete."""
    auto_renew: bool = False
    """Whether the term renews for successive periods of the same length."""
    termination: Termination = Field(default_factory=Termination)
    """How the agreement can end early."""
