"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from contractkit.loading import load_data

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "medical-coding"
EXAMPLE = EXAMPLES / "orthopedic-backlog.yaml"
INVALID_INDEMNITY = EXAMPLES / "invalid-indemnity.yaml"

SpecFactory = Callable[..., dict[str, Any]]


def set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``a.b[0].c`` in nested data; the value ``DELETE`` removes the key."""
    parts: list[str | int] = []
    for piece in dotted.split("."):
        name, _, rest = piece.partition("[")
        parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            parts.append(int(index))
            rest = rest.lstrip("[")
    target: Any = data
    for part in parts[:-1]:
        if isinstance(part, str) and part not in target:
            target[part] = {}
        target = target[part]
    if value is DELETE:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value


DELETE = object()
"""Marker for :func:`set_path` and the ``spec`` fixture: remove the field."""


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
