"""A broken pack names what is wrong, is skipped, and harms no other pack.

Discovered without being asked for, a broken pack warns with a
:class:`PackWarning` and is left out; asked for by name (``load_pack``,
``compose(packs=[...])``, ``contractkit packs check NAME``) it fails with a
:class:`PackError` carrying the same message.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from contractkit import PackError, compose, plugins
from contractkit.cli import app
from contractkit.plugins import PackWarning
from tests.plugins.conftest import PackMaker
from tests.support import ROOT

SAMPLE = ROOT / "tests/plugins/contractkit-translation/src/contractkit_translation"
SAMPLE_SPEC = (SAMPLE / "examples" / "sample.yaml").read_text(encoding="utf-8")

HEADER = """
from contractkit import Clause, ClausePack
"""


def _pack_source(name: str, *, order: str = "", requires: str = "()") -> str:
    return (
        HEADER
        + f"""
pack = ClausePack(
    "{name}",
    "0.1.0",
    description="A pack the tests break on purpose.",
    package=__name__,
    extends=("general",),
    sample_spec="sample.yaml",
    clauses=[Clause("duties", "Duties", "duties.j2", requires={requires})],
    order=[{order}],
)
"""
    )


def _spec(pack: str) -> str:
    data = yaml.safe_load(SAMPLE_SPEC)
    data["pack"] = pack
    del data["translation"]
    return yaml.safe_dump(data)


GOOD_TEMPLATE = {"duties.j2": "{{ Provider }} shall do the work.\n"}


def _import_error(make_pack: PackMaker) -> tuple[Path, list[str]]:
    folder = make_pack("imports_missing", init="import no_such_module_here\n")
    return folder, ["'imports_missing'", "ModuleNotFoundError", "no_such_module_here"]


def _bad_template(make_pack: PackMaker) -> tuple[Path, list[str]]:
    folder = make_pack(
        "bad_template",
        init=_pack_source("bad_template"),
        templates={"duties.j2": "Line one.\n\n{% if Provider %}never closed\n"},
        examples={"sample.yaml": _spec("bad_template")},
    )
    return folder, ["'bad_template.duties'", "line 3"]


def _unknown_in_order(make_pack: PackMaker) -> tuple[Path, list[str]]:
    folder = make_pack(
        "bad_order",
        init=_pack_source(
            "bad_order",
            order='"general.preamble", "bad_order.duties", "bad_order.gone"',
        ),
        templates=GOOD_TEMPLATE,
        examples={"sample.yaml": _spec("bad_order")},
    )
    return folder, ["'bad_order'", "'bad_order.gone'", "order"]


def _unknown_in_requires(make_pack: PackMaker) -> tuple[Path, list[str]]:
    folder = make_pack(
        "bad_requires",
        init=_pack_source("bad_requires", requires='("general.no_such_clause",)'),
        templates=GOOD_TEMPLATE,
        examples={"sample.yaml": _spec("bad_requires")},
    )
    return folder, ["'bad_requires'", "'general.no_such_clause'", "duties.requires"]


def _not_a_pack(make_pack: PackMaker) -> tuple[Path, list[str]]:
    folder = make_pack("not_a_pack", init="pack = {'name': 'not_a_pack'}\n")
    return folder, ["'not_a_pack'", "not_a_pack:pack", "dict, not a ClausePack"]


def _name_mismatch(make_pack: PackMaker) -> tuple[Path, list[str]]:
    folder = make_pack(
        "misnamed_module",
        init=_pack_source("other_name"),
        templates=GOOD_TEMPLATE,
        entry="misnamed",
    )
    return folder, ["'misnamed'", "'other_name'", "must match"]


LOAD_TIME = [_import_error, _not_a_pack, _name_mismatch]
"""Breakages the registry sees when it imports the entry point."""

CONTENT = [_bad_template, _unknown_in_order, _unknown_in_requires]
"""Breakages in a pack that imports: a template or a clause id."""


def _entry(folder: Path) -> str:
    return next(
        name
        for name, point in plugins._entry_points().items()
        if point.value == f"{folder.name}:pack"
    )


def _all_packs_quietly() -> tuple[dict[str, Any], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        packs = plugins.available_packs()
    return packs, [str(w.message) for w in caught if w.category is PackWarning]


@pytest.mark.parametrize(
    "breakage",
    [*LOAD_TIME, *CONTENT],
)
def test_broken_pack_warns_and_is_skipped(make_pack: PackMaker, breakage: Any) -> None:
    """Discovery warns with what is wrong, skips the pack, loads the others."""
    folder, words = breakage(make_pack)

    packs, messages = _all_packs_quietly()

    assert {"general", "medical_coding"} <= set(packs)
    assert _entry(folder) not in packs
    assert len(messages) == 1
    for word in words:
        assert word in messages[0]


@pytest.mark.parametrize(
    "breakage",
    [*LOAD_TIME, *CONTENT],
)
def test_broken_pack_asked_for_by_name_raises(
    make_pack: PackMaker, breakage: Any
) -> None:
    """load_pack of a broken pack raises PackError with what is wrong."""
    folder, words = breakage(make_pack)

    with pytest.raises(PackError) as caught:
        plugins.load_pack(_entry(folder))

    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize("breakage", LOAD_TIME)
def test_broken_pack_named_in_available_packs_raises(
    make_pack: PackMaker, breakage: Any
) -> None:
    """available_packs([name]) raises for a broken pack it was asked for."""
    folder, words = breakage(make_pack)

    with pytest.raises(PackError) as caught:
        plugins.available_packs([_entry(folder), "general"])

    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize(
    "breakage",
    [
        *LOAD_TIME,
        _bad_template,
        _unknown_in_order,
    ],
)
def test_compose_with_a_broken_pack_raises_pack_error(
    make_pack: PackMaker, breakage: Any
) -> None:
    """compose(spec, packs=[name]) with a broken pack raises PackError."""
    folder, words = breakage(make_pack)
    name = _entry(folder)
    spec = yaml.safe_load(_spec(name))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PackWarning)
        with pytest.raises(PackError) as caught:
            compose(spec, packs=[name, "general"])

    for word in words:
        assert word in str(caught.value)


def test_a_broken_pack_does_not_stop_composing_with_others(
    make_pack: PackMaker,
) -> None:
    """A spec for another pack composes while a broken pack is installed."""
    _import_error(make_pack)
    spec = yaml.safe_load(_spec("general"))

    with pytest.warns(PackWarning, match="imports_missing"):
        result = compose(spec)

    assert result.ok, result.report


@pytest.mark.parametrize("breakage", CONTENT)
def test_packs_check_by_name_exits_1(make_pack: PackMaker, breakage: Any) -> None:
    """``packs check NAME`` of a pack with broken content exits 1, naming it."""
    folder, words = breakage(make_pack)

    result = CliRunner().invoke(app, ["packs", "check", _entry(folder)])

    assert result.exit_code == 1, result.output
    for word in words:
        assert word in result.output


@pytest.mark.parametrize(
    "breakage",
    [
        *CONTENT,
        _import_error,
        _not_a_pack,
    ],
)
def test_packs_check_of_a_broken_folder_exits_1(
    make_pack: PackMaker, breakage: Any
) -> None:
    """``packs check PATH`` of a broken pack exits 1 with what is wrong."""
    folder, words = breakage(make_pack)

    result = CliRunner().invoke(app, ["packs", "check", str(folder)])

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for word in words[1:]:
        assert word in result.output


def test_register_pack_replaces_an_installed_pack(make_pack: PackMaker) -> None:
    """A registered pack wins over an installed one of the same name."""
    folder = make_pack(
        "good_pack",
        init=_pack_source("good_pack", order='"general.preamble", "good_pack.duties"'),
        templates=GOOD_TEMPLATE,
    )
    installed = plugins.load_pack("good_pack")
    replacement = type(installed)(
        "good_pack", "9.9.9", description="x", clauses=[], package=folder.name
    )

    plugins.register_pack(replacement)

    assert plugins.load_pack("good_pack").version == "9.9.9"
