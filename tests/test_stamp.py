"""How stamps tell the values of two records apart."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from contractkit.composer._stamp import Path, fillable, leaf_changes
from contractkit.loading import to_contract


def _changes(a: object, b: object) -> list[Path] | None:
    out: list[Path] = []
    return out if leaf_changes(a, b, ("x",), out) else None


def test_text_that_differs_is_a_hole_and_other_values_are_not() -> None:
    """Only plain text may differ; numbers, types and lengths must be the same."""
    assert _changes({"a": "one", "b": 1}, {"a": "two", "b": 1}) == [("x", "a")]
    assert _changes({"a": 1}, {"a": 2}) is None
    assert _changes({"a": 1}, {"a": 1.0}) is None
    assert _changes(Decimal("45.0"), Decimal("45.00")) is None
    assert _changes(["a"], ["a", "b"]) is None
    assert _changes({"a": "x"}, {"b": "x"}) is None


def test_a_nan_is_never_the_same_value() -> None:
    """``in`` tells NaNs apart by identity, so two NaN objects differ."""
    assert _changes(float("nan"), float("nan")) is None
    assert _changes(Decimal("NaN"), Decimal("NaN")) is None
    assert _changes(Decimal("sNaN"), Decimal("sNaN")) is None
    nan = float("nan")
    assert _changes(nan, nan) == []


def test_models_with_different_fields_set_differ(example_data: dict[str, Any]) -> None:
    """A field given as its default is set: ``exclude_unset`` shows it."""
    given = copy.deepcopy(example_data)
    given["client"]["short_name"] = None
    left = to_contract(example_data).client
    right = to_contract(given).client
    assert left.short_name is right.short_name is None
    assert _changes(left, right) is None


def test_fillable_text_is_one_line_of_something() -> None:
    assert fillable("Clinic *One* [LLC] \\\\ | ~")
    assert not fillable("")
    assert not fillable("two\nlines")
    assert not fillable("\ue000\ue100\ue001")
    assert not fillable(Decimal("1"))


def test_lists_of_equal_values_of_other_types_are_not_the_same() -> None:
    """A list compared whole still tells ``1`` from ``True`` and ``1.0``."""
    assert _changes(["a", 1, None], ["a", 1, None]) == []
    assert _changes([1], [True]) is None
    assert _changes([1], [1.0]) is None
    assert _changes((True,), (1,)) is None
    assert _changes(["a", "b"], ["a", "c"]) == [("x", 1)]
    assert _changes([dt.date(2026, 1, 2)], [dt.datetime(2026, 1, 2)]) is None
