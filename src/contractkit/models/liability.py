"""Limitation of liability and indemnities."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from contractkit.models._base import Amount, Days, SpecModel, Text
from contractkit.models.parties import Role

__all__ = ["Indemnity", "IndemnityProcedure", "Liability", "LiabilityCap"]

Exclusion = Literal["fraud", "wilful_misconduct", "gross_negligence", "confidentiality"]


_DEFAULT_EXCLUDED: tuple[Exclusion, ...] = (
    "fraud",
    "wilful_misconduct",
    "gross_negligence",
)


class LiabilityCap(SpecModel):
    """The most either party owes the other under the agreement."""

    basis: Literal["fees_paid", "fixed"] = "fees_paid"
    """``fees_paid``: the fees paid in the look-back period; ``fixed``: a set
    amount."""
    months: int = Field(default=12, ge=1, le=120)
    """The look-back period for ``fees_paid``."""
    amount: Amount | None = None
    """The fixed cap, for ``basis: fixed``."""
    excluded: list[Exclusion] = Field(default_factory=lambda: list(_DEFAULT_EXCLUDED))
    """Claims the cap does not limit."""


class IndemnityProcedure(SpecModel):
    """How an indemnified claim is handled."""

    notice_days: Days = 10
    """Days within which the indemnitee gives notice of a claim."""
    indemnitor_controls_defence: bool = True
    """Whether the indemnitor controls the defence."""
    settlement_needs_consent: bool = True
    """Whether a settlement admitting fault needs the indemnitee's consent."""


class Indemnity(SpecModel):
    """One party's promise to cover the other's losses from certain claims."""

    indemnitor: Role = "client"
    """The party that indemnifies."""
    indemnitee: Role = "provider"
    """The party that is indemnified."""
    covered_claims: list[Text] = Field(
        default_factory=lambda: [
            "payer audits",
            "government investigations",
        ],
        min_length=1,
    )
    """The claims covered, such as ``payer audits``."""
    loss_types: list[Text] = Field(
        default_factory=lambda: [
            "losses",
            "damages",
            "penalties",
            "reasonable attorneys' fees",
        ],
        min_length=1,
    )
    """The kinds of loss covered."""
    good_faith_condition: bool = False
    """Whether the indemnity applies only where the indemnitee acted in good
    faith on the records provided."""
    procedure: IndemnityProcedure = Field(default_factory=IndemnityProcedure)
    """Notice, cooperation, defence and settlement."""
    cap: Literal["general", "uncapped", "own"] = "general"
    """Which cap limits the indemnity: the general liability cap, none, or
    its own ``own_cap_amount``."""
    own_cap_amount: Amount | None = None
    """The indemnity's own cap, for ``cap: own``."""


class Liability(SpecModel):
    """Liability limits and indemnities."""

    cap: LiabilityCap | None = Field(default_factory=LiabilityCap)
    """The general liability cap; ``None`` for no cap."""
    indemnity: Indemnity | None = None
    """The indemnity, if the agreement has one."""
