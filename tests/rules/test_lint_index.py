"""The lint index made from the previous document's gives the same findings."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from contractkit.composer import compose
from contractkit.rules import lint
from contractkit.rules.rule import RuleContext

NAMES = ["Gulf Coast LLC", "TBD Clinic LLC", "North Clinic", "Agreement Clinic LLC"]


def _findings(document: Any, contract: Any) -> list[Any]:
    context = RuleContext(contract, (), document, {})
    return [(rule.code, v) for rule in lint.RULES for v in rule.run(context)]


@pytest.mark.parametrize("first", NAMES)
@pytest.mark.parametrize("second", NAMES)
def test_a_patched_index_finds_what_a_fresh_one_finds(
    example_data: dict[str, Any], first: str, second: str
) -> None:
    """Documents that differ in a name lint alike, whichever was linted before."""
    composed = []
    for name in (first, second):
        data = copy.deepcopy(example_data)
        data["client"]["legal_name"] = name
        result = compose(data)
        assert result.document is not None
        composed.append(result)
    before, now = composed

    lint._LAST[:] = [lint._Index(before.document)]
    patched = _findings(now.document, now.contract)
    lint._LAST.clear()
    fresh = _findings(now.document, now.contract)

    assert patched == fresh
    if "TBD" in second:
        assert any(code == "CK-LINT-005" for code, _ in fresh)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Fees are {{ fee }} a chart.", "{{"),
        ("Fees are fee }} a chart.", "}}"),
        ("{% if x %}", "{%"),
        ("a %} b", "%}"),
        ("The <<Client>> pays.", "<<"),
        ("The Client>> pays.", ">>"),
        ("Starts on TBD.", "TBD"),
        ("TODO: the rate", "TODO"),
        ("Rate: N/A", "N/A"),
        ("Agent: None", "None"),
        ("Starts on TBDs and TODOs; Nonesuch LLC; {x} <a> 50%", ""),
        ("A plain sentence with no placeholder at all.", ""),
    ],
)
def test_the_quick_placeholder_look_finds_each_placeholder(
    text: str, found: str
) -> None:
    """Looking for a piece of each placeholder first loses none of them."""
    lint._PLACEHOLDERS_SEEN.clear()
    assert lint._placeholder(text) == found
    assert lint._placeholder(text) == found  # and again, from what it saw
