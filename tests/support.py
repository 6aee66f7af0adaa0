"""Paths and helpers shared by the test modules."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

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


CHANGES: dict[str, list[Any]] = {
    "client.legal_name": [
        "Gulf Coast LLC",
        "North *Shore* Clinic",
        "A & B [Sons]",
        "Back\\slash \ue000\ue100\ue001 Clinic",
    ],
    "client.short_name": [DELETE, "Center", "Clinic"],
    "provider.short_name": [DELETE, "Coder"],
    "client.signatory.name": ["Marisol Ortega", "Lee Chan"],
    "document.reference": ["2026-001", "B-000002"],
    "document.locale": ["en_US", "en_GB"],
    "document.currency": ["USD", "EUR"],
    "document.title": [DELETE, "Coding Agreement"],
    "payment.payment_period_days": [15, 30],
    "payment.late_fee.percent_per_month": ["1.5", "1.50", "2"],
    "payment.paid_regardless_of_denials": [True, False],
    "term.auto_renew": [False, True],
    "term.initial_months": [4, 1, 12],
    "confidentiality.survival_years": [5, 3],
    "liability.cap.months": [12, 6],
    "liability.indemnity": [DELETE],
    "liability.indemnity.good_faith_condition": [True, False],
    "medical_coding.estimated_charts": [300, 1, 2500],
    "medical_coding.code_sets": [["ICD-10-CM", "CPT"], ["CPT"]],
    "medical_coding.coder.credentials": [["CPC"], ["CPC", "CPC-O", "CCS"]],
    "clauses.warranties": [False, True],
    "clauses.audit_support": [False, True],
}
"""Values to set on the example, a few for each field a batch may vary."""

spec_changes = st.dictionaries(
    st.sampled_from(sorted(CHANGES)), st.integers(0, 2), max_size=5
).map(lambda picks: {k: CHANGES[k][i % len(CHANGES[k])] for k, i in picks.items()})
"""A few of :data:`CHANGES`, each with one of its values."""


def variant(example: dict[str, Any], picked: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of ``example`` with the ``picked`` values set."""
    data = copy.deepcopy(example)
    for dotted, value in picked.items():
        try:
            set_path(data, dotted, value)
        except (KeyError, TypeError):
            pass
    return data
