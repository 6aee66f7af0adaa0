"""Paths and helpers shared by the test modules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "medical-coding"
EXAMPLE = EXAMPLES / "orthopedic-backlog.yaml"
INVALID_INDEMNITY = EXAMPLES / "invalid-indemnity.yaml"

SpecFactory = Callable[..., dict[str, Any]]
"""The type of the ``spec`` fixture."""


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
