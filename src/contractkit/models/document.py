"""Document metadata: reference, title, dates, locale, currency, law."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import Field, field_validator

from contractkit.models._base import SpecModel, Text
from contractkit.values import is_currency, parse_locale

__all__ = ["DocumentInfo", "GoverningLaw"]

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class DocumentInfo(SpecModel):
    """What identifies the agreement and how its values are written."""

    reference: str = Field(json_schema_extra={"pattern": _REFERENCE.pattern})
    """Document reference such as ``2026-001``; also the output file name."""
    effective_date: dt.date
    """The date the agreement takes effect."""
    title: Annotated[Text, Field(max_length=200)] | None = None
    """The agreement's title, at most 200 characters; the clause pack's
    default title when unset."""
    locale: str = "en_US"
    """CLDR locale for money, numbers and dates, such as ``en_US``."""
    currency: str = "USD"
    """ISO 4217 code of every amount in the contract."""

    @field_validator("reference")
    @classmethod
    def _check_reference(cls, value: str) -> str:
        if not _REFERENCE.fullmatch(value):
            raise ValueError(
                f"reference {value!r} must be 1 to 64 letters, digits, dots, "
                "hyphens or underscores, starting with a letter or digit, "
                "such as '2026-001'"
            )
        return value

    @field_validator("locale")
    @classmethod
    def _check_locale(cls, value: str) -> str:
        parse_locale(value)
        return value

    @field_validator("currency")
    @classmethod
    def _check_currency(cls, value: str) -> str:
        if not is_currency(value):
            raise ValueError(
                f"{value!r} is not an ISO 4217 currency code such as 'USD' or 'EUR'"
            )
        return value


class GoverningLaw(SpecModel):
    """Which law governs the agreement and where disputes are heard."""

    jurisdiction: Text
    """The governing law, such as ``the State of Florida``."""
    courts: Text
    """The courts with exclusive jurisdiction, such as ``the state and federal
    courts located in Hillsborough County, Florida``."""
    arbitration_seat: Text | None = None
    """Seat of arbitration, when disputes go to arbitration instead of courts."""
    courts_jurisdiction: Text | None = Field(default=None)
    """The jurisdiction the courts sit in, when it differs from the governing
    law's name; used to check that law and courts agree."""
