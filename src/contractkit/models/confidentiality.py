"""Confidentiality duties shared by every service agreement."""

from __future__ import annotations

from pydantic import Field

from contractkit.models._base import SpecModel

__all__ = ["Confidentiality"]


class Confidentiality(SpecModel):
    """How each party treats the other's confidential information."""

    survival_years: int = Field(default=5, ge=1, le=50)
    """Years the duty survives the end of the agreement."""
    return_or_destroy: bool = True
    """Whether confidential information is returned or destroyed at the end."""
