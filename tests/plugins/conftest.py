"""Fixtures for the plugin tests: a clean pack registry and throwaway packs."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from contractkit import plugins

PackMaker = Callable[..., Path]
"""The type of the ``make_pack`` fixture."""


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    """Forget loaded packs, and the modules and paths a test added."""
    modules, path = set(sys.modules), list(sys.path)
    plugins.reset()
    yield
    plugins.reset()
    sys.path[:] = path
    for name in set(sys.modules) - modules:
        del sys.modules[name]


@pytest.fixture
def make_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PackMaker:
    """Write a package under ``tmp_path``, importable, with an entry point.

    ``make_pack("name", init="...", templates={"a.j2": "..."})`` writes
    ``<tmp>/<name>/__init__.py`` and its templates, puts ``<tmp>`` on
    ``sys.path`` and adds ``<entry> = "<name>:pack"`` to the packs the
    registry discovers. Returns the package folder.
    """
    monkeypatch.syspath_prepend(str(tmp_path))
    extra: dict[str, EntryPoint] = {}
    discover = plugins._entry_points
    monkeypatch.setattr(plugins, "_entry_points", lambda: {**discover(), **extra})

    def make(
        name: str,
        *,
        init: str,
        templates: dict[str, str] | None = None,
        examples: dict[str, str] | None = None,
        entry: str | None = None,
    ) -> Path:
        folder = tmp_path / name
        for sub, files in (("templates", templates), ("examples", examples)):
            (folder / sub).mkdir(parents=True, exist_ok=True)
            for file, text in (files or {}).items():
                (folder / sub / file).write_text(text, encoding="utf-8")
        (folder / "__init__.py").write_text(textwrap.dedent(init), encoding="utf-8")
        point = entry or name
        extra[point] = EntryPoint(point, f"{name}:pack", plugins.ENTRY_POINT_GROUP)
        return folder

    return make
