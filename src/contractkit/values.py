"""Money, percentages and dates, formatted by babel in an explicit locale.

Amounts are :class:`~decimal.Decimal` from the spec to the page. Before an
amount is shown it is quantized to the minor units of its currency (JPY 0,
EUR 2, BHD 3) with :data:`ROUNDING`, half-up as contracts expect, and a
negative zero is shown as zero. Formatting never reads the machine's locale:
every function here takes the contract's locale.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
)
from babel.numbers import format_percent as _babel_format_percent
from babel.numbers import list_currencies as _list_currencies

__all__ = [
    "ROUNDING",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "is_currency",
    "parse_locale",
    "quantize",
]

ROUNDING = ROUND_HALF_UP
"""The rounding rule used to bring an amount to its currency's minor units."""


@cache
def parse_locale(identifier: str) -> Locale:
    """Return the babel locale for ``identifier`` such as ``en_US`` or ``fr-FR``.

    Raises:
        ValueError: the identifier names no locale babel knows.
    """
    try:
        return Locale.parse(identifier.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(
            f"unknown locale {identifier!r}; use a CLDR identifier such as 'en_US'"
        ) from exc


@cache
def _currencies() -> frozenset[str]:
    return frozenset(_list_currencies())


def is_currency(code: str) -> bool:
    """Tell whether ``code`` is an ISO 4217 currency code babel knows."""
    return code in _currencies()


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round ``amount`` half-up to the minor units of ``currency``.

    >>> quantize(Decimal("10.005"), "USD")
    Decimal('10.01')
    >>> quantize(Decimal("1234.5"), "JPY")
    Decimal('1235')
    >>> quantize(Decimal("-0.001"), "EUR")
    Decimal('0.00')
    """
    exponent = Decimal(1).scaleb(-get_currency_precision(currency))
    rounded = amount.quantize(exponent, rounding=ROUNDING)
    return abs(rounded) if rounded.is_zero() else rounded


def format_money(amount: Decimal, currency: str, locale: str) -> str:
    r"""Format ``amount`` in ``currency`` the way ``locale`` writes money.

    >>> format_money(Decimal("1234.5"), "USD", "en_US")
    '$1,234.50'
    >>> format_money(Decimal("1234.5"), "EUR", "de_DE")
    '1.234,50\xa0€'

    A currency symbol that ends or starts with a letter, such as ``BHD``, is
    kept apart from the digits by a no-break space, as CLDR's currency
    spacing rule says (babel does not apply that rule itself):

    >>> format_money(Decimal("2.5"), "BHD", "en_US")
    'BHD\xa02.500'
    """
    value = quantize(amount, currency)
    babel_locale = parse_locale(locale)
    text = format_currency(value, currency, locale=babel_locale)
    return _space_symbol(text, get_currency_symbol(currency, locale=babel_locale))


def _space_symbol(text: str, symbol: str) -> str:
    """Put a no-break space between a letter at the symbol's edge and a digit."""
    at = text.find(symbol) if symbol else -1
    if at < 0:
        return text

    end = at + len(symbol)
    if end < len(text) and text[end].isdigit() and symbol[-1].isalpha():
        text = f"{text[:end]}\u00a0{text[end:]}"
    if at > 0 and text[at - 1].isdigit() and symbol[0].isalpha():
        text = f"{text[:at]}\u00a0{text[at:]}"
    return text


def format_number(value: Decimal | int, locale: str) -> str:
    """Format a plain number with the grouping and decimal sign of ``locale``.

    >>> format_number(Decimal("2.5"), "de_DE")
    '2,5'
    """
    return format_decimal(value, locale=parse_locale(locale))


def format_percent(value: Decimal | int, locale: str) -> str:
    r"""Format ``value``, given in percent (``95`` is 95 %), for ``locale``.

    >>> format_percent(Decimal("95"), "en_US")
    '95%'
    >>> format_percent(Decimal("97.5"), "fr_FR")
    '97,5\xa0%'
    """
    fraction = Decimal(value) / 100
    return _babel_format_percent(
        fraction, locale=parse_locale(locale), decimal_quantization=False
    )


def format_date(value: dt.date, locale: str) -> str:
    """Format a calendar date in the long form of ``locale``.

    CLDR's long patterns use the calendar year ``y``, never the week-year
    ``Y``, so 31 December 2029 stays in 2029.

    >>> format_date(dt.date(2029, 12, 31), "en_US")
    'December 31, 2029'
    >>> format_date(dt.date(2026, 1, 5), "de_DE")
    '5. Januar 2026'
    """
    return _babel_format_date(value, format="long", locale=parse_locale(locale))
