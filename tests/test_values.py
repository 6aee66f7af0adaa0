"""Tests for contractkit.values: rounding and locale-aware formatting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractkit.values import (
    ROUNDING,
    format_date,
    format_money,
    format_number,
    format_percent,
    is_currency,
    parse_locale,
    quantize,
)

NBSP = "\u00a0"
NNBSP = "\u202f"

MINOR_UNITS = {"USD": 2, "EUR": 2, "JPY": 0, "BHD": 3}


def test_rounding_is_half_up() -> None:
    """The module rounds half-up, the rule contracts expect."""
    assert ROUNDING == "ROUND_HALF_UP"


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("10.005", "USD", "10.01"),
        ("2.675", "USD", "2.68"),
        ("1.004", "USD", "1.00"),
        ("-1.005", "USD", "-1.01"),
        ("5", "USD", "5.00"),
        ("0.125", "EUR", "0.13"),
        ("1234.5", "JPY", "1235"),
        ("1234.49", "JPY", "1234"),
        ("0.5", "JPY", "1"),
        ("-2.5", "JPY", "-3"),
        ("1.0005", "BHD", "1.001"),
        ("1.2345", "BHD", "1.235"),
        ("2", "BHD", "2.000"),
    ],
)
def test_quantize_rounds_half_up_to_the_currency_minor_units(
    amount: str, currency: str, expected: str
) -> None:
    """quantize rounds half-up to 2 (USD, EUR), 0 (JPY) or 3 (BHD) places."""
    assert str(quantize(Decimal(amount), currency)) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("-0.001", "USD", "0.00"),
        ("-0.004", "EUR", "0.00"),
        ("-0", "USD", "0.00"),
        ("-0.4", "JPY", "0"),
        ("-0.0004", "BHD", "0.000"),
    ],
)
def test_quantize_turns_negative_zero_into_zero(
    amount: str, currency: str, expected: str
) -> None:
    """An amount that rounds to zero is an unsigned zero, never -0.00."""
    result = quantize(Decimal(amount), currency)

    assert str(result) == expected
    assert not result.is_signed()


@given(
    amount=st.decimals(
        min_value=Decimal("-1e12"),
        max_value=Decimal("1e12"),
        places=6,
        allow_nan=False,
        allow_infinity=False,
    ),
    currency=st.sampled_from(sorted(MINOR_UNITS)),
)
def test_quantize_keeps_the_amount_within_half_a_minor_unit(
    amount: Decimal, currency: str
) -> None:
    """For any amount the result has the currency's places and is the nearest."""
    places = MINOR_UNITS[currency]
    result = quantize(amount, currency)

    assert result.as_tuple().exponent == -places
    assert abs(result - amount) <= Decimal(1).scaleb(-places) / 2
    assert not (result.is_zero() and result.is_signed())


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.5", "USD", "en_US", "$1,234.50"),
        ("-1234.5", "USD", "en_US", "-$1,234.50"),
        ("0.005", "USD", "en_US", "$0.01"),
        ("1234567.891", "USD", "en_US", "$1,234,567.89"),
        ("1234.5", "JPY", "en_US", "\u00a51,235"),
        ("1234.5", "EUR", "de_DE", f"1.234,50{NBSP}\u20ac"),
        ("1234.5", "USD", "de_DE", f"1.234,50{NBSP}$"),
        ("1234567.891", "EUR", "fr_FR", f"1{NNBSP}234{NNBSP}567,89{NBSP}\u20ac"),
        ("1234567", "JPY", "ja_JP", "\uffe51,234,567"),
        ("1234.5", "USD", "ja_JP", "$1,234.50"),
    ],
)
def test_format_money_follows_the_locale(
    amount: str, currency: str, locale: str, expected: str
) -> None:
    """Money uses the locale's symbol, grouping, decimal sign and placement."""
    assert format_money(Decimal(amount), currency, locale) == expected


def test_format_money_rounds_to_three_places_for_bhd() -> None:
    """A BHD amount shows three decimal places, rounded half-up."""
    assert format_money(Decimal("1.2345"), "BHD", "en_US").endswith("1.235")


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "fr_FR", "ja_JP"])
def test_format_money_never_shows_a_negative_zero(locale: str) -> None:
    """-0.001 USD is shown as a plain zero, with no minus sign."""
    text = format_money(Decimal("-0.001"), "USD", locale)

    assert "-" not in text
    assert "\u2212" not in text
    assert "0" in text


