"""The ``contractkit packs`` commands: listing and checking clause packs."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contractkit import plugins
from contractkit.cli import app
from tests.support import ROOT

runner = CliRunner()
TRANSLATION = ROOT / "tests" / "plugins" / "contractkit-translation"


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    """Forget packs, modules and paths a check of a pack folder added."""
    modules, path = set(sys.modules), list(sys.path)
    plugins.reset()
    yield
    plugins.reset()
    sys.path[:] = path
    for name in set(sys.modules) - modules:
        del sys.modules[name]


def invoke(*args: str | Path) -> Any:
    return runner.invoke(app, [str(arg) for arg in args])


def test_packs_list_shows_the_built_in_packs() -> None:
    """``packs list`` names general and medical_coding with version and counts."""
    result = invoke("packs", "list")

    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert {"general", "medical_coding"} <= set(lines)
    assert lines["general"].startswith("general 1.0.0: 12 clauses, ")
    assert lines["medical_coding"].startswith(
        "medical_coding 1.0.0 (extends general): 15 clauses, "
    )


def test_packs_list_honours_contractkit_packs(monkeypatch: Any) -> None:
    """CONTRACTKIT_PACKS restricts the listing to the packs it names."""
    monkeypatch.setenv("CONTRACTKIT_PACKS", "general")

    result = invoke("packs", "list")

    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.output.splitlines()] == ["general"]


def test_packs_check_medical_coding_exits_0() -> None:
    """The built-in specialised pack passes every author check."""
    result = invoke("packs", "check", "medical_coding")

    assert result.exit_code == 0, result.output
    assert "Pack medical_coding 1.0.0: 15 clauses and" in result.output
    assert "check out." in result.output


def test_packs_check_general_exits_0() -> None:
    """The general pack passes every author check on its own."""
    result = invoke("packs", "check", "general")

    assert result.exit_code == 0, result.output


def test_packs_check_unknown_name_is_bad_input() -> None:
    """An unknown pack name exits 2 and lists the installed packs."""
    result = invoke("packs", "check", "no_such_pack")

    assert result.exit_code == 2
    assert "'no_such_pack'" in result.output
    assert "general" in result.output


def test_packs_check_a_distribution_folder() -> None:
    """A pack's distribution folder is checked through its pyproject entry point."""
    result = invoke("packs", "check", TRANSLATION)

    assert result.exit_code == 0, result.output
    assert "Pack translation 1.0.0: 5 clauses and 3 rules check out." in result.output


def test_packs_check_a_package_folder() -> None:
    """A pack's package folder is imported under its own name and checked."""
    result = invoke("packs", "check", TRANSLATION / "src" / "contractkit_translation")

    assert result.exit_code == 0, result.output
