"""The example specs a new user starts from."""

from __future__ import annotations

from importlib.resources import files

from contractkit.errors import ContractkitError

__all__ = ["EXAMPLES", "UnknownExampleError", "example_spec"]

EXAMPLES = {
    "medical-coding": ("contractkit.clauses.medical_coding", "orthopedic-backlog.yaml"),
}
"""Example name -> (package, file in its ``examples/`` folder)."""


class UnknownExampleError(ContractkitError, LookupError):
    """No example has the requested name."""


def example_spec(name: str) -> str:
    """Return the text of the example spec called ``name``.

    Raises:
        UnknownExampleError: there is no such example.
    """
    try:
        package, filename = EXAMPLES[name]
    except KeyError:
        raise UnknownExampleError(
            f"There is no example {name!r}; examples: {', '.join(sorted(EXAMPLES))}."
        ) from None
    return (files(package) / "examples" / filename).read_text(encoding="utf-8")
