"""The public API: what ``import contractkit`` offers."""

from __future__ import annotations

import contractkit


def test_all_is_sorted_and_exact() -> None:
    """``__all__`` is sorted and lists exactly the documented public names."""
    assert contractkit.__all__ == sorted(contractkit.__all__)
    assert set(contractkit.__all__) == {
        "BulkResult",
        "Clause",
        "ClauseNotFoundError",
        "ClausePack",
        "ComposedContract",
        "CompositionError",
        "Contract",
        "ContractkitError",
        "Finding",
        "MarkupError",
        "OutputError",
        "PackError",
        "PackNotFoundError",
        "Party",
        "Report",
        "Rule",
        "RuleContext",
        "Severity",
        "SpecError",
        "SpecFileError",
        "SpecSyntaxError",
        "TemplateError",
        "Violation",
        "compose",
        "compose_many",
        "load",
        "register_pack",
        "to_contract",
    }


def test_every_exported_name_exists() -> None:
    """Each name in ``__all__`` is an attribute of the package."""
    for name in contractkit.__all__:
        assert hasattr(contractkit, name), name


def test_errors_inherit_matching_builtins() -> None:
    """Error classes are ContractkitErrors and the builtin that fits."""
    assert issubclass(contractkit.SpecError, ValueError)
    assert issubclass(contractkit.SpecFileError, OSError)
    assert issubclass(contractkit.PackNotFoundError, LookupError)
    assert issubclass(contractkit.OutputError, OSError)
    for name in contractkit.__all__:
        value = getattr(contractkit, name)
        if isinstance(value, type) and name.endswith("Error"):
            assert issubclass(value, contractkit.ContractkitError), name


def test_import_is_lazy() -> None:
    """``import contractkit`` alone loads neither pydantic models nor packs."""
    import subprocess
    import sys

    code = (
        "import sys, contractkit; "
        "print('contractkit.models' in sys.modules, 'jinja2' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert completed.stdout.split() == ["False", "False"]


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A name contractkit does not export raises AttributeError."""
    import pytest

    with pytest.raises(AttributeError, match="no_such_name"):
        contractkit.no_such_name  # noqa: B018
