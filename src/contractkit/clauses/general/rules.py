"""The consistency rules of the ``general`` pack (codes ``CK-GEN-NNN``).

Each rule reads the validated spec and the selected clauses and yields a
violation for every place it is broken. The docstring of each check is the
rule's documentation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal

from contractkit.clauses.general import pack
from contractkit.clauses.pack import ClausePack, clause_ids
from contractkit.models import Role
from contractkit.plugins import pack_chain
from contractkit.rules import RuleContext, Violation

__all__: list[str] = []

_HIGH_LATE_FEE = Decimal(5)
_TERM_NAME = re.compile(r"^[^\[\]{}\\*|]+$")
_RESERVED_TERMS = frozenset(
    {"Agreement", "Effective Date", "Services", "Fees", "Due Date", "Term"}
)
_LEADING_WORDS = re.compile(r"^(the\s+)?((state|commonwealth|province)\s+of\s+)?")


def _named_roles(ctx: RuleContext) -> list[Role]:
    """Return the roles the selected clauses name, provider first."""
    roles = _clause_roles(tuple(pack_chain(ctx.contract.pack)))
    named: set[Role] = set()
    for clause_id in ctx.clause_ids:
        named.update(roles.get(clause_id, ()))
    return [role for role in ("provider", "client") if role in named]


@functools.lru_cache(maxsize=32)
def _clause_roles(chain: tuple[ClausePack, ...]) -> dict[str, tuple[Role, ...]]:
    """Return the roles each clause of ``chain`` names, by namespaced id."""
    return {
        full_id: tuple(clause.roles)
        for full_id, (_, clause) in clause_ids(chain).items()
    }


@pack.rule("CK-GEN-001", "error", "Every party a clause names is fully identified")
def parties_identified(ctx: RuleContext) -> Iterator[Violation]:
    """Each role a selected clause names resolves to a fully identified party.

    A clause that names the provider or the client (as indemnitor, business
    associate or payer, say) is only enforceable against a party the
    agreement identifies: its legal name, its legal form (entity type) and an
    address where notices reach it, both postal and email. The preamble and
    the notices clause print these fields, so a gap would leave the contract
    silent on who is bound and where notices go.
    """
    fields = (
        ("entity_type", "its legal form (entity type)"),
        ("address", "a notice address"),
        ("notice_email", "a notice email address"),
    )
    for role in _named_roles(ctx):
        party = ctx.contract.party(role)
        for name, what in fields:
            if getattr(party, name) is None:
                yield Violation(
                    path=f"{role}.{name}",
                    message=(
                        f"The agreement names the {role} in its clauses but does "
                        f"not state {what}."
                    ),
                    hint=f"Set '{role}.{name}'.",
                )


@pack.rule("CK-GEN-002", "error", "An indemnity runs between different parties")
def indemnity_parties_differ(ctx: RuleContext) -> Iterator[Violation]:
    """The indemnitor and the indemnitee of an indemnity are different parties.

    A party cannot usefully promise to cover its own losses; an indemnity
    whose indemnitor and indemnitee are the same party is a drafting error
    and has no effect.
    """
    indemnity = ctx.contract.liability.indemnity
    if indemnity is not None and indemnity.indemnitor == indemnity.indemnitee:
        yield Violation(
            path="liability.indemnity.indemnitee",
            message=(f"The indemnity has the {indemnity.indemnitor} indemnify itself."),
            hint=(
                "Set 'liability.indemnity.indemnitor' and "
                "'liability.indemnity.indemnitee' to different roles."
            ),
        )


@pack.rule("CK-GEN-003", "error", "Every liability cap states its amount")
def caps_have_amounts(ctx: RuleContext) -> Iterator[Violation]:
    """Each cap the agreement relies on has an amount, and the indemnity's is clear.

    A fixed general cap needs ``liability.cap.amount``. Where the agreement
    has both an indemnity and a cap it must say which cap limits the
    indemnity: an indemnity with its own cap (``cap: own``) needs
    ``own_cap_amount``, and one subject to the general cap (``cap:
    general``) needs a general cap to exist. Without these the limitation
    clause would refer to an amount nobody agreed.
    """
    cap = ctx.contract.liability.cap
    indemnity = ctx.contract.liability.indemnity
    if cap is not None and cap.basis == "fixed" and cap.amount is None:
        yield Violation(
            path="liability.cap.amount",
            message="The liability cap is a fixed amount, but no amount is given.",
            hint="Set 'liability.cap.amount', or use 'basis: fees_paid'.",
        )
    if indemnity is None:
        return

    if indemnity.cap == "own" and indemnity.own_cap_amount is None:
        yield Violation(
            path="liability.indemnity.own_cap_amount",
            message="The indemnity has its own cap, but no amount is given.",
            hint=(
                "Set 'liability.indemnity.own_cap_amount', or set "
                "'liability.indemnity.cap' to 'general' or 'uncapped'."
            ),
        )
    if indemnity.cap == "general" and cap is None:
        yield Violation(
            path="liability.indemnity.cap",
            message=(
                "The indemnity is said to be subject to the general liability "
                "cap, but the agreement has no general cap."
            ),
            hint=(
                "Set 'liability.cap', or set 'liability.indemnity.cap' to "
                "'own' or 'uncapped'."
            ),
        )


@pack.rule("CK-GEN-004", "warning", "The liability cap excludes fraud and misconduct")
def cap_excludes_misconduct(ctx: RuleContext) -> Iterator[Violation]:
    """The general liability cap leaves fraud and wilful misconduct unlimited.

    Courts in most jurisdictions refuse to enforce a cap on liability for a
    party's own fraud or wilful misconduct, and a cap that tries to may cast
    doubt on the rest of the limitation clause. The cap should list both in
    ``excluded``.
    """
    cap = ctx.contract.liability.cap
    if cap is None:
        return
    for exclusion, words in (
        ("fraud", "fraud"),
        ("wilful_misconduct", "wilful misconduct"),
    ):
        if exclusion not in cap.excluded:
            yield Violation(
                path="liability.cap.excluded",
                message=f"The liability cap would also limit liability for {words}.",
                hint=f"Add '{exclusion}' to 'liability.cap.excluded'.",
            )


@pack.rule("CK-GEN-005", "error", "A late fee has a positive monthly rate")
def late_fee_positive(ctx: RuleContext) -> Iterator[Violation]:
    """A late fee's monthly rate is above 0 % and at most 100 %.

    A rate of zero or below charges nothing (or pays the late payer), and a
    rate above 100 % a month is a penalty no court enforces; either way the
    late-fee clause would be wrong as written.
    """
    late_fee = ctx.contract.payment.late_fee
    if late_fee is None:
        return
    rate = late_fee.percent_per_month
    if rate <= 0 or rate > 100:
        yield Violation(
            path="payment.late_fee.percent_per_month",
            message=f"The late fee of {rate} % a month is not a usable rate.",
            hint=(
                "Set 'payment.late_fee.percent_per_month' to a rate such as "
                "'1.5', or remove 'payment.late_fee'."
            ),
        )


@pack.rule("CK-GEN-006", "warning", "A late fee is not unusually high")
def late_fee_not_high(ctx: RuleContext) -> Iterator[Violation]:
    """A late fee above 5 % a month is flagged as likely a mistake.

    Five per cent a month is 60 % a year, beyond the usury limits of many
    jurisdictions; a rate this high is usually a yearly rate entered as a
    monthly one.
    """
    late_fee = ctx.contract.payment.late_fee
    if late_fee is not None and _HIGH_LATE_FEE < late_fee.percent_per_month <= 100:
        yield Violation(
            path="payment.late_fee.percent_per_month",
            message=(
                f"The late fee of {late_fee.percent_per_month} % a month is "
                "unusually high."
            ),
            hint=(
                "Check that 'payment.late_fee.percent_per_month' is a monthly, "
                "not a yearly, rate."
            ),
        )


@pack.rule("CK-GEN-007", "warning", "A late fee falls back to the lawful maximum")
def late_fee_lawful(ctx: RuleContext) -> Iterator[Violation]:
    """A late fee falls back to the highest rate the law allows.

    Interest above the lawful maximum can make the whole late-fee provision
    void, and in some jurisdictions exposes the party charging it to
    penalties. Saying that the rate is reduced to the lawful maximum keeps
    the clause enforceable wherever it is read.
    """
    late_fee = ctx.contract.payment.late_fee
    if late_fee is not None and not late_fee.capped_at_lawful_maximum:
        yield Violation(
            path="payment.late_fee.capped_at_lawful_maximum",
            message="The late fee does not fall back to the highest lawful rate.",
            hint="Set 'payment.late_fee.capped_at_lawful_maximum' to true.",
        )


@pack.rule("CK-GEN-008", "warning", "Invoices are disputed within the payment period")
def dispute_within_payment_period(ctx: RuleContext) -> Iterator[Violation]:
    """The period to dispute an invoice is no longer than the period to pay it.

    Undisputed amounts are due at the end of the payment period. A dispute
    period that runs past it lets the client dispute an invoice it has
    already had to pay, which invites claw-back arguments.
    """
    payment = ctx.contract.payment
    days = payment.dispute_period_days
    if days is not None and days > payment.payment_period_days:
        yield Violation(
            path="payment.dispute_period_days",
            message=(
                f"Invoices may be disputed for {days} days but must be paid "
                f"within {payment.payment_period_days} days."
            ),
            hint=(
                "Set 'payment.dispute_period_days' to at most "
                "'payment.payment_period_days', or leave it unset."
            ),
        )


@pack.rule("CK-GEN-009", "warning", "Termination has notice and cure periods")
def termination_periods(ctx: RuleContext) -> Iterator[Violation]:
    """Termination has a convenience notice period and a cure period.

    Without a convenience notice period neither party can leave an agreement
    that no longer works except by alleging breach; without a cure period a
    single, fixable breach ends the agreement at once. Both are usually a
    mistake.
    """
    termination = ctx.contract.term.termination
    if termination.convenience_notice_days is None:
        yield Violation(
            path="term.termination.convenience_notice_days",
            message="Neither party can terminate the agreement for convenience.",
            hint="Set 'term.termination.convenience_notice_days', such as 30.",
        )
    if termination.cure_period_days is None:
        yield Violation(
            path="term.termination.cure_period_days",
            message="A party in breach has no period to cure the breach.",
            hint="Set 'term.termination.cure_period_days', such as 15.",
        )


@pack.rule("CK-GEN-010", "warning", "Termination returns or destroys confidential data")
def termination_returns_information(ctx: RuleContext) -> Iterator[Violation]:
    """The end of the agreement triggers return or destruction of information.

    Information kept after the agreement ends stays a confidentiality risk
    for both parties, and for regulated data (health, payment, personal
    data) keeping it may breach the law. The confidentiality clause should
    require its return or destruction.
    """
    if not ctx.contract.confidentiality.return_or_destroy:
        yield Violation(
            path="confidentiality.return_or_destroy",
            message=(
                "Confidential information is neither returned nor destroyed "
                "when the agreement ends."
            ),
            hint="Set 'confidentiality.return_or_destroy' to true.",
        )


@pack.rule("CK-GEN-011", "warning", "The courts sit where the governing law applies")
def courts_match_law(ctx: RuleContext) -> Iterator[Violation]:
    """The courts' jurisdiction agrees with the governing law.

    Courts of one jurisdiction applying another's law is possible but slow
    and costly, and is usually a mistake in the spec. When
    ``governing_law.courts_jurisdiction`` is set it is compared with
    ``governing_law.jurisdiction``, ignoring a leading "the" and "State of";
    they agree when one name contains the other (``Germany`` and ``the
    Federal Republic of Germany``).
    """
    law = ctx.contract.governing_law
    yield from _place_agrees(
        "courts_jurisdiction", law.courts_jurisdiction, law.jurisdiction, "courts sit"
    )


@pack.rule("CK-GEN-015", "warning", "The arbitration seat agrees with the law")
def arbitration_seat_matches_law(ctx: RuleContext) -> Iterator[Violation]:
    """The seat of arbitration lies in the governing law's jurisdiction.

    An arbitration seated under one jurisdiction's procedural law while the
    agreement is governed by another's is possible but needs care, and in a
    spec it is usually a slip. The seat, ignoring a leading "the" and
    "State of", should name the jurisdiction of ``governing_law``.
    """
    law = ctx.contract.governing_law
    yield from _place_agrees(
        "arbitration_seat",
        law.arbitration_seat,
        law.jurisdiction,
        "arbitration is seated",
    )


def _place_agrees(
    field: str, place: str | None, jurisdiction: str, what: str
) -> Iterator[Violation]:
    """Flag ``governing_law.<field>`` when it names another jurisdiction."""
    if place is None or _same_place(place, jurisdiction):
        return
    yield Violation(
        path=f"governing_law.{field}",
        message=(
            f"The {what} in {place!r} but the agreement is governed by the law "
            f"of {jurisdiction!r}."
        ),
        hint=(
            f"Choose a 'governing_law.{field}' in the governing law's "
            "jurisdiction, or change 'governing_law.jurisdiction'."
        ),
    )


@pack.rule("CK-GEN-016", "warning", "The locale writes the clauses' language")
def locale_matches_language(ctx: RuleContext) -> Iterator[Violation]:
    """The locale's language is one the clause text is written in.

    The locale decides how dates, numbers and money are written, and the
    language a DOCX marks its text with; it does not translate the clauses.
    A ``de_DE`` locale in an English contract writes "1. März 2026" and
    "12.500 charts" into English sentences, which a reader can misread. A
    locale such as ``en_DE`` keeps the English words with the country's
    conventions for money.
    """
    from contractkit.plugins import load_pack

    locale = ctx.contract.document.locale.replace("-", "_")
    language = locale.split("_", 1)[0]
    languages = load_pack(ctx.contract.pack).languages
    if language not in languages:
        territory = locale.split("_", 1)[1] if "_" in locale else ""
        better = f"{languages[0]}_{territory}" if territory else languages[0]
        yield Violation(
            path="document.locale",
            message=(
                f"The clauses are written in {', '.join(languages)}, but the "
                f"locale {locale!r} writes dates and numbers for another language."
            ),
            hint=f"Use a locale of the clauses' language, such as {better!r}.",
        )


def _same_place(inner: str, outer: str) -> bool:
    """Tell whether one jurisdiction's name contains the other's.

    ``Florida`` matches ``the State of Florida`` and ``Tampa, Florida``;
    ``Germany`` matches ``the Federal Republic of Germany``.
    """
    first, second = _place(inner), _place(outer)
    return bool(first and second) and (first in second or second in first)


def _place(name: str) -> str:
    """Normalise a jurisdiction's name for comparison."""
    return _LEADING_WORDS.sub("", name.strip().lower()).strip()


