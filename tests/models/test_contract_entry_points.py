"""Contract validation through the installed clause-pack entry points.

Unlike test_contract.py, these tests use the real plugin registry: the
medical_coding section must be found through the pack's entry point.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from contractkit import plugins
from contractkit.clauses.medical_coding.models import MedicalCoding
from contractkit.models import Contract


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    """Discover the packs afresh for each test and forget them afterwards."""
    plugins.reset()
    yield
    plugins.reset()


def test_installed_medical_coding_pack_registers_its_section(
    spec: dict[str, Any],
) -> None:
    """The medical_coding key is validated by the model the pack declares."""
    contract = Contract.model_validate(spec)

    assert isinstance(contract.extension(MedicalCoding), MedicalCoding)


def test_installed_pack_errors_carry_the_section_key(spec: dict[str, Any]) -> None:
    """Core, unknown-key and section errors come together, sections prefixed."""
    spec["medical_coding"]["phases"] = []
    spec["client"]["signatory"]["title"] = " "
    spec["surprise"] = 1

    with pytest.raises(ValidationError) as caught:
        Contract.model_validate(spec)

    assert sorted((e["type"], e["loc"]) for e in caught.value.errors()) == [
        ("extra_forbidden", ("surprise",)),
        ("too_short", ("medical_coding", "phases")),
        ("value_error", ("client", "signatory", "title")),
    ]
