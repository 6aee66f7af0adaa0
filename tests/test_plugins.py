"""Pack discovery through entry points."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import EntryPoint

import pytest

from contractkit import plugins


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    plugins.reset()
    yield
    plugins.reset()


def test_builtin_packs_load_through_entry_points() -> None:
    """general and medical_coding are found in the contractkit.clause_packs group."""
    names = {point.name for point in plugins._entry_points().values()}

    assert {"general", "medical_coding"} <= names
    assert set(plugins.available_packs()) >= {"general", "medical_coding"}


def test_environment_variable_restricts_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    """CONTRACTKIT_PACKS loads only the packs it names."""
    monkeypatch.setenv("CONTRACTKIT_PACKS", "general")

    assert list(plugins.available_packs()) == ["general"]


def test_duplicate_pack_names_warn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two distributions registering one pack name warn and name both."""
    points = [
        EntryPoint(
            "general", "contractkit.clauses.general:pack", "contractkit.clause_packs"
        ),
        EntryPoint("general", "elsewhere:pack", "contractkit.clause_packs"),
    ]
    monkeypatch.setattr(plugins, "entry_points", lambda group: points)

    with pytest.warns(plugins.PackWarning, match="elsewhere:pack"):
        found = plugins._entry_points()

    assert found["general"].value == "contractkit.clauses.general:pack"


def test_pack_chain_puts_bases_first() -> None:
    """medical_coding's chain is general, then medical_coding."""
    assert [p.name for p in plugins.pack_chain("medical_coding")] == [
        "general",
        "medical_coding",
    ]
