"""Fixtures for the rule tests: small packs that plant problems to find."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import contractkit as ck
from contractkit import plugins
from contractkit.clauses.medical_coding import pack as medical_coding
from contractkit.clauses.pack import Clause, ClausePack
from tests.support import DELETE, EXAMPLE, SpecFactory


@pytest.fixture(scope="session")
def example_codes() -> set[str]:
    """The codes the unchanged example reports, to check each rule against."""
    return set(ck.compose(ck.load(EXAMPLE)).report.codes())


PlantedPack = Callable[..., ClausePack]
"""The type of the ``planted_pack`` fixture."""


@pytest.fixture
def planted_pack(tmp_path: Path) -> Iterator[PlantedPack]:
    """Register pack ``lint`` on ``general`` with one last clause, ``planted``.

    ``planted_pack(template, title="Planted")`` writes the clause's template
    and registers the pack; the registry is reset afterwards.
    """
    folder = tmp_path / "templates"
    folder.mkdir()

    def build(template: str, title: str = "Planted") -> ClausePack:
        (folder / "planted.j2").write_text(template, encoding="utf-8")
        pack = ClausePack(
            "lint",
            "0.1.0",
            description="A pack that plants drafting problems for the lint.",
            extends=("general",),
            clauses=[Clause("planted", title, "planted.j2")],
            templates=folder,  # type: ignore[arg-type]
        )
        plugins.register_pack(pack)
        return pack

    yield build
    plugins.reset()


@pytest.fixture
def planted_spec(spec: SpecFactory) -> Callable[..., dict[str, Any]]:
    """Build the example as a spec of pack ``lint``, with dotted-path changes.

    The medical coding section and the indemnity go, since pack ``lint`` has
    no clause that drafts them.
    """

    def build(changes: dict[str, Any] | None = None) -> dict[str, Any]:
        return spec(
            {
                "pack": "lint",
                "medical_coding": DELETE,
                "liability.indemnity": DELETE,
                **(changes or {}),
            }
        )

    return build


@pytest.fixture
def medical_coding_variant() -> Iterator[Callable[[str], ClausePack]]:
    """Register pack ``variant`` on ``medical_coding`` without one of its clauses.

    ``medical_coding_variant("medical_coding.precedence")`` keeps every other
    clause in the medical coding order; the registry is reset afterwards.
    """

    def build(left_out: str) -> ClausePack:
        pack = ClausePack(
            "variant",
            "0.1.0",
            description="Medical coding without one clause.",
            extends=("medical_coding",),
            clauses=[],
            order=[cid for cid in medical_coding.order if cid != left_out],
        )
        plugins.register_pack(pack)
        return pack

    yield build
    plugins.reset()
