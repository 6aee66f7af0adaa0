"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from contractkit.loading import load_data
from tests.support import EXAMPLE, SpecFactory, set_path


@pytest.fixture(scope="session")
def example_data() -> dict[str, Any]:
    """The example spec as plain data, read once."""
    data, _ = load_data(EXAMPLE)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def spec(example_data: dict[str, Any]) -> SpecFactory:
    """Build a copy of the example spec with dotted-path changes.

    ``spec(**{"liability.indemnity.good_faith_condition": False})``
    """

    def build(changes: dict[str, Any] | None = None, **more: Any) -> dict[str, Any]:
        data = copy.deepcopy(example_data)
        for dotted, value in {**(changes or {}), **more}.items():
            set_path(data, dotted, value)
        return data

    return build