def test_format_money_accepts_a_hyphenated_locale() -> None:
    """'de-DE' is read as 'de_DE'."""
    assert format_money(Decimal("1"), "EUR", "de-DE") == f"1,00{NBSP}\u20ac"


def test_week_year_trap_dates_are_in_the_next_iso_year() -> None:
    """The dates used below really fall in a week of the following ISO year."""
    assert dt.date(2029, 12, 31).isocalendar()[0] == 2030
    assert dt.date(2024, 12, 30).isocalendar()[0] == 2025


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (dt.date(2029, 12, 31), "en_US", "December 31, 2029"),
        (dt.date(2029, 12, 31), "de_DE", "31. Dezember 2029"),
        (dt.date(2024, 12, 30), "en_US", "December 30, 2024"),
        (dt.date(2024, 12, 30), "de_DE", "30. Dezember 2024"),
        (dt.date(2026, 1, 5), "en_US", "January 5, 2026"),
        (dt.date(2026, 1, 5), "de_DE", "5. Januar 2026"),
        (dt.date(2026, 3, 1), "fr_FR", "1 mars 2026"),
        (dt.date(2029, 12, 31), "ja_JP", "2029\u5e7412\u670831\u65e5"),
    ],
)
def test_format_date_uses_the_long_form_and_the_calendar_year(
    value: dt.date, locale: str, expected: str
) -> None:
    """Dates use the locale's long form; late-December dates keep their year."""
    assert format_date(value, locale) == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (Decimal("95"), "en_US", "95%"),
        (95, "en_US", "95%"),
        (Decimal("97.5"), "en_US", "97.5%"),
        (Decimal("12.345"), "en_US", "12.345%"),
        (Decimal("0"), "en_US", "0%"),
        (Decimal("1.5"), "de_DE", f"1,5{NBSP}%"),
        (Decimal("95"), "de_DE", f"95{NBSP}%"),
        (Decimal("97.5"), "fr_FR", f"97,5{NBSP}%"),
        (Decimal("95"), "ja_JP", "95%"),
    ],
)
def test_format_percent_reads_its_value_in_percent(
    value: Decimal | int, locale: str, expected: str
) -> None:
    """95 means 95 %, written with the locale's decimal sign and spacing."""
    assert format_percent(value, locale) == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (Decimal("2.5"), "de_DE", "2,5"),
        (1234567, "en_US", "1,234,567"),
        (1234567, "de_DE", "1.234.567"),
        (1234567, "fr_FR", f"1{NNBSP}234{NNBSP}567"),
    ],
)
def test_format_number_uses_the_locale_grouping_and_decimal_sign(
    value: Decimal | int, locale: str, expected: str
) -> None:
    """Plain numbers use the locale's grouping and decimal separators."""
    assert format_number(value, locale) == expected


@pytest.mark.parametrize(
    ("identifier", "language", "territory"),
    [("en_US", "en", "US"), ("fr-FR", "fr", "FR"), ("ja_JP", "ja", "JP")],
)
def test_parse_locale_reads_underscore_and_hyphen_forms(
    identifier: str, language: str, territory: str
) -> None:
    """Both 'fr_FR' and 'fr-FR' name the same locale."""
    locale = parse_locale(identifier)

    assert (locale.language, locale.territory) == (language, territory)


@pytest.mark.parametrize("identifier", ["", "xx", "xx_YY", "klingon", "en_US_??"])
def test_parse_locale_rejects_unknown_identifiers(identifier: str) -> None:
    """An unknown locale is a ValueError quoting the identifier and an example."""
    with pytest.raises(ValueError, match="unknown locale") as caught:
        parse_locale(identifier)

    assert repr(identifier) in str(caught.value)
    assert "'en_US'" in str(caught.value)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("USD", True), ("EUR", True), ("JPY", True), ("BHD", True)]
    + [("usd", False), ("US", False), ("XYZ", False), ("", False)],
)
def test_is_currency_knows_iso_4217_codes(code: str, expected: bool) -> None:
    """Only upper-case ISO 4217 codes are currencies."""
    assert is_currency(code) is expected
