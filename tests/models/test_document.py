"""Tests for DocumentInfo and GoverningLaw."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from contractkit.models import DocumentInfo, GoverningLaw


def document(**changes: Any) -> dict[str, Any]:
    return {"reference": "2026-001", "effective_date": "2026-01-05", **changes}


def errors_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        DocumentInfo.model_validate(data)
    return [dict(error) for error in caught.value.errors()]


def test_document_defaults_to_en_us_and_usd() -> None:
    """Locale and currency default to en_US and USD; the title to unset."""
    info = DocumentInfo.model_validate(document())

    assert (info.locale, info.currency, info.title) == ("en_US", "USD", None)
    assert info.effective_date == dt.date(2026, 1, 5)


@pytest.mark.parametrize(
    "reference", ["2026-001", "A", "a.b_c-d", "MC.2026.07", "9" * 64]
)
def test_reference_accepts_file_name_safe_identifiers(reference: str) -> None:
    """1 to 64 letters, digits, dots, hyphens, underscores; first alphanumeric."""
    assert DocumentInfo.model_validate(document(reference=reference)).reference == (
        reference
    )


@pytest.mark.parametrize(
    "reference",
    [
        "",
        "-001",
        ".hidden",
        "_x",
        "a/b",
        "..",
        "a b",
        "caf\u00e9",
        "9" * 65,
        "2026-001\n",
    ],
)
def test_reference_rejects_what_cannot_be_a_file_name(reference: str) -> None:
    """Separators, spaces, non-ASCII, 65 characters or a final newline fail."""
    [error] = errors_of(document(reference=reference))

    assert error["loc"] == ("reference",)
    assert "such as '2026-001'" in error["msg"]


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "fr_FR", "ja_JP", "fr-FR", "en"])
def test_locale_accepts_cldr_identifiers(locale: str) -> None:
    """Known CLDR locales, with '_' or '-', are kept as written."""
    assert DocumentInfo.model_validate(document(locale=locale)).locale == locale


@pytest.mark.parametrize("locale", ["xx_YY", "", "english"])
def test_locale_rejects_unknown_identifiers(locale: str) -> None:
    """An unknown locale is an error on the locale field naming the value."""
    [error] = errors_of(document(locale=locale))

    assert error["loc"] == ("locale",)
    assert f"unknown locale {locale!r}" in error["msg"]


@pytest.mark.parametrize("currency", ["USD", "EUR", "JPY", "BHD", "GBP"])
def test_currency_accepts_iso_codes(currency: str) -> None:
    """ISO 4217 codes are accepted."""
    assert DocumentInfo.model_validate(document(currency=currency)).currency == (
        currency
    )


@pytest.mark.parametrize("currency", ["usd", "US", "DOLLAR", "XYZ", ""])
def test_currency_rejects_other_codes(currency: str) -> None:
    """Lower case, short, long or unknown codes are refused, quoting the value."""
    [error] = errors_of(document(currency=currency))

    assert error["loc"] == ("currency",)
    assert f"{currency!r} is not an ISO 4217 currency code" in error["msg"]


@pytest.mark.parametrize("value", ["2026-02-30", "05/01/2026", "soon"])
def test_effective_date_must_be_a_calendar_date(value: str) -> None:
    """Impossible or ambiguous dates are refused."""
    [error] = errors_of(document(effective_date=value))

    assert error["loc"] == ("effective_date",)


def test_title_is_text() -> None:
    """The title follows the Text rules."""
    [error] = errors_of(document(title="Line one\nline two"))

    assert error["loc"] == ("title",)


def test_document_requires_reference_and_date() -> None:
    """reference and effective_date have no default."""
    assert {e["loc"] for e in errors_of({})} == {("reference",), ("effective_date",)}


def test_governing_law_requires_jurisdiction_and_courts() -> None:
    """Both the law and the courts must be named; the rest is optional."""
    with pytest.raises(ValidationError) as caught:
        GoverningLaw.model_validate({})

    assert {e["loc"] for e in caught.value.errors()} == {
        ("jurisdiction",),
        ("courts",),
    }


def test_governing_law_optional_fields_are_text() -> None:
    """arbitration_seat and courts_jurisdiction refuse empty text."""
    with pytest.raises(ValidationError) as caught:
        GoverningLaw.model_validate(
            {
                "jurisdiction": "Florida",
                "courts": "Tampa courts",
                "arbitration_seat": " ",
                "courts_jurisdiction": "",
            }
        )

    assert {e["loc"] for e in caught.value.errors()} == {
        ("arbitration_seat",),
        ("courts_jurisdiction",),
    }
