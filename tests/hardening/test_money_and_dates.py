"""Money and dates: Decimal end to end, half-up rounding, explicit locales.

The expected strings are written out from CLDR's patterns and symbols, not
copied from output: en_US "$" before the number, de_DE "." grouping, ","
decimals and " €" after; fr_FR narrow no-break space (U+202F) grouping; de_CH
apostrophe grouping; ja_JP full-width yen and no minor units; BHD three
minor units; a letter symbol is spaced from the digits by U+00A0.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from contractkit.composer import compose
from contractkit.loading import load, parse_data
from contractkit.values import format_date, format_money
from tests.support import EXAMPLE, SpecFactory

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.5", "USD", "en_US", "$1,234.50"),
        ("38.125", "USD", "en_US", "$38.13"),
        ("38.124999", "USD", "en_US", "$38.12"),
        ("1234.565", "EUR", "de_DE", f"1.234,57{NBSP}€"),
        ("1234.5", "EUR", "fr_FR", f"1{NNBSP}234,50{NBSP}€"),
        ("1234567.891", "EUR", "fr_FR", f"1{NNBSP}234{NNBSP}567,89{NBSP}€"),
        ("1234.5", "CHF", "de_CH", f"CHF{NBSP}1'234.50"),
        ("1234.5", "JPY", "ja_JP", "\uffe51,235"),
        ("0.5", "JPY", "en_US", "\u00a51"),
        ("0.0005", "BHD", "en_US", f"BHD{NBSP}0.001"),
        ("1234.5675", "BHD", "en_GB", f"BHD{NBSP}1,234.568"),
        ("2.5", "GBP", "en_GB", "£2.50"),
        ("12345.5", "EUR", "es_ES", f"12.345,50{NBSP}€"),
        ("-0.001", "EUR", "de_DE", f"0,00{NBSP}€"),
        ("-0.4", "JPY", "ja_JP", "\uffe50"),
        ("0", "USD", "en_US", "$0.00"),
    ],
)
def test_money_is_rounded_half_up_and_written_as_the_locale_writes_it(
    amount: str, currency: str, locale: str, expected: str
) -> None:
    """Each amount is quantized to its currency's minor units, half up."""
    assert format_money(Decimal(amount), currency, locale) == expected


@pytest.mark.parametrize(
    ("day", "locale", "expected"),
    [
        (dt.date(2029, 12, 31), "en_US", "December 31, 2029"),
        (dt.date(2029, 12, 31), "en_GB", "31 December 2029"),
        (dt.date(2029, 12, 31), "de_DE", "31. Dezember 2029"),
        (dt.date(2029, 12, 31), "fr_FR", "31 d\u00e9cembre 2029"),
        (dt.date(2029, 12, 31), "ja_JP", "2029\u5e7412\u670831\u65e5"),
        (dt.date(2029, 12, 31), "es_ES", "31 de diciembre de 2029"),
        (dt.date(2024, 12, 30), "en_US", "December 30, 2024"),
        (dt.date(2024, 12, 30), "de_CH", "30. Dezember 2024"),
        (dt.date(2027, 1, 1), "en_GB", "1 January 2027"),
        (dt.date(2027, 1, 1), "fr_FR", "1 janvier 2027"),
        (dt.date(2021, 1, 3), "de_DE", "3. Januar 2021"),
    ],
)
def test_dates_at_year_boundaries_keep_their_calendar_year(
    day: dt.date, locale: str, expected: str
) -> None:
    """ISO week-years differ from the calendar year here; the date must not."""
    assert format_date(day, locale) == expected


def test_a_yaml_amount_keeps_every_digit_and_prints_rounded(
    tmp_path: Path, spec: SpecFactory
) -> None:
    """``38.125`` unquoted in YAML is Decimal('38.125') in the model, $38.13 printed."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'rate_per_chart: "38.00"', "rate_per_chart: 38.125"
    )
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")

    contract = load(path)
    section = contract.extensions["medical_coding"]

    assert section.chart_types[0].rate_per_chart == Decimal("38.125")  # type: ignore[attr-defined]
    assert str(section.chart_types[0].rate_per_chart) == "38.125"  # type: ignore[attr-defined]
    assert "$38.13 per chart" in compose(contract).to_text()


@pytest.mark.parametrize(
    "source",
    [
        '{"a": "0.1000000000000000055511151231257827"}',
        '{"a": 0.1000000000000000055511151231257827}',
    ],
)
def test_json_amounts_keep_every_digit(source: str) -> None:
    """JSON strings and numbers both arrive as exact Decimals."""
    data, _ = parse_data(source, source="x.json", json_syntax=True)

    assert Decimal(data["a"]) == Decimal("0.1000000000000000055511151231257827")
    assert str(data["a"]) == "0.1000000000000000055511151231257827"


def test_yaml_quoted_and_unquoted_amounts_keep_every_digit() -> None:
    """A YAML amount, quoted or not, keeps its trailing zeros and digits."""
    data, _ = parse_data("a: 45.10\nb: '45.10'\nc: 1_000.005\n", source="x.yaml")

    assert [str(data[k]) for k in "ab"] == ["45.10", "45.10"]
    assert data["c"] == Decimal("1000.005")


@pytest.mark.parametrize(
    ("locale", "currency", "money", "date"),
    [
        ("en_US", "USD", "$38.00", "February 2, 2026"),
        ("de_DE", "EUR", f"38,00{NBSP}€", "2. Februar 2026"),
        ("fr_FR", "EUR", f"38,00{NBSP}€", "2 f\u00e9vrier 2026"),
        ("de_CH", "CHF", f"CHF{NBSP}38.00", "2. Februar 2026"),
        ("ja_JP", "JPY", "\uffe538", "2026\u5e742\u67082\u65e5"),
        ("en_GB", "BHD", f"BHD{NBSP}38.000", "2 February 2026"),
        ("es_ES", "EUR", f"38,00{NBSP}€", "2 de febrero de 2026"),
    ],
)
def test_the_contract_writes_money_and_dates_in_its_own_locale(
    spec: SpecFactory, locale: str, currency: str, money: str, date: str
) -> None:
    """The spec's locale and currency, not the machine's, shape the contract."""
    result = compose(spec(**{"document.locale": locale, "document.currency": currency}))
    text = result.to_text()

    assert f"{money} per chart" in text
    assert date in text


def test_no_negative_zero_reaches_a_contract(spec: SpecFactory) -> None:
    """An amount of zero prints without a minus sign, whatever its Decimal sign."""
    result = compose(spec(**{"medical_coding.chart_types[0].rate_per_chart": "-0.00"}))

    text = result.to_text()
    assert "$0.00 per chart" in text
    assert "-$0" not in text and "$-0" not in text


def test_spec_hash_is_the_same_for_json_and_yaml(spec: SpecFactory) -> None:
    """Amounts travel as strings, so both spellings give the same spec."""
    data = spec()
    again, _ = parse_data(
        json.dumps(data, default=str), source="x.json", json_syntax=True
    )

    assert (
        compose(again).provenance["spec_sha256"]
        == compose(data).provenance["spec_sha256"]
    )
