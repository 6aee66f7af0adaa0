"""Tests for Party, Signatory and Address."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from contractkit.models import Address, Party, Signatory


def party(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "legal_name": "Gulf Coast Coding LLC",
        "signatory": {"name": "Ana Ruiz", "title": "Owner"},
    }
    data.update(changes)
    return data


def locs(model: type[Any], data: object) -> list[tuple[object, ...]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [tuple(error["loc"]) for error in caught.value.errors()]


def test_party_needs_only_a_legal_name_and_a_signatory() -> None:
    """Everything else about a party is optional and unset by default."""
    result = Party.model_validate(party())

    assert result.signatory == Signatory(name="Ana Ruiz", title="Owner")
    assert (result.entity_type, result.address, result.notice_email) == (
        None,
        None,
        None,
    )
    assert result.short_name is None


def test_party_keeps_every_optional_field() -> None:
    """Entity type, address, notice email and short name are kept as given."""
    result = Party.model_validate(
        party(
            entity_type="Florida limited liability company",
            address={"lines": ["12 Bay St", "Tampa, FL 33602"]},
            notice_email="notices@gulfcoast.example",
            short_name="Provider",
        )
    )

    assert result.address == Address(lines=["12 Bay St", "Tampa, FL 33602"])
    assert result.notice_email == "notices@gulfcoast.example"


def test_missing_signatory_fields_are_reported_with_their_path() -> None:
    """Errors inside the signatory carry the nested location."""
    assert locs(Party, party(signatory={"name": ""})) == [
        ("signatory", "name"),
        ("signatory", "title"),
    ]


def test_party_reports_every_problem_at_once() -> None:
    """A bad name, email and address are reported together."""
    data = party(legal_name="\t", notice_email="nobody", address={"lines": []})

    assert sorted(locs(Party, data), key=str) == sorted(
        [("legal_name",), ("notice_email",), ("address", "lines")], key=str
    )


@pytest.mark.parametrize(
    ("count", "valid"), [(1, True), (8, True), (0, False), (9, False)]
)
def test_address_has_one_to_eight_lines(count: int, valid: bool) -> None:
    """An address prints on 1 to 8 lines."""
    data = {"lines": [f"line {n}" for n in range(count)]}

    if valid:
        assert len(Address.model_validate(data).lines) == count
    else:
        assert locs(Address, data) == [("lines",)]


def test_address_line_with_a_newline_is_refused() -> None:
    """Lines are separate items, so a line may not hold a line break."""
    assert locs(Address, {"lines": ["12 Bay St\nTampa"]}) == [("lines", 0)]
