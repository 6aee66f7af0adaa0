"""Tests for the Contract model and the pack sections it validates."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import pytest
from pydantic import ValidationError

from contractkit.clauses.medical_coding.models import MedicalCoding, Phase
from contractkit.models import Contract, PaymentTerms, SpecModel

pytestmark = pytest.mark.usefixtures("medical_coding_registry")


def error_list(data: dict[str, Any]) -> list[tuple[str, tuple[object, ...]]]:
    with pytest.raises(ValidationError) as caught:
        Contract.model_validate(data)
    return [(error["type"], tuple(error["loc"])) for error in caught.value.errors()]


def test_minimal_spec_is_a_contract_with_defaults(spec: dict[str, Any]) -> None:
    """The core sections not given take their defaults."""
    contract = Contract.model_validate(spec)

    assert contract.pack == "medical_coding"
    assert contract.payment == PaymentTerms()
    assert contract.clauses == {}
    assert contract.party("provider").legal_name == "Gulf Coast Coding LLC"
    assert contract.party("client").legal_name == "Bay Surgery Center PA"


def test_pack_section_is_validated_by_the_pack_model(spec: dict[str, Any]) -> None:
    """The medical_coding key becomes a MedicalCoding, found by its model."""
    contract = Contract.model_validate(spec)

    section = contract.extension(MedicalCoding)
    assert isinstance(section, MedicalCoding)
    assert section.phases == [
        Phase(name="Initial audit", description="Review a chart sample.")
    ]
    assert contract.extensions == {"medical_coding": section}


def test_spec_without_the_pack_section_has_no_extension(spec: dict[str, Any]) -> None:
    """A pack section is optional at the model level."""
    del spec["medical_coding"]

    contract = Contract.model_validate(spec)

    assert contract.extension(MedicalCoding) is None
    assert contract.extensions == {}


def test_extension_lookup_matches_the_model_class(spec: dict[str, Any]) -> None:
    """Asking for a model no section uses gives None."""

    class OtherSection(SpecModel):
        pass

    assert Contract.model_validate(spec).extension(OtherSection) is None


def test_unknown_top_level_key_is_rejected(spec: dict[str, Any]) -> None:
    """A key that is neither a core field nor a pack section is an error."""
    spec["medical_codng"] = spec["medical_coding"]

    assert error_list(spec) == [("extra_forbidden", ("medical_codng",))]


@pytest.mark.parametrize("section", ["document", "provider", "client", "governing_law"])
def test_required_core_sections(spec: dict[str, Any], section: str) -> None:
    """document, both parties and the governing law are required."""
    del spec[section]

    assert error_list(spec) == [("missing", (section,))]


def test_core_and_extension_errors_are_reported_together(
    spec: dict[str, Any],
) -> None:
    """One ValidationError lists the unknown key, core and pack section errors."""
    spec["colour"] = "red"
    spec["provider"]["signatory"]["name"] = ""
    spec["document"]["currency"] = "usd"
    spec["medical_coding"]["phases"] = []
    spec["medical_coding"]["accuracy"] = {"percent": 95.0}

    assert sorted(error_list(spec)) == sorted(
        [
            ("extra_forbidden", ("colour",)),
            ("value_error", ("provider", "signatory", "name")),
            ("value_error", ("document", "currency")),
            ("too_short", ("medical_coding", "phases")),
            ("value_error", ("medical_coding", "accuracy", "percent")),
        ]
    )


def test_nested_pack_errors_keep_list_indexes(spec: dict[str, Any]) -> None:
    """An error inside the n-th phase is located at ('medical_coding', 'phases', n)."""
    spec["medical_coding"]["phases"].append({"name": "Coding"})

    assert error_list(spec) == [
        ("missing", ("medical_coding", "phases", 1, "description"))
    ]


def test_error_messages_survive_the_regrouping(spec: dict[str, Any]) -> None:
    """The field's own message reaches the combined error."""
    spec["document"]["currency"] = "usd"

    with pytest.raises(ValidationError) as caught:
        Contract.model_validate(spec)

    [error] = caught.value.errors()
    assert "'usd' is not an ISO 4217 currency code" in error["msg"]


def test_pack_section_that_is_not_a_mapping_is_an_error(
    spec: dict[str, Any],
) -> None:
    """medical_coding: [] is reported at the section's key."""
    spec["medical_coding"] = []

    assert error_list(spec) == [("model_type", ("medical_coding",))]


def test_non_mapping_spec_is_an_error() -> None:
    """A list is not a spec."""
    with pytest.raises(ValidationError):
        Contract.model_validate(["document"])


def test_contract_section_types_are_checked(spec: dict[str, Any]) -> None:
    """clauses maps ids to true, false or a mapping of options, nothing else."""
    spec["clauses"] = {"indemnity": "maybe"}

    assert error_list(spec) == [("value_error", ("clauses", "indemnity"))]


def test_read_only_mapping_is_checked_like_a_dict(spec: dict[str, Any]) -> None:
    """A non-dict Mapping gets the same unknown-key and section checks."""
    spec["colour"] = "red"
    spec["medical_coding"]["phases"] = []

    with pytest.raises(ValidationError) as caught:
        Contract.model_validate(MappingProxyType(spec))

    assert sorted((e["type"], e["loc"]) for e in caught.value.errors()) == [
        ("extra_forbidden", ("colour",)),
        ("too_short", ("medical_coding", "phases")),
    ]
