"""Tests for the shared field types and the base model of every spec model."""

from __future__ import annotations

import inspect
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

import contractkit.clauses.medical_coding.models as medical_coding_models
from contractkit import models
from contractkit.models import (
    Amount,
    Contract,
    Days,
    Email,
    Identifier,
    Percent,
    SpecModel,
    Text,
)

TEXT = TypeAdapter(Text)
AMOUNT = TypeAdapter(Amount)
PERCENT = TypeAdapter(Percent)
DAYS = TypeAdapter(Days)
IDENTIFIER = TypeAdapter(Identifier)
EMAIL = TypeAdapter(Email)


def error_of(adapter: TypeAdapter[Any], value: object) -> dict[str, Any]:
    """Validate ``value`` expecting exactly one error, and return it."""
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(value)

    errors = caught.value.errors()
    assert len(errors) == 1
    return dict(errors[0])


# Text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "ACME Coding LLC",
        "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
        "\u0645\u0631\u062d\u0628\u0627 ABC",
        "\u533b\u7642\u30b3\u30fc\u30c7\u30a3\u30f3\u30b0",
        "\U0001f600 \U0001f469\u200d\u2695\ufe0f",
        "Cafe\u0301 Zoe\u0308",
        " padded ",
        "x" * 10_000,
    ],
    ids=["latin", "hebrew", "arabic", "cjk", "emoji", "combining", "padded", "10k"],
)
def test_text_accepts_any_printable_script_unchanged(value: str) -> None:
    """RTL, CJK, emoji, combining marks and 10,000 characters pass as given."""
    assert TEXT.validate_python(value) == value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("a\x00b", "U+0000"),
        ("a\tb", "U+0009"),
        ("a\nb", "U+000A"),
        ("a\vb", "U+000B"),
        ("a\rb", "U+000D"),
        ("a\x1fb", "U+001F"),
        ("a\x7fb", "U+007F"),
        ("a\x85b", "U+0085"),
        ("a\x9fb", "U+009F"),
    ],
)
def test_text_rejects_control_characters(value: str, code: str) -> None:
    """C0 controls, DEL and C1 controls are refused, naming code and position."""
    error = error_of(TEXT, value)

    assert f"control character {code} at position 1" in error["msg"]


@pytest.mark.parametrize("value", ["a\ufffe", "a\uffff"])
def test_text_rejects_non_characters(value: str) -> None:
    """U+FFFE and U+FFFF are not text characters."""
    error = error_of(TEXT, value)

    assert "not a valid text character" in error["msg"]


def test_text_rejects_a_lone_surrogate() -> None:
    """A lone surrogate cannot be written to any output format."""
    with pytest.raises(ValidationError):
        TEXT.validate_python("a\ud800b")


@pytest.mark.parametrize("value", ["", " ", "   ", "\u00a0", "\u3000", " \u2003 "])
def test_text_rejects_empty_or_whitespace_only(value: str) -> None:
    """Text with nothing but whitespace is refused."""
    error = error_of(TEXT, value)

    assert "empty or only whitespace" in error["msg"]


def test_text_rejects_more_than_ten_thousand_characters() -> None:
    """10,001 characters is one too many."""
    error = error_of(TEXT, "x" * 10_001)

    assert error["type"] == "string_too_long"


def test_text_rejects_non_strings() -> None:
    """A number is not text."""
    assert error_of(TEXT, 45)["type"] == "string_type"


printable = st.characters(
    exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"
)


@given(st.text(printable, min_size=1, max_size=300).filter(str.strip))
def test_text_keeps_any_printable_value(value: str) -> None:
    """Any text of printable characters with a non-space is kept exactly."""
    assert TEXT.validate_python(value) == value


@given(
    st.text(printable, max_size=20),
    st.characters(categories=("Cc",)),
    st.text(printable, max_size=20),
)
def test_text_refuses_any_control_character(
    before: str, control: str, after: str
) -> None:
    """Any Cc character anywhere makes the text invalid."""
    with pytest.raises(ValidationError, match="control character"):
        TEXT.validate_python(f"x{before}{control}{after}")


