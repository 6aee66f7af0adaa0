"""The base model and the constrained field types every spec model shares."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

__all__ = ["Amount", "Days", "Email", "Identifier", "Percent", "SpecModel", "Text"]


class SpecModel(BaseModel):
    """Base of every spec model: unknown fields are errors, never dropped."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=False,
        validate_default=True,
        use_attribute_docstrings=True,
    )


def _check_text(value: str) -> str:
    """Reject text that cannot reach every output format intact.

    Control characters (C0, DEL, C1), the non-characters U+FFFE and U+FFFF
    and lone surrogates are rejected: XML cannot hold most of them, and the
    others would change the layout in ways the spec does not say. The bidi
    embedding, override and isolate controls (U+202A to U+202E, U+2066 to
    U+2069) are rejected too: they can make a name display as other words
    than it holds. Right-to-left text itself, and the marks U+200E and
    U+200F, are fine.
    """
    if _FORBIDDEN.search(value) is not None:
        _explain_forbidden(value)
    if not value.strip():
        raise ValueError("text must not be empty or only whitespace")
    return value


_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)
"""Every character :func:`_check_text` refuses, for a quick first look."""


def _explain_forbidden(value: str) -> None:
    """Raise the error that names the first refused character of ``value``."""
    for index, char in enumerate(value):
        code = ord(char)
        if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            raise ValueError(
                f"bidirectional control U+{code:04X} at position {index} is not "
                "allowed, because it can disguise what the text says; remove it"
            )
        if code < 0x20 or 0x7F <= code <= 0x9F:
            raise ValueError(
                f"control character U+{code:04X} at position {index} is not "
                "allowed; remove it or use separate list items for separate lines"
            )
        if code in (0xFFFE, 0xFFFF) or unicodedata.category(char) == "Cs":
            raise ValueError(
                f"character U+{code:04X} at position {index} is not a valid "
                "text character; remove it"
            )


Text = Annotated[str, Field(max_length=10_000), AfterValidator(_check_text)]
"""A single line of free text that every output format can hold."""

_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def _check_identifier(value: str) -> str:
    if not _IDENTIFIER.fullmatch(value):
        raise ValueError(
            f"{value!r} is not an identifier; use lower-case letters, digits "
            "and underscores, starting with a letter"
        )
    return value


Identifier = Annotated[str, AfterValidator(_check_identifier)]
"""A lower-case identifier such as ``multi_specialty_surgery``."""

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an email address such as name@example.com")

    return _check_text(value)


Email = Annotated[str, Field(max_length=320), AfterValidator(_check_email)]
"""An email address, checked for its shape and, like :data:`Text`, for
characters no output format can hold."""


_DIGITS = r"[0-9](?:_?[0-9])*"
_DECIMAL = re.compile(
    rf"[+-]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?"
)
"""An amount written with ASCII digits, optional ``_`` between digits."""
_NON_FINITE = re.compile(r"[+-]?(?:s?nan|inf|infinity)", re.IGNORECASE)


def _to_decimal(value: Any) -> Any:
    """Accept amounts as strings, ints or Decimals; refuse binary floats.

    A float has already lost digits by the time it arrives, so it is refused
    with a hint to quote the amount. Spec files loaded by contractkit never
    produce floats: their numbers are read as Decimal.
    """
    if isinstance(value, bool):
        raise ValueError("expected an amount such as '45.00', got a boolean")
    if isinstance(value, float):
        raise ValueError(
            f"amount {value!r} is a binary float and may have lost digits; "
            "give it as a string such as '45.00' or as a Decimal"
        )
    if isinstance(value, str):
        text = value.strip()
        if _NON_FINITE.fullmatch(text):
            raise ValueError(f"{value!r} is not a finite amount")
        if not _DECIMAL.fullmatch(text):
            raise ValueError(
                f"{value!r} is not a number such as '45.00' (ASCII digits, a "
                "dot for decimals)"
            )
        parsed = Decimal(text.replace("_", ""))
        if not parsed.is_finite():
            raise ValueError(f"{value!r} is not a finite amount")
        return parsed
    return value


_NUMBER_PATTERN = (
    r"^\s*[+-]?([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)\s*$"
)


def _number_schema(minimum: int | None) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number"}
    if minimum is not None:
        number["minimum"] = minimum
    return {
        "anyOf": [number, {"type": "string", "pattern": _NUMBER_PATTERN}],
        "description": 'A decimal number; quote it, such as "45.00", to keep '
        "every digit.",
    }


Amount = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(ge=0, allow_inf_nan=False, max_digits=18),
    WithJsonSchema(_number_schema(0)),
]
"""A non-negative amount of money in the contract's currency."""

Percent = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(allow_inf_nan=False, max_digits=9),
    WithJsonSchema(_number_schema(None)),
]
"""A percentage given in percent: ``95`` means 95 %. Range checks are rules."""

Days = Annotated[int, Field(ge=0, le=3650)]
"""A whole number of calendar days."""