@pack.rule("CK-GEN-012", "warning", "An automatic renewal has a term to renew")
def renewal_has_term(ctx: RuleContext) -> Iterator[Violation]:
    """Automatic renewal needs a fixed initial term.

    An agreement that runs until the services are complete has no period to
    renew, so ``auto_renew`` has no effect and the spec probably meant to set
    ``initial_months``.
    """
    term = ctx.contract.term
    if term.auto_renew and term.initial_months is None:
        yield Violation(
            path="term.auto_renew",
            message=(
                "The agreement renews automatically but has no initial term to renew."
            ),
            hint="Set 'term.initial_months', or set 'term.auto_renew' to false.",
        )


@pack.rule("CK-GEN-013", "error", "The parties' short names are usable terms")
def short_names_usable(ctx: RuleContext) -> Iterator[Violation]:
    r"""Each party's ``short_name`` can serve as its defined term.

    The short name becomes the defined term the whole contract uses for the
    party, so it must differ from the other party's and from the terms the
    agreement defines itself (such as "Agreement" and "Services"), and it
    must not contain the characters ``[ ] { } * | \`` that clause markup
    reserves.
    """
    names: dict[Role, str] = {}
    for role in ("provider", "client"):
        party = ctx.contract.party(role)
        names[role] = party.short_name or role.title()
        if party.short_name is None:
            continue
        if not _TERM_NAME.match(party.short_name):
            yield Violation(
                path=f"{role}.short_name",
                message=(
                    f"The {role}'s short name {party.short_name!r} contains a "
                    "character that cannot appear in a defined term."
                ),
                hint=f"Remove [ ] {{ }} * | and \\ from '{role}.short_name'.",
            )
        elif party.short_name in _RESERVED_TERMS:
            yield Violation(
                path=f"{role}.short_name",
                message=(
                    f"The {role}'s short name {party.short_name!r} is already "
                    "a defined term of the agreement."
                ),
                hint=f"Choose another '{role}.short_name'.",
            )
    if names["provider"] == names["client"]:
        yield Violation(
            path="client.short_name",
            message=f"Both parties are called {names['client']!r} in the text.",
            hint="Give the parties different values of 'short_name'.",
        )


@pack.rule("CK-GEN-014", "error", "An indemnity in the spec is drafted by a clause")
def indemnity_drafted(ctx: RuleContext) -> Iterator[Violation]:
    """An indemnity set in the spec is written out by one of the selected clauses.

    The ``general`` pack has no indemnity clause of its own: the pack that
    extends it drafts the indemnity its profession needs, in a clause named
    ``indemnity``. An indemnity in the spec that no selected clause drafts
    would be silently left out of the contract, while the limitation of
    liability still refers to it.
    """
    if ctx.contract.liability.indemnity is None:
        return
    if not any(clause_id.endswith(".indemnity") for clause_id in ctx.clause_ids):
        yield Violation(
            path="liability.indemnity",
            message=(
                "The spec sets an indemnity, but no clause of this contract drafts one."
            ),
            hint=(
                "Remove 'liability.indemnity', or use a clause pack that has an "
                "'indemnity' clause, such as 'medical_coding'."
            ),
        )
