"""The example specs a new user starts from: each pack's sample spec."""

from __future__ import annotations

from contractkit.errors import ContractkitError, PackNotFoundError
from contractkit.plugins import available_packs, load_pack

__all__ = ["UnknownExampleError", "example_names", "example_spec"]


class UnknownExampleError(ContractkitError, LookupError):
    """No installed pack ships an example of the requested name."""


def example_names() -> list[str]:
    """Return the example names: packs with a sample spec, with hyphens."""
    return sorted(
        name.replace("_", "-")
        for name, pack in available_packs().items()
        if pack.sample_spec is not None
    )


def example_spec(name: str) -> str:
    """Return the sample spec of the pack called ``name`` (``medical-coding``).

    Raises:
        UnknownExampleError: no installed pack of that name has a sample spec.
    """
    try:
        text = load_pack(name.replace("-", "_")).sample_spec_text()
    except PackNotFoundError:
        text = None
    if text is None:
        raise UnknownExampleError(
            f"There is no example {name!r}; examples: "
            f"{', '.join(example_names()) or 'none'}."
        )
    return text