# Amount and Percent -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("45.00", "45.00"),
        ("45.10", "45.10"),
        (" 45.5 ", "45.5"),
        ("1_000.50", "1000.50"),
        ("0", "0"),
        (45, "45"),
        (0, "0"),
        (Decimal("45.00"), "45.00"),
        (Decimal("0.001"), "0.001"),
        ("123456789012345678", "123456789012345678"),
    ],
)
def test_amount_keeps_every_digit(value: object, expected: str) -> None:
    """Strings, ints and Decimals become a Decimal with the digits given."""
    result = AMOUNT.validate_python(value)

    assert isinstance(result, Decimal)
    assert str(result) == expected


@pytest.mark.parametrize("value", [45.0, 0.1, 1e3])
def test_amount_refuses_a_float_and_says_to_quote_it(value: float) -> None:
    """A binary float is refused with a hint to give a string such as '45.00'."""
    error = error_of(AMOUNT, value)

    assert "binary float" in error["msg"]
    assert "'45.00'" in error["msg"]
    assert repr(value) in error["msg"]


@pytest.mark.parametrize("value", [True, False])
def test_amount_refuses_a_boolean(value: bool) -> None:
    """true/false is not an amount, although bool is an int in Python."""
    assert "boolean" in error_of(AMOUNT, value)["msg"]


@pytest.mark.parametrize("value", ["-1", "-0.01", -5, Decimal("-45.00")])
def test_amount_refuses_negative_amounts(value: object) -> None:
    """Amounts are never negative."""
    assert error_of(AMOUNT, value)["type"] == "greater_than_equal"


@pytest.mark.parametrize(
    "value", ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "+Inf"]
)
def test_amount_refuses_non_finite_strings(value: str) -> None:
    """NaN and infinities given as text are not finite amounts."""
    assert "not a finite amount" in error_of(AMOUNT, value)["msg"]


@pytest.mark.parametrize(
    "value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")]
)
def test_amount_refuses_non_finite_decimals(value: Decimal) -> None:
    """NaN and infinities given as Decimal are refused too."""
    with pytest.raises(ValidationError):
        AMOUNT.validate_python(value)


@pytest.mark.parametrize("value", ["abc", "", "  ", "1.2.3", "45,00", "$45"])
def test_amount_refuses_text_that_is_no_number(value: str) -> None:
    """Text that is not a number is refused, quoting it."""
    error = error_of(AMOUNT, value)

    assert f"{value!r} is not a number such as '45.00'" in error["msg"]


@pytest.mark.parametrize("value", [None, [], {}, object()])
def test_amount_refuses_other_types(value: object) -> None:
    """None, lists, mappings and arbitrary objects are not amounts."""
    with pytest.raises(ValidationError):
        AMOUNT.validate_python(value)


def test_amount_refuses_more_than_eighteen_digits() -> None:
    """An amount has at most 18 digits."""
    assert error_of(AMOUNT, "1234567890123456789")["type"] == "decimal_max_digits"


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=4, allow_nan=False))
def test_amount_string_round_trips_exactly(value: Decimal) -> None:
    """Any non-negative decimal written as text comes back digit for digit."""
    result = AMOUNT.validate_python(str(value))

    assert result.as_tuple() == value.as_tuple()


@pytest.mark.parametrize(
    ("value", "expected"), [("95", "95"), ("-2.5", "-2.5"), (150, "150")]
)
def test_percent_accepts_any_finite_number(value: object, expected: str) -> None:
    """Percent has no range of its own; range checks belong to the rules."""
    assert str(PERCENT.validate_python(value)) == expected


def test_percent_refuses_a_float() -> None:
    """Percentages follow the same no-float rule as amounts."""
    assert "binary float" in error_of(PERCENT, 95.0)["msg"]


# Days, Identifier, Email -----------------------------------------------------


@pytest.mark.parametrize(("value", "valid"), [(0, True), (3650, True), (-1, False)])
def test_days_range_from_zero_to_ten_years(value: int, valid: bool) -> None:
    """Days lie between 0 and 3650."""
    if valid:
        assert DAYS.validate_python(value) == value
    else:
        with pytest.raises(ValidationError):
            DAYS.validate_python(value)


