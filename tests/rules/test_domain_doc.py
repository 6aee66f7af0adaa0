"""docs/domain-rules.md maps the 30 domain rules to codes that exist."""

from __future__ import annotations

import re

import pytest

from contractkit._docgen import all_rules
from tests.support import ROOT

DOC = ROOT / "docs" / "domain-rules.md"
CODE = re.compile(r"\bCK-[A-Z0-9]+(?:-[A-Z0-9]+)*-\d{3}\b")
ROW = re.compile(r"^\| (\d+) \| (.+?) \| (.+?) \| (.+?) \|$")


@pytest.fixture(scope="module")
def rows() -> list[tuple[int, str, str, str]]:
    """The table's rows as (number, rule, codes, coverage)."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    return [(int(m[1]), m[2], m[3], m[4]) for line in lines if (m := ROW.match(line))]


def test_table_has_the_thirty_rules_in_order(
    rows: list[tuple[int, str, str, str]],
) -> None:
    """One row per rule of DOMAIN.md section 4, numbered 1 to 30."""
    assert [number for number, *_ in rows] == list(range(1, 31))


def test_every_named_code_is_installed(rows: list[tuple[int, str, str, str]]) -> None:
    """Each code the table names is the code of an installed rule."""
    installed = {rule.code for rule in all_rules()}

    named = {code for _, _, codes, _ in rows for code in CODE.findall(codes)}

    assert named
    assert named - installed == set()


def test_at_least_25_rules_are_implemented(
    rows: list[tuple[int, str, str, str]],
) -> None:
    """25 or more rows name a code; the others say why, and name none."""
    implemented = [row for row in rows if CODE.search(row[2])]
    missing = [row for row in rows if not CODE.search(row[2])]

    assert len(implemented) >= 25
    for _, _, codes, coverage in missing:
        assert codes == "not implemented"
        assert coverage.strip()
    for _, _, _, coverage in implemented:
        assert coverage.startswith(("Full", "Partial"))
