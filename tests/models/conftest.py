"""Fixtures for the spec model tests: a minimal valid spec and a pack registry."""

from __future__ import annotations

from typing import Any

import pytest

from contractkit import plugins
from contractkit.clauses.medical_coding.models import MedicalCoding
from contractkit.models import SpecModel


def minimal_spec() -> dict[str, Any]:
    """Return a fresh, minimal valid spec with a medical_coding section."""
    return {
        "document": {"reference": "2026-001", "effective_date": "2026-01-05"},
        "provider": {
            "legal_name": "Gulf Coast Coding LLC",
            "signatory": {"name": "Ana Ruiz", "title": "Owner"},
        },
        "client": {
            "legal_name": "Bay Surgery Center PA",
            "signatory": {"name": "Lee Chen", "title": "Practice Administrator"},
        },
        "governing_law": {
            "jurisdiction": "the State of Florida",
            "courts": "the state courts in Hillsborough County, Florida",
        },
        "medical_coding": {
            "phases": [
                {"name": "Initial audit", "description": "Review a chart sample."}
            ]
        },
    }


@pytest.fixture
def spec() -> dict[str, Any]:
    """A fresh minimal valid spec the test may change."""
    return minimal_spec()


@pytest.fixture
def medical_coding_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the medical_coding model the only spec extension, whatever is installed.

    Contract validation asks the plugin registry for spec extensions; this
    keeps the model tests independent of which packs load in this checkout.
    """
    models: dict[str, type[SpecModel]] = {"medical_coding": MedicalCoding}
    monkeypatch.setattr(plugins, "spec_extensions", lambda names=None: dict(models))