def test_days_refuses_more_than_ten_years() -> None:
    """3651 days is too many."""
    assert error_of(DAYS, 3651)["type"] == "less_than_equal"


@pytest.mark.parametrize("value", ["a", "multi_specialty_surgery", "ed2", "a" * 64])
def test_identifier_accepts_lower_case_names(value: str) -> None:
    """Lower-case letters, digits and underscores, starting with a letter."""
    assert IDENTIFIER.validate_python(value) == value


@pytest.mark.parametrize(
    "value",
    ["", "Surgery", "1st", "_x", "a-b", "a b", "a" * 65, "caf\u00e9", "abc\n"],
)
def test_identifier_rejects_other_names(value: str) -> None:
    """Capitals, leading digits, hyphens, spaces, over 64 chars, a final newline."""
    error = error_of(IDENTIFIER, value)

    assert "is not an identifier" in error["msg"]


@pytest.mark.parametrize("value", ["name@example.com", "a.b+c@mail.example.org"])
def test_email_accepts_addresses(value: str) -> None:
    """An address with one @ and a dotted domain is accepted."""
    assert EMAIL.validate_python(value) == value


@pytest.mark.parametrize(
    "value",
    ["name", "name@example", "@example.com", "a@b@c.com", "a b@c.com", "a@b.com\n"],
)
def test_email_rejects_other_shapes(value: str) -> None:
    """No @, no dotted domain, two @, spaces or a final newline are refused."""
    assert "is not an email address" in error_of(EMAIL, value)["msg"]


# Unknown fields ----------------------------------------------------------------

SIGNATORY = {"name": "Ana Ruiz", "title": "Owner"}
PHASE = {"name": "Audit", "description": "Review charts."}

MINIMAL_DATA: dict[str, dict[str, Any]] = {
    "Address": {"lines": ["12 Bay St"]},
    "Signatory": SIGNATORY,
    "Party": {"legal_name": "ACME LLC", "signatory": SIGNATORY},
    "DocumentInfo": {"reference": "2026-001", "effective_date": "2026-01-05"},
    "GoverningLaw": {"jurisdiction": "Florida", "courts": "the Tampa courts"},
    "Term": {},
    "Termination": {},
    "PaymentTerms": {},
    "LateFee": {"percent_per_month": "1.5"},
    "Liability": {},
    "LiabilityCap": {},
    "Indemnity": {},
    "IndemnityProcedure": {},
    "Confidentiality": {},
    "CoderProfile": {},
    "Phase": PHASE,
    "AccuracyTarget": {},
    "ChartType": {"id": "surgery", "name": "Surgery encounter"},
    "CodingFees": {},
    "QueryProtocol": {},
    "Software": {},
    "Downtime": {},
    "PolicyChanges": {},
    "ErrorCorrection": {},
    "AuditProtection": {},
    "BusinessAssociateAgreement": {},
    "Privacy": {},
    "MedicalCoding": {"phases": [PHASE]},
}


def spec_models() -> dict[str, type[SpecModel]]:
    """Every SpecModel of the core models and the medical_coding pack."""
    found: dict[str, type[SpecModel]] = {}
    for module in (models, medical_coding_models):
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, SpecModel)
                and value not in (SpecModel, Contract)
            ):
                found[name] = value
    return found


def test_the_unknown_field_table_covers_every_spec_model() -> None:
    """Each spec model (Contract aside, tested on its own) has a row below."""
    assert sorted(spec_models()) == sorted(MINIMAL_DATA)


@pytest.mark.parametrize("name", sorted(MINIMAL_DATA))
def test_minimal_data_is_valid(name: str) -> None:
    """The minimal data of each model validates, so the next test is fair."""
    spec_models()[name].model_validate(MINIMAL_DATA[name])


@pytest.mark.parametrize("name", sorted(MINIMAL_DATA))
def test_every_spec_model_rejects_unknown_fields(name: str) -> None:
    """An unknown field is an extra_forbidden error, never silently dropped."""
    data = {**MINIMAL_DATA[name], "colour": "red"}

    with pytest.raises(ValidationError) as caught:
        spec_models()[name].model_validate(data)

    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [
        ("extra_forbidden", ("colour",))
    ]
