"""The ``general`` clause pack: what any service agreement needs.

It holds the parts every profession shares: the parties, the relationship,
payment mechanics, term and termination, confidentiality, the limitation of
liability, governing law, notices and the general terms. Other packs extend
it and add their own clauses around these.

Its templates, and those of every pack that extends it, name the parties
through two variables, so that a spec's ``short_name`` is used everywhere:
``{{ Provider }}`` and ``{{ Client }}`` print a use of the party's defined
term, ``party_term[role]`` does the same for a role held in a variable, and
``define[role]`` prints the term's definition (the preamble does this).

A pack that extends this one and adds an indemnity names that clause
``indemnity``; the limitation of liability then refers to it by number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contractkit.clauses.pack import Clause, ClausePack
from contractkit.clauses.templating import Markup
from contractkit.models import Contract, Role

__all__ = ["pack"]

_ROLES: tuple[Role, ...] = ("provider", "client")


class _GeneralPack(ClausePack):
    """The general pack: a :class:`ClausePack` that names the parties."""

    def variables(self, contract: Contract) -> Mapping[str, Any]:
        """Return the party-term variables the templates print.

        Each value is clause markup for the party's defined term: its
        ``short_name``, or the role's name when that is unset. Rule
        CK-GEN-013 rejects a short name the markup cannot hold before any
        template runs.
        """
        names = {role: _term_name(contract, role) for role in _ROLES}
        uses = {role: Markup(f"{{{name}}}") for role, name in names.items()}
        return {
            "Provider": uses["provider"],
            "Client": uses["client"],
            "party_term": uses,
            "define": {role: Markup(f"[={name}]") for role, name in names.items()},
        }


def _term_name(contract: Contract, role: Role) -> str:
    """Return how the party in ``role`` is called in the text."""
    return contract.party(role).short_name or role.title()


pack: ClausePack = _GeneralPack(
    "general",
    "1.0.0",
    description="The terms every services agreement needs.",
    package=__name__,
    default_title="Services Agreement",
    provides=("Provider", "Client", "party_term", "define"),
    sample_spec="consulting.yaml",
    signature_intro=(
        "Each party has signed this Agreement by its authorized representative. "
        "Electronic signatures are binding, and the Agreement may be signed in "
        "counterparts."
    ),
    clauses=[
        Clause("preamble", "Parties", "preamble.j2", kind="preamble"),
        Clause(
            "interpretation",
            "Interpretation",
            "interpretation.j2",
            optional=True,
            roles=(),
        ),
        Clause("services", "Services", "services.j2"),
        Clause(
            "relationship", "Independent Contractor Relationship", "relationship.j2"
        ),
        Clause("payment", "Invoicing and Payment", "payment.j2"),
        Clause("confidentiality", "Confidentiality", "confidentiality.j2"),
        Clause(
            "warranties", "Warranties and Disclaimer", "warranties.j2", optional=True
        ),
        Clause("liability", "Limitation of Liability", "liability.j2"),
        Clause("term", "Term and Termination", "term.j2"),
        Clause("law", "Governing Law and Disputes", "law.j2", roles=()),
        Clause("notices", "Notices", "notices.j2"),
        Clause("general_terms", "General Terms", "general_terms.j2"),
    ],
    order=[
        "general.preamble",
        "general.interpretation",
        "general.services",
        "general.relationship",
        "general.payment",
        "general.confidentiality",
        "general.warranties",
        "general.liability",
        "general.term",
        "general.law",
        "general.notices",
        "general.general_terms",
    ],
)
"""The built-in ``general`` pack, registered through its entry point."""

from contractkit.clauses.general import rules as _rules  # noqa: E402, F401
