"""The ``translation`` clause pack: a Translation Services Agreement.

A freelance translator (the provider) translates texts for a client. The
pack extends ``general`` with the language pairs, per-word fees, rush jobs,
certified translations and machine-assisted translation. Its spec section
is :class:`Translation`, under the key ``translation``.
"""

from __future__ import annotations

from contractkit import Clause, ClausePack
from contractkit.models import Contract
from contractkit_translation.models import Translation

__all__ = ["Translation", "pack"]


def _section(contract: Contract) -> Translation | None:
    """Return the spec's ``translation`` section, if it has one."""
    return contract.extension(Translation)


def _has_section(contract: Contract) -> bool:
    return _section(contract) is not None


def _has_rush(contract: Contract) -> bool:
    section = _section(contract)
    return section is not None and section.rush is not None


def _has_certification(contract: Contract) -> bool:
    section = _section(contract)
    return section is not None and section.certification is not None


pack = ClausePack(
    "translation",
    "1.0.0",
    description="A Translation Services Agreement for freelance translators.",
    package=__name__,
    extends=("general",),
    spec_extension=Translation,
    default_title="Translation Services Agreement",
    sample_spec="sample.yaml",
    clauses=[
        Clause("scope", "Translation Services", "scope.j2", applies=_has_section),
        Clause("fees", "Fees", "fees.j2", applies=_has_section),
        Clause(
            "rush",
            "Rush Jobs",
            "rush.j2",
            optional=True,
            applies=_has_rush,
            requires=("translation.fees",),
        ),
        Clause(
            "certification",
            "Certified Translations",
            "certification.j2",
            applies=_has_certification,
        ),
        Clause(
            "machine_assisted",
            "Machine-Assisted Translation",
            "machine_assisted.j2",
            optional=True,
            default_on=False,
            applies=_has_section,
            excludes=("translation.certification",),
        ),
    ],
    order=[
        "general.preamble",
        "general.interpretation",
        "general.services",
        "general.relationship",
        "translation.scope",
        "translation.fees",
        "translation.rush",
        "general.payment",
        "translation.certification",
        "translation.machine_assisted",
        "general.confidentiality",
        "general.warranties",
        "general.liability",
        "general.term",
        "general.law",
        "general.notices",
        "general.general_terms",
    ],
)
"""The ``translation`` pack, registered through its entry point."""

from contractkit_translation import rules as _rules  # noqa: E402, F401
