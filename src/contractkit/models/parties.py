"""The parties to the agreement and who signs for them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from contractkit.models._base import Email, SpecModel, Text

__all__ = ["Address", "Party", "Role", "Signatory"]

Role = Literal["provider", "client"]
"""A role a clause can name; each resolves to one of the two parties."""


class Address(SpecModel):
    """A postal address, one line per item, as it should be printed."""

    lines: list[Text] = Field(min_length=1, max_length=8)
    """The address lines, street first, such as ``["12 Bay St", "Tampa, FL
    33602"]``."""


class Signatory(SpecModel):
    """The person who signs for a party."""

    name: Text
    """Full name of the person signing."""
    title: Text
    """Their title, such as ``Practice Administrator``."""


class Party(SpecModel):
    """One party: the provider of the services or their client."""

    legal_name: Text
    """The party's full legal name."""
    entity_type: Text | None = None
    """Legal form, such as ``Florida limited liability company`` or
    ``sole proprietor``."""
    address: Address | None = None
    """Registered or business address; also the notice address."""
    notice_email: Email | None = None
    """Where notices under the agreement are sent."""
    signatory: Signatory
    """Who signs for the party."""
    short_name: Text | None = None
    """How the party is referred to in the text, such as ``Provider``; the
    role's name when unset."""
